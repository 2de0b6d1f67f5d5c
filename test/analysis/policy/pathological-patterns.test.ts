/**
 * Every wildcard match over policy text is linear (DEVELOPERS.md): a policy is attacker-written input to `audit` and
 * `explain`, and one `Action` of `"**********b"` compiled to a RegExp took about 4 s per validation (54 s at 12
 * stars), hanging a synth, an audit or an explain. With 40 stars the old matcher would not finish in this test's
 * lifetime; the linear one takes microseconds. The bound is generous on purpose: it tells linear from exponential,
 * not fast from slow (the benchmarks measure speed).
 */
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { policyReadings } from '../../../src/analysis/evaluate/readings';
import { EvaluationDecision } from '../../../src/analysis/evaluate/types';
import { actionMatches } from '../../../src/analysis/policy/document';
import { plainPolicyFindings } from '../../../src/analysis/validate/plain-policy';
import { compareWithInventory } from '../../../src/cli/audit/inventory';
import { GITHUB, githubPolicy, validate, wellScopedCondition } from '../validate/fixtures';

const STARS = '*'.repeat(40);
const BOUND_MS = 1_000;

function elapsed(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

describe('pathological wildcard patterns finish in linear time', () => {
  test.each([
    [`${STARS}b`, 'sts:AssumeRoleWithWebIdentity', false],
    [`s${STARS}y`, 'sts:AssumeRoleWithWebIdentity', true],
    ['STS:AssumeRole*', 'sts:AssumeRoleWithWebIdentity', true],
    ['sts:Assume?ole*', 'sts:AssumeRoleWithWebIdentity', true],
    ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', false],
  ])('actionMatches(%j, %j) is %s, case-insensitive as IAM compares actions', (pattern, action, expected) => {
    let result: boolean | undefined;
    expect(elapsed(() => { result = actionMatches(pattern, action); })).toBeLessThan(BOUND_MS);
    expect(result).toBe(expected);
  });

  test('validate() and evaluate() of a policy whose Action is a hostile pattern', () => {
    const hostile = githubPolicy(wellScopedCondition(), { Action: [`${STARS}b`, `${'a*'.repeat(40)}b`] });
    const claims = { iss: `https://${GITHUB}`, aud: 'sts.amazonaws.com', sub: 'repo:acme/web:environment:production' };
    expect(elapsed(() => validate(hostile))).toBeLessThan(BOUND_MS);
    let decision: EvaluationDecision | undefined;
    expect(elapsed(() => { decision = TrustPolicyEvaluator.evaluate(hostile, claims).decision; })).toBeLessThan(BOUND_MS);
    // neither pattern names sts:AssumeRoleWithWebIdentity, so the statement grants nothing
    expect(decision).toBe(EvaluationDecision.IMPLICIT_DENY);
  });

  test('audit --repositories: a trusted name that is a hostile pattern, against a long inventory', () => {
    const listed = Array.from({ length: 200 }, (_, i) => `acme/${'a'.repeat(60)}${i}`);
    let comparison: ReturnType<typeof compareWithInventory> | undefined;
    expect(elapsed(() => { comparison = compareWithInventory([[`acme/${'a*'.repeat(40)}b`]], listed); })).toBeLessThan(BOUND_MS);
    expect(comparison!.unlisted).toEqual([[`acme/${'a*'.repeat(40)}b`]]);
  });

  test('the plain-policy shortcut: sub values built to make its patterns backtrack, one long value each', () => {
    const hostile = [
      `repo:acme/web:ref:refs/heads/${'a.'.repeat(20000)}!`,
      `repo:acme/web:ref:refs/heads/${'a/'.repeat(20000)}.`,
      `repo:${'a-'.repeat(19)}a/web:environment:${'x-'.repeat(20000)}.`,
      `repo:acme/${'w.'.repeat(49)}:environment:${'_'.repeat(40000)}/`,
    ];
    const withSub = (sub: string) => githubPolicy({ StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: sub } });
    // the policy around them is of the shape: with a plain sub, the shortcut answers
    expect(plainPolicyFindings(withSub('repo:acme/web:environment:production'), undefined)).toBeDefined();
    for (const sub of hostile) {
      const policy = withSub(sub);
      let answer: unknown;
      expect(elapsed(() => { answer = plainPolicyFindings(policy, undefined); })).toBeLessThan(BOUND_MS);
      // none is of the shape (a stray last character), so the rules judge each
      expect(answer).toBeUndefined();
    }
  });

  test('a provider pattern matched against the issuers hostile condition keys name, and under every reading', () => {
    const keys = [`${':a'.repeat(20000)}/`, `${'a'.repeat(40000)}:/`, `${`${GITHUB}/`.repeat(2000)}:sub`, `${'*'.repeat(20000)}:sub`];
    const principals = [`arn:aws:iam::123456789012:oidc-provider/${GITHUB}/*`, `arn:aws:iam::123456789012:oidc-provider/${'*a'.repeat(10000)}`,
      `${'*'.repeat(20000)}b`];
    for (const key of keys) {
      for (const federated of principals) {
        const policy = githubPolicy({ StringLike: { [key]: 'repo:*', [`${GITHUB}/acme:sub`]: 'repo:*' } }, { Principal: { Federated: federated } });
        expect(elapsed(() => validate(policy))).toBeLessThan(BOUND_MS);
        expect(elapsed(() => policyReadings(policy))).toBeLessThan(BOUND_MS);
      }
    }
  });
});
