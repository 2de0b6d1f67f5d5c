import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GitHubTrustAssertions } from '../../../src/analysis/assertions/trust-assertions';
import { GitHubDeployRole } from '../../../src/constructs/deploy-role';
import { GitHubOidcProvider } from '../../../src/constructs/oidc-provider';
import { GitHubOidcStackSet, StackSetCaller } from '../../../src/constructs/organization/oidc-stack-set';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectClaim } from '../../../src/model/subject-claim';

const infra = GitHubRepository.of('acme', 'infra');
const OU = 'ou-ab12-34cd56ef';

function organization(props: Partial<ConstructorParameters<typeof GitHubOidcStackSet>[2]> = {}) {
  const stack = new Stack(new App(), 'Organization', { env: { account: '999999999999', region: 'us-east-1' } });
  const stackSet = new GitHubOidcStackSet(stack, 'GitHub', { organizationalUnitIds: [OU], region: 'eu-west-1', ...props });
  return { stack, stackSet };
}

function stackSetOf(stack: Stack): { properties: any; body: any } {
  const resources = Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet');
  const [resource] = Object.values(resources) as any[];
  return { properties: resource.Properties, body: JSON.parse(resource.Properties.TemplateBody) };
}

describe('GitHubOidcStackSet', () => {
  test('a service-managed StackSet with automatic deployment to one region, the retained provider and the roles in its template', () => {
    const { stack, stackSet } = organization();
    new GitHubDeployRole(stackSet.template, 'Deploy', {
      provider: stackSet.provider, repository: infra, subjects: [SubjectClaim.environment('production')], roleName: 'github-acme-infra',
    });
    const { properties, body } = stackSetOf(stack);
    expect(properties).toMatchObject({
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
      CallAs: 'SELF',
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      StackInstancesGroup: [{ Regions: ['eu-west-1'], DeploymentTargets: { OrganizationalUnitIds: [OU] } }],
    });
    expect(body.Resources.GitHubOidcProvider).toMatchObject({
      Type: 'AWS::IAM::OIDCProvider',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Condition: 'CreateProvider',
      Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] },
    });
    // No bootstrap parameter or rule: a StackSet instance has no CDK bootstrap to check.
    expect(Object.keys(body.Parameters)).toEqual(['CreateGitHubOidcProvider']);
    expect(body.Rules).toBeUndefined();
    const roles = Object.values(body.Resources).filter((r: any) => r.Type === 'AWS::IAM::Role') as any[];
    expect(roles).toHaveLength(1);
    expect(roles[0].Properties.RoleName).toBe('github-acme-infra');
    // The role trusts the provider by its ARN, the same where the instance creates it and where it imports it.
    expect(JSON.stringify(roles[0].Properties.AssumeRolePolicyDocument)).toContain(':oidc-provider/token.actions.githubusercontent.com');
    expect(JSON.stringify(roles[0].Properties.AssumeRolePolicyDocument)).not.toContain('"Ref":"GitHubOidcProvider"');
  });

  test('the roles inside the StackSet are read by the analysis: a test can state who may assume them', () => {
    const { stack, stackSet } = organization();
    new GitHubDeployRole(stackSet.template, 'Deploy', { provider: stackSet.provider, repository: infra, subjects: [SubjectClaim.environment('production')] });
    const roles = GitHubTrustAssertions.fromTemplate(Template.fromStack(stack).toJSON());
    expect(roles.githubRoleIds()).toEqual([expect.stringMatching(/^GitHub[0-9A-F]{8}\/Deploy[0-9A-F]{8}$/)]);
    const [id] = roles.githubRoleIds();
    roles.assertCanAssume(id, { repository: infra, environment: 'production' });
    roles.assertCannotAssume(id, { repository: GitHubRepository.of('other', 'infra'), environment: 'production' });
  });

  test('accounts that already have the provider import it; every other account, also one that joins later, creates it', () => {
    const { stack } = organization({ accountsWithProvider: ['111111111111'] });
    const groups = stackSetOf(stack).properties.StackInstancesGroup;
    expect(groups).toEqual([
      {
        Regions: ['eu-west-1'],
        DeploymentTargets: { OrganizationalUnitIds: [OU], Accounts: ['111111111111'], AccountFilterType: 'DIFFERENCE' },
        ParameterOverrides: [{ ParameterKey: 'CreateGitHubOidcProvider', ParameterValue: 'true' }],
      },
      {
        Regions: ['eu-west-1'],
        DeploymentTargets: { OrganizationalUnitIds: [OU], Accounts: ['111111111111'], AccountFilterType: 'INTERSECTION' },
        ParameterOverrides: [{ ParameterKey: 'CreateGitHubOidcProvider', ParameterValue: 'false' }],
      },
    ]);
    // The StackSet's own default (what auto-deployment uses) creates it.
    expect(stackSetOf(stack).properties.Parameters).toEqual([{ ParameterKey: 'CreateGitHubOidcProvider', ParameterValue: 'true' }]);
  });

  test("the template is synthesized apart: the app's cloud assembly holds only the app's stacks", () => {
    const outdir = mkdtempSync(join(tmpdir(), 'outer-'));
    const previous = process.env.CDK_OUTDIR;
    process.env.CDK_OUTDIR = outdir; // as under the CDK CLI
    try {
      const app = new App();
      const stack = new Stack(app, 'Organization');
      const stackSet = new GitHubOidcStackSet(stack, 'GitHub', { organizationalUnitIds: [OU], region: 'eu-west-1' });
      new GitHubDeployRole(stackSet.template, 'Deploy', { provider: stackSet.provider, repository: infra, subjects: [SubjectClaim.environment('production')] });
      const assembly = app.synth();
      expect(assembly.directory).toBe(outdir);
      expect(assembly.stacks.map((s) => s.stackName)).toEqual(['Organization']);
      expect(readdirSync(outdir).filter((f) => f.endsWith('.template.json'))).toEqual(['Organization.template.json']);
    } finally {
      if (previous === undefined) delete process.env.CDK_OUTDIR;
      else process.env.CDK_OUTDIR = previous;
    }
  });

  test.each([
    ['passes its checks', 'repo:acme/infra:environment:production', false],
    ['fails its checks', 'repo:*', true],
  ])('a template that %s leaves no temporary directory behind', (_name, sub, fails) => {
    // GIVEN a process whose temporary directory is the test's own (jest's process.env does not reach os.tmpdir())
    const temporary = mkdtempSync(join(tmpdir(), 'stack-set-tmp-'));
    const script = [
      "const { App, Stack } = require('aws-cdk-lib');",
      "const iam = require('aws-cdk-lib/aws-iam');",
      "const { GitHubOidcStackSet } = require('./src/constructs/organization/oidc-stack-set');",
      "const stack = new Stack(new App(), 'Organization');",
      `const stackSet = new GitHubOidcStackSet(stack, 'GitHub', { organizationalUnitIds: ['${OU}'], region: 'eu-west-1' });`,
      "new iam.Role(stackSet.template, 'Deploy', { assumedBy: new iam.WebIdentityPrincipal(stackSet.provider.oidcProviderArn, {",
      "  StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },",
      `  StringLike: { 'token.actions.githubusercontent.com:sub': '${sub}' } }) });`,
      'let failed = false;',
      'try { stack.resolve(stack.node.findChild("GitHub").node.findChild("Resource").templateBody); } catch { failed = true; }',
      'process.stdout.write(JSON.stringify({ failed }));',
    ].join('\n');
    try {
      // WHEN the template synthesizes
      const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: join(__dirname, '..', '..', '..'), env: { ...process.env, TMPDIR: temporary }, encoding: 'utf8',
      });
      // THEN it failed or passed as expected, and its cloud assembly is gone either way
      expect(JSON.parse(output).failed).toBe(fails);
      // (tsx keeps its cache there, and the outer app its own cloud assembly directory)
      expect(readdirSync(temporary).filter((name) => name.startsWith('github-deploy-roles-stackset-'))).toEqual([]);
    } finally {
      rmSync(temporary, { recursive: true, force: true });
    }
  });

  test('a delegated administrator deploys it with callAs DELEGATED_ADMIN', () => {
    expect(stackSetOf(organization({ callAs: StackSetCaller.DELEGATED_ADMIN }).stack).properties.CallAs).toBe('DELEGATED_ADMIN');
  });

  test('an over-broad role inside the template fails the synth, as anywhere else', () => {
    const { stack, stackSet } = organization();
    new iam.Role(stackSet.template, 'Open', {
      assumedBy: new iam.WebIdentityPrincipal(stackSet.provider.oidcProviderArn, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }),
    });
    expect(() => Template.fromStack(stack)).toThrow(/\[StackSetTemplate\/Open\] SubWildcardRepository/);
  });

  test('a provider created inside the template is refused: the StackSet creates it', () => {
    const { stack, stackSet } = organization();
    new GitHubDeployRole(stackSet.template, 'Deploy', { provider: GitHubOidcProvider.forAccount(stackSet.template), repository: infra, subjects: [SubjectClaim.branch('main')] });
    expect(() => Template.fromStack(stack)).toThrow(/pass provider: stackSet\.provider to each role/);
  });

  test('a template over CloudFormation\'s inline body limit is refused with the way out', () => {
    const { stack, stackSet } = organization();
    for (let i = 0; i < 150; i++) {
      new GitHubDeployRole(stackSet.template, `Deploy${i}`, { provider: stackSet.provider, repository: GitHubRepository.of('acme', `service-${i}`), subjects: [SubjectClaim.environment('production')] });
    }
    expect(() => Template.fromStack(stack)).toThrow(/at most 51200 .*split the roles into two GitHubOidcStackSets/);
  });

  test.each([
    ['organizationalUnitIds', { organizationalUnitIds: [] }, /organizationalUnitIds/],
    ['an OU ID', { organizationalUnitIds: ['acme'] }, /organizationalUnitIds.*ou-xxxx-xxxxxxxx/],
    ['two regions', { region: ['us-east-1', 'eu-west-1'] as any }, /region.*one region/],
    ['a region', { region: 'Frankfurt' }, /region "Frankfurt"/],
    ['an account', { accountsWithProvider: ['1234'] }, /accountsWithProvider.*12-digit/],
    ['callAs', { callAs: 'ME' as any }, /callAs "ME"/],
    ['clientIds', { clientIds: [] }, /clientIds/],
  ])('bad %s is refused naming the field', (_, props, message) => {
    expect(() => organization(props as any)).toThrow(message);
  });
});
