import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnOutput, Stack, Token } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { GitHubWorkflowSnippet, GitHubWorkflowSnippetOptions } from './workflow-snippet';
import { fail } from '../../model/errors';

/**
 * Properties of a `GitHubWorkflowSnippetOutput`.
 */
export interface GitHubWorkflowSnippetOutputProps extends GitHubWorkflowSnippetOptions {
  /** The role the workflow assumes, e.g. a `GitHubDeployRole`. */
  readonly role: iam.IRole;
}

/**
 * Stack outputs that hand a role to GitHub: the role ARN, under a stable name and without a CloudFormation export,
 * and the workflow job that assumes it, with the ARN and region of the deployed stack written in, ready to paste.
 *
 * - `<roleArnOutputName>` (default `<id>RoleArn`): the ARN, for the repository variable the synth-time snippet reads
 *   (`gh variable set AWS_ROLE_ARN_WEB_PROD --body "<value>"`).
 * - `<roleArnOutputName>WorkflowSnippet`: the YAML job, e.g. `aws cloudformation describe-stacks --stack-name Web
 *   --query "Stacks[0].Outputs[?OutputKey=='WebProdRoleArnWorkflowSnippet'].OutputValue" --output text`.
 *
 * Put it in the role's stack: an output of another stack would need an export of the ARN.
 *
 * @example
 * import { GitHubDeployRole, GitHubRepository, GitHubWorkflowSnippetOutput, SubjectClaim } from 'cdk-github-deploy-roles';
 *
 * const role = new GitHubDeployRole(this, 'WebProdRole', {
 *   repository: GitHubRepository.of('acme', 'web'),
 *   subjects: [SubjectClaim.environment('production')],
 * });
 * new GitHubWorkflowSnippetOutput(this, 'WebProd', { role });
 */
export class GitHubWorkflowSnippetOutput extends Construct {
  /** The snippet known at synth time (the ARN from a variable unless the app fixes it); see `GitHubWorkflowSnippet`. */
  public readonly snippet: GitHubWorkflowSnippet;

  /** The output with the role ARN. */
  public readonly roleArnOutput: CfnOutput;

  /** The output with the workflow job, the deployed ARN and region written in. */
  public readonly workflowOutput: CfnOutput;

  constructor(scope: Construct, id: string, props: GitHubWorkflowSnippetOutputProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      fail('GitHubWorkflowSnippetOutput props', props, 'an object with at least role');
    }
    const outputName = props.roleArnOutputName ?? defaultOutputName(id);
    this.snippet = GitHubWorkflowSnippet.forRole(props.role, { ...props, roleArnOutputName: outputName });
    const role = this.snippet._role;
    if (Stack.of(role) !== Stack.of(this) && Token.isUnresolved(role.roleArn)) {
      fail('role', role.node.path, `a role of the stack this output is in (${Stack.of(this).node.path}): an output of ` +
        'another stack would need a CloudFormation export of the ARN; create the GitHubWorkflowSnippetOutput in the role\'s stack');
    }

    this.roleArnOutput = new CfnOutput(this, 'RoleArn', {
      value: role.roleArn,
      description: `role-to-assume of ${role.node.path} for aws-actions/configure-aws-credentials`,
    });
    this.roleArnOutput.overrideLogicalId(outputName);
    this.workflowOutput = new CfnOutput(this, 'WorkflowSnippet', {
      value: this.snippet._renderDeployed(this.node.path),
      description: `GitHub Actions job that assumes ${role.node.path}`,
    });
    this.workflowOutput.overrideLogicalId(`${outputName}WorkflowSnippet`);
  }
}

/** `<id>RoleArn` with only letters and digits, as CloudFormation output names require. */
function defaultOutputName(id: string): string {
  const letters = id.replace(/[^A-Za-z0-9]/g, '');
  return `${letters.length > 0 ? letters : 'GitHubDeploy'}RoleArn`;
}
