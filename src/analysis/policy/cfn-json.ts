/**
 * A trust policy's condition written through CDK's `CfnJson`: `{ "StringEquals": <CfnJson> }` synthesizes to
 * `{ "StringEquals": { "Fn::GetAtt": ["<id>", "Value"] } }`, and the template holds the JSON a
 * `Custom::AWSCDKCfnJson` resource returns as its `Value` property. Read as an expression, such a condition names no
 * key at all: with a provider known only at deploy (an import, a parameter), the statement was not judged as
 * GitHub's, so `{ "StringLike": CfnJson({ "...:sub": "repo:*" }) }`, or an empty one, passed without a word.
 *
 * So a role's policy is judged as deployed, each such `Fn::GetAtt` read as the JSON it returns: `templateRoles` does
 * it for templates (audit, the plugin, StackSet bodies), the constructs for the synthesized policy. Only a value that
 * is JSON text by itself is read (a condition on GitHub's claims needs no token in it); one with CloudFormation
 * expressions inside (aws-eks writes the cluster's issuer into its keys) stays an expression, judged as before.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 *
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.CfnJson.html
 */
import { getAttTarget, soleValue } from './intrinsic-shape';

/** The resource type CDK's `CfnJson` synthesizes. */
export const CFN_JSON_TYPE = 'Custom::AWSCDKCfnJson';

/** Logical ID of a `Custom::AWSCDKCfnJson` resource -> the JSON value it returns. */
export type CfnJsonValues = { readonly [logicalId: string]: unknown };

const MAX_DEPTH = 64;

/**
 * The values of a template's `Custom::AWSCDKCfnJson` resources whose `Value` is JSON text; undefined when there is
 * none. `resources` is the template's `Resources`.
 */
export function cfnJsonValuesOf(resources: unknown): CfnJsonValues | undefined {
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) return undefined;
  const values: { [logicalId: string]: unknown } = {};
  let found = false;
  for (const logicalId of Object.keys(resources)) {
    const resource = (resources as { [id: string]: any })[logicalId];
    if (resource === null || typeof resource !== 'object' || resource.Type !== CFN_JSON_TYPE) continue;
    const text = resource.Properties?.Value;
    if (typeof text !== 'string') continue;
    try {
      // Defined, not assigned: a logical ID of `__proto__` must not set the prototype.
      Object.defineProperty(values, logicalId, { value: JSON.parse(text), enumerable: true, writable: true, configurable: true });
      found = true;
    } catch {
      // Not JSON: left as the expression it is.
    }
  }
  return found ? values : undefined;
}

/** The logical ID a `{ "Fn::GetAtt": [id, "Value"] }` (or `"id.Value"`) reads, or undefined for anything else. */
export function cfnJsonReference(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const getAtt = soleValue(value, 'Fn::GetAtt');
  if (Array.isArray(getAtt) && getAtt.length !== 2) return undefined;
  return getAttTarget(getAtt, 'Value');
}

/** Whether a `Fn::GetAtt` of a `Value` appears anywhere in the value: only then are a stack's CfnJson values worth gathering. */
export function readsCfnJson(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => readsCfnJson(item, depth + 1));
  if (cfnJsonReference(value) !== undefined) return true;
  return Object.keys(value).some((key) => readsCfnJson((value as { [key: string]: unknown })[key], depth + 1));
}

/**
 * The document with each `Fn::GetAtt` of a known CfnJson `Value` replaced by that value; the document itself when it
 * reads none. Only what changes is copied.
 */
export function withCfnJsonValues(document: unknown, values: CfnJsonValues): unknown {
  const visit = (value: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, index) => {
        const replaced = visit(item, depth + 1);
        if (replaced !== item) (copy ??= [...value])[index] = replaced;
      });
      return copy ?? value;
    }
    const id = cfnJsonReference(value);
    if (id !== undefined && Object.prototype.hasOwnProperty.call(values, id)) return values[id];
    let copy: { [key: string]: unknown } | undefined;
    for (const key of Object.keys(value)) {
      const item = (value as { [key: string]: unknown })[key];
      const replaced = visit(item, depth + 1);
      if (replaced === item) continue;
      copy ??= { ...value };
      Object.defineProperty(copy, key, { value: replaced, enumerable: true, writable: true, configurable: true });
    }
    return copy ?? value;
  };
  return visit(document, 0);
}
