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
 * `AllowedValues` are not read (UNVERIFIED whether CloudFormation checks a Default against them; a value given at
 * deploy is read as unknown either way).
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
 */

/**
 * Where the defaults travel with a template's `Mappings` (TemplateMappings): a mapping's name in a template is
 * alphanumeric, so no template's own mapping has this name.
 */
export const PARAMETER_DEFAULTS = 'Parameter::Defaults';

/** Parameter name -> its default, as text (a Number parameter's too: Ref gives it as a string). */
export type ParameterDefaults = { readonly [name: string]: string };

/** The defaults of a template's `Parameters` that a policy can read as text; undefined when there are none. */
export function parameterDefaultsOf(parameters: unknown): ParameterDefaults | undefined {
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) return undefined;
  const defaults: { [name: string]: string } = {};
  for (const [name, declared] of Object.entries(parameters as { [name: string]: unknown })) {
    if (declared === null || typeof declared !== 'object') continue;
    const { Type: type, Default: fallback } = declared as { Type?: unknown; Default?: unknown };
    // A list, or an SSM parameter type (whose Default names the SSM parameter, not its value): not read here.
    if (type !== 'String' && type !== 'Number') continue;
    if (typeof fallback === 'string' || typeof fallback === 'number') defaults[name] = String(fallback);
  }
  return Object.keys(defaults).length > 0 ? defaults : undefined;
}

/** The defaults carried by a template's mappings (see PARAMETER_DEFAULTS), when they are well-formed. */
export function carriedDefaults(mappings: unknown): ParameterDefaults | undefined {
  if (mappings === null || typeof mappings !== 'object') return undefined;
  const defaults = (mappings as { [map: string]: unknown })[PARAMETER_DEFAULTS];
  if (defaults === null || typeof defaults !== 'object' || Array.isArray(defaults)) return undefined;
  return Object.values(defaults).every((value) => typeof value === 'string') ? defaults as ParameterDefaults : undefined;
}

// `${Name}` in an Fn::Sub template: a parameter, a pseudo parameter (`AWS::Region`) or an attribute (`Res.Arn`);
// `${!x}` is literal text.
const SUB_VARIABLE = /\$\{([^}!][^}]*)\}/g;

const MAX_DEPTH = 64;

/** Whether the value reads a parameter that has a default. */
export function readsDefaults(value: unknown, defaults: ParameterDefaults, depth = 0): boolean {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => readsDefaults(item, defaults, depth + 1));
  const ref = onlyKey(value, 'Ref');
  if (typeof ref === 'string' && has(defaults, ref)) return true;
  const sub = subArguments(value);
  if (sub && [...sub.text.matchAll(SUB_VARIABLE)].some((match) => has(defaults, match[1]) && !has(sub.variables, match[1]))) return true;
  return Object.keys(value).some((key) => readsDefaults((value as { [key: string]: unknown })[key], defaults, depth + 1));
}

/**
 * The expression, when it reads a parameter with a default, as deployed with the defaults: a `Ref` is the default; an
 * `Fn::Sub` gets the defaults of the parameters it reads as its variables. Undefined for anything else (the caller
 * walks on into it).
 */
export function withDefault(value: object, defaults: ParameterDefaults): unknown {
  const ref = onlyKey(value, 'Ref');
  if (typeof ref === 'string') return has(defaults, ref) ? defaults[ref] : undefined;
  const sub = subArguments(value);
  if (!sub) return undefined;
  const added: { [name: string]: string } = {};
  for (const match of sub.text.matchAll(SUB_VARIABLE)) {
    if (has(defaults, match[1]) && !has(sub.variables, match[1])) added[match[1]] = defaults[match[1]];
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

function subArguments(value: object): { text: string; variables: { [name: string]: unknown } } | undefined {
  const sub = onlyKey(value, 'Fn::Sub');
  if (typeof sub === 'string') return { text: sub, variables: {} };
  if (Array.isArray(sub) && sub.length === 2 && typeof sub[0] === 'string' && sub[1] !== null && typeof sub[1] === 'object'
    && !Array.isArray(sub[1])) {
    return { text: sub[0], variables: sub[1] as { [name: string]: unknown } };
  }
  return undefined;
}

function onlyKey(value: object, key: string): unknown {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === key ? (value as { [key: string]: unknown })[key] : undefined;
}
