import { AUD, findingsOf, githubPolicy, SUB, wellScopedCondition } from '../fixtures';

describe('UnresolvedConditionValue', () => {
  test('Noncompliance 1: an Fn::Sub subject with a parameter', () => {
    const value = { 'Fn::Sub': 'repo:${GitHubOrg}/web:*' };
    const findings = findingsOf('UnresolvedConditionValue', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: value } }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'WARNING', statementIndex: 0, conditionKey: SUB, value: 'repo:${GitHubOrg}/web:*' });
    expect(findings[0].message).toContain('is not text but an expression ("repo:${GitHubOrg}/web:*" once its parameters are known)');
  });

  test('Noncompliance 2: a Ref in a list, next to literal values that are still judged', () => {
    const input = githubPolicy({ StringLike: { [SUB]: [{ Ref: 'Subject' }, 'repo:*'] } });
    expect(findingsOf('UnresolvedConditionValue', input)).toHaveLength(1);
    expect(findingsOf('SubWildcardRepository', input)).toHaveLength(1);
  });

  test.each([
    ['literal strings', githubPolicy(wellScopedCondition())],
    ['a number, which IAM compares as text', githubPolicy({ ...wellScopedCondition(), NumericEquals: {}, StringEquals: { ...wellScopedCondition().StringEquals, 'token.actions.githubusercontent.com:repository_id': 456789 } })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('UnresolvedConditionValue', input)).toEqual([]);
  });
});
