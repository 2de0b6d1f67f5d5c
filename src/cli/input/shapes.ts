/**
 * Recognizes what a JSON input is by its shape, so that users can pass whatever the AWS CLI or `cdk synth` gave them.
 */

/** The kinds of JSON input the commands read. */
export type InputShape =
  | 'account-authorization-details'
  | 'list-roles'
  | 'get-role'
  | 'cloudformation-template'
  | 'trust-policy';

/** How each shape is described in messages and help. */
export const SHAPE_NAMES: { readonly [shape in InputShape]: string } = {
  'account-authorization-details': '`aws iam get-account-authorization-details` output (RoleDetailList)',
  'list-roles': '`aws iam list-roles` output (Roles)',
  'get-role': '`aws iam get-role` output (Role)',
  'cloudformation-template': 'a CloudFormation template (Resources with AWS::IAM::Role)',
  'trust-policy': 'a trust policy (Version, Statement)',
};

/** Every accepted shape, for "expected ..." messages. */
export const EXPECTED_ROLE_INPUT = [
  SHAPE_NAMES['account-authorization-details'],
  SHAPE_NAMES['list-roles'],
  SHAPE_NAMES['get-role'],
  SHAPE_NAMES['cloudformation-template'],
  SHAPE_NAMES['trust-policy'],
].join(', ') + ', or a cdk.out directory';

/**
 * The shape of a parsed JSON document, or undefined when it is none of the accepted ones. The first matching key
 * wins, in the order of the most specific: an account export also holds other lists, a template never `Statement`.
 */
export function detectShape(value: unknown): InputShape | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as { [key: string]: unknown };
  if (Array.isArray(v.RoleDetailList)) return 'account-authorization-details';
  if (Array.isArray(v.Roles)) return 'list-roles';
  if (v.Role !== null && typeof v.Role === 'object' && !Array.isArray(v.Role)) return 'get-role';
  if (v.Resources !== null && typeof v.Resources === 'object' && !Array.isArray(v.Resources)) return 'cloudformation-template';
  if (v.Statement !== undefined) return 'trust-policy';
  return undefined;
}

/** A short description of a JSON value for "got ..." messages: its type, or its top-level keys. */
export function describeShape(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value !== 'object') return `a ${typeof value}`;
  const keys = Object.keys(value as object);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, 5).join(', ');
  return `an object with keys ${shown}${keys.length > 5 ? ', ...' : ''}`;
}
