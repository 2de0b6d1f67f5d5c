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
