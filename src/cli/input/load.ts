/**
 * Reads the inputs named on the command line (files or cdk.out directories), each once, into roles.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodePolicyText } from '../../analysis/policy/document';
import { CliError } from '../cli-error';
import { templatesOfAssembly } from './cdk-out';
import { InputFile, lineOf, parseJsonText, readTextFile } from './json-file';
import { RoleInput, rolesOfFile } from './roles';
import { EXPECTED_ROLE_INPUT } from './shapes';
import { readYamlTemplate } from '../../analysis/template/template-text';
import { printable } from '../output/printable';

/** The roles of one input path and the files read for it. */
export interface LoadedInput {
  readonly path: string;
  readonly files: string[];
  readonly roles: RoleInput[];
}

/** Reads one input path: a JSON file of any accepted shape, or a cdk.out directory. */
export function loadInput(path: string): LoadedInput {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file or directory' : code ?? (err as Error).message}; expected ${EXPECTED_ROLE_INPUT}`);
  }
  if (isDirectory) {
    const files = templatesOfAssembly(path);
    const roles = files.flatMap((file) => rolesOfFile(readRoleInput(file), false));
    return { path, files, roles };
  }
  return { path, files: [path], roles: rolesOfFile(readRoleInput(path)) };
}

/**
 * The inputs one command-line path stands for: a file; a cdk.out directory (it has a manifest or templates); or a
 * directory of exports, one per account, or of templates, whose `.json`, `.yaml` and `.yml` files are read one by one.
 */
export function expandInput(path: string): string[] {
  let entries: string[];
  try {
    if (!statSync(path).isDirectory()) return [path];
    entries = readdirSync(path);
  } catch {
    return [path]; // loadInput names the problem
  }
  if (entries.includes('manifest.json') || entries.some((name) => name.endsWith('.template.json') || name.startsWith('assembly-'))) return [path];
  const files = entries.filter((name) => /\.(json|ya?ml)$/i.test(name)).sort().map((name) => join(path, name));
  if (files.length === 0) {
    throw new CliError(`${path} is a directory without .json, .yaml or .yml files: expected a cdk.out directory, or a directory ` +
      'of IAM exports (one per account) or CloudFormation templates');
  }
  return files;
}

/**
 * Reads an input file: JSON, or YAML (a CloudFormation template as teams write them by hand, short forms such as `!Sub`
 * included, or an export made with `--output yaml`); a file holding a URL-encoded policy (as IAM returns it) is
 * decoded first.
 */
export function readRoleInput(path: string): InputFile {
  const raw = readTextFile(path, EXPECTED_ROLE_INPUT);
  const text = /^\s*%7B/i.test(raw) ? decodePolicyText(raw) : raw;
  if (isYamlText(path, text)) {
    const { value, error } = readYamlTemplate(text);
    if (error) {
      throw new CliError(`${path} is not readable YAML${error.offset === undefined ? '' : ` at line ${lineOf(text, error.offset)}`} (${printable(error.message, 100)}): ` +
        `expected ${EXPECTED_ROLE_INPUT}`);
    }
    return { path, text, value, format: 'yaml' };
  }
  return { path, text, value: parseJsonText(path, text, EXPECTED_ROLE_INPUT), format: 'json' };
}

// Extensions of YAML files; any other file is YAML when its text cannot begin JSON (a comment, a key, `---`).
const YAML_EXTENSIONS = /\.(ya?ml|template)$/i;

function isYamlText(path: string, text: string): boolean {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  if (first === '{' || first === '[') return false;
  return YAML_EXTENSIONS.test(path) || (first !== undefined && /^[-#A-Za-z_"']/.test(first));
}
