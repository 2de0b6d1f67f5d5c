import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as iam from 'aws-cdk-lib/aws-iam';
import { App, Aspects, BootstraplessSynthesizer, CfnCondition, CfnParameter, Fn, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { fail } from '../../model/errors';
import { GitHubIssuer } from '../../model/issuer';
import { GitHubOidcProvider, IGitHubOidcProvider } from '../oidc-provider';
import { SELF_CHECKED_STACK_SETS } from '../private/stack-set-trust';
import { GitHubTrustChecks } from '../trust-checks';

/** Who deploys the StackSet: the management account itself, or a delegated administrator of StackSets. */
export enum StackSetCaller {
  /** The organization's management account. */
  SELF = 'SELF',
  /** A member account registered as a delegated administrator for CloudFormation StackSets. */
  DELEGATED_ADMIN = 'DELEGATED_ADMIN',
}

/** Properties of `GitHubOidcStackSet`. */
export interface GitHubOidcStackSetProps {
  /** The organizational units (`ou-...`) or the root (`r-...`) whose accounts, present and future, get the stack. */
  readonly organizationalUnitIds: string[];

  /**
   * The one region the stack instances are created in. IAM is global: an instance per region would create the
   * provider and the roles again in each, and fail with `EntityAlreadyExists`.
   */
  readonly region: string;

  /**
   * Accounts of those OUs that already have the provider for this issuer (made by hand or by another tool): their
   * instances import it instead of creating it. Accounts added to the OUs later create it.
   *
   * @default - every account creates the provider
   */
  readonly accountsWithProvider?: string[];

  /**
   * The GitHub issuer.
   *
   * @default GitHubIssuer.GITHUB_COM
   */
  readonly issuer?: GitHubIssuer;

  /**
   * The provider's client IDs (audiences).
   *
   * @default ['sts.amazonaws.com'] (pass ['sts.amazonaws.com.cn'] for an organization in the China partition)
   */
  readonly clientIds?: string[];

  /**
   * The StackSet's name.
   *
   * @default 'github-deploy-roles'
   */
  readonly stackSetName?: string;

  /**
   * Whether the management account or a delegated administrator deploys the StackSet.
   *
   * @default StackSetCaller.SELF
   */
  readonly callAs?: StackSetCaller;
}

const PARAMETER = 'CreateGitHubOidcProvider';
// CloudFormation's limit on a TemplateBody given inline (CreateStackSet, "TemplateBody").
const TEMPLATE_BODY_LIMIT = 51_200;

/**
 * The GitHub OIDC provider, and deploy roles you add, in every account of AWS Organizations OUs, through a
 * service-managed CloudFormation StackSet with automatic deployment: accounts that join the OUs later get it too, an
 * account that leaves keeps its stack (`retainStacksOnAccountRemoval`), and the provider is retained when its stack
 * is deleted. One region only. Deploy it from the management account or a StackSets delegated administrator; the
 * management account itself is never a StackSet target (give it its own stack).
 *
 * Add roles to `template` with `provider: stackSet.provider`; they are synthesized into the StackSet's template and
 * checked by the same trust rules as any `GitHubDeployRole`, so an over-broad role fails this app's synth.
 *
 * @example
 * import { GitHubDeployRole, GitHubOidcStackSet, GitHubRepository, SubjectClaim } from 'cdk-github-deploy-roles';
 *
 * const stackSet = new GitHubOidcStackSet(this, 'GitHub', {
 *   organizationalUnitIds: ['ou-ab12-34cd56ef'],
 *   region: 'us-east-1',
 * });
 * new GitHubDeployRole(stackSet.template, 'Deploy', {
 *   provider: stackSet.provider,
 *   repository: GitHubRepository.of('acme', 'infra'),
 *   subjects: [SubjectClaim.environment('production')],
 *   roleName: 'github-acme-infra',
 * });
 */
export class GitHubOidcStackSet extends Construct {
  /** The stack whose template every account gets: add the deploy roles here. */
  public readonly template: Stack;

  /** The provider as the template's roles reference it: by its deterministic ARN, created or imported. */
  public readonly provider: IGitHubOidcProvider;

  /** The `AWS::CloudFormation::StackSet`. */
  public readonly stackSet: cloudformation.CfnStackSet;

  private readonly templateApp: App;
  private renderedBody?: string;

  constructor(scope: Construct, id: string, props: GitHubOidcStackSetProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') fail('GitHubOidcStackSet props', props, 'an object with organizationalUnitIds and region');
    const ous = props.organizationalUnitIds;
    if (!Array.isArray(ous) || ous.length === 0 || ous.some((ou) => typeof ou !== 'string' || !/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/.test(ou))) {
      fail('organizationalUnitIds', ous, 'a non-empty list of OU IDs (ou-xxxx-xxxxxxxx) or the root ID (r-xxxx)');
    }
    if (Array.isArray(props.region) || typeof props.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) {
      fail('region', props.region, 'one region such as "us-east-1": IAM is global, so the instances go to one region only');
    }
    const existing = props.accountsWithProvider ?? [];
    if (!Array.isArray(existing) || existing.some((account) => typeof account !== 'string' || !/^\d{12}$/.test(account))) {
      fail('accountsWithProvider', existing, 'a list of 12-digit account IDs');
    }
    // CloudFormation's StackSetName: a letter, then letters, digits and hyphens, at most 128.
    const name = props.stackSetName;
    if (name !== undefined && !(typeof name === 'string' && (Token.isUnresolved(name) || /^[A-Za-z][-A-Za-z0-9]{0,127}$/.test(name)))) {
      fail('stackSetName', name, 'a name that starts with a letter, of letters, digits and hyphens, at most 128 characters');
    }
    if (props.callAs !== undefined && !Object.values(StackSetCaller).includes(props.callAs)) {
      fail('callAs', props.callAs, 'StackSetCaller.SELF or StackSetCaller.DELEGATED_ADMIN');
    }
    const issuer = props.issuer ?? GitHubIssuer.GITHUB_COM;
    if (!(issuer instanceof GitHubIssuer)) fail('issuer', issuer, 'a GitHubIssuer, e.g. GitHubIssuer.GITHUB_COM');
    const clientIds = props.clientIds ?? ['sts.amazonaws.com'];
    if (!Array.isArray(clientIds) || clientIds.length === 0 || clientIds.some((c) => typeof c !== 'string' || c.trim() === '')) {
      fail('clientIds', clientIds, 'a non-empty list of audiences, e.g. ["sts.amazonaws.com"]');
    }

    // The template is a stack of its own app, synthesized when this stack is: environment-agnostic (each account
    // fills in its own ID), without bootstrap resources or metadata a StackSet instance could not deploy.
    // Its own output directory: under the CDK CLI the outer app's (CDK_OUTDIR) would receive the template as a stack
    // of its own, and a second manifest.
    this.templateApp = new App({ analyticsReporting: false, outdir: mkdtempSync(join(tmpdir(), 'github-deploy-roles-stackset-')) });
    this.template = new Stack(this.templateApp, 'StackSetTemplate', {
      synthesizer: new BootstraplessSynthesizer(),
      analyticsReporting: false,
      description: `GitHub OIDC provider for ${issuer.url} and deploy roles (cdk-github-deploy-roles StackSet)`,
    });
    const create = new CfnParameter(this.template, PARAMETER, {
      type: 'String',
      allowedValues: ['true', 'false'],
      default: 'true',
      description: `Whether this account creates the GitHub OIDC provider (false where ${issuer.url} already has one)`,
    });
    const condition = new CfnCondition(this.template, 'CreateProvider', { expression: Fn.conditionEquals(create.valueAsString, 'true') });
    const provider = new iam.CfnOIDCProvider(this.template, 'OidcProvider', { url: issuer.url, clientIdList: clientIds });
    provider.overrideLogicalId('GitHubOidcProvider');
    provider.cfnOptions.condition = condition;
    provider.applyRemovalPolicy(RemovalPolicy.RETAIN);
    // Roles reference the provider by ARN, so that they deploy the same where it is created and where it is imported.
    this.provider = GitHubOidcProvider.fromAccount(this.template, 'ProviderArn', { issuer });
    // Every role of the template, hand-written ones too, is judged by the trust rules when the template synthesizes.
    Aspects.of(this.template).add(new GitHubTrustChecks());

    const targets = (filter?: string) => ({
      organizationalUnitIds: ous,
      ...(filter ? { accounts: existing, accountFilterType: filter } : {}),
    });
    const instances: cloudformation.CfnStackSet.StackInstancesProperty[] = [{
      regions: [props.region],
      // Accounts that join later are not in `accounts`: they fall in this group and create the provider.
      deploymentTargets: targets(existing.length > 0 ? 'DIFFERENCE' : undefined),
      parameterOverrides: [{ parameterKey: PARAMETER, parameterValue: 'true' }],
    }];
    if (existing.length > 0) {
      instances.push({
        regions: [props.region],
        deploymentTargets: targets('INTERSECTION'),
        parameterOverrides: [{ parameterKey: PARAMETER, parameterValue: 'false' }],
      });
    }
    this.stackSet = new cloudformation.CfnStackSet(this, 'Resource', {
      stackSetName: props.stackSetName ?? 'github-deploy-roles',
      description: `GitHub OIDC provider (${issuer.url}) and deploy roles in every account of ${ous.join(', ')}`,
      permissionModel: 'SERVICE_MANAGED',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: true },
      callAs: props.callAs ?? StackSetCaller.SELF,
      capabilities: ['CAPABILITY_NAMED_IAM'],
      managedExecution: { Active: true },
      operationPreferences: { failureTolerancePercentage: 0, maxConcurrentPercentage: 25, regionConcurrencyType: 'SEQUENTIAL' },
      parameters: [{ parameterKey: PARAMETER, parameterValue: 'true' }],
      stackInstancesGroup: instances,
      templateBody: Lazy.string({ produce: () => this.renderTemplate() }),
    });
    // Its template's roles are judged when the template synthesizes (above): GitHubTrustChecks need not open it.
    SELF_CHECKED_STACK_SETS.add(this.stackSet);
  }

  /** The template's JSON, synthesized once its roles are added; its validations (the trust checks) run here. */
  private renderTemplate(): string {
    if (this.renderedBody !== undefined) return this.renderedBody;
    const providers = this.template.node.findAll().filter((c) => c instanceof GitHubOidcProvider);
    if (providers.length > 0) {
      fail('StackSet template provider', providers[0].node.path,
        'no provider created in stackSet.template: the StackSet creates it; pass provider: stackSet.provider to each role');
    }
    let template: unknown;
    try {
      template = this.templateApp.synth({ force: true }).getStackArtifact(this.template.artifactId).template;
    } finally {
      // Also when the template fails its checks: each synth would leave a temporary directory behind.
      rmSync(this.templateApp.outdir, { recursive: true, force: true });
    }
    const body = JSON.stringify(template);
    if (body.length > TEMPLATE_BODY_LIMIT) {
      fail('StackSet template', `${body.length} characters`, `at most ${TEMPLATE_BODY_LIMIT} (CloudFormation's TemplateBody limit): split the roles into two GitHubOidcStackSets`);
    }
    this.renderedBody = body;
    return body;
  }
}
