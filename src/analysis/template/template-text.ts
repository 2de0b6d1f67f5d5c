/**
 * A CloudFormation template's text as a value: JSON, or YAML with CloudFormation's short-form intrinsic functions
 * (`!Ref Name` is `{ "Ref": "Name" }`, `!Sub ...` is `{ "Fn::Sub": ... }`, `!GetAtt A.Arn` is
 * `{ "Fn::GetAtt": ["A", "Arn"] }`), so that a StackSet's YAML `TemplateBody` is judged like a JSON one.
 *
 * Pure; the YAML parser is loaded only when a text is not JSON.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import type { CollectionTag, ScalarTag, YAMLMap, YAMLSeq } from 'yaml';

// The functions with a `!Name` short form whose long form is `Fn::Name` (Ref and Condition have no `Fn::`).
const FUNCTIONS = ['And', 'Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAZs', 'If', 'ImportValue', 'Join', 'Not', 'Or',
  'Select', 'Split', 'Sub', 'Transform'];

let tags: (ScalarTag | CollectionTag)[] | undefined;

/** The template, or undefined when the text is neither JSON nor YAML without errors (duplicate keys included). */
export function parseTemplateText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // not JSON: YAML, perhaps
  }
  return readYamlTemplate(text).value;
}

/** A YAML text read as a template: its value (a mapping), or why it could not be read. */
export interface YamlTemplate {
  readonly value?: object;
  /** The first error, with its 0-based offset in the text when the parser gives one. */
  readonly error?: { readonly message: string; readonly offset?: number };
}

/**
 * Reads YAML with CloudFormation's short forms. A duplicate key is an error: the parse would keep one of two values,
 * and the one dropped is what a reader of the file may take for the policy.
 */
export function readYamlTemplate(text: string): YamlTemplate {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('yaml') as typeof import('yaml');
  try {
    const document = yaml.parseDocument(text, { customTags: shortForms(), uniqueKeys: true, prettyErrors: false });
    const [first] = document.errors;
    if (first) return { error: { message: first.message.split('\n')[0], offset: first.pos[0] } };
    const value = document.toJS({ maxAliasCount: 100 });
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { error: { message: `the document is ${Array.isArray(value) ? 'a list' : value === null ? 'empty' : `a ${typeof value}`}, not a mapping` } };
    }
    return { value };
  } catch (err) {
    return { error: { message: (err as Error).message.split('\n')[0] } };
  }
}

/** A tag per short form and node kind: `!Sub text`, `!Sub [text, { vars }]`, `!If [...]`, `!Transform { ... }`. */
function shortForms(): (ScalarTag | CollectionTag)[] {
  if (tags) return tags;
  const longForm = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);
  const made: (ScalarTag | CollectionTag)[] = [];
  for (const name of [...FUNCTIONS, 'Ref', 'Condition', 'GetAtt']) {
    const key = longForm(name);
    made.push({
      tag: `!${name}`,
      // `!GetAtt Resource.Attribute` is the one short form whose scalar is split.
      resolve: (value: string) => ({ [key]: name === 'GetAtt' ? splitAttribute(value) : value }),
    } as ScalarTag);
    for (const collection of ['seq', 'map'] as const) {
      made.push({
        tag: `!${name}`,
        collection,
        resolve: (node: YAMLSeq | YAMLMap) => ({ [key]: node.toJSON() }),
      } as unknown as CollectionTag);
    }
  }
  tags = made;
  return made;
}

function splitAttribute(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}
