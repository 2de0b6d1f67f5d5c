/**
 * Issue 10 item 16: in a stack of the China partition, the role, its provider and the workflow snippet agree on the
 * audience China-region workflows request, `sts.amazonaws.com.cn` (configure-aws-credentials README, "OIDC
 * audience"; FACTS.md "The audience in the China partition"), and the checks expect it.
 */
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GITHUB } from './helpers';
import { jobOf } from './workflow/yaml-check';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubOidcProvider } from '../../src/constructs/oidc-provider';
import { GitHubTrustChecks } from '../../src/constructs/trust-checks';
import { GitHubWorkflowSnippet } from '../../src/constructs/workflow/workflow-snippet';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim } from '../../src/model/subject-claim';

const web = GitHubRepository.of('acme', 'web');

function chinaStack(app = new App()): Stack {
  return new Stack(app, 'Beijing', { env: { account: '123456789012', region: 'cn-north-1' } });
}

test('a default role: the trust policy pins sts.amazonaws.com.cn, the provider lists it, the snippet requests it', () => {
  const stack = chinaStack();
  const role = new GitHubDeployRole(stack, 'WebProd', { repository: web, subjects: [SubjectClaim.environment('production')] });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::IAM::OIDCProvider', { ClientIdList: ['sts.amazonaws.com.cn'] });
  const [policy] = Object.values(template.findResources('AWS::IAM::Role')).map((r: any) => r.Properties.AssumeRolePolicyDocument);
  expect(policy.Statement[0].Condition.StringEquals[`${GITHUB}:aud`]).toBe('sts.amazonaws.com.cn');
  expect(role.audience).toBe('sts.amazonaws.com.cn');
  expect(jobOf(GitHubWorkflowSnippet.forRole(role).yaml).steps[0].with.audience).toBe('sts.amazonaws.com.cn');
});

test('a provider made in a China stack lists the China audience, and the default role works with it', () => {
  const stack = chinaStack();
  const provider = GitHubOidcProvider.forAccount(stack);
  expect(() => new GitHubDeployRole(stack, 'Role', { provider, repository: web, subjects: [SubjectClaim.branch('main')] })).not.toThrow();
  Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { ClientIdList: ['sts.amazonaws.com.cn'] });
});

test('a plain iam.Role in a China stack gets a snippet that requests the China audience', () => {
  const stack = chinaStack();
  const role = new iam.Role(stack, 'Plain', { roleName: 'deployer', assumedBy: new iam.AccountRootPrincipal() });
  expect(jobOf(GitHubWorkflowSnippet.forRole(role).yaml).steps[0].with.audience).toBe('sts.amazonaws.com.cn');
});

test('GitHubTrustChecks expects the China audience of a China stack, and the global one elsewhere', () => {
  const app = new App();
  const china = chinaStack(app);
  const global = new Stack(app, 'Dublin', { env: { account: '123456789012', region: 'eu-west-1' } });
  for (const stack of [china, global]) {
    const provider = new iam.OidcProviderNative(stack, 'Provider', { url: `https://${GITHUB}`, clientIds: ['sts.amazonaws.com.cn'] });
    new iam.Role(stack, 'Deploy', {
      assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, {
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com.cn', [`${GITHUB}:sub`]: 'repo:acme/web:environment:production', [`${GITHUB}:repository_id`]: '1' },
      }),
    });
  }
  Aspects.of(app).add(new GitHubTrustChecks());
  expect(() => app.synth()).toThrow(/\[Dublin\/Deploy\] AudienceUnexpected/);
  expect(() => app.synth()).not.toThrow(/\[Beijing\/Deploy\]/);
});

test('an environment-agnostic stack keeps sts.amazonaws.com (its partition is unknown)', () => {
  const stack = new Stack(new App(), 'Anywhere');
  const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.branch('main')] });
  expect(role.audience).toBe('sts.amazonaws.com');
});
