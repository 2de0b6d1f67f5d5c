/**
 * The shape of a CloudFormation expression: an object with one key, the function's name (`Ref`, `Fn::Sub`, ...).
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 */

/** The argument of `{ [key]: argument }` when the object has that one key and no other; undefined otherwise. */
export function soleValue(value: object, key: string): unknown {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === key ? (value as { [key: string]: unknown })[key] : undefined;
}

/** Whether an object key is a CloudFormation function (`Ref`, `Fn::...`) rather than a name: the object is an expression. */
export function isExpressionKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

/** Whether a value is a CloudFormation expression: an object (not a list) with one key, a function's name. */
export function isExpression(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  // Without listing the keys of a larger object: every statement and block of a policy is asked.
  let only: string | undefined;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (only !== undefined) return false;
    only = key;
  }
  return only !== undefined && isExpressionKey(only);
}

/**
 * The logical ID an `Fn::GetAtt` argument reads `attribute` of: `["<id>", "<attribute>"]`, or the short form
 * `"<id>.<attribute>"`; undefined for anything else.
 */
export function getAttTarget(getAtt: unknown, attribute: string): string | undefined {
  if (Array.isArray(getAtt)) return typeof getAtt[0] === 'string' && getAtt[1] === attribute ? getAtt[0] : undefined;
  const suffix = `.${attribute}`;
  return typeof getAtt === 'string' && getAtt.endsWith(suffix) ? getAtt.slice(0, -suffix.length) : undefined;
}
