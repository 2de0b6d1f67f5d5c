import * as iam from 'aws-cdk-lib/aws-iam';
import {
  Aspects, CfnResource, IAspect, IPolicyValidationContextBeta1, IPolicyValidationPluginBeta1, PolicyValidationPluginReportBeta1, Stack, Stage,
} from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { TrustAcknowledgements } from './acknowledgements';
import { GitHubDeployRole } from './deploy-role';
import { CDK_RULE_NAMESPACE } from './private/cdk-validations';
import { deployedForm } from './private/deployed-form';
import { defaultAudience } from './private/partition-defaults';
import { checkScope } from './private/prop-checks';
import { synthesizedTrustPolicy } from './private/resolved-trust-policy';
import { mayBeResourceOfType, mayBeRoleResource, renderedRoleTrustPolicy } from './private/role-resources';
import { withStackCfnJson } from './private/stack-cfn-json';
import { mappingsReadBy } from './private/stack-mappings';
import { oidcProvidersOf } from './private/stack-providers';
import { isForeignStackSet, stackSetFindings } from './private/stack-set-trust';
import { trustPluginReport } from './private/trust-plugin';
import { TrustReporter } from './private/trust-report';
import { literalAccount, validateTrustPolicy } from './private/trust-validation';
import { ProviderUrls } from '../analysis/policy/principal';
import { SAM_FUNCTION_TYPE } from '../analysis/template/sam-function';
import { TrustPolicyValidator } from '../analysis/validate/validator';
import { fail } from '../model/errors';

/** Options of `GitHubTrustChecks`. */
export interface GitHubTrustChecksProps {
  /**
   * The audience every GitHub role must pin (`aud`).
   *
   * @default 'sts.amazonaws.com', what aws-actions/configure-aws-credentials requests ('sts.amazonaws.com.cn' for a
   *   role in a stack of the China partition, as its README has China-region workflows request)
   */
  readonly expectedAudience?: string;

  /**
   * The account's trust-policy size quota (ACLSizePerRole), in characters of compact JSON.
   *
   * @default 2048
   */
  readonly trustPolicySizeLimit?: number;
}

/**
 * Checks every `AWS::IAM::Role` that trusts a GitHub OIDC provider, however it was written (`iam.Role` with a
 * `WebIdentityPrincipal`, `OpenIdConnectPrincipal` or `FederatedPrincipal`, a `CfnRole`, a `CfnResource` of that type
 * or made one by an override, another library's role),
 * with the same rules as `GitHubDeployRole` (RULES.md). Errors fail `cdk synth`, naming the role, the rule, the value
 * and the fix; warnings and information are annotations. A deliberate choice passes once acknowledged with a reason,
 * recorded in the template: `Validations.of(role).acknowledge({ id: 'cdk-github-deploy-roles::<RuleId>', reason })`
 * on aws-cdk-lib versions with `Validations` (2.257 and later), `TrustAcknowledgements.add(role, ruleId, reason)` on
 * any version. It is also a policy-validation plugin (see `validate`).
 *
 * Roles trusting a provider of the role's stack (an `AWS::IAM::OIDCProvider` such as `GitHubOidcProvider` or
 * `iam.OidcProviderNative`, or the custom-resource `iam.OpenIdConnectProvider`) or named by its ARN are recognized by
 * their principal; roles trusting a provider the template cannot name (an import, a parameter) by their GitHub
 * condition keys. `GitHubDeployRole`s check themselves and are skipped here.
 *
 * CDK applies an aspect only within the stage it was added in: `Aspects.of(app).add(...)` does not reach the roles of
 * a `Stage` in the app (CDK Pipelines' stages included). `GitHubTrustChecks.applyTo(app)` adds the checks to the app
 * and to each of its stages; a stage whose roles the checks do not reach fails the synth, naming it, rather than go
 * unchecked.
 *
 * @example
 * import { GitHubTrustChecks } from 'cdk-github-deploy-roles';
 *
 * // every role of this scope and of the stages in it (call it once the stages are defined)
 * GitHubTrustChecks.applyTo(this);
 */
export class GitHubTrustChecks implements IAspect, IPolicyValidationPluginBeta1 {
  /**
   * Adds one `GitHubTrustChecks` to the scope and to every `Stage` in it (an aspect added to an app does not reach the
   * app's stages), and returns it. Stages defined later are not covered: their roles then fail the synth, named.
   *
   * @param scope an app, a stage or a stack
   * @param props the checks' options
   */
  public static applyTo(scope: IConstruct, props: GitHubTrustChecksProps = {}): GitHubTrustChecks {
    checkScope('scope', scope, 'an App, a Stage or a Stack');
    const checks = new GitHubTrustChecks(props);
    Aspects.of(scope).add(checks);
    for (const construct of scope.node.findAll()) {
      if (construct !== scope && Stage.isStage(construct)) Aspects.of(construct).add(checks);
    }
    return checks;
  }

  /** The plugin's name in CDK's validation report, and the namespace of its rule IDs there. */
  public readonly name = CDK_RULE_NAMESPACE;
  /** The rules the plugin evaluates (RULES.md). */
  public readonly ruleIds?: string[] = TrustPolicyValidator.rules().map((rule) => rule.ruleId);


  private readonly expectedAudience?: string;
  private readonly sizeLimit: number;
  private readonly checked = new WeakSet<IConstruct>();
  private readonly stackSetsChecked = new WeakSet<IConstruct>();
  // Stages whose coverage was judged (once: each synth of the app visits again).
  private readonly stagesJudged = new WeakSet<IConstruct>();
  // Found once per stack at validation time, when every construct exists; not once per role.
  private readonly providersByStack = new Map<Stack, ProviderUrls>();

  constructor(props: GitHubTrustChecksProps = {}) {
    if (props === null || typeof props !== 'object') fail('GitHubTrustChecks props', props, 'an object');
    const { expectedAudience, trustPolicySizeLimit } = props;
    if (expectedAudience !== undefined && (typeof expectedAudience !== 'string' || expectedAudience === '' || /[*?]/.test(expectedAudience))) {
      fail('expectedAudience', expectedAudience, 'the exact audience the roles pin, e.g. "sts.amazonaws.com"');
    }
    if (trustPolicySizeLimit !== undefined && (!Number.isSafeInteger(trustPolicySizeLimit) || trustPolicySizeLimit < 2048)) {
      fail('trustPolicySizeLimit', trustPolicySizeLimit, 'a whole number of characters, at least the default quota 2048');
    }
    this.expectedAudience = expectedAudience;
    this.sizeLimit = trustPolicySizeLimit ?? 2048;
  }

  public visit(node: IConstruct): void {
    this.judgeNestedStages(node);
    if (node instanceof iam.CfnRole) {
      this.judgeRole(node);
      return;
    }
    // A resource whose Type is overridden may be either: each judgement reads the type it synthesizes to.
    if (isForeignStackSet(node)) this.judgeStackSet(node);
    if (mayBeRoleResource(node)) this.judgeRoleResource(node);
  }

  /**
   * CDK does not carry an aspect into a nested stage, which it synthesizes first: a stage among the node's children
   * whose roles no check reaches fails the synth, rather than leave them unchecked. (The node is in this stage's tree,
   * so its validation runs; the nested stage's would not.)
   */
  private judgeNestedStages(node: IConstruct): void {
    for (const child of node.node.children) {
      if (!Stage.isStage(child) || this.stagesJudged.has(child)) continue;
      this.stagesJudged.add(child);
      // Found when the app validates, when every construct of the stage exists and a SAM function's role can be read.
      node.node.addValidation({
        validate: () => {
          const unchecked = uncheckedRoles(child);
          return unchecked.length > 0 ? [unreachedStage(child, unchecked)] : [];
        },
      });
    }
  }

  /** The roles a hand-written StackSet deploys to every target account (private/stack-set-trust.ts). */
  private judgeStackSet(stackSet: CfnResource): void {
    if (this.stackSetsChecked.has(stackSet)) return;
    this.stackSetsChecked.add(stackSet);
    const reporter = new TrustReporter(stackSet);
    const options = { expectedAudience: this.expectedAudience, sizeLimit: this.sizeLimit };
    stackSet.node.addValidation({ validate: () => reporter.report({ ...stackSetFindings(stackSet, options), infos: [], notes: [] }) });
  }

  private judgeRole(role: iam.CfnRole): void {
    if (this.checked.has(role)) return;
    // A GitHubDeployRole checks its own role; any other role, one defined inside a GitHubDeployRole included, is judged.
    const parent = role.node.scope;
    if (parent instanceof GitHubDeployRole && parent.node.defaultChild === role) return;
    this.checked.add(role);
    // Findings belong to the construct the user wrote: the iam.Role whose own resource this is, when there is one.
    const owner = parent instanceof iam.Role && parent.node.defaultChild === role ? parent : role;
    const reporter = new TrustReporter(owner);
    owner.node.addValidation({ validate: () => reporter.report(this.check(role, synthesizedTrustPolicy(Stack.of(role), role))) });
  }

  /**
   * Runs the checks as a CDK policy-validation plugin over the synthesized templates:
   * `Validations.of(app).addPlugins(new GitHubTrustChecks())` on aws-cdk-lib versions with `Validations`
   * (or `new App({ policyValidationBeta1: [...] })` on older ones). Findings land in CDK's validation report;
   * `Validations.of(scope).acknowledge({ id: 'cdk-github-deploy-roles::<RuleId>', reason })` suppresses one with its
   * reason shown there. `GitHubDeployRole`s check themselves and are not reported twice where CDK passes the app.
   */
  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    return trustPluginReport(context, { expectedAudience: this.expectedAudience, sizeLimit: this.sizeLimit });
  }

  /**
   * A role written as a plain `CfnResource` of type `AWS::IAM::Role`, or a resource an override turns into one
   * (private/role-resources.ts): judged as the template will hold it, whatever type it was created with.
   */
  private judgeRoleResource(resource: CfnResource): void {
    if (this.checked.has(resource)) return;
    this.checked.add(resource);
    const reporter = new TrustReporter(resource);
    resource.node.addValidation({
      validate: () => {
        const stack = Stack.of(resource);
        const rendered = renderedRoleTrustPolicy(stack, resource);
        if (rendered === undefined || rendered.policy === undefined) return [];
        return reporter.report(this.check(resource, rendered.policy));
      },
    });
  }

  /** Judges a role's trust policy as synthesized (the caller renders it: overrides and all). */
  private check(role: CfnResource, synthesized: unknown) {
    const stack = Stack.of(role);
    let providerUrls = this.providersByStack.get(stack);
    if (!providerUrls) {
      providerUrls = oidcProvidersOf(stack);
      this.providersByStack.set(stack, providerUrls);
    }
    const policy = withStackCfnJson(synthesized, stack, providerUrls);
    return validateTrustPolicy({
      deployedPolicy: deployedForm(policy, stack, providerUrls),
      templateMappings: mappingsReadBy(policy, stack, providerUrls),
      providerUrls,
      // A role of the China partition is expected to pin what China-region workflows request.
      audience: this.expectedAudience ?? defaultAudience(stack),
      sizeLimit: this.sizeLimit,
      acknowledgements: TrustAcknowledgements.effective(role),
      roleAccount: literalAccount(stack),
    });
  }
}

/**
 * The roles of a stage (and of the stages in it) that no `GitHubTrustChecks` reaches: one added to the role, to a
 * construct above it within its own stage, or to that stage. `GitHubDeployRole`s check themselves.
 */
function uncheckedRoles(stage: Stage): CfnResource[] {
  return stage.node.findAll().filter((construct): construct is CfnResource => {
    if (!mayBeRoleResource(construct)) return false;
    // A SAM function is a role only when the transform creates one with a trust policy of the template's.
    if (mayBeResourceOfType(construct, SAM_FUNCTION_TYPE) && !(construct instanceof iam.CfnRole)
      && renderedRoleTrustPolicy(Stack.of(construct), construct) === undefined) return false;
    const parent = construct.node.scope;
    if (parent instanceof GitHubDeployRole && parent.node.defaultChild === construct) return false;
    for (let scope: IConstruct | undefined = construct; scope; scope = scope.node.scope) {
      if (Aspects.of(scope).all.some((aspect) => aspect instanceof GitHubTrustChecks)) return false;
      if (Stage.isStage(scope)) return true;
    }
    return true;
  });
}

const ROLES_NAMED = 5;

function unreachedStage(stage: Stage, roles: readonly CfnResource[]): string {
  const named = roles.slice(0, ROLES_NAMED).map((role) => role.node.path.replace(/\/Resource$/, ''));
  const more = roles.length > ROLES_NAMED ? ` and ${roles.length - ROLES_NAMED} more` : '';
  return `GitHubTrustChecks does not reach the roles of stage ${stage.node.path} (${named.join(', ')}${more}): CDK applies an ` +
    'aspect only within the stage it was added in, so these trust policies are not checked. Fix: GitHubTrustChecks.applyTo(app) ' +
    'once the stages are defined (it adds the checks to the app and to each stage), or Aspects.of(stage).add(new GitHubTrustChecks()).';
}
