import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { GitHubTrustAssertions } from '../../../src/analysis/assertions/trust-assertions';
import { GitHubDeployRole } from '../../../src/constructs/deploy-role';
import { GitHubOidcProvider } from '../../../src/constructs/oidc-provider';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectClaim } from '../../../src/model/subject-claim';

const web = GitHubRepository.of('acme', 'web');
const other = GitHubRepository.of('acme', 'other');

function roles(): GitHubTrustAssertions {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const provider = GitHubOidcProvider.forAccount(stack);
  new GitHubDeployRole(stack, 'WebProd', { provider, repository: web, subjects: [SubjectClaim.environment('production')] });
  new GitHubDeployRole(stack, 'WebMain', { provider, repository: web, subjects: [SubjectClaim.branch('main')] });
  return GitHubTrustAssertions.fromTemplate(Template.fromStack(stack).toJSON());
}

describe('GitHubTrustAssertions: who can assume a synthesized role', () => {
  const assertions = roles();

  test('finds the GitHub roles by construct ID', () => {
    expect(assertions.githubRoleIds()).toHaveLength(2);
    expect(assertions.githubRoleIds().every((id) => /^Web(Prod|Main)[0-9A-F]{8}$/.test(id))).toBe(true);
  });

  test('an environment job of acme/web may assume WebProd, whatever the branch', () => {
    expect(assertions.canAssume('WebProd', { repository: web, environment: 'production', ref: 'refs/heads/feature' })).toBe(true);
    expect(() => assertions.assertCanAssume('WebProd', { repository: web, environment: 'production' })).not.toThrow();
  });

  test('a push to main without the environment may not assume WebProd, and the failure explains why', () => {
    expect(assertions.canAssume('WebProd', { repository: web, ref: 'refs/heads/main' })).toBe(false);
    expect(() => assertions.assertCanAssume('WebProd', { repository: web, ref: 'refs/heads/main' }))
      .toThrow(/WebProd should admit the run .*"repository":"acme\/web".* but: denied: [\s\S]*did not match: .*repo:acme\/web:ref:refs\/heads\/main/);
  });

  test('a pull request of acme/web and any run of acme/other may not assume WebMain', () => {
    expect(() => assertions.assertCannotAssume('WebMain', { repository: web, eventName: 'pull_request', ref: 'refs/pull/7/merge' })).not.toThrow();
    expect(() => assertions.assertCannotAssume('WebMain', { repository: other, ref: 'refs/heads/main' })).not.toThrow();
    expect(() => assertions.assertCannotAssume('WebMain', { repository: web, ref: 'refs/heads/main' }))
      .toThrow(/WebMain should refuse the run .* but: allowed/);
  });

  test('unknown or ambiguous role names are errors that list the roles', () => {
    expect(() => assertions.canAssume('Nope', { repository: web })).toThrow(/Invalid role "Nope": expected a logical ID, construct ID or construct path of a role of the template: WebProd[0-9A-F]{8}, WebMain/);
    expect(() => assertions.canAssume('Web', { repository: web })).toThrow(/Invalid role "Web": expected a logical ID, construct ID or construct path of a role of the template/);
  });

  test('lookups work under a plain new App() (no path metadata): a construct path, and a construct ID under a group', () => {
    const app = new App();
    const stack = new Stack(app, 'Quickstart');
    const provider = GitHubOidcProvider.forAccount(stack);
    const group = new Construct(stack, 'Group');
    new GitHubDeployRole(group, 'Prod', { provider, repository: web, subjects: [SubjectClaim.environment('production')] });
    new GitHubDeployRole(stack, 'WebMain', { provider, repository: web, subjects: [SubjectClaim.branch('main')] });
    const template = Template.fromStack(stack).toJSON();
    expect(JSON.stringify(template)).not.toContain('aws:cdk:path');
    const found = GitHubTrustAssertions.fromTemplate(template);
    for (const name of ['Prod', 'Group/Prod', 'Quickstart/Group/Prod', 'Quickstart/Group/Prod/Resource']) {
      expect([name, found.canAssume(name, { repository: web, environment: 'production' })]).toEqual([name, true]);
    }
    expect(found.canAssume('Quickstart/WebMain', { repository: web, ref: 'refs/heads/main' })).toBe(true);
  });

  test('the same construct ID in two groups is ambiguous, and the error names both roles', () => {
    const app = new App({ context: { 'aws:cdk:enable-path-metadata': true } });
    const stack = new Stack(app, 'Stack');
    const provider = GitHubOidcProvider.forAccount(stack);
    for (const group of ['Eu', 'Us']) {
      new GitHubDeployRole(new Construct(stack, group), 'Prod', { provider, repository: web, subjects: [SubjectClaim.environment('production')] });
    }
    const found = GitHubTrustAssertions.fromTemplate(Template.fromStack(stack).toJSON());
    expect(() => found.canAssume('Prod', { repository: web })).toThrow(/one role; it names EuProd[0-9A-F]{8} \(Stack\/Eu\/Prod\), UsProd[0-9A-F]{8} \(Stack\/Us\/Prod\)/);
    expect(found.canAssume('Stack/Eu/Prod', { repository: web, environment: 'production' })).toBe(true);
  });

  test('a template is required', () => {
    expect(() => GitHubTrustAssertions.fromTemplate({ Statement: [] })).toThrow(/Invalid template .*: expected a CloudFormation template with Resources/);
  });
});
