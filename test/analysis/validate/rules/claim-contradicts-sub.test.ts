import fc from 'fast-check';
import { TrustPolicyEvaluator } from '../../../../src/analysis/evaluate/evaluator';
import { AUD, findingsOf, GITHUB, githubPolicy, SUB } from '../fixtures';

const REPOSITORY = `${GITHUB}:repository`;
const REPOSITORY_ID = `${GITHUB}:repository_id`;
const OWNER_ID = `${GITHUB}:repository_owner_id`;
const REF = `${GITHUB}:ref`;

/** sub under `subOperator`, and one more condition on `key` under `operator`. */
function policyWith(sub: string | string[], key: string, value: unknown, operator = 'StringEquals', subOperator = 'StringEquals') {
  const condition: { [operator: string]: { [key: string]: unknown } } = { StringEquals: { [AUD]: 'sts.amazonaws.com' } };
  (condition[subOperator] ??= {})[SUB] = sub;
  (condition[operator] ??= {})[key] = value;
  return githubPolicy(condition);
}

describe('ClaimContradictsSub', () => {
  test.each([
    ['Noncompliance 1: another repository', policyWith('repo:acme/web:ref:refs/heads/main', REPOSITORY, 'acme/api'), 'repository "acme/web"', '"acme/api"'],
    ['Noncompliance 2: another branch', policyWith('repo:acme/web:ref:refs/heads/main', REF, 'refs/heads/release'), 'ref "refs/heads/main"', '"refs/heads/release"'],
    ['Noncompliance 3: the immutable form and another repository ID', policyWith('repo:acme@1844662/web@456789:environment:production', REPOSITORY_ID, '999'), 'repository_id "456789"', '"999"'],
    ['Noncompliance 4: the immutable form and another owner ID', policyWith('repo:acme@1844662/web@456789:environment:production', OWNER_ID, '1'), 'repository_owner_id "1844662"', '"1"'],
    ['Noncompliance 5: a custom template\'s repository_id', policyWith('repository_id:456789:environment:production', REPOSITORY_ID, '123'), 'repository_id "456789"', '"123"'],
    ['Noncompliance 6: a repository differing in case, compared exactly', policyWith('repo:acme/web:ref:refs/heads/main', REPOSITORY, 'Acme/Web'), 'repository "acme/web"', '"Acme/Web"'],
    ['Noncompliance 7: a literal value under StringLike', policyWith('repo:acme/web:ref:refs/heads/main', REPOSITORY, 'acme/api', 'StringLike'), 'repository "acme/web"', '"acme/api"'],
  ])('%s', (_name, input, named, admitted) => {
    const findings = findingsOf('ClaimContradictsSub', input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: SUB, severity: 'ERROR' });
    expect(findings[0].message).toContain(`names ${named}, but`);
    expect(findings[0].message).toContain(`admits only ${admitted}: no token meets both`);
  });

  test('Noncompliance 8: of a list of subjects, only the one the other condition rules out is named', () => {
    const findings = findingsOf('ClaimContradictsSub',
      policyWith(['repo:acme/web:ref:refs/heads/main', 'repo:acme/api:ref:refs/heads/main'], REPOSITORY, 'acme/api'));
    expect(findings.map((finding) => finding.value)).toEqual(['repo:acme/web:ref:refs/heads/main']);
  });

  test('Noncompliance 9: a value contradicted twice is reported once', () => {
    const input = githubPolicy({
      StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:acme/web:ref:refs/heads/main', [REPOSITORY]: 'acme/api', [REF]: 'refs/heads/x' },
    });
    expect(findingsOf('ClaimContradictsSub', input)).toHaveLength(1);
  });

  test.each([
    ['the same repository', policyWith('repo:acme/web:ref:refs/heads/main', REPOSITORY, 'acme/web')],
    ['the repository among several', policyWith('repo:acme/web:ref:refs/heads/main', REPOSITORY, ['acme/api', 'acme/web'])],
    ['the same ref', policyWith('repo:acme/web:ref:refs/heads/main', REF, 'refs/heads/main')],
    ['the immutable form with its own IDs', policyWith('repo:acme@1844662/web@456789:environment:production', REPOSITORY_ID, '456789')],
    ['the name-only form says nothing of the ID', policyWith('repo:acme/web:environment:production', REPOSITORY_ID, '456789')],
    ['an environment subject says nothing of the ref', policyWith('repo:acme/web:environment:production', REF, 'refs/heads/main')],
    ['a pull request subject says nothing of the ref', policyWith('repo:acme/web:pull_request', REF, 'refs/heads/main')],
    ['case differs, and the other condition ignores case', policyWith('repo:acme/web:ref:refs/heads/main', REPOSITORY, 'Acme/Web', 'StringEqualsIgnoreCase')],
    ['case differs, and the sub condition ignores case', policyWith('repo:Acme/Web:ref:refs/heads/main', REPOSITORY, 'acme/web', 'StringEquals', 'StringEqualsIgnoreCase')],
    ['a sub pattern may name the repository', policyWith('repo:acme/*:ref:refs/heads/main', REPOSITORY, 'acme/api', 'StringEquals', 'StringLike')],
    ['a pattern on the other claim may admit it', policyWith('repo:acme/web:ref:refs/heads/main', REPOSITORY, 'acme/*', 'StringLike')],
    ['a negated condition says what is not admitted', policyWith('repo:acme/web:ref:refs/heads/main', REPOSITORY, 'acme/web', 'StringNotEquals')],
    ['IfExists is true without the claim (IfExistsInAllow reports it)', policyWith('repo:acme/web:ref:refs/heads/main', REPOSITORY, 'acme/api', 'StringEqualsIfExists')],
    ['a CloudFormation expression is not judged', policyWith('repo:acme/web:ref:refs/heads/main', REPOSITORY, { Ref: 'Repository' })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('ClaimContradictsSub', input)).toEqual([]);
  });

  test('a subject GitHub does not write is left to SubShapeInvalid', () => {
    const input = policyWith('repo:acme/web:ref:main', REF, 'refs/heads/main');
    expect(findingsOf('ClaimContradictsSub', input)).toEqual([]);
    expect(findingsOf('SubShapeInvalid', input)).toHaveLength(1);
  });
});

describe('ClaimContradictsSub, against the evaluator', () => {
  // Subjects with what each fixes of the token's other claims (the rest of the token is drawn freely).
  const SUBJECTS: Array<{ sub: string; fixes: { [claim: string]: string } }> = [
    { sub: 'repo:acme/web:ref:refs/heads/main', fixes: { repository: 'acme/web', ref: 'refs/heads/main' } },
    { sub: 'repo:acme/web:environment:production', fixes: { repository: 'acme/web', environment: 'production' } },
    { sub: 'repo:acme@1844662/web@456789:ref:refs/tags/v1', fixes: { repository: 'acme/web', repository_owner_id: '1844662', repository_id: '456789', ref: 'refs/tags/v1' } },
    { sub: 'repository_id:456789:ref:refs/heads/main', fixes: { repository_id: '456789', ref: 'refs/heads/main' } },
    { sub: 'repo:Acme/Web:pull_request', fixes: { repository: 'Acme/Web' } },
  ];
  const POOL: { [claim: string]: string[] } = {
    repository: ['acme/web', 'Acme/Web', 'acme/api'],
    repository_id: ['456789', '999'],
    repository_owner_id: ['1844662', '1'],
    ref: ['refs/heads/main', 'refs/tags/v1', 'refs/heads/release'],
  };
  const claim = fc.constantFrom(...Object.keys(POOL));

  test('property: a sub value it reports is refused for every token that has that subject', () => {
    let reported = 0;
    fc.assert(fc.property(
      fc.constantFrom(...SUBJECTS), fc.constantFrom('StringEquals', 'StringEqualsIgnoreCase', 'StringLike'),
      claim, fc.constantFrom('StringEquals', 'StringEqualsIgnoreCase', 'StringLike'),
      fc.record(Object.fromEntries(Object.entries(POOL).map(([name, values]) => [name, fc.subarray(values, { minLength: 1 })]))),
      fc.record(Object.fromEntries(Object.entries(POOL).map(([name, values]) => [name, fc.constantFrom(...values)]))),
      ({ sub, fixes }, subOperator, pinned, operator, pins, free) => {
        const input = policyWith(sub, `${GITHUB}:${pinned}`, pins[pinned], operator, subOperator);
        if (findingsOf('ClaimContradictsSub', input).length === 0) return;
        reported++;
        const token = { iss: `https://${GITHUB}`, aud: 'sts.amazonaws.com', sub, ...free, ...fixes };
        expect(TrustPolicyEvaluator.evaluate(input, token).allowed).toBe(false);
      }), { numRuns: 3000 });
    // Not vacuous: a share of the drawn policies contradict their subject.
    expect(reported).toBeGreaterThan(300);
  });
});
