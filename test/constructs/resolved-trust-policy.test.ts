import * as iam from 'aws-cdk-lib/aws-iam';
import { newStack, onlyTrustPolicy } from './helpers';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim } from '../../src/model/subject-claim';

// The synth-time check resolves the trust policy and hands that resolution to the template
// (src/constructs/private/resolved-trust-policy.ts): the template is what was judged, resolved once.

const web = GitHubRepository.of('acme', 'web');

describe('the trust policy resolved once', () => {
  test('the check adds no resolution of the PolicyDocument to a synth: the template reuses the check\'s', () => {
    // GIVEN a deploy role and a plain iam.Role, and a count of the resolutions of each trust policy
    const { app, stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.environment('production')] });
    const plain = new iam.Role(stack, 'Plain', { assumedBy: new iam.WebIdentityPrincipal('arn:aws:iam::123456789012:oidc-provider/x') });
    const ours = jest.spyOn(role.assumeRolePolicy!, 'resolve');
    const theirs = jest.spyOn(plain.assumeRolePolicy!, 'resolve');

    // WHEN the app is synthesized (CDK resolves every property to find references, and again for the template)
    const assembly = app.synth();

    // THEN the deploy role's document, checked besides, was resolved no more often than the plain one
    expect(theirs.mock.calls.length).toBeGreaterThan(0);
    expect(ours.mock.calls.length).toBeLessThanOrEqual(theirs.mock.calls.length);
    const resources = assembly.getStackByName(stack.stackName).template.Resources;
    const policy = resources[stack.getLogicalId(role.node.defaultChild as iam.CfnRole)].Properties.AssumeRolePolicyDocument;
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe('repo:acme/web:environment:production');
  });

  test('a statement added after a synth reaches the next one (and its check): the stale resolution is not reused', () => {
    // GIVEN a synthesized deploy role
    const { app, stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.environment('production')] });
    app.synth();

    // WHEN a statement that trusts every repository is added, and the app synthesized again
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [new iam.FederatedPrincipal(`arn:aws:iam::${stack.account}:oidc-provider/token.actions.githubusercontent.com`)],
      conditions: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } },
    }));

    // THEN the check sees the new statement and fails the synth
    expect(() => app.synth({ force: true })).toThrow(/SubWildcardRepository|SubAnyRepository|repo:\*/);
  });

  test('a second synth of an unchanged tree gives the same template', () => {
    // GIVEN a synthesized deploy role
    const { app, stack } = newStack();
    new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.branch('main')] });
    const first = onlyTrustPolicy(stack);

    // WHEN the app is synthesized again
    const again = app.synth({ force: true }).getStackByName(stack.stackName).template;

    // THEN the trust policy is the same
    expect(Object.values<any>(again.Resources).find((r) => r.Type === 'AWS::IAM::Role').Properties.AssumeRolePolicyDocument).toEqual(first);
  });
});
