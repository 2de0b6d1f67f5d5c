import * as iam from 'aws-cdk-lib/aws-iam';
import { Stack, Token } from 'aws-cdk-lib/core';
import {
  checkActionRef, checkAudience, checkDurationSeconds, checkJobId, checkRegion, checkRunsOn, checkSessionName, checkVariableName,
} from './private/checks';
import { renderJob, variableExpression } from './private/render';
import { literalRegion, literalRoleArn } from './private/role-arn';
import { fail } from '../../model/errors';
import { SubjectClaim, SubjectKind } from '../../model/subject-claim';
import { GitHubDeployRole } from '../deploy-role';
import { ACTION_DEFAULT_AUDIENCE, defaultAudience } from '../private/partition-defaults';

const DEFAULT_ACTION_REF = 'aws-actions/configure-aws-credentials@v4';
const REGION_VARIABLE = 'AWS_REGION';

/**
 * Options of `GitHubWorkflowSnippet.forRole`.
 */
export interface GitHubWorkflowSnippetOptions {
  /**
   * The `aws-region` of the credentials step: where the workflow calls STS and, usually, deploys.
   *
   * @default - the region of the role's stack when the app fixes it, else `${{ vars.AWS_REGION }}`
   */
  readonly region?: string;

  /**
   * The GitHub environment the job references (`environment:` line), so its token's `sub` is
   * `repo:<owner>/<repo>:environment:<name>`. For a `GitHubDeployRole` it must be one of the role's environment
   * subjects.
   *
   * @default - for a `GitHubDeployRole` that trusts exactly one environment, that environment; otherwise none
   * @see https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/using-environments-for-deployment
   */
  readonly environment?: string;

  /**
   * The token audience (`aud`) to request; written as `audience:` only when it is not the action's default,
   * `sts.amazonaws.com`.
   *
   * @default - the audience of a `GitHubDeployRole`, else 'sts.amazonaws.com' ('sts.amazonaws.com.cn' for a role in the
   *   China partition)
   */
  readonly audience?: string;

  /**
   * The GitHub configuration variable the snippet reads the role ARN from, when the ARN is not known at synth time
   * (a generated role name, or an account or region left to the CLI). Set it once in the repository (or in the
   * job's environment) to the ARN of the stack output.
   *
   * @default - `AWS_ROLE_ARN_<ROLE ID>`, e.g. `AWS_ROLE_ARN_WEB_PROD` for a role with construct ID `WebProd`
   * @see https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/store-information-in-variables
   */
  readonly roleArnVariable?: string;

  /**
   * The stack output that holds the role's ARN, named in the snippet's comment so the reader knows where to copy
   * the ARN from (e.g. the logical ID of `GitHubDeployRole.addRoleArnOutput()`).
   * `GitHubWorkflowSnippetOutput` creates that output under this name.
   *
   * @default - the comment names the role's construct path instead
   */
  readonly roleArnOutputName?: string;

  /**
   * The job's ID under `jobs:`.
   *
   * @default 'deploy'
   */
  readonly jobId?: string;

  /**
   * The job's runner.
   *
   * @default 'ubuntu-latest'
   */
  readonly runsOn?: string;

  /**
   * The `role-session-name`, shown in CloudTrail as the session of the assumed role.
   *
   * @default - not written: the action's default, `GitHubActions`
   */
  readonly roleSessionName?: string;

  /**
   * The `role-duration-seconds`: 900 to the role's maximum session duration.
   *
   * @default - not written: the action's default, 3,600 seconds
   */
  readonly roleDurationSeconds?: number;

  /**
   * The action to use, `owner/repo@ref`; pin a commit SHA if your organization requires it.
   *
   * @default 'aws-actions/configure-aws-credentials@v4'
   * @see https://github.com/aws-actions/configure-aws-credentials
   */
  readonly actionRef?: string;
}

/**
 * The GitHub Actions job that assumes a role with OIDC, as YAML to paste into a workflow: the `permissions:` the
 * OIDC token needs (`id-token: write`, `contents: read`), the `environment:` when the role trusts an environment
 * subject, and the aws-actions/configure-aws-credentials step with `role-to-assume`, `aws-region` and, when it is
 * not the default, `audience`.
 *
 * The role ARN is written out when the app fixes it (explicit account and region, explicit role name, or an
 * imported role); otherwise the snippet reads it from a GitHub variable and its comment says which stack output to
 * copy into that variable. For a snippet with the deployed ARN written in, use `GitHubWorkflowSnippetOutput`.
 *
 * @example
 * import { GitHubDeployRole, GitHubRepository, GitHubWorkflowSnippet, SubjectClaim } from 'cdk-github-deploy-roles';
 *
 * const role = new GitHubDeployRole(this, 'WebProd', {
 *   repository: GitHubRepository.of('acme', 'web'),
 *   subjects: [SubjectClaim.environment('production')],
 * });
 * const snippet = GitHubWorkflowSnippet.forRole(role, { region: 'eu-west-1' });
 * console.log(snippet.yaml);
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
export class GitHubWorkflowSnippet {
  /**
   * The job for a role: a `GitHubDeployRole` (its environment subject and audience are used) or any `iam.IRole`.
   */
  public static forRole(role: iam.IRole, options: GitHubWorkflowSnippetOptions = {}): GitHubWorkflowSnippet {
    return new GitHubWorkflowSnippet(role, options);
  }

  /** The snippet: comment lines, then `jobs:` with one job. Never holds a CDK token. */
  public readonly yaml: string;

  /** The role ARN written in the snippet, when it is known at synth time. */
  public readonly roleArn?: string;

  /** The variable the snippet reads the role ARN from, when the ARN is not known at synth time. */
  public readonly roleArnVariable?: string;

  /** The region written in the snippet, when it is known at synth time (else it reads `vars.AWS_REGION`). */
  public readonly region?: string;

  /** The environment the job references, if any. */
  public readonly environment?: string;

  /** The audience the job requests. */
  public readonly audience: string;

  /** Checked options and the facts taken from the role, for `GitHubWorkflowSnippetOutput`. */
  private readonly spec: SnippetSpec;

  private constructor(role: iam.IRole, options: GitHubWorkflowSnippetOptions) {
    if (role === null || typeof role !== 'object' || typeof role.roleArn !== 'string' || !role.node) {
      fail('role', role, 'an iam.IRole, e.g. a GitHubDeployRole');
    }
    if (options === null || typeof options !== 'object') fail('options', options, 'GitHubWorkflowSnippetOptions, an object');
    const deployRole = role instanceof GitHubDeployRole ? role : undefined;
    this.environment = chooseEnvironment(deployRole, options.environment);
    this.audience = chooseAudience(role, deployRole, options.audience);
    this.region = checkRegion(options.region) ?? literalRegion(role);
    this.roleArn = literalRoleArn(role);
    const variable = checkVariableName('roleArnVariable', options.roleArnVariable);
    this.roleArnVariable = this.roleArn === undefined ? variable ?? defaultVariableName(role) : undefined;
    this.spec = {
      role,
      deployRole,
      outputName: checkOutputName(options.roleArnOutputName),
      jobId: checkJobId(options.jobId) ?? 'deploy',
      runsOn: checkRunsOn(options.runsOn) ?? 'ubuntu-latest',
      roleSessionName: checkSessionName(options.roleSessionName),
      roleDurationSeconds: checkDurationSeconds(options.roleDurationSeconds),
      actionRef: checkActionRef(options.actionRef) ?? DEFAULT_ACTION_REF,
    };
    this.yaml = this.render(
      this.roleArn ?? variableExpression(this.roleArnVariable!),
      this.region ?? variableExpression(REGION_VARIABLE),
      this.instructions());
  }

  /**
   * @internal The same job with the role ARN and region CloudFormation fills in at deploy time (tokens).
   */
  public _renderDeployed(outputPath: string): string {
    const stack = Stack.of(this.spec.role);
    return this.render(this.spec.role.roleArn, this.region ?? stack.region,
      [`Generated at deploy time by ${outputPath}: the role ARN and region are those of the deployed stack.`]);
  }

  /** @internal The role the snippet is for. */
  public get _role(): iam.IRole {
    return this.spec.role;
  }

  private render(roleToAssume: string, region: string, instructions: string[]): string {
    const s = this.spec;
    return renderJob({
      comments: [...this.description(), ...instructions],
      jobId: s.jobId,
      runsOn: s.runsOn,
      environment: this.environment,
      actionRef: s.actionRef,
      roleToAssume,
      region,
      audience: this.audience === ACTION_DEFAULT_AUDIENCE ? undefined : this.audience,
      roleSessionName: s.roleSessionName,
      roleDurationSeconds: s.roleDurationSeconds,
    });
  }

  /** What the job is for: the role, and for a GitHubDeployRole the repository and subjects it trusts. */
  private description(): string[] {
    const { role, deployRole } = this.spec;
    const lines = [`GitHub Actions job that assumes ${role.node.path} with OIDC (generated by cdk-github-deploy-roles).`];
    if (deployRole) {
      lines.push(`Runs of ${deployRole.repository.fullName} only; the role trusts: ${deployRole.subjects.map(String).join(', ')}.`);
    }
    return lines;
  }

  /** What to set in GitHub before the first run, for values not known at synth time. */
  private instructions(): string[] {
    const lines: string[] = [];
    if (this.roleArnVariable !== undefined) {
      const scope = this.environment === undefined ? 'repository' : `repository or environment "${this.environment}"`;
      const stackName = Stack.of(this.spec.role).stackName;
      const source = this.spec.outputName === undefined
        ? `the ARN of ${this.spec.role.node.path} after deploy`
        : `the stack output ${this.spec.outputName}${Token.isUnresolved(stackName) ? '' : ` of stack ${stackName}`}`;
      lines.push(`Set the variable ${this.roleArnVariable} (${scope}) to ${source}.`);
    }
    if (this.region === undefined) {
      lines.push(`Set the variable ${REGION_VARIABLE} to the region the role's stack is deployed to.`);
    }
    return lines;
  }
}

/** Options and role facts after checking. */
interface SnippetSpec {
  readonly role: iam.IRole;
  readonly deployRole?: GitHubDeployRole;
  readonly outputName?: string;
  readonly jobId: string;
  readonly runsOn: string;
  readonly roleSessionName?: string;
  readonly roleDurationSeconds?: number;
  readonly actionRef: string;
}

/**
 * The environment of the job. A GitHubDeployRole that trusts one environment gets it by default; with several, the
 * caller picks one, since a job references one environment and a job without one gets another `sub`.
 */
function chooseEnvironment(deployRole: GitHubDeployRole | undefined, given: unknown): string | undefined {
  if (given !== undefined) {
    if (typeof given !== 'string') fail('environment', given, 'a GitHub environment name');
    SubjectClaim.environment(given); // the same naming rules as the role's subjects
  }
  if (deployRole === undefined) return given as string | undefined;
  const trusted = deployRole.subjects.filter((s) => s.kind === SubjectKind.ENVIRONMENT).map(environmentName);
  if (given !== undefined) {
    if (!trusted.includes(given as string)) {
      fail('environment', given, trusted.length === 0
        ? `no environment: ${deployRole.node.path} trusts no environment subject, so a job with one gets a sub it refuses`
        : `one of the environments ${deployRole.node.path} trusts: ${trusted.map((name) => JSON.stringify(name)).join(', ')}`);
    }
    return given as string;
  }
  if (trusted.length > 1) {
    fail('environment', undefined, `one of the environments ${deployRole.node.path} trusts, ` +
      `${trusted.map((name) => JSON.stringify(name)).join(', ')}: a job references one environment`);
  }
  return trusted[0];
}

/** An environment subject's name: its context without `environment:`, `%3A` written back as `:`. */
function environmentName(subject: SubjectClaim): string {
  return subject.context.slice('environment:'.length).replace(/%3A/g, ':');
}

function chooseAudience(role: iam.IRole, deployRole: GitHubDeployRole | undefined, given: unknown): string {
  const audience = checkAudience(given);
  if (deployRole === undefined) return audience ?? defaultAudience(Stack.of(role));
  if (audience !== undefined && !Token.isUnresolved(deployRole.audience) && audience !== deployRole.audience) {
    fail('audience', audience, `the audience ${deployRole.node.path} requires, ${JSON.stringify(deployRole.audience)}, or none`);
  }
  if (Token.isUnresolved(deployRole.audience)) {
    if (audience === undefined) fail('audience', undefined, `the audience text: ${deployRole.node.path} has a token audience`);
    return audience;
  }
  return deployRole.audience;
}

/** `AWS_ROLE_ARN_` and the role's construct ID in upper snake case: `WebProd` gives `AWS_ROLE_ARN_WEB_PROD`. */
function defaultVariableName(role: iam.IRole): string {
  const words = role.node.id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  return ['AWS_ROLE_ARN', ...words.map((w) => w.toUpperCase())].join('_');
}

/** CloudFormation output logical IDs: letters and digits, at most 255; 240 leaves room for the WorkflowSnippet suffix. */
function checkOutputName(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[A-Za-z0-9]{1,240}$/.test(value)) {
    fail('roleArnOutputName', value, 'a CloudFormation output name: 1 to 240 letters and digits (255 less room for the WorkflowSnippet suffix)');
  }
  return value;
}
