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

  // A hand-written role (no synth-time check on it) whose policy IAM may read two ways: the evaluator reads
  // "StringLIKE" as StringLike and refuses acme/other; were IAM to pass the block over, acme/other gets in. Before,
  // assertCannotAssume judged the evaluator's reading only, and passed.
  const handWritten = (condition: object) => GitHubTrustAssertions.fromTemplate({
    Resources: {
      Provider: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] } },
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Federated: { Ref: 'Provider' } }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
          },
        },
      },
    },
  });

  test('assertCannotAssume fails when some way IAM may read the policy admits the run, and says which', () => {
    const found = handWritten({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLIKE: { 'token.actions.githubusercontent.com:sub': 'repo:acme/web:*' } });
    expect(found.evaluate('Role', { repository: other, ref: 'refs/heads/main' }).allowed).toBe(false);
    expect(found.canAssume('Role', { repository: other, ref: 'refs/heads/main' })).toBe(true);
    expect(() => found.assertCannotAssume('Role', { repository: other, ref: 'refs/heads/main' }))
      .toThrow(/Role should refuse the run .*"repository":"acme\/other".* but: allowed[\s\S]*when IAM reads the policy with condition blocks whose operator is not written as AWS spells one/);
  });

  test('assertCanAssume fails when some way IAM may read the policy refuses the run: a key with white space as written', () => {
    const found = handWritten({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', ' token.actions.githubusercontent.com:sub': 'repo:acme/web:ref:refs/heads/main' } });
    expect(found.canAssume('Role', { repository: web, ref: 'refs/heads/main' })).toBe(true);
    expect(() => found.assertCanAssume('Role', { repository: web, ref: 'refs/heads/main' })).toThrow(/Role should admit the run .* but: denied/);
    // another repository stays refused however IAM reads the key: the sub names acme/web's branch only
    expect(() => found.assertCannotAssume('Role', { repository: other, ref: 'refs/heads/main' })).not.toThrow();
  });

  test('a template is required', () => {
    expect(() => GitHubTrustAssertions.fromTemplate({ Statement: [] })).toThrow(/Invalid template .*: expected a CloudFormation template with Resources/);
  });
});
