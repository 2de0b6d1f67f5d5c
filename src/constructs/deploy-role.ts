import { CfnOutput, Duration, RemovalPolicy, Resource, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TrustAcknowledgement, TrustAcknowledgements } from './acknowledgements';
import { GitHubOidcProvider, IGitHubOidcProvider } from './oidc-provider';
import { checkAcknowledgements } from './private/acknowledgement-checks';
import { cdkBootstrapStatement } from './private/cdk-bootstrap';
import { deployedForm } from './private/deployed-form';
import {
  checkAccounts, checkAudience, checkDescription, checkMaxSessionDuration, checkPath, checkRepository, checkRoleName,
  checkSubjects, checkTrustPolicySizeLimit, hasStringProperties, toDescription, TRUST_POLICY_SIZE_DEFAULT,
} from './private/prop-checks';
import { deploymentStack, findRegistered } from './private/provider-registry';
import { duplicateSubjectValues, trustConditions } from './private/trust-conditions';
import { TrustReporter } from './private/trust-report';
import { validateTrustPolicy } from './private/trust-validation';
import { referencedLogicalId } from '../analysis/policy/principal';
import { fail } from '../model/errors';
import { GitHubIssuer } from '../model/issuer';
import { GitHubRepository } from '../model/repository';
import { SubjectClaim, SubjectFormat } from '../model/subject-claim';

/** What aws-actions/configure-aws-credentials requests as `aud` (FACTS.md section 1). */
const DEFAULT_AUDIENCE = 'sts.amazonaws.com';

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
   * @default 'sts.amazonaws.com'
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
 * It is an `iam.IRole`, so `bucket.grantWrite(role)` and the like work. At synth its trust policy is checked
 * against the size quota and the trust rules: errors fail the synth, risky subjects are warnings unless acknowledged.
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
export class GitHubDeployRole extends Resource implements iam.IRole {
  /**
   * The role's ARN, the `role-to-assume` of aws-actions/configure-aws-credentials.
   *
   * @attribute
   */
  public readonly roleArn: string;
  /**
   * The role's name.
   *
   * @attribute
   */
  public readonly roleName: string;
  /** The action other principals use to assume this role, `sts:AssumeRole`. */
  public readonly assumeRoleAction: string;
  /** The principal permissions are granted to: the IAM role this construct composes. */
  public readonly grantPrincipal: iam.IPrincipal;
  /** The account of the role. */
  public readonly principalAccount?: string;

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

  private readonly role: iam.Role;
  private readonly sizeLimit: number;
  private readonly reporter = new TrustReporter(this);

  constructor(scope: Construct, id: string, props: GitHubDeployRoleProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      fail('props', props, 'GitHubDeployRoleProps with repository and subjects');
    }
    this.repository = checkRepository('repository', props.repository);
    this.subjects = checkSubjects(props.subjects);
    checkRoleName(props.roleName);
    checkPath(props.path);
    checkDescription(props.description);
    checkMaxSessionDuration(props.maxSessionDuration);
    checkAudience(props.audience);
    checkTrustPolicySizeLimit(props.trustPolicySizeLimit);
    const extraAccounts = checkAccounts('cdkDeploymentAccounts', props.cdkDeploymentAccounts);
    if (extraAccounts !== undefined && props.cdkDeployment !== true) {
      fail('cdkDeploymentAccounts', extraAccounts, 'cdkDeployment: true as well, or no cdkDeploymentAccounts');
    }
    const acknowledgements = checkAcknowledgements(props.acknowledgements);
    this.audience = props.audience ?? DEFAULT_AUDIENCE;
    this.sizeLimit = props.trustPolicySizeLimit ?? TRUST_POLICY_SIZE_DEFAULT;

    this.provider = this.resolveProvider(props.provider, props.issuer);
    const issuer = this.provider.issuer;
    this.subjectFormat = chooseSubjectFormat(props.subjectFormat, this.repository, issuer);

    const { conditions, subjectValues } = trustConditions({
      issuer, repository: this.repository, subjects: this.subjects, format: this.subjectFormat, audience: this.audience,
    });
    const duplicates = duplicateSubjectValues(subjectValues);
    if (duplicates.length > 0) fail('subjects', duplicates, 'each subject once');
    this.trustedSubjects = subjectValues;

    this.role = new iam.Role(this, 'Resource', {
      assumedBy: new iam.WebIdentityPrincipal(this.provider.oidcProviderArn, conditions),
      roleName: props.roleName,
      description: props.description ?? toDescription(
        `GitHub Actions deploy role for ${this.repository.fullName}: ${this.subjects.map(String).join(', ')}`),
      path: props.path,
      maxSessionDuration: props.maxSessionDuration,
      managedPolicies: props.managedPolicies ? [...props.managedPolicies] : undefined,
      inlinePolicies: props.inlinePolicies ? { ...props.inlinePolicies } : undefined,
      permissionsBoundary: props.permissionsBoundary,
    });
    this.roleArn = this.role.roleArn;
    this.roleName = this.role.roleName;
    this.assumeRoleAction = this.role.assumeRoleAction;
    this.grantPrincipal = this.role.grantPrincipal;
    this.principalAccount = this.role.principalAccount;

    if (props.cdkDeployment) {
      const stack = Stack.of(this);
      const accounts = [stack.account, ...(extraAccounts ?? [])].filter((account, index, all) => all.indexOf(account) === index);
      this.role.addToPrincipalPolicy(cdkBootstrapStatement(stack, accounts));
    }
    for (const acknowledgement of acknowledgements) {
      TrustAcknowledgements.add(this.role, acknowledgement.ruleId, acknowledgement.reason);
    }
    this.node.addValidation({ validate: () => this.validateTrust() });
  }

  /** The principal policy fragment of the role (its ARN). */
  public get policyFragment(): iam.PrincipalPolicyFragment {
    return this.role.policyFragment;
  }

  /** Adds a statement to the role's default policy. */
  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    return this.role.addToPrincipalPolicy(statement);
  }

  /** Attaches a managed policy. */
  public addManagedPolicy(policy: iam.IManagedPolicy): void {
    this.role.addManagedPolicy(policy);
  }

  /** Attaches an inline policy. */
  public attachInlinePolicy(policy: iam.Policy): void {
    this.role.attachInlinePolicy(policy);
  }

  /** Grants `actions` on this role to a principal. */
  public grant(grantee: iam.IPrincipal, ...actions: string[]): iam.Grant {
    return this.role.grant(grantee, ...actions);
  }

  /** Grants a principal `iam:PassRole` on this role. */
  public grantPassRole(grantee: iam.IPrincipal): iam.Grant {
    return this.role.grantPassRole(grantee);
  }

  /** Grants a principal `sts:AssumeRole` on this role (the trust policy must admit it too). */
  public grantAssumeRole(grantee: iam.IPrincipal): iam.Grant {
    return this.role.grantAssumeRole(grantee);
  }

  /** Applies a removal policy to the role. */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    this.role.applyRemovalPolicy(policy);
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

  private resolveProvider(given: IGitHubOidcProvider | undefined, issuerProp: GitHubIssuer | undefined): IGitHubOidcProvider {
    if (issuerProp !== undefined && !(issuerProp instanceof GitHubIssuer)) {
      fail('issuer', issuerProp, 'a GitHubIssuer, e.g. GitHubIssuer.GITHUB_COM');
    }
    let provider: IGitHubOidcProvider;
    if (given === undefined) {
      const issuer = issuerProp ?? GitHubIssuer.GITHUB_COM;
      // A provider this role creates accepts the role's audience; one that exists already is checked below.
      const creates = findRegistered(this, issuer) === undefined && this.audience !== DEFAULT_AUDIENCE;
      provider = GitHubOidcProvider.forAccount(this, { issuer, clientIds: creates ? [this.audience] : undefined });
    } else {
      if (!hasStringProperties(given, ['oidcProviderArn']) || !((given as any).issuer instanceof GitHubIssuer)) {
        fail('provider', given, 'an IGitHubOidcProvider, e.g. GitHubOidcProvider.forAccount(this)');
      }
      if (issuerProp !== undefined && !issuerProp.sameAs(given.issuer)) {
        fail('issuer', issuerProp.url, `the issuer of the provider, ${given.issuer.url}, or no issuer`);
      }
      this.checkSameAccount(given);
      provider = given;
      // A provider of another stack in this account is referenced by its deterministic ARN, not by an export.
      if (given instanceof GitHubOidcProvider && deploymentStack(Stack.of(given)) !== deploymentStack(Stack.of(this))) {
        provider = GitHubOidcProvider.forAccount(this, { issuer: given.issuer });
      }
    }
    const creator = provider instanceof GitHubOidcProvider ? provider : findRegistered(this, provider.issuer)?.construct;
    if (creator instanceof GitHubOidcProvider && !Token.isUnresolved(this.audience)
      && !creator.clientIds.some((clientId) => Token.isUnresolved(clientId) || clientId === this.audience)) {
      fail('audience', this.audience, `one of the client IDs of the provider at ${creator.node.path} ` +
        `(${JSON.stringify(creator.clientIds)}), or add it to the provider's clientIds: STS refuses a token whose aud ` +
        'the provider does not list');
    }
    return provider;
  }

  private checkSameAccount(provider: IGitHubOidcProvider): void {
    const roleAccount = Stack.of(this).account;
    const providerAccount = provider.env?.account;
    if (typeof providerAccount === 'string' && !Token.isUnresolved(providerAccount) && !Token.isUnresolved(roleAccount)
      && providerAccount !== roleAccount) {
      fail('provider', provider.node.path,
        `a GitHub OIDC provider of the role's account ${roleAccount} (it is in ${providerAccount}): a role can only ` +
        'trust a provider of its own account; use GitHubOidcProvider.forAccount(this)');
    }
  }

  /** The synth-time check of the finished trust policy; see private/trust-validation.ts. */
  private validateTrust(): string[] {
    const stack = Stack.of(this);
    // The provider may be defined in this stack (a Ref or GetAtt at synth): name its URL so the rules recognize it.
    const providerId = referencedLogicalId(stack.resolve(this.provider.oidcProviderArn));
    const providerUrls = providerId === undefined ? {} : { [providerId]: this.provider.issuer.url };
    return this.reporter.report(validateTrustPolicy({
      deployedPolicy: deployedForm(stack.resolve(this.role.assumeRolePolicy), stack, providerUrls),
      audience: this.audience,
      sizeLimit: this.sizeLimit,
      acknowledgements: TrustAcknowledgements.of(this.role.node.defaultChild as iam.CfnRole),
    }));
  }
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

