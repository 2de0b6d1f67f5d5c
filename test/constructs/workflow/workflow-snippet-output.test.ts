import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { App, Stack } from 'aws-cdk-lib/core';
import { jobOf } from './yaml-check';
import { GitHubDeployRole } from '../../../src/constructs/deploy-role';
import { GitHubWorkflowSnippetOutput } from '../../../src/constructs/workflow/workflow-snippet-output';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectClaim } from '../../../src/model/subject-claim';

const DEPLOYED_ARN = 'arn:aws:iam::123456789012:role/WebStack-WebProd-1A2B3C4D5E6F';

function setup(): { app: App; stack: Stack; role: GitHubDeployRole } {
  const app = new App();
  const stack = new Stack(app, 'WebStack');
  const role = new GitHubDeployRole(stack, 'WebProd', {
    repository: GitHubRepository.of('acme', 'web'),
    subjects: [SubjectClaim.environment('production')],
  });
  return { app, stack, role };
}

/** What CloudFormation makes of the output value: the role's Arn attribute and the region filled in. */
function deployedValue(value: any, roleLogicalId: string): string {
  if (typeof value === 'string') return value;
  const [separator, parts] = value['Fn::Join'];
  return parts.map((part: any) => {
    if (typeof part === 'string') return part;
    if (part.Ref === 'AWS::Region') return 'eu-west-1';
    if (part['Fn::GetAtt']?.[0] === roleLogicalId && part['Fn::GetAtt'][1] === 'Arn') return DEPLOYED_ARN;
    throw new Error(`unexpected part ${JSON.stringify(part)}`);
  }).join(separator);
}

describe('GitHubWorkflowSnippetOutput', () => {
  test('outputs the role ARN under <id>RoleArn, without an export', () => {
    // GIVEN
    const { stack, role } = setup();
    // WHEN
    new GitHubWorkflowSnippetOutput(stack, 'WebProdWorkflow', { role });
    // THEN
    const roleLogicalId = stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
    const outputs = Template.fromStack(stack).toJSON().Outputs;
    expect(outputs.WebProdWorkflowRoleArn).toEqual({
      Description: 'role-to-assume of WebStack/WebProd for aws-actions/configure-aws-credentials',
      Value: { 'Fn::GetAtt': [roleLogicalId, 'Arn'] },
    });
  });

  test('the synth-time snippet names that output as the source of the variable', () => {
    const { stack, role } = setup();
    const output = new GitHubWorkflowSnippetOutput(stack, 'WebProdWorkflow', { role });
    expect(output.snippet.yaml).toContain(
      '# Set the variable AWS_ROLE_ARN_WEB_PROD (repository or environment "production") to the stack output WebProdWorkflowRoleArn of stack WebStack.');
  });

  test('the workflow output is the same job with the deployed ARN and region written in, valid YAML', () => {
    // GIVEN
    const { stack, role } = setup();
    // WHEN
    new GitHubWorkflowSnippetOutput(stack, 'WebProdWorkflow', { role, jobId: 'deploy-web' });
    // THEN
    const roleLogicalId = stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
    const output = Template.fromStack(stack).toJSON().Outputs.WebProdWorkflowRoleArnWorkflowSnippet;
    expect(output.Description).toBe('GitHub Actions job that assumes WebStack/WebProd');
    const yaml = deployedValue(output.Value, roleLogicalId);
    expect(yaml).toContain('# Generated at deploy time by WebStack/WebProdWorkflow: the role ARN and region are those of the deployed stack.');
    expect(yaml).not.toMatch(/vars\.|Set the variable/);
    const job = jobOf(yaml);
    expect(job.environment).toBe('production');
    expect(job.permissions).toEqual({ 'id-token': 'write', 'contents': 'read' });
    expect(job.steps[0].with).toEqual({ 'role-to-assume': DEPLOYED_ARN, 'aws-region': 'eu-west-1' });
  });

  test('a given output name names both outputs', () => {
    const { stack, role } = setup();
    new GitHubWorkflowSnippetOutput(stack, 'Workflow', { role, roleArnOutputName: 'WebProductionRole' });
    expect(Object.keys(Template.fromStack(stack).toJSON().Outputs).sort()).toEqual(['WebProductionRole', 'WebProductionRoleWorkflowSnippet']);
  });

  test('a role of another stack is refused: its ARN would need an export', () => {
    const { app, role } = setup();
    const other = new Stack(app, 'PipelineStack');
    expect(() => new GitHubWorkflowSnippetOutput(other, 'Workflow', { role }))
      .toThrow(/Invalid role "WebStack\/WebProd": expected a role of the stack this output is in \(PipelineStack\)/);
  });

  test('an imported role with a literal ARN may be output from any stack', () => {
    const { app } = setup();
    const other = new Stack(app, 'PipelineStack');
    const role = iam.Role.fromRoleArn(new Stack(app, 'Imports'), 'Deployer', 'arn:aws:iam::123456789012:role/deployer');
    new GitHubWorkflowSnippetOutput(other, 'Workflow', { role });
    expect(Template.fromStack(other).toJSON().Outputs.WorkflowRoleArn.Value).toBe('arn:aws:iam::123456789012:role/deployer');
  });

  test('props that are not an object, or without a role', () => {
    const { stack } = setup();
    expect(() => new GitHubWorkflowSnippetOutput(stack, 'Null', null as any))
      .toThrow(/Invalid GitHubWorkflowSnippetOutput props null: expected an object with at least role/);
    expect(() => new GitHubWorkflowSnippetOutput(stack, 'NoRole', {} as any)).toThrow(/Invalid role undefined: expected an iam.IRole/);
  });
});
