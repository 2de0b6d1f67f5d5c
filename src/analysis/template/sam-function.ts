/**
 * The IAM role an `AWS::Serverless::Function` of the SAM transform creates: without a `Role` of its own, SAM writes an
 * `AWS::IAM::Role` named `<function's logical ID>Role` whose trust policy is the function's `AssumeRolePolicyDocument`,
 * merged with the template's `Globals.Function.AssumeRolePolicyDocument` (aws/serverless-application-model,
 * samtranslator/model/sam_resources.py `SamFunction`, and plugins/globals: a map is merged key by key, a list is the
 * global one followed by the function's, a plain value is the function's). Such a role is a role like any other to the
 * trust checks: a `repo:*` written there must not pass because SAM, not the template, writes the role.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 */
import { isExpression } from '../policy/intrinsic-shape';

/** The SAM resource type whose role the template does not show. */
export const SAM_FUNCTION_TYPE = 'AWS::Serverless::Function';

/** The logical ID SAM gives the role it creates for a function. */
export function samFunctionRoleId(functionId: string): string {
  return `${functionId}Role`;
}

/**
 * The trust policy of the role SAM creates for a function with these properties, in a template with these
 * `Globals`; undefined when it creates none (the function names its `Role`) or gives it the default Lambda trust
 * (no `AssumeRolePolicyDocument` anywhere). A `Role` that may be `AWS::NoValue` (`Fn::If`) may leave SAM to create one.
 */
export function samFunctionTrustPolicy(properties: unknown, globals?: unknown): unknown {
  const own = isObject(properties) ? properties : {};
  if (own.Role !== undefined && !mentionsNoValue(own.Role)) return undefined;
  const global = isObject(globals) && isObject(globals.Function) ? globals.Function.AssumeRolePolicyDocument : undefined;
  const local = own.AssumeRolePolicyDocument;
  if (global === undefined) return local;
  if (local === undefined) return global;
  return mergedAsGlobals(global, local);
}

/** Whether a value holds `{ "Ref": "AWS::NoValue" }` somewhere (an `Fn::If` that may leave the property out). */
function mentionsNoValue(value: unknown, depth = 0): boolean {
  if (depth > 16 || value === null || typeof value !== 'object') return false;
  if (!Array.isArray(value) && (value as { Ref?: unknown }).Ref === 'AWS::NoValue') return true;
  return Object.values(value).some((item) => mentionsNoValue(item, depth + 1));
}

function isObject(value: unknown): value is { [key: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * SAM's merge of a global value with a function's: maps key by key, lists appended (the global's first), anything
 * else the function's. A CloudFormation expression is a value, not a map: the function's wins.
 */
function mergedAsGlobals(global: unknown, local: unknown, depth = 0): unknown {
  if (depth > 32) return local;
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  if (!isObject(global) || !isObject(local) || isExpression(global) || isExpression(local)) return local;
  // Entries, not assignments: a key "__proto__" from JSON stays a key.
  const merged = new Map<string, unknown>(Object.entries(global));
  for (const [key, value] of Object.entries(local)) {
    merged.set(key, merged.has(key) ? mergedAsGlobals(merged.get(key), value, depth + 1) : value);
  }
  return Object.fromEntries(merged);
}
