/**
 * A template's parameter defaults as a way the trust policy is deployed. CloudFormation deploys a parameter's
 * `Default` when the stack is made without a value for it. A reader that takes every parameter for unknown says a
 * `sub` of `repo:acme/${Repo}:...` "cannot be checked" (a warning) even when `Repo` defaults to `*`, as in
 * configure-aws-credentials' own sample template: deployed as it stands, every repository of the owner, on every
 * branch, assumes the role.
 *
 * So a policy that reads a `String` or `Number` parameter with a `Default` (`Ref`, or `${Name}` in `Fn::Sub`) makes
 * one choice more (policy/conditional.ts): the parameters take their defaults, or are given at deploy (unknown, read
 * as before). One choice for all of them, not one per parameter: a stack made without values takes every default,
 * and a value given at deploy is read as a placeholder that admits nothing a wildcard would, so the two readings
 * between them find what any mix of the two would.
 *
 * A parameter with `AllowedValues` can only be deployed with one of them: each is a way of its own (a choice per such
 * parameter, `parameter Branch is "*"`), within a budget of ways (conditional.ts); past it, the parameters' values
 * that widen the policy (a wildcard, a policy variable) are judged together in one way more, since a stack may be
 * deployed with any of them.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 */
import { soleValue } from './intrinsic-shape';

/**
 * Where the defaults travel with a template's `Mappings` (TemplateMappings): a mapping's name in a template is
 * alphanumeric, so no template's own mapping has this name.
 */
export const PARAMETER_DEFAULTS = 'Parameter::Defaults';

/** Where the allowed values travel, beside the defaults. */
export const PARAMETER_ALLOWED_VALUES = 'Parameter::AllowedValues';

/** Parameter name -> a value (its default, or one it is deployed with), as text (a Number's too: Ref gives a string). */
export type ParameterValues = { readonly [name: string]: string };

/** Parameter name -> its allowed values, as text. */
export type ParameterAllowedValues = { readonly [name: string]: readonly string[] };

/**
 * What a template's `Parameters` tell about the values a policy can read, as entries to carry with its mappings
 * (PARAMETER_DEFAULTS, PARAMETER_ALLOWED_VALUES); empty when nothing.
 */
export function parameterEntries(parameters: unknown): { [map: string]: unknown } {
  const entries: { [map: string]: unknown } = {};
  const defaults = parameterDefaultsOf(parameters);
  if (defaults) entries[PARAMETER_DEFAULTS] = defaults;
  const allowed = parameterAllowedValuesOf(parameters);
  if (allowed) entries[PARAMETER_ALLOWED_VALUES] = allowed;
  return entries;
}

/** The allowed values of a template's text parameters (String, Number); undefined when none lists them. */
export function parameterAllowedValuesOf(parameters: unknown): ParameterAllowedValues | undefined {
  const allowed: { [name: string]: string[] } = {};
  for (const [name, declared] of textParameters(parameters)) {
    const values = (declared as { AllowedValues?: unknown }).AllowedValues;
    // However many: past the ways judged one by one, those that widen the policy are judged together (conditional.ts).
    if (!Array.isArray(values) || values.length === 0) continue;
    if (values.every((value) => typeof value === 'string' || typeof value === 'number')) allowed[name] = values.map(String);
  }
  return Object.keys(allowed).length > 0 ? allowed : undefined;
}

/** The parameters whose value a policy can read as text: `String` and `Number` (not lists, not SSM types). */
function textParameters(parameters: unknown): [string, object][] {
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) return [];
  return Object.entries(parameters as { [name: string]: unknown }).filter((entry): entry is [string, object] => {
    const declared = entry[1];
    if (declared === null || typeof declared !== 'object') return false;
    // A list, or an SSM parameter type (whose Default names the SSM parameter, not its value): not read here.
    const type = (declared as { Type?: unknown }).Type;
    return type === 'String' || type === 'Number';
  });
}

/** The defaults of a template's `Parameters` that a policy can read as text; undefined when there are none. */
export function parameterDefaultsOf(parameters: unknown): ParameterValues | undefined {
  const defaults: { [name: string]: string } = {};
  for (const [name, declared] of textParameters(parameters)) {
    const fallback = (declared as { Default?: unknown }).Default;
    if (typeof fallback === 'string' || typeof fallback === 'number') defaults[name] = String(fallback);
  }
  return Object.keys(defaults).length > 0 ? defaults : undefined;
}

/** The defaults carried by a template's mappings (see PARAMETER_DEFAULTS), when they are well-formed. */
export function carriedDefaults(mappings: unknown): ParameterValues | undefined {
  const defaults = carried(mappings, PARAMETER_DEFAULTS);
  return defaults && Object.values(defaults).every((value) => typeof value === 'string') ? defaults as ParameterValues : undefined;
}

/** The allowed values carried by a template's mappings (see PARAMETER_ALLOWED_VALUES), when they are well-formed. */
export function carriedAllowedValues(mappings: unknown): ParameterAllowedValues | undefined {
  const allowed = carried(mappings, PARAMETER_ALLOWED_VALUES);
  return allowed && Object.values(allowed).every((values) => Array.isArray(values) && values.length > 0
    && values.every((value) => typeof value === 'string')) ? allowed as ParameterAllowedValues : undefined;
}

function carried(mappings: unknown, key: string): object | undefined {
  if (mappings === null || typeof mappings !== 'object') return undefined;
  const entry = (mappings as { [map: string]: unknown })[key];
  return entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry : undefined;
}

// `${Name}` in an Fn::Sub template: a parameter, a pseudo parameter (`AWS::Region`) or an attribute (`Res.Arn`);
// `${!x}` is literal text.
const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;

const MAX_DEPTH = 64;

/** Whether the value reads one of the parameters (the keys of `parameters`). */
export function readsParameters(value: unknown, parameters: object): boolean {
  return visitNamesRead(value, (name) => has(parameters, name), () => true, 0);
}

/** The parameters (keys of `parameters`) the value reads, in the order first read. */
export function parametersRead(value: unknown, parameters: object): Set<string> {
  const read = new Set<string>();
  visitNamesRead(value, (name) => has(parameters, name), (name) => (read.add(name), false), 0);
  return read;
}

/**
 * Whether the value reads a name that may be a parameter: any but a pseudo parameter (`AWS::Region`), an attribute
 * (`Res.Arn`, `Fn::Sub` only) and the logical IDs of `resources` (no parameter shares a resource's logical ID). Lets a
 * caller skip gathering the template's parameters for a policy that reads none, as a deploy role that names only its
 * provider does.
 */
export function mayReadParameters(value: unknown, resources: object): boolean {
  return visitNamesRead(value, (name) => !name.startsWith('AWS::') && !name.includes('.') && !has(resources, name), () => true, 0);
}

/**
 * Visits the names the value reads (`Ref`, or `${Name}` in `Fn::Sub`) that `accepts`, in the order read, until `found`
 * returns true (then true): every role asks whether its policy reads a parameter, and the answer is nearly always no,
 * found without allocating and without a call for a member that is not an object.
 */
function visitNamesRead(item: unknown, accepts: (name: string) => boolean, found: (name: string) => boolean, depth: number): boolean {
  if (depth > MAX_DEPTH || item === null || typeof item !== 'object') return false;
  if (Array.isArray(item)) {
    for (let i = 0; i < item.length; i++) {
      const element: unknown = item[i];
      if (element !== null && typeof element === 'object' && visitNamesRead(element, accepts, found, depth + 1)) return true;
    }
    return false;
  }
  const ref = soleValue(item, 'Ref');
  if (typeof ref === 'string' && accepts(ref) && found(ref)) return true;
  const sub = subArguments(item);
  if (sub) {
    for (const match of sub.text.matchAll(SUB_VARIABLE)) {
      if (!has(sub.variables, match[1]) && accepts(match[1]) && found(match[1])) return true;
    }
  }
  const keys = Object.keys(item);
  for (let i = 0; i < keys.length; i++) {
    const member = (item as { [key: string]: unknown })[keys[i]];
    if (member !== null && typeof member === 'object' && visitNamesRead(member, accepts, found, depth + 1)) return true;
  }
  return false;
}

/**
 * The expression, when it reads one of the parameters, as deployed with their values: a `Ref` is the value; an
 * `Fn::Sub` gets the values of the parameters it reads as its variables. Undefined for anything else (the caller
 * walks on into it).
 */
export function withParameterValues(value: object, values: ParameterValues): unknown {
  const ref = soleValue(value, 'Ref');
  if (typeof ref === 'string') return has(values, ref) ? values[ref] : undefined;
  const sub = subArguments(value);
  if (!sub) return undefined;
  const added: { [name: string]: string } = {};
  for (const match of sub.text.matchAll(SUB_VARIABLE)) {
    if (has(values, match[1]) && !has(sub.variables, match[1])) added[match[1]] = values[match[1]];
  }
  if (Object.keys(added).length === 0) return undefined;
  const variables = { ...sub.variables, ...added };
  return substituted(sub.text, variables) ?? { 'Fn::Sub': [sub.text, variables] };
}

/**
 * The text of an `Fn::Sub` whose every reference is a variable with text (`${!x}` written as `${x}`, as
 * CloudFormation writes it), or undefined while one is still an expression, a pseudo parameter or an attribute.
 */
function substituted(text: string, variables: { [name: string]: unknown }): string | undefined {
  let known = true;
  const result = text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const value = has(variables, name) ? variables[name] : undefined;
    if (typeof value === 'string') return value;
    known = false;
    return whole;
  });
  return known ? result : undefined;
}

function has(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** The template and variables of `{ "Fn::Sub": text }` or `{ "Fn::Sub": [text, { variables }] }`, when it is one. */
function subArguments(value: object): { text: string; variables: { [name: string]: unknown } } | undefined {
  const sub = soleValue(value, 'Fn::Sub');
  if (typeof sub === 'string') return { text: sub, variables: {} };
  if (Array.isArray(sub) && sub.length === 2 && typeof sub[0] === 'string' && sub[1] !== null && typeof sub[1] === 'object'
    && !Array.isArray(sub[1])) {
    return { text: sub[0], variables: sub[1] as { [name: string]: unknown } };
  }
  return undefined;
}
