// A YAML parser for the tests only. `yaml` is not a declared devDependency: it is in node_modules through projen
// (and commit-and-tag-version). Declaring it in .projenrc.ts would remove this eslint exception.
// eslint-disable-next-line import/no-extraneous-dependencies
import { parseDocument } from 'yaml';

/** Parses YAML the strict way (duplicate keys and other errors throw) and returns the plain value. */
export function parseYaml(text: string): any {
  const document = parseDocument(text, { uniqueKeys: true, strict: true, prettyErrors: true });
  if (document.errors.length > 0) throw new Error(`Invalid YAML: ${document.errors.map((e) => e.message).join('; ')}\n${text}`);
  if (document.warnings.length > 0) throw new Error(`YAML warnings: ${document.warnings.map((e) => e.message).join('; ')}\n${text}`);
  return document.toJS();
}

/** The one job of a snippet. */
export function jobOf(text: string): any {
  const parsed = parseYaml(text);
  const ids = Object.keys(parsed.jobs);
  if (ids.length !== 1) throw new Error(`expected one job, got ${ids.join(', ')}`);
  return parsed.jobs[ids[0]];
}
