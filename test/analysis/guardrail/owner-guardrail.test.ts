/**
 * Issue 13 (guardrail part): the owner RCP, evaluated with the evaluator on tokens of the organization and of a
 * foreign owner, next to a trust policy that admits too much.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { EvaluationDecision } from '../../../src/analysis/evaluate/types';
import { ownerGuardrailPolicy } from '../../../src/analysis/guardrail/owner-guardrail';
import { GitHubToken } from '../../../src/analysis/token/token';
import { GitHubOwnerGuardrail } from '../../../src/constructs/organization/owner-guardrail';
import { GitHubIssuer } from '../../../src/model/issuer';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectFormat } from '../../../src/model/subject-claim';
import { githubPolicy, SUB, AUD } from '../validate/fixtures';

// A trust policy that admits any repository of any owner: the guardrail must stop what it lets through.
const tooOpen = githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:*' } });
const acme = GitHubRepository.of('acme', 'web', { ownerId: 1844662, repositoryId: 599293758 });
const evil = GitHubRepository.of('evil', 'web', { ownerId: 666, repositoryId: 667 });
const recycled = GitHubRepository.of('acme', 'web', { ownerId: 9999, repositoryId: 8888 });

const token = (repository: GitHubRepository, subjectFormat = SubjectFormat.NAME_ONLY) =>
  GitHubToken.simulate({ repository, ref: 'refs/heads/main', subjectFormat });

describe('the owner guardrail RCP', () => {
  const byId = ownerGuardrailPolicy([{ name: 'acme', id: 1844662 }]);
  const byName = ownerGuardrailPolicy([{ name: 'acme' }]);

  test('by ID: the organization\'s token passes, a foreign owner\'s and a recycled owner name\'s are denied', () => {
    const options = { resourceControlPolicies: [byId] };
    expect(TrustPolicyEvaluator.evaluate(tooOpen, token(acme), options).decision).toBe(EvaluationDecision.ALLOWED);
    for (const intruder of [evil, recycled]) {
      const result = TrustPolicyEvaluator.evaluate(tooOpen, token(intruder), options);
      expect(result.decision).toBe(EvaluationDecision.EXPLICIT_DENY);
      expect(result.summary).toMatch(/^denied explicitly by resource control policy 0 statement 0 \("DenyForeignGitHubOwners"\), though the trust policy allows the token/);
    }
    // without the RCP the too-open policy lets the foreign owner in
    expect(TrustPolicyEvaluator.evaluate(tooOpen, token(evil)).allowed).toBe(true);
  });

  test('by name (no IDs, or GHES): name-only and immutable subjects of the owner pass, others are denied', () => {
    const options = { resourceControlPolicies: [byName] };
    expect(TrustPolicyEvaluator.evaluate(tooOpen, token(acme), options).allowed).toBe(true);
    expect(TrustPolicyEvaluator.evaluate(tooOpen, token(acme, SubjectFormat.IMMUTABLE), options).allowed).toBe(true);
    expect(TrustPolicyEvaluator.evaluate(tooOpen, token(evil), options).allowed).toBe(false);
    expect(TrustPolicyEvaluator.evaluate(tooOpen, token(GitHubRepository.of('acme-evil', 'web')), options).allowed).toBe(false);
  });

  test('tokens of other providers are left alone (the Deny needs the issuer\'s sub)', () => {
    const eks = { iss: 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC', aud: 'sts.amazonaws.com', sub: 'system:serviceaccount:a:b' };
    const eksPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' }] };
    const result = TrustPolicyEvaluator.evaluate(eksPolicy, eks, { resourceControlPolicies: [byId] });
    expect(result.summary).not.toContain('resource control policy');
  });

  test('a GHES issuer is matched by name; several issuers get one statement each', () => {
    const policy = ownerGuardrailPolicy([{ name: 'acme', id: 1 }], [GitHubIssuer.GITHUB_COM, GitHubIssuer.enterpriseServer('github.example.com')]);
    expect(policy.Statement.map((s: any) => Object.keys(s.Condition))).toEqual([['StringNotEquals', 'Null'], ['StringNotLike', 'Null']]);
  });

  test.each<[unknown, RegExp]>([
    [[], /Invalid owners \[\]: expected at least one GitHub owner/],
    [[{ name: 'not an owner' }], /Invalid owners\[0\]\.name "not an owner"/],
    [[{ name: 'acme', id: -1 }], /Invalid owners\[0\]\.id -1: expected the owner's numeric ID/],
  ])('bad owners %j are named', (owners, message) => {
    expect(() => ownerGuardrailPolicy(owners as any)).toThrow(message);
  });
});

describe('GitHubOwnerGuardrail', () => {
  test('an AWS::Organizations::Policy of type RESOURCE_CONTROL_POLICY with the document, attached to the targets', () => {
    const stack = new Stack(new App(), 'Org');
    const guardrail = new GitHubOwnerGuardrail(stack, 'Owners', { owners: [{ name: 'acme', id: 1844662 }], targetIds: ['r-ab12'] });
    Template.fromStack(stack).hasResourceProperties('AWS::Organizations::Policy', {
      Type: 'RESOURCE_CONTROL_POLICY', TargetIds: ['r-ab12'], Content: guardrail.policyDocument,
    });
  });

  test('targets are checked', () => {
    const stack = new Stack(new App(), 'Org');
    expect(() => new GitHubOwnerGuardrail(stack, 'Owners', { owners: [{ name: 'acme', id: 1 }], targetIds: ['prod'] }))
      .toThrow(/Invalid targetIds \["prod"\]: expected a non-empty list of organization root/);
  });
});
