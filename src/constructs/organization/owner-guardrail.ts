import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Token } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { GuardrailOwner, ownerGuardrailPolicy } from '../../analysis/guardrail/owner-guardrail';
import { fail } from '../../model/errors';
import { GitHubIssuer } from '../../model/issuer';

/** Properties of `GitHubOwnerGuardrail`. */
export interface GitHubOwnerGuardrailProps {
  /** The organization's GitHub owners: every other owner's tokens are refused in the targets. */
  readonly owners: GuardrailOwner[];

  /** Where the RCP is attached: the organization root (`r-...`), OUs (`ou-...`) or accounts (12 digits). */
  readonly targetIds: string[];

  /**
   * The GitHub issuers whose tokens are restricted.
   *
   * @default [GitHubIssuer.GITHUB_COM]
   */
  readonly issuers?: GitHubIssuer[];

  /**
   * The policy's name in AWS Organizations.
   *
   * @default 'github-deploy-roles-owner-guardrail'
   */
  readonly policyName?: string;
}

/**
 * An AWS Organizations resource control policy that denies `sts:AssumeRoleWithWebIdentity` with a GitHub token unless
 * its repository owner is one of `owners` (by `repository_owner_id` where every owner has an ID, else by the owner's
 * name in `sub`), attached to the given targets. An RCP Deny wins over any trust policy's Allow, so a role that trusts
 * too much anywhere in the organization still refuses foreign owners. Deploy it from the management account or a
 * delegated administrator, with RCPs enabled in the organization. `TrustPolicyEvaluator` and `explain --rcp` take it
 * into account.
 *
 * @example
 * import { GitHubOwnerGuardrail } from 'cdk-github-deploy-roles';
 *
 * new GitHubOwnerGuardrail(this, 'GitHubOwners', {
 *   owners: [{ name: 'acme', id: 1844662 }],
 *   targetIds: ['r-abcd'],
 * });
 */
export class GitHubOwnerGuardrail extends Construct {
  /** The RCP document. */
  public readonly policyDocument: any;

  /** The `AWS::Organizations::Policy` resource. */
  public readonly policy: organizations.CfnPolicy;

  constructor(scope: Construct, id: string, props: GitHubOwnerGuardrailProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') fail('GitHubOwnerGuardrail props', props, 'an object with owners and targetIds');
    const targets = props.targetIds;
    if (!Array.isArray(targets) || targets.length === 0 || targets.some((target) => typeof target !== 'string' || !/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|\d{12})$/.test(target))) {
      fail('targetIds', targets, 'a non-empty list of organization root (r-...), OU (ou-...-...) or account (12 digits) IDs');
    }
    // Organizations' CreatePolicy: a name of 1 to 128 characters.
    const name = props.policyName;
    if (name !== undefined && !(typeof name === 'string' && (Token.isUnresolved(name) || (name.length >= 1 && name.length <= 128)))) {
      fail('policyName', name, 'a policy name of 1 to 128 characters');
    }
    this.policyDocument = ownerGuardrailPolicy(props.owners, props.issuers);
    this.policy = new organizations.CfnPolicy(this, 'Resource', {
      type: 'RESOURCE_CONTROL_POLICY',
      name: props.policyName ?? 'github-deploy-roles-owner-guardrail',
      description: 'Denies sts:AssumeRoleWithWebIdentity with GitHub tokens of owners outside the organization (cdk-github-deploy-roles)',
      content: this.policyDocument,
      targetIds: [...targets],
    });
  }
}
