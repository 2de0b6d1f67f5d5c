import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { GitHubWorkflowAssertions } from '../../../src/analysis/assertions/workflow-assertions';
import { GitHubDeployRole } from '../../../src/constructs/deploy-role';
import { GitHubOidcProvider } from '../../../src/constructs/oidc-provider';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectClaim } from '../../../src/model/subject-claim';

const web = GitHubRepository.of('acme', 'web');

function template(): any {
  const stack = new Stack(new App(), 'Stack');
  const provider = GitHubOidcProvider.forAccount(stack);
  new GitHubDeployRole(stack, 'WebProd', { provider, repository: web, subjects: [SubjectClaim.environment('production')] });
  new GitHubDeployRole(stack, 'WebRelease', { provider, repository: web, subjects: [SubjectClaim.tag('v*')] });
  return Template.fromStack(stack).toJSON();
}

function workflowsDir(files: { [name: string]: string }): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'gdr-wf-')), '.github', 'workflows');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const job = (environment: string, variable: string) => `
  deploy:
    runs-on: ubuntu-latest
    ${environment}
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: \${{ vars.${variable} }}
          aws-region: eu-west-1
`;
const deploy = (environment: string, variable = 'AWS_ROLE_ARN_WEB_PROD') =>
  `on:\n  push:\n    branches: [main]\npermissions:\n  id-token: write\njobs:${job(environment, variable)}`;

describe('GitHubWorkflowAssertions: a unit test of both sides', () => {
  test('every job gets its role: the variable named after the construct finds it', () => {
    const workflows = GitHubWorkflowAssertions.fromTemplate(template(), {
      repository: web,
      workflows: [workflowsDir({ 'deploy.yml': deploy('environment: production') })],
    });
    expect(() => workflows.assertEveryJobAllowed()).not.toThrow();
    expect(workflows.jobs()).toEqual([expect.objectContaining({ job: 'deploy', verdict: 'allowed', role: expect.stringMatching(/^WebProd[0-9A-F]{8}$/), subjects: ['repo:acme/web:environment:production'] })]);
  });

  test('a job that forgot its environment fails the test, saying why', () => {
    const workflows = GitHubWorkflowAssertions.fromTemplate(template(), {
      repository: web,
      workflows: [workflowsDir({ 'deploy.yml': deploy('') })],
    });
    expect(() => workflows.assertEveryJobAllowed()).toThrow(/deploy \(line \d+\): denied with WebProd[0-9A-F]{8}\n {4}SubjectNotTrusted: push to branch main mints sub repo:acme\/web:ref:refs\/heads\/main/);
  });

  test('roles names the role a variable holds when no name tells', () => {
    const workflows = GitHubWorkflowAssertions.fromTemplate(template(), {
      repository: web,
      workflows: [workflowsDir({ 'deploy.yml': deploy('environment: production', 'AWS_ROLE_ARN') })],
      roles: { AWS_ROLE_ARN: 'WebProd' },
    });
    expect(workflows.jobs()[0].role).toMatch(/^WebProd[0-9A-F]{8}$/);
    expect(() => GitHubWorkflowAssertions.fromTemplate(template(), { repository: web, roles: { AWS_ROLE_ARN: 'Nope' } }))
      .toThrow(/roles\["AWS_ROLE_ARN"\].*Nope.*WebProd[0-9A-F]{8}, WebRelease[0-9A-F]{8}/);
  });

  test('assertNoUnusedTrust: a role admitting what no job mints', () => {
    const stack = new Stack(new App(), 'Stack');
    new GitHubDeployRole(stack, 'WebProd', { repository: web, subjects: [SubjectClaim.environment('production'), SubjectClaim.environment('staging')] });
    const workflows = GitHubWorkflowAssertions.fromTemplate(Template.fromStack(stack).toJSON(), {
      repository: web,
      workflows: [workflowsDir({ 'deploy.yml': deploy('environment: production') })],
    });
    expect(() => workflows.assertNoUnusedTrust()).toThrow(/trusts repo:acme\/web:environment:staging, which no job of these workflows mints/);
  });

  test('bad input names the field', () => {
    expect(() => GitHubWorkflowAssertions.fromTemplate({}, { repository: web })).toThrow(/template/);
    expect(() => GitHubWorkflowAssertions.fromTemplate(template(), { repository: 'acme/web' as any })).toThrow(/options\.repository.*GitHubRepository/);
    expect(() => GitHubWorkflowAssertions.fromTemplate(template(), { repository: web, workflows: ['/nonexistent/x'] }).jobs())
      .toThrow(/workflows.*\/nonexistent\/x/);
  });

  test('loading the library does not load the YAML parser; running a check does', () => {
    const script = [
      "require('./src/index.ts');",
      "const loaded = () => Object.keys(require.cache).some((k) => k.includes('node_modules/yaml/'));",
      'const before = loaded();',
      "require('./src/analysis/workflows/yaml-tree.ts').parseYamlTree('on: push');",
      'console.log(JSON.stringify([before, loaded()]));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([false, true]);
  });
});
