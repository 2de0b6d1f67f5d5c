/**
 * Policies with CloudFormation choices (Fn::If, Fn::Select by a parameter, Fn::FindInMap): the evaluator judges the
 * token by every way the template can deploy the policy, and says which admit it.
 */
import { claims, key, trustPolicy } from './helpers';
import { GitHubTrustAssertions } from '../../../src/analysis/assertions/trust-assertions';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { EvaluationDecision } from '../../../src/analysis/evaluate/types';
import { GitHubRepository } from '../../../src/model/repository';
import { statement } from '../validate/fixtures';

const MAIN = 'repo:acme/web:ref:refs/heads/main';
const scoped = (sub: unknown) => statement({ StringEquals: { [key('aud')]: 'sts.amazonaws.com' }, StringLike: { [key('sub')]: sub } });
const conditional = (narrow: unknown, wide: unknown) => ({ Version: '2012-10-17', Statement: [{ 'Fn::If': ['IsProd', narrow, wide] }] });

describe('TrustPolicyEvaluator: CloudFormation choices', () => {
  test('a token one branch admits is allowed, and the summary says when', () => {
    const policy = conditional(scoped(MAIN), scoped('repo:*'));
    const evaluation = TrustPolicyEvaluator.evaluate(policy, claims({ sub: 'repo:evil/x:ref:refs/heads/main', repository: 'evil/x' }));
    expect(evaluation.allowed).toBe(true);
    expect(evaluation.decision).toBe(EvaluationDecision.ALLOWED);
    expect(evaluation.variants?.map((variant) => [variant.choices, variant.allowed])).toEqual([['IsProd is true', false], ['IsProd is false', true]]);
    expect(evaluation.summary).toBe('allowed when IsProd is false (by statement 0); denied when IsProd is true (no statement allows this token '
      + '(statement 0: sub did not match))');
    // The statements shown are the admitting deployment's; the unexpanded document's "no Effect" is not a problem.
    expect(evaluation.statements[0].applies).toBe(true);
    expect(evaluation.problems).toEqual([]);
  });

  test('a token every branch admits or refuses gets one verdict, naming the choices', () => {
    const policy = conditional(scoped(MAIN), scoped('repo:acme/web:*'));
    expect(TrustPolicyEvaluator.evaluate(policy, claims()).summary).toBe("allowed by statement 0, whatever the template's choices (IsProd)");
    const other = TrustPolicyEvaluator.evaluate(policy, claims({ sub: 'repo:acme/api:ref:refs/heads/main' }));
    expect([other.allowed, other.decision]).toEqual([false, EvaluationDecision.IMPLICIT_DENY]);
    expect(other.summary).toMatch(/^denied: no statement allows this token .*, whatever the template's choices \(IsProd\)$/);
  });

  test('a Deny behind a choice: the deployment without it admits', () => {
    const deny = statement({ StringLike: { [key('sub')]: 'repo:evil/*' } }, { Effect: 'Deny' });
    const policy = { Version: '2012-10-17', Statement: [{ 'Fn::If': ['Strict', deny, { Ref: 'AWS::NoValue' }] }, scoped('repo:*')] };
    const evaluation = TrustPolicyEvaluator.evaluate(policy, claims({ sub: 'repo:evil/x:ref:refs/heads/main' }));
    expect(evaluation.allowed).toBe(true);
    expect(evaluation.variants?.map((variant) => variant.decision)).toEqual([EvaluationDecision.EXPLICIT_DENY, EvaluationDecision.ALLOWED]);
  });

  test('Fn::FindInMap values are judged with templateMappings, and match nothing without', () => {
    const policy = trustPolicy({ StringLike: { [key('aud')]: 'sts.amazonaws.com', [key('sub')]: { 'Fn::FindInMap': ['Stages', { Ref: 'Stage' }, 'Sub'] } } });
    const templateMappings = { Stages: { prod: { Sub: MAIN }, dev: { Sub: 'repo:acme/*' } } };
    const token = claims({ sub: 'repo:acme/api:ref:refs/heads/x' });
    const mapped = TrustPolicyEvaluator.evaluate(policy, token, { templateMappings });
    expect(mapped.allowed).toBe(true);
    expect(mapped.summary).toMatch(/^allowed when Fn::FindInMap Stages is dev\/Sub /);
    const unmapped = TrustPolicyEvaluator.evaluate(policy, token);
    expect([unmapped.allowed, unmapped.variants]).toEqual([false, undefined]);
  });

  test('a templateMappings option that is not an object is reported and ignored', () => {
    const evaluation = TrustPolicyEvaluator.evaluate(trustPolicy({ StringEquals: { [key('sub')]: MAIN } }), claims(), { templateMappings: 'Stages' as any });
    expect(evaluation.allowed).toBe(true);
    expect(evaluation.problems).toContain("the templateMappings option is not a template's Mappings section (an object of maps): ignored");
  });

  test('more choices than can be listed: evaluated as written, variants empty, and a problem says so', () => {
    let sub: unknown = MAIN;
    for (let n = 0; n < 7; n++) sub = { 'Fn::If': [`C${n}`, sub, 'repo:acme/web:ref:refs/heads/dev'] };
    const evaluation = TrustPolicyEvaluator.evaluate(trustPolicy({ StringLike: { [key('sub')]: sub } }), claims());
    expect(evaluation.variants).toEqual([]);
    expect(evaluation.allowed).toBe(false);
    expect(evaluation.problems.join('\n')).toMatch(/more CloudFormation choices \(C6, C5, C4, C3, C2, C1, C0\) than 64 deployments can list/);
  });

  test('a resource control policy\'s Deny refuses every deployment', () => {
    const rcp = { Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringNotLike: { [key('repository')]: 'acme/*' } } }] };
    const policy = conditional(scoped(MAIN), scoped('repo:*'));
    const evaluation = TrustPolicyEvaluator.evaluate(policy, claims({ sub: 'repo:evil/x:ref:refs/heads/main', repository: 'evil/x' }), { resourceControlPolicies: [rcp] });
    expect([evaluation.allowed, evaluation.decision]).toEqual([false, EvaluationDecision.EXPLICIT_DENY]);
    expect(evaluation.variants?.map((variant) => variant.allowed)).toEqual([false, false]);
    expect(evaluation.summary).toMatch(/^denied explicitly by resource control policy 0 statement 0, though the trust policy allows the token \(allowed when IsProd is false/);
  });
});

describe('GitHubTrustAssertions: a role whose policy the template deploys in several ways', () => {
  const web = GitHubRepository.of('acme', 'web');
  const template = (document: unknown) => ({
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
    Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: document } } },
  });

  test('is a GitHub role though no statement is written outside the Fn::If', () => {
    const roles = GitHubTrustAssertions.fromTemplate(template(conditional(scoped(MAIN), scoped('repo:acme/web:*'))));
    expect(roles.githubRoleIds()).toEqual(['Role']);
  });

  test('assertCannotAssume fails when one deployment admits the run, naming it', () => {
    const roles = GitHubTrustAssertions.fromTemplate(template(conditional(scoped(MAIN), scoped('repo:*'))));
    const evil = { repository: GitHubRepository.of('evil', 'x'), ref: 'refs/heads/main' };
    expect(() => roles.assertCannotAssume('Role', evil)).toThrow(/Role should refuse the run .* but: allowed when IsProd is false[\s\S]*\n {2}when IsProd is true: denied/);
  });

  test('assertCanAssume fails unless every deployment admits the run', () => {
    const roles = GitHubTrustAssertions.fromTemplate(template(conditional(scoped(MAIN), scoped('repo:acme/web:environment:dev'))));
    const push = { repository: web, ref: 'refs/heads/main' };
    expect(roles.canAssume('Role', push)).toBe(true);
    expect(() => roles.assertCanAssume('Role', push)).toThrow(/Role should admit the run [\s\S]*when IsProd is false: denied/);
    const both = GitHubTrustAssertions.fromTemplate(template(conditional(scoped(MAIN), scoped('repo:acme/web:*'))));
    expect(() => both.assertCanAssume('Role', push)).not.toThrow();
  });

  test('both assertions fail when the choices are too many to judge each', () => {
    let sub: unknown = MAIN;
    for (let n = 0; n < 7; n++) sub = { 'Fn::If': [`C${n}`, sub, 'repo:acme/web:ref:refs/heads/dev'] };
    const roles = GitHubTrustAssertions.fromTemplate(template({ Version: '2012-10-17', Statement: [scoped(sub)] }));
    const evil = { repository: GitHubRepository.of('evil', 'x'), ref: 'refs/heads/main' };
    expect(() => roles.assertCannotAssume('Role', evil)).toThrow(/more CloudFormation choices/);
    expect(() => roles.assertCanAssume('Role', { repository: web, ref: 'refs/heads/main' })).toThrow(/should admit/);
  });
});
