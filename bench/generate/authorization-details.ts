/**
 * A synthetic `aws iam get-account-authorization-details` export for the `audit` benchmark: one account with many
 * roles, most trusting AWS services and the rest GitHub with every kind of scoping, shaped like the real output.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 */
import { accountId } from './names';
import { DEFAULT_KIND_WEIGHTS, generatePolicies } from './policies';

/** An account: a third of its roles are service roles, the rest trust GitHub. */
const ACCOUNT_KIND_WEIGHTS = { ...DEFAULT_KIND_WEIGHTS, 'service-role': 40 };

/** The export's JSON object for an account with `roleCount` roles. Deterministic. */
export function generateAuthorizationDetails(roleCount: number, seed = 20260502): object {
  const account = accountId(0);
  const policies = generatePolicies(roleCount, {
    seed,
    kinds: ACCOUNT_KIND_WEIGHTS,
    // An account export has resolved ARNs, never CloudFormation intrinsics.
    principals: { arn: 1, join: 0, ref: 0 },
    // The AWS CLI decodes the documents; the raw API and some tools leave them URL-encoded.
    forms: { 'object': 95, 'json': 0, 'url-encoded': 5 },
  });
  const created = Date.UTC(2024, 0, 1);
  const roles = policies.map((policy, index) => {
    const roleName = `${policy.kind}-role-${index}`.slice(0, 64);
    return {
      Path: '/',
      RoleName: roleName,
      RoleId: `AROA${String(index).padStart(17, '0')}`,
      Arn: `arn:aws:iam::${account}:role/${roleName}`,
      CreateDate: new Date(created + index * 60_000).toISOString().replace('.000Z', '+00:00'),
      AssumeRolePolicyDocument: policy.document,
      InstanceProfileList: [],
      RolePolicyList: [],
      AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      Tags: [],
      RoleLastUsed: {},
    };
  });
  return { UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: [] };
}
