/**
 * A trust policy's condition written through CDK's `CfnJson`: `{ "StringEquals": <CfnJson> }` synthesizes to
 * `{ "StringEquals": { "Fn::GetAtt": ["<id>", "Value"] } }`, and the template holds the JSON a
 * `Custom::AWSCDKCfnJson` resource returns as its `Value` property. Read as an expression, such a condition names no
 * key at all: with a provider known only at deploy (an import, a parameter), the statement was not judged as
 * GitHub's, so `{ "StringLike": CfnJson({ "...:sub": "repo:*" }) }`, or an empty one, passed without a word.
 *
 * So a role's policy is judged as deployed, each such `Fn::GetAtt` read as the JSON it returns: `templateRoles` does
 * it for templates (audit, the plugin, StackSet bodies), the constructs for the synthesized policy. A value is read
 * when it is JSON text, or JSON text joined with the issuer of a provider the template defines: keys written
 * `${provider.openIdConnectProviderIssuer}:sub`, which CDK cannot put in a plain object (a token as a key) and whose
 * error message sends users to CfnJson. Such a key synthesizes to
 * `{ "Fn::Select": [1, { "Fn::Split": [":oidc-provider/", { "Ref": "<provider>" }] }] }` inside an `Fn::Join`: it is
 * the provider's issuer host and path, known when the template holds the provider. Read as an expression, the
 * statement of a GitHub provider had no readable `sub` and failed as SubMissing however narrow its values were. A
 * value with other expressions inside (aws-eks writes the issuer of a cluster known only at deploy into its keys)
 * stays an expression, judged as before.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 *
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.CfnJson.html
 */
import { getAttTarget, soleValue } from './intrinsic-shape';
import { flattenIntrinsic, providerArnIssuer, ProviderUrls, referencedLogicalId } from './principal';

/** The resource type CDK's `CfnJson` synthesizes. */
export const CFN_JSON_TYPE = 'Custom::AWSCDKCfnJson';

/** Logical ID of a `Custom::AWSCDKCfnJson` resource -> the JSON value it returns. */
export type CfnJsonValues = { readonly [logicalId: string]: unknown };

const MAX_DEPTH = 64;

/**
 * The values of a template's `Custom::AWSCDKCfnJson` resources whose `Value` can be read (JSON text, or JSON text
 * joined with the issuers of the template's providers); undefined when there is none. `resources` is the template's
 * `Resources`, `providerUrls` the issuer URLs of its OIDC providers by logical ID.
 */
export function cfnJsonValuesOf(resources: unknown, providerUrls: ProviderUrls = {}): CfnJsonValues | undefined {
  if (resources === null || typeof resources !== 'object' || Array.isArray(resources)) return undefined;
  const values: { [logicalId: string]: unknown } = {};
  let found = false;
  for (const logicalId of Object.keys(resources)) {
    const resource = (resources as { [id: string]: any })[logicalId];
    if (resource === null || typeof resource !== 'object' || resource.Type !== CFN_JSON_TYPE) continue;
    const text = jsonText(resource.Properties?.Value, providerUrls);
    if (text === undefined) continue;
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

/**
 * The JSON text a CfnJson `Value` deploys: the text itself, or an `Fn::Join` with no delimiter of text and provider
 * issuers (each written into the JSON string it stands in, escaped as JSON); undefined for anything else.
 */
function jsonText(value: unknown, providerUrls: ProviderUrls): string | undefined {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const join = soleValue(value, 'Fn::Join');
  if (!Array.isArray(join) || join.length !== 2 || join[0] !== '' || !Array.isArray(join[1])) return undefined;
  let text = '';
  for (const part of join[1] as unknown[]) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const issuer = providerIssuer(part, providerUrls);
    if (issuer === undefined) return undefined;
    text += JSON.stringify(issuer).slice(1, -1);
  }
  return text;
}

const ARN_RESOURCE_PREFIX = ':oidc-provider/';

/**
 * The issuer host and path an `{ "Fn::Select": [1, { "Fn::Split": [":oidc-provider/", <provider ARN>] }] }` reads
 * (CDK's `openIdConnectProviderIssuer` and `oidcProviderIssuer`), when the ARN is a reference to a provider of the
 * template or is written out; undefined otherwise (an import: the issuer is known only at deploy).
 */
function providerIssuer(part: unknown, providerUrls: ProviderUrls): string | undefined {
  if (part === null || typeof part !== 'object' || Array.isArray(part)) return undefined;
  const select = soleValue(part, 'Fn::Select');
  if (!Array.isArray(select) || select.length !== 2 || String(select[0]) !== '1') return undefined;
  const split = select[1] !== null && typeof select[1] === 'object' ? soleValue(select[1], 'Fn::Split') : undefined;
  if (!Array.isArray(split) || split.length !== 2 || split[0] !== ARN_RESOURCE_PREFIX) return undefined;
  const reference = referencedLogicalId(split[1]);
  if (reference !== undefined) {
    const url = Object.prototype.hasOwnProperty.call(providerUrls, reference) ? providerUrls[reference] : undefined;
    // IAM names a provider by its URL without the scheme: that is the ARN's part after ":oidc-provider/".
    return typeof url === 'string' ? url.replace(/^https:\/\//i, '') : undefined;
  }
  const arn = flattenIntrinsic(split[1]);
  const issuer = arn === undefined ? undefined : providerArnIssuer(arn);
  // A placeholder left in it (an account or partition is fine before the prefix, not after it) is not known.
  return issuer === undefined || issuer.includes('${') ? undefined : issuer;
}

/** The logical ID a `{ "Fn::GetAtt": [id, "Value"] }` (or `"id.Value"`) reads, or undefined for anything else. */
export function cfnJsonReference(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const getAtt = soleValue(value, 'Fn::GetAtt');
  if (Array.isArray(getAtt) && getAtt.length !== 2) return undefined;
  return getAttTarget(getAtt, 'Value');
}

/**
 * Whether a `Fn::GetAtt` of a `Value` appears anywhere in the value: only then are a stack's CfnJson values worth
 * gathering. Every role's synthesized policy is walked once, so plain loops (no closures) and a reference read only
 * where an `Fn::GetAtt` key is.
 */
export function readsCfnJson(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return false;
  // Every synthesized role's policy is walked here: no call for a member that is not an object.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object' && readsCfnJson(item, depth + 1)) return true;
    }
    return false;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] === 'Fn::GetAtt' && cfnJsonReference(value) !== undefined) return true;
    const member = (value as { [key: string]: unknown })[keys[i]];
    if (member !== null && typeof member === 'object' && readsCfnJson(member, depth + 1)) return true;
  }
  return false;
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
