import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { TrustAcknowledgement, TrustAcknowledgements } from './acknowledgements';
import { IGitHubOidcProvider } from './oidc-provider';
import { checkAcknowledgements } from './private/acknowledgement-checks';
import { cdkBootstrapStatement } from './private/cdk-bootstrap';
import { deployedForm } from './private/deployed-form';
import { defaultAudience } from './private/partition-defaults';
import {
  checkAccounts, checkAudience, checkDescription, checkInlinePolicies, checkManagedPolicies, checkMaxSessionDuration, checkPath,
  checkPermissionsBoundary, checkRepository, checkRoleName, checkSubjects, checkTrustPolicySizeLimit, toDescription,
  TRUST_POLICY_SIZE_DEFAULT,
} from './private/prop-checks';
import { resolveProvider } from './private/resolve-provider';
import { synthesizedTrustPolicy } from './private/resolved-trust-policy';
import { withStackCfnJson } from './private/stack-cfn-json';
import { mappingsReadBy } from './private/stack-mappings';
import { duplicateSubjectValues, trustConditions } from './private/trust-conditions';
import { TrustReporter } from './private/trust-report';
import { literalAccount, validateTrustPolicy } from './private/trust-validation';
import { referencedLogicalId } from '../analysis/policy/principal';
import { fail } from '../model/errors';
import { GitHubIssuer } from '../model/issuer';
import { GitHubRepository } from '../model/repository';
import { SubjectClaim, SubjectFormat } from '../model/subject-claim';

/**
 * Role options shared by `GitHubDeployRole` and `GitHubDeployRoles`.
 */
export interface GitHubDeployRoleOptions {
  /**
   * The GitHub OIDC provider the role trusts; it must be in the role's account.
   *
   * @default - `GitHubOidcProvider.forAccount(this, { issuer })`: created once per account in the app, imported elsewhere
   */
  readonly provider?: IGitHubOidcProvider;

  /**
   * Whose tokens the role trusts, when no `provider` is given (with a provider, its issuer; both must agree).
   *
   * @default - the provider's issuer, or GitHubIssuer.GITHUB_COM
   */
  readonly issuer?: GitHubIssuer;

  /**
   * How the trust policy spells the repository in `sub`: `owner/repo` (NAME_ONLY), `owner@id/repo@id` (IMMUTABLE),
   * or both while a repository migrates (BOTH). IMMUTABLE and BOTH need the repository's IDs and an issuer other
   * than GitHub Enterprise Server.
   *
   * Repositories created on github.com before 15 July 2026 keep name-only subjects unless the organization or
   * repository opts in, and newer ones get immutable subjects, so with IDs the default trusts both: the role works
   * whichever form GitHub mints, and the pinned `repository_id` and `repository_owner_id` conditions already shut
   * out a re-registered name. Set IMMUTABLE once the repository's tokens carry immutable subjects.
   *
   * @default - BOTH when the repository has IDs and the issuer supports immutable subjects, else NAME_ONLY
   * @see https://docs.github.com/en/actions/reference/security/oidc
   */
  readonly subjectFormat?: SubjectFormat;

  /**
   * The token audience (`aud`) the role requires; it must also be one of the provider's client IDs.
   *
   * @default 'sts.amazonaws.com', or 'sts.amazonaws.com.cn' in a stack whose region is in the China partition (aws-cn),
   *   as configure-aws-credentials documents for China regions
   */
  readonly audience?: string;

  /**
   * The role's IAM path.
   *
   * @default '/'
   */
  readonly path?: string;

  /**
   * The longest session the workflow may request, 1 to 12 hours.
   *
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;

  /**
   * Managed policies to attach.
   *
   * @default - none
   */
  readonly managedPolicies?: iam.IManagedPolicy[];

  /**
   * Inline policies, by name.
   *
   * @default - none
   */
  readonly inlinePolicies?: { [name: string]: iam.PolicyDocument };

  /**
   * The permissions boundary of the role.
   *
   * @default - none
   */
  readonly permissionsBoundary?: iam.IManagedPolicy;

  /**
   * Let the role run `cdk deploy`: assume the CDK bootstrap roles (deploy, file-publishing, image-publishing,
   * lookup, recognized by their `aws-cdk:bootstrap-role` tag) of the role's account and nothing else for that purpose.
   *
   * @default false
   * @see https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping-env.html
   */
  readonly cdkDeployment?: boolean;

  /**
   * Other accounts whose CDK bootstrap roles the role may assume (cross-account pipelines; those accounts must be
   * bootstrapped with `--trust` of this account). Needs `cdkDeployment: true`.
   *
   * @default - only the role's own account
   */
  readonly cdkDeploymentAccounts?: string[];

  /**
   * The account's trust-policy size quota (`ACLSizePerRole`), for accounts where it was raised. Synth fails when the
   * trust policy's compact JSON is larger.
   *
   * @default 2048
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  readonly trustPolicySizeLimit?: number;

  /**
   * Risky-but-deliberate trust choices, each with a reason recorded in the template (see TrustAcknowledgements),
   * e.g. `{ ruleId: 'PullRequestSubject', reason: 'Read-only plan for pull requests' }`.
   *
   * @default - none: risky subjects are synth warnings
   */
  readonly acknowledgements?: TrustAcknowledgement[];
}

/**
 * Properties of `GitHubDeployRole`.
 */
export interface GitHubDeployRoleProps extends GitHubDeployRoleOptions {
  /** The one repository whose workflows may assume the role. */
  readonly repository: GitHubRepository;

  /**
   * Which runs of the repository may assume the role, e.g. `[SubjectClaim.environment('production')]`.
   */
  readonly subjects: SubjectClaim[];

  /**
   * The role's name.
   *
   * @default - a name CloudFormation generates
   */
  readonly roleName?: string;

  /**
   * The role's description.
   *
   * @default - names the repository and the subjects
   */
  readonly description?: string;
}

/**
 * An IAM role that GitHub Actions workflows of one repository assume with OIDC, whose trust policy admits exactly
 * the subjects given: one statement, `sts:AssumeRoleWithWebIdentity` from the GitHub provider, `aud` pinned, `sub`
 * exact unless a subject has a wildcard, and the repository's numeric IDs pinned when known.
 *
 * It is an `iam.Role` (so an `iam.IRole` on every aws-cdk-lib version, with every member CDK adds later):
 * `bucket.grantWrite(role)`, `role.addToPolicy(...)` and the like work. At synth its trust policy is checked
 * against the size quota and the trust rules: errors fail the synth, risky subjects are warnings unless acknowledged.
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
export class GitHubDeployRole extends iam.Role {
  /** The provider the role trusts (an import when it is created in another stack). */
  public readonly provider: IGitHubOidcProvider;
  /** The repository whose workflows may assume the role. */
  public readonly repository: GitHubRepository;
  /** The subjects the role trusts. */
  public readonly subjects: SubjectClaim[];
  /** How `sub` spells the repository. */
  public readonly subjectFormat: SubjectFormat;
  /** The audience the role requires. */
  public readonly audience: string;
  /** The `sub` values of the trust policy. */
  public readonly trustedSubjects: string[];

  private readonly trustSizeLimit: number;
  private readonly trustReporter: TrustReporter;

  constructor(scope: Construct, id: string, props: GitHubDeployRoleProps) {
    // The trust policy is the role's principal, so it is worked out (and the props checked) before the role exists.
    const trust = planTrust(scope, props);
    super(scope, id, {
      assumedBy: new iam.WebIdentityPrincipal(trust.provider.oidcProviderArn, trust.conditions),
      roleName: props.roleName,
      description: props.description ?? toDescription(
        `GitHub Actions deploy role for ${trust.repository.fullName}: ${trust.subjects.map(String).join(', ')}`),
      path: props.path,
      maxSessionDuration: props.maxSessionDuration,
      managedPolicies: props.managedPolicies ? [...props.managedPolicies] : undefined,
      inlinePolicies: props.inlinePolicies ? { ...props.inlinePolicies } : undefined,
      permissionsBoundary: props.permissionsBoundary,
    });
    this.provider = trust.provider;
    this.repository = trust.repository;
    this.subjects = trust.subjects;
    this.subjectFormat = trust.subjectFormat;
    this.audience = trust.audience;
    this.trustedSubjects = trust.subjectValues;
    this.trustSizeLimit = trust.sizeLimit;
    this.trustReporter = new TrustReporter(this);

    if (props.cdkDeployment) {
      const stack = Stack.of(this);
      const accounts = [stack.account, ...(trust.extraAccounts ?? [])].filter((account, index, all) => all.indexOf(account) === index);
      this.addToPrincipalPolicy(cdkBootstrapStatement(stack, accounts));
    }
    for (const acknowledgement of trust.acknowledgements) {
      TrustAcknowledgements.add(this, acknowledgement.ruleId, acknowledgement.reason, acknowledgement.value);
    }
    this.node.addValidation({ validate: () => this.validateTrust() });
  }

  /**
   * Adds a stack output with the role's ARN, the `role-to-assume` of aws-actions/configure-aws-credentials.
   *
   * @param exportName a CloudFormation export name; without it, the output is not exported
   */
  public addRoleArnOutput(exportName?: string): CfnOutput {
    return new CfnOutput(this, 'RoleArnOutput', {
      value: this.roleArn,
      description: toDescription(`role-to-assume for ${this.repository.fullName} (${this.subjects.map(String).join(', ')})`),
      exportName,
    });
  }

  /** The synth-time check of the finished trust policy; see private/trust-validation.ts. */
  private validateTrust(): string[] {
    const stack = this.stack;
    const providerUrls = providerUrlsIn(stack, this.provider);
    const cfnRole = this.node.defaultChild as iam.CfnRole;
    const policy = withStackCfnJson(synthesizedTrustPolicy(stack, cfnRole), stack);
    return this.trustReporter.report(validateTrustPolicy({
      deployedPolicy: deployedForm(policy, stack, providerUrls),
      templateMappings: mappingsReadBy(policy, stack, providerUrls),
      audience: this.audience,
      sizeLimit: this.trustSizeLimit,
      acknowledgements: TrustAcknowledgements.effective(cfnRole),
      roleAccount: literalAccount(stack),
    }));
  }
}

// The roles of a stack mostly share one provider: its ARN is resolved once per stack, not once per role.
const PROVIDER_URLS = new WeakMap<IGitHubOidcProvider, Map<Stack, { [logicalId: string]: string }>>();

/**
 * The provider's issuer URL by its logical ID when the provider is defined in this stack (its ARN a Ref or GetAtt at
 * synth), so the rules recognize it; none when its ARN is a literal.
 */
function providerUrlsIn(stack: Stack, provider: IGitHubOidcProvider): { [logicalId: string]: string } {
  let byStack = PROVIDER_URLS.get(provider);
  if (!byStack) PROVIDER_URLS.set(provider, byStack = new Map());
  let urls = byStack.get(stack);
  if (!urls) {
    const providerId = referencedLogicalId(stack.resolve(provider.oidcProviderArn));
    urls = Object.freeze(providerId === undefined ? {} : { [providerId]: provider.issuer.url });
    byStack.set(stack, urls);
  }
  return urls;
}

/** What a deploy role trusts, from its checked props. */
interface TrustPlan {
  readonly provider: IGitHubOidcProvider;
  readonly repository: GitHubRepository;
  readonly subjects: SubjectClaim[];
  readonly subjectFormat: SubjectFormat;
  readonly audience: string;
  readonly sizeLimit: number;
  readonly conditions: { [operator: string]: { [key: string]: string | string[] } };
  readonly subjectValues: string[];
  readonly extraAccounts?: string[];
  readonly acknowledgements: TrustAcknowledgement[];
}

/** Checks the props (each error names the field, the value and what is accepted) and works out the trust policy. */
function planTrust(scope: Construct, props: GitHubDeployRoleProps): TrustPlan {
  if (props === null || typeof props !== 'object') {
    fail('props', props, 'GitHubDeployRoleProps with repository and subjects');
  }
  const repository = checkRepository('repository', props.repository);
  const subjects = checkSubjects(props.subjects);
  checkRoleName(props.roleName);
  checkPath(props.path);
  checkDescription(props.description);
  checkMaxSessionDuration(props.maxSessionDuration);
  checkAudience(props.audience);
  checkTrustPolicySizeLimit(props.trustPolicySizeLimit);
  checkManagedPolicies(props.managedPolicies);
  checkInlinePolicies(props.inlinePolicies);
  checkPermissionsBoundary(props.permissionsBoundary);
  const extraAccounts = checkAccounts('cdkDeploymentAccounts', props.cdkDeploymentAccounts);
  if (extraAccounts !== undefined && props.cdkDeployment !== true) {
    fail('cdkDeploymentAccounts', extraAccounts, 'cdkDeployment: true as well, or no cdkDeploymentAccounts');
  }
  const acknowledgements = checkAcknowledgements(props.acknowledgements);
  const audience = props.audience ?? defaultAudience(Stack.of(scope));

  const provider = resolveProvider(scope, { given: props.provider, issuer: props.issuer, audience });
  const subjectFormat = chooseSubjectFormat(props.subjectFormat, repository, provider.issuer);
  const { conditions, subjectValues } = trustConditions({
    issuer: provider.issuer, repository, subjects, format: subjectFormat, audience,
  });
  const duplicates = duplicateSubjectValues(subjectValues);
  if (duplicates.length > 0) fail('subjects', duplicates, 'each subject once');
  return {
    provider,
    repository,
    subjects,
    subjectFormat,
    audience,
    conditions,
    subjectValues,
    extraAccounts,
    acknowledgements,
    sizeLimit: props.trustPolicySizeLimit ?? TRUST_POLICY_SIZE_DEFAULT,
  };
}

function chooseSubjectFormat(format: SubjectFormat | undefined, repository: GitHubRepository, issuer: GitHubIssuer): SubjectFormat {
  if (format === undefined) {
    return repository.hasIds && issuer.supportsImmutableSubjects ? SubjectFormat.BOTH : SubjectFormat.NAME_ONLY;
  }
  if (!Object.values(SubjectFormat).includes(format)) {
    fail('subjectFormat', format, `one of ${Object.values(SubjectFormat).join(', ')}`);
  }
  if (format !== SubjectFormat.NAME_ONLY && !repository.hasIds) {
    fail('subjectFormat', format, `NAME_ONLY, or a repository with ownerId and repositoryId (${repository.fullName} has none): ` +
      'the immutable subject names both IDs');
  }
  if (format !== SubjectFormat.NAME_ONLY && !issuer.supportsImmutableSubjects) {
    fail('subjectFormat', format, `NAME_ONLY: ${issuer.url} is GitHub Enterprise Server, which does not mint immutable subjects`);
  }
  return format;
}

