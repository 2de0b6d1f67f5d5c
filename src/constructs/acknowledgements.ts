import { CfnResource } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { checkAcknowledgement } from './private/acknowledgement-checks';
import { cdkAcknowledgements } from './private/cdk-validations';
import { checkScope } from './private/prop-checks';
import { mayBeRoleResource } from './private/role-resources';
import { acknowledgementsOf, ACKNOWLEDGEMENTS_METADATA_KEY } from '../analysis/acknowledgements';
import { fail } from '../model/errors';

/** The template metadata key under which acknowledgements are recorded (the CLI's audit reads it back). */
const METADATA_KEY = ACKNOWLEDGEMENTS_METADATA_KEY;

/**
 * An acknowledged trust-policy finding: a risky but deliberate choice, with the reason for it.
 */
export interface TrustAcknowledgement {
  /**
   * The rule ID of the finding, e.g. `PullRequestSubject`, `SubAnyRef` or, for a deliberate org-wide role,
   * `SubWildcardRepository` (RULES.md lists them all). `PolicyUnreadable`, `PolicySizeExceeded` and
   * `ValidationOptionsInvalid` describe a policy that cannot be read or deployed and cannot be acknowledged. An
   * acknowledgement covers the rule's findings except those that let repositories of any owner in (anyone on GitHub,
   * `TrustPolicyFinding.admitsAnyOwner`): `SubWildcardRepository` acknowledged for `repo:acme/*` does not accept `repo:*`,
   * and covers a value only when it names it (`value`).
   */
  readonly ruleId: string;

  /**
   * Why the choice is deliberate, at least 10 characters; recorded in the template for reviewers and auditors.
   */
  readonly reason: string;

  /**
   * The one value the acknowledgement accepts, as the finding quotes it (its `value`), e.g. `repo:acme/*`. Required to
   * acknowledge `SubWildcardRepository`, `SubWildcardImmutableId` and `JobWorkflowRefWithoutRepository`, whose values
   * say which repositories get in: an acknowledgement of `repo:acme/*` does not accept `repo:evilcorp/*`. For any other
   * rule it narrows the acknowledgement to that value.
   *
   * @default - every value of the rule, except for those three rules, whose findings it does not cover
   */
  readonly value?: string;
}

/**
 * Acknowledges risky-but-legitimate trust-policy findings with a reason that is written into the template, as
 * metadata of the `AWS::IAM::Role` resources: `cdk-github-deploy-roles: { acknowledgements: [{ ruleId, reason, value? }] }`.
 *
 * An acknowledged finding, warning or error, is reported at synth as information (with its reason) instead of failing
 * the synth or warning. Acknowledge an error only for a role whose breadth is the point, e.g. an organization-wide
 * read-only role, and keep its permissions to match.
 *
 * @example
 * import { GitHubDeployRole, GitHubRepository, SubjectClaim, TrustAcknowledgements } from 'cdk-github-deploy-roles';
 *
 * const previewRole = new GitHubDeployRole(this, 'Preview', {
 *   repository: GitHubRepository.of('acme', 'web'),
 *   subjects: [SubjectClaim.pullRequest()],
 * });
 * TrustAcknowledgements.add(previewRole, 'PullRequestSubject', 'Preview deployments of pull requests, read-only role');
 */
export class TrustAcknowledgements {
  /**
   * Acknowledges a finding for every IAM role at or under `scope` (a role, a construct holding roles, a stack).
   *
   * Call it after the roles are defined: it writes to the roles that exist at that moment.
   *
   * @param scope a construct at or under which the roles are
   * @param ruleId the rule ID of a warning or an error, e.g. `PullRequestSubject` (RULES.md); every rule but
   *   `PolicyUnreadable`, `PolicySizeExceeded` and `ValidationOptionsInvalid`, which describe a policy that cannot be
   *   read or deployed and must be fixed
   * @param reason why the choice is deliberate, at least 10 characters
   * @param value the one value accepted, as the finding quotes it (e.g. `repo:acme/*`); required for
   *   `SubWildcardRepository`, `SubWildcardImmutableId` and `JobWorkflowRefWithoutRepository`, whose values say which
   *   repositories get in
   */
  public static add(scope: IConstruct, ruleId: string, reason: string, value?: string): void {
    checkScope('scope', scope, 'a construct at or under which the roles are, e.g. a GitHubDeployRole or its Stack');
    const acknowledgement = checkAcknowledgement(value === undefined ? { ruleId, reason } : { ruleId, reason, value });
    const roles = scope.node.findAll().filter(mayBeRoleResource);
    if (roles.length === 0) {
      fail('acknowledgement scope', scope.node.path,
        'a construct at or under which an AWS::IAM::Role is defined; call TrustAcknowledgements.add after defining the role');
    }
    for (const role of roles) recordAcknowledgement(role, acknowledgement);
  }

  /**
   * Every acknowledgement that applies to a role: those recorded on it by `TrustAcknowledgements`, and, on
   * aws-cdk-lib versions with `Validations`, those made with `Validations.of(scope).acknowledge({ id:
   * 'cdk-github-deploy-roles::<RuleId>', reason })` on the role or any scope above it. The latter are also written
   * into the role's template metadata, so `audit` of the template shows their reasons as well.
   *
   * @param role the role's `AWS::IAM::Role` resource, e.g. `role.node.defaultChild` (an `iam.CfnRole`, or a
   *   `CfnResource` of that type)
   */
  public static effective(role: CfnResource): TrustAcknowledgement[] {
    if (!(role instanceof CfnResource)) fail('role', role, 'the role\'s AWS::IAM::Role resource (an iam.CfnRole), e.g. role.node.defaultChild');
    for (const acknowledgement of cdkAcknowledgements(role)) recordAcknowledgement(role, acknowledgement);
    return TrustAcknowledgements.of(role);
  }

  /**
   * The acknowledgements recorded on one CloudFormation resource (normally an `iam.CfnRole`), in the order added.
   *
   * @param resource the resource, e.g. `role.node.defaultChild`
   */
  public static of(resource: CfnResource): TrustAcknowledgement[] {
    if (!(resource instanceof CfnResource)) {
      fail('resource', resource, 'a CfnResource, e.g. an iam.CfnRole');
    }
    return acknowledgementsOf(resource.getMetadata(METADATA_KEY));
  }

  private constructor() {}
}

/** Writes one acknowledgement into a role's template metadata, once. */
function recordAcknowledgement(role: CfnResource, acknowledgement: TrustAcknowledgement): void {
  const existing = TrustAcknowledgements.of(role);
  if (existing.some((item) => item.ruleId === acknowledgement.ruleId && item.reason === acknowledgement.reason
    && item.value === acknowledgement.value)) return;
  const entry = role.getMetadata(METADATA_KEY);
  const base = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry : {};
  role.addMetadata(METADATA_KEY, { ...base, acknowledgements: [...existing, acknowledgement] });
}
