import { AUD, findingsOf, GITHUB, githubPolicy, REPOSITORY_ID, SUB, wellScopedCondition } from '../fixtures';

describe('WildcardInStringEquals', () => {
  test.each([
    ['Noncompliance 1: a branch pattern under StringEquals', SUB, 'repo:acme/web:ref:refs/heads/*', '*', 'Use StringLike, or remove the "*".'],
    ['Noncompliance 2: a repository wildcard, where StringLike would open the role', SUB, 'repo:acme/*', '*',
      'Remove the "*" and name one repository (as a StringLike pattern, "repo:acme/*" would let other repositories in).'],
    ['Noncompliance 3: "?"', SUB, 'repo:acme/web:ref:refs/tags/v?', '?', 'Use StringLike, or remove the "?".'],
    ['Noncompliance 4: aud', AUD, 'sts.*', '*', 'Remove the "*": name the audience, e.g. "sts.amazonaws.com".'],
    ['Noncompliance 5: ref', `${GITHUB}:ref`, 'refs/heads/*', '*', 'Use StringLike, or remove the "*".'],
  ])('%s', (_name, key, value, wildcard, fix) => {
    const findings = findingsOf('WildcardInStringEquals', githubPolicy({ StringEquals: { ...wellScopedCondition().StringEquals, [key]: value } }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: key, value, fix });
    expect(findings[0].message).toContain(`holds "${wildcard}", which StringEquals compares as a plain character: no token matches this value`);
  });

  test('Noncompliance 6: StringEqualsIgnoreCase too', () => {
    expect(findingsOf('WildcardInStringEquals', githubPolicy({ StringEqualsIgnoreCase: { [SUB]: 'repo:acme/web:*' } }))).toHaveLength(1);
  });

  test.each([
    ['wildcards under StringLike', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com', [REPOSITORY_ID]: '1' }, StringLike: { [SUB]: 'repo:acme/web:ref:refs/heads/*' } })],
    ['a workflow name may hold "*"', githubPolicy({ ...wellScopedCondition(), StringEquals: { ...wellScopedCondition().StringEquals, [`${GITHUB}:workflow`]: 'Deploy *' } })],
    ['keys that are not GitHub\'s', githubPolicy({ ...wellScopedCondition(), StringEquals: { ...wellScopedCondition().StringEquals, 'aws:PrincipalTag/x': '*' } })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('WildcardInStringEquals', input)).toEqual([]);
  });
});
