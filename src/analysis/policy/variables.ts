/**
 * IAM policy variables in condition values (`${aws:username}`, `${token.actions.githubusercontent.com:repository}`):
 * under policy `Version` "2012-10-17" IAM replaces each with the request's value of that key before comparing, and
 * `${*}`, `${?}`, `${$}` stand for a literal `*`, `?`, `$`. Under any other version (or none, which IAM reads as
 * "2008-10-17") all of it is plain text. The one place that reads variables: the evaluator substitutes them, the
 * validator widens them (a claim's value is chosen by whoever runs the workflow).
 *
 * Every scan here is a single pass over the text (values are attacker-written in an audit).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
 */

/** The only policy version under which IAM replaces policy variables. */
export const POLICY_VARIABLES_VERSION = '2012-10-17';

/** Whether IAM replaces policy variables in a policy with this `Version` value. */
export function replacesVariables(version: unknown): boolean {
  return version === POLICY_VARIABLES_VERSION;
}

/** One piece of a condition value: literal text, or a variable naming a request key (with its default value). */
export type ValuePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'variable'; readonly key: string; readonly defaultValue?: string };

/**
 * A value split into literal text and variables, as IAM reads it under "2012-10-17": `${*}`, `${?}` and `${$}` are
 * kept in the text as written (the wildcard matcher reads them as literal characters); `${key}` and
 * `${key, 'default'}` are variables. A `${` without a closing `}` is text.
 */
export function valueParts(value: string): ValuePart[] {
  const parts: ValuePart[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf('${', i);
    if (start < 0) break;
    const end = value.indexOf('}', start + 2);
    if (end < 0) break;
    const inner = value.slice(start + 2, end);
    text += value.slice(i, start);
    if (inner === '*' || inner === '?' || inner === '$' || inner.trim() === '') {
      text += value.slice(start, end + 1);
    } else {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      parts.push(variable(inner));
    }
    i = end + 1;
  }
  text += value.slice(i);
  if (text !== '') parts.push({ kind: 'text', text });
  return parts;
}

/** Whether a value holds a policy variable (not counting the escapes `${*}`, `${?}`, `${$}`). */
export function hasVariable(value: string): boolean {
  if (!value.includes('${')) return false;
  return valueParts(value).some((part) => part.kind === 'variable');
}

// `key` or `key, 'default'` (IAM: "${aws:username, 'anonymous'}").
function variable(inner: string): ValuePart {
  const comma = inner.indexOf(',');
  if (comma < 0) return { kind: 'variable', key: inner.trim() };
  const key = inner.slice(0, comma).trim();
  const rest = inner.slice(comma + 1).trim();
  const quoted = rest.length >= 2 && rest.startsWith('\'') && rest.endsWith('\'') ? rest.slice(1, -1) : rest;
  return { kind: 'variable', key, defaultValue: quoted };
}

/** Text as a literal part of a wildcard pattern: `*`, `?` and `$` written as IAM's escapes. */
export function escapeForPattern(text: string): string {
  let result = '';
  for (const char of text) {
    if (char === '*' || char === '?' || char === '$') result += `\${${char}}`;
    else result += char;
  }
  return result;
}

/**
 * A value of a policy whose version does not replace variables, written so that the wildcard matcher (which always
 * reads `${*}`, `${?}`, `${$}` as escapes) reads every `$` as the plain character it is there.
 */
export function withoutEscapes(value: string): string {
  return value.includes('$') ? value.replace(/\$/g, '${$}') : value;
}
