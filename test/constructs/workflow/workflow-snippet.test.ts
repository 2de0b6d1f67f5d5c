import * as iam from 'aws-cdk-lib/aws-iam';
import { App, Stack, StackProps } from 'aws-cdk-lib/core';
import { jobOf, parseYaml } from './yaml-check';
import { GitHubDeployRole, GitHubDeployRoleProps } from '../../../src/constructs/deploy-role';
import { GitHubWorkflowSnippet, GitHubWorkflowSnippetOptions } from '../../../src/constructs/workflow/workflow-snippet';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectClaim } from '../../../src/model/subject-claim';

const FIXED_ENV = { account: '123456789012', region: 'eu-west-1' };
const web = GitHubRepository.of('acme', 'web');

function stack(props: StackProps = {}): Stack {
  return new Stack(new App(), 'WebStack', props);
}

function deployRole(scope: Stack, id: string, props: Partial<GitHubDeployRoleProps> = {}): GitHubDeployRole {
  return new GitHubDeployRole(scope, id, { repository: web, subjects: [SubjectClaim.environment('production')], ...props });
}

describe('GitHubWorkflowSnippet: the job', () => {
  test('a role that trusts an environment: environment line, OIDC permissions, credentials step; valid YAML', () => {
    // GIVEN
    const role = deployRole(stack(), 'WebProd');
    // WHEN
    const snippet = GitHubWorkflowSnippet.forRole(role);
    // THEN
    expect(snippet.environment).toBe('production');
    expect(snippet.yaml).toMatch(/^ {4}environment: production$/m);
    const job = jobOf(snippet.yaml);
    expect(job['runs-on']).toBe('ubuntu-latest');
    expect(job.environment).toBe('production');
    expect(job.permissions).toEqual({ 'id-token': 'write', 'contents': 'read' });
    expect(job.steps[0]).toEqual({
      name: 'Configure AWS credentials',
      uses: 'aws-actions/configure-aws-credentials@v4',
      with: { 'role-to-assume': '${{ vars.AWS_ROLE_ARN_WEB_PROD }}', 'aws-region': '${{ vars.AWS_REGION }}' },
    });
    expect(job.steps[1]).toEqual({ name: 'Show the assumed role', run: 'aws sts get-caller-identity' });
  });

  test.each([
    ['a branch', SubjectClaim.branch('main')],
    ['a tag pattern', SubjectClaim.tag('v*')],
  ])('a role that trusts %s: no environment line', (_name, subject) => {
    // GIVEN
    const role = deployRole(stack(), 'WebMain', { subjects: [subject] });
    // WHEN
    const snippet = GitHubWorkflowSnippet.forRole(role);
    // THEN
    expect(snippet.environment).toBeUndefined();
    expect(snippet.yaml).not.toMatch(/environment:/);
    expect(jobOf(snippet.yaml)).not.toHaveProperty('environment');
  });

  test('the comment names the role, the repository and the subjects it trusts', () => {
    const role = deployRole(stack(), 'WebProd', { subjects: [SubjectClaim.environment('production'), SubjectClaim.branch('main')] });
    const yaml = GitHubWorkflowSnippet.forRole(role, { environment: 'production' }).yaml;
    expect(yaml).toContain('# GitHub Actions job that assumes WebStack/WebProd with OIDC');
    expect(yaml).toContain('# Runs of acme/web only; the role trusts: environment:production, ref:refs/heads/main.');
  });

  test('a non-default audience is written; the default one is not', () => {
    // GIVEN two accounts' stacks: one OIDC provider per account, each with the audience of its role
    const china = deployRole(stack(), 'China', { audience: 'sts.amazonaws.com.cn' });
    const standard = deployRole(stack(), 'Standard');
    // WHEN
    const chinaSnippet = GitHubWorkflowSnippet.forRole(china);
    const standardSnippet = GitHubWorkflowSnippet.forRole(standard);
    // THEN
    expect(chinaSnippet.audience).toBe('sts.amazonaws.com.cn');
    expect(jobOf(chinaSnippet.yaml).steps[0].with.audience).toBe('sts.amazonaws.com.cn');
    expect(standardSnippet.audience).toBe('sts.amazonaws.com');
    expect(jobOf(standardSnippet.yaml).steps[0].with).not.toHaveProperty('audience');
  });

  test('a plain iam.IRole: environment and audience come from the options', () => {
    // GIVEN
    const role = iam.Role.fromRoleArn(stack(), 'Imported', 'arn:aws:iam::123456789012:role/web-production');
    // WHEN
    const snippet = GitHubWorkflowSnippet.forRole(role, { environment: 'production', audience: 'api://AzureADTokenExchange' });
    // THEN
    const job = jobOf(snippet.yaml);
    expect(job.environment).toBe('production');
    expect(job.steps[0].with.audience).toBe('api://AzureADTokenExchange');
  });

  test('job ID, runner, session name, duration and action reference are settable', () => {
    const role = deployRole(stack(), 'WebProd');
    const parsed = parseYaml(GitHubWorkflowSnippet.forRole(role, {
      jobId: 'deploy-web',
      runsOn: 'self-hosted',
      roleSessionName: 'web-deploy',
      roleDurationSeconds: 1800,
      actionRef: 'aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502',
    }).yaml);
    expect(Object.keys(parsed.jobs)).toEqual(['deploy-web']);
    const job = parsed.jobs['deploy-web'];
    expect(job['runs-on']).toBe('self-hosted');
    expect(job.steps[0].uses).toBe('aws-actions/configure-aws-credentials@e3dd6a429d7300a6a4c196c26e071d42e0343502');
    expect(job.steps[0].with).toMatchObject({ 'role-session-name': 'web-deploy', 'role-duration-seconds': 1800 });
  });
});

describe('GitHubWorkflowSnippet: the role ARN and region', () => {
  test('explicit account, region and role name: the literal ARN and region, no variable, no instructions', () => {
    // GIVEN
    const role = deployRole(stack({ env: FIXED_ENV }), 'WebProd', { roleName: 'web-production', path: '/github/' });
    // WHEN
    const snippet = GitHubWorkflowSnippet.forRole(role);
    // THEN
    expect(snippet.roleArn).toBe('arn:aws:iam::123456789012:role/github/web-production');
    expect(snippet.roleArnVariable).toBeUndefined();
    expect(snippet.region).toBe('eu-west-1');
    expect(jobOf(snippet.yaml).steps[0].with).toEqual({
      'role-to-assume': 'arn:aws:iam::123456789012:role/github/web-production',
      'aws-region': 'eu-west-1',
    });
    expect(snippet.yaml).not.toMatch(/vars\.|Set the variable/);
  });

  test('the partition follows the region: a China region gives an aws-cn ARN', () => {
    const role = deployRole(stack({ env: { account: '123456789012', region: 'cn-north-1' } }), 'WebProd', { roleName: 'web-production' });
    expect(GitHubWorkflowSnippet.forRole(role).roleArn).toBe('arn:aws-cn:iam::123456789012:role/web-production');
  });

  test.each<[string, (scope: Stack) => iam.IRole, string]>([
    ['a literal imported ARN', (scope) => iam.Role.fromRoleArn(scope, 'Imported', 'arn:aws:iam::210987654321:role/deployer'),
      'arn:aws:iam::210987654321:role/deployer'],
    ['a role imported by name', (scope) => iam.Role.fromRoleName(scope, 'ByName', 'deployer'), 'arn:aws:iam::123456789012:role/deployer'],
    ['a plain iam.Role with a name', (scope) => new iam.Role(scope, 'Plain', { roleName: 'deployer', assumedBy: new iam.AccountRootPrincipal() }),
      'arn:aws:iam::123456789012:role/deployer'],
  ])('%s in a stack with a fixed environment: literal ARN', (_name, makeRole, arn) => {
    const snippet = GitHubWorkflowSnippet.forRole(makeRole(stack({ env: FIXED_ENV })));
    expect(snippet.roleArn).toBe(arn);
    expect(jobOf(snippet.yaml).steps[0].with['role-to-assume']).toBe(arn);
  });

  test.each<[string, StackProps, Partial<GitHubDeployRoleProps>]>([
    ['a generated role name', { env: FIXED_ENV }, {}],
    ['an account left to the CLI', { env: { region: 'eu-west-1' } }, { roleName: 'web-production' }],
    ['a region left to the CLI', { env: { account: '123456789012' } }, { roleName: 'web-production' }],
  ])('%s: a variable placeholder, with a comment naming what to copy into it', (_name, stackProps, roleProps) => {
    // GIVEN
    const role = deployRole(stack(stackProps), 'WebProd', roleProps);
    // WHEN
    const snippet = GitHubWorkflowSnippet.forRole(role);
    // THEN
    expect(snippet.roleArn).toBeUndefined();
    expect(snippet.roleArnVariable).toBe('AWS_ROLE_ARN_WEB_PROD');
    expect(jobOf(snippet.yaml).steps[0].with['role-to-assume']).toBe('${{ vars.AWS_ROLE_ARN_WEB_PROD }}');
    expect(snippet.yaml).toContain(
      '# Set the variable AWS_ROLE_ARN_WEB_PROD (repository or environment "production") to the ARN of WebStack/WebProd after deploy.');
    expect(snippet.yaml).not.toContain('${Token');
  });

  test('a given variable name and stack output name are used in the placeholder and the comment', () => {
    const role = deployRole(stack(), 'WebProd', { subjects: [SubjectClaim.branch('main')] });
    const yaml = GitHubWorkflowSnippet.forRole(role, { roleArnVariable: 'WEB_DEPLOY_ROLE', roleArnOutputName: 'WebProdRoleArnOutput' }).yaml;
    expect(jobOf(yaml).steps[0].with['role-to-assume']).toBe('${{ vars.WEB_DEPLOY_ROLE }}');
    expect(yaml).toContain('# Set the variable WEB_DEPLOY_ROLE (repository) to the stack output WebProdRoleArnOutput of stack WebStack.');
  });

  test('region: the option wins; else the stack region; else the AWS_REGION variable with an instruction', () => {
    const fixed = deployRole(stack({ env: FIXED_ENV }), 'WebProd');
    const agnostic = deployRole(stack(), 'WebProd');
    expect(jobOf(GitHubWorkflowSnippet.forRole(fixed, { region: 'us-east-2' }).yaml).steps[0].with['aws-region']).toBe('us-east-2');
    expect(jobOf(GitHubWorkflowSnippet.forRole(fixed).yaml).steps[0].with['aws-region']).toBe('eu-west-1');
    const placeholder = GitHubWorkflowSnippet.forRole(agnostic);
    expect(placeholder.region).toBeUndefined();
    expect(jobOf(placeholder.yaml).steps[0].with['aws-region']).toBe('${{ vars.AWS_REGION }}');
    expect(placeholder.yaml).toContain('# Set the variable AWS_REGION to the region the role\'s stack is deployed to.');
  });
});

describe('GitHubWorkflowSnippet: environments', () => {
  const twoEnvironments = [SubjectClaim.environment('staging'), SubjectClaim.environment('production')];

  test('a role that trusts two environments needs the choice, and takes either', () => {
    const role = deployRole(stack(), 'Web', { subjects: twoEnvironments });
    expect(() => GitHubWorkflowSnippet.forRole(role))
      .toThrow('Invalid environment undefined: expected one of the environments WebStack/Web trusts, "staging", "production": a job references one environment.');
    expect(jobOf(GitHubWorkflowSnippet.forRole(role, { environment: 'staging' }).yaml).environment).toBe('staging');
    expect(jobOf(GitHubWorkflowSnippet.forRole(role, { environment: 'production' }).yaml).environment).toBe('production');
  });

  test('an environment the role does not trust is refused', () => {
    const scope = stack();
    expect(() => GitHubWorkflowSnippet.forRole(deployRole(scope, 'Web', { subjects: twoEnvironments }), { environment: 'preview' }))
      .toThrow('Invalid environment "preview": expected one of the environments WebStack/Web trusts: "staging", "production".');
    expect(() => GitHubWorkflowSnippet.forRole(deployRole(scope, 'Main', { subjects: [SubjectClaim.branch('main')] }), { environment: 'production' }))
      .toThrow(/Invalid environment "production": expected no environment: WebStack\/Main trusts no environment subject/);
  });

  test.each([
    ['a ":" (written %3A in sub, back to ":" in the workflow)', 'Production:EU', 'Production:EU'],
    ['a ":" after digits (a YAML 1.1 sexagesimal number unquoted)', '1:20', '"1:20"'],
    ['a trailing ":"', 'production:', '"production:"'],
    ['spaces and a "#"', 'prod eu #1', '"prod eu #1"'],
    ['a YAML boolean word', 'yes', '"yes"'],
    ['a number', '2026', '"2026"'],
    ['a plain name', 'production-eu', 'production-eu'],
  ])('an environment name with %s is written so it reads back unchanged', (_name, environment, written) => {
    // GIVEN
    const role = deployRole(stack(), 'Web', { subjects: [SubjectClaim.environment(environment)] });
    // WHEN
    const yaml = GitHubWorkflowSnippet.forRole(role).yaml;
    // THEN
    expect(yaml).toContain(`    environment: ${written}\n`);
    expect(jobOf(yaml).environment).toBe(environment);
  });
});

describe('GitHubWorkflowSnippet: bad input names the field, the value and what is allowed', () => {
  test.each<[string, Record<string, unknown>, RegExp]>([
    ['region that is not a region code', { region: 'Ireland' }, /Invalid region "Ireland": expected an AWS region code such as "eu-west-1"/],
    ['variable starting with GITHUB_', { roleArnVariable: 'GITHUB_ROLE' },
      /Invalid roleArnVariable "GITHUB_ROLE": expected a GitHub variable name that does not start with GITHUB_/],
    ['variable starting with a digit', { roleArnVariable: '1ROLE' }, /Invalid roleArnVariable "1ROLE": expected a GitHub variable name/],
    ['variable with a dash', { roleArnVariable: 'ROLE-ARN' }, /Invalid roleArnVariable "ROLE-ARN": expected a GitHub variable name/],
    ['job ID with a space', { jobId: 'deploy web' }, /Invalid jobId "deploy web": expected a GitHub job ID/],
    ['runner with a line break', { runsOn: 'ubuntu-latest\nsteps: []' }, /Invalid runsOn "ubuntu-latest\\nsteps: \[\]": expected a runner label/],
    ['session name of one character', { roleSessionName: 'x' }, /Invalid roleSessionName "x": expected 2 to 64 characters/],
    ['duration below 900 seconds', { roleDurationSeconds: 600 }, /Invalid roleDurationSeconds 600: expected a whole number of seconds from 900 to 43200/],
    ['duration as a string', { roleDurationSeconds: '3600' }, /Invalid roleDurationSeconds "3600": expected a whole number of seconds/],
    ['action without a ref', { actionRef: 'aws-actions/configure-aws-credentials' },
      /Invalid actionRef "aws-actions\/configure-aws-credentials": expected an action reference "owner\/repo@ref"/],
    ['audience with a space', { audience: 'sts amazonaws' }, /Invalid audience "sts amazonaws": expected the token audience/],
    ['environment with a wildcard', { environment: 'prod*' }, /Invalid environment "prod\*": expected a GitHub environment name/],
    ['environment not a string', { environment: 1 }, /Invalid environment 1: expected a GitHub environment name/],
    ['output name with a dash', { roleArnOutputName: 'web-role-arn' }, /Invalid roleArnOutputName "web-role-arn": expected a CloudFormation output name/],
  ])('%s', (_name, options, message) => {
    const role = iam.Role.fromRoleArn(stack(), 'Imported', 'arn:aws:iam::123456789012:role/web-production');
    expect(() => GitHubWorkflowSnippet.forRole(role, options as GitHubWorkflowSnippetOptions)).toThrow(message);
  });

  test('an audience other than the deploy role\'s is refused', () => {
    const role = deployRole(stack(), 'WebProd');
    expect(() => GitHubWorkflowSnippet.forRole(role, { audience: 'sts.amazonaws.com.cn' }))
      .toThrow('Invalid audience "sts.amazonaws.com.cn": expected the audience WebStack/WebProd requires, "sts.amazonaws.com", or none.');
  });

  test.each<[string, unknown, RegExp]>([
    ['an ARN string', 'arn:aws:iam::123456789012:role/web-production', /Invalid role "arn:aws:iam::123456789012:role\/web-production": expected an iam.IRole/],
    ['undefined', undefined, /Invalid role undefined: expected an iam.IRole/],
  ])('a role that is %s', (_name, role, message) => {
    expect(() => GitHubWorkflowSnippet.forRole(role as iam.IRole)).toThrow(message);
  });

  test('options that are not an object', () => {
    const role = iam.Role.fromRoleArn(stack(), 'Imported', 'arn:aws:iam::123456789012:role/web-production');
    expect(() => GitHubWorkflowSnippet.forRole(role, null as any)).toThrow(/Invalid options null: expected GitHubWorkflowSnippetOptions/);
  });
});
