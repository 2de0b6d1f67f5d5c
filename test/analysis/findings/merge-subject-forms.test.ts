import { mergeSubjectForms } from '../../../src/analysis/findings/merge-subject-forms';
import { FindingSeverity, TrustPolicyFinding } from '../../../src/analysis/validate/finding';

const SUB = 'token.actions.githubusercontent.com:sub';

function finding(value: string, overrides: Partial<TrustPolicyFinding> = {}): TrustPolicyFinding {
  return {
    ruleId: 'PullRequestSubject',
    severity: FindingSeverity.WARNING,
    statementIndex: 0,
    conditionKey: SUB,
    message: `value ${JSON.stringify(value)} lets pull requests in.`,
    fix: 'Acknowledge it.',
    value,
    ...overrides,
  };
}

describe('mergeSubjectForms', () => {
  test('folds the immutable twin into the name-only finding, naming both forms', () => {
    // GIVEN the same finding for both spellings of acme/web
    const merged = mergeSubjectForms([finding('repo:acme/web:pull_request'), finding('repo:acme@1/web@2:pull_request')]);
    // THEN one finding remains, about the name-only value, and it names the immutable one
    expect(merged).toHaveLength(1);
    expect(merged[0].value).toBe('repo:acme/web:pull_request');
    expect(merged[0].message).toBe('value "repo:acme/web:pull_request" lets pull requests in. ' +
      'The same holds for the immutable form "repo:acme@1/web@2:pull_request".');
  });

  test.each([
    ['another rule', { ruleId: 'SubAnyRef' }],
    ['another severity', { severity: FindingSeverity.INFO }],
    ['another statement', { statementIndex: 1 }],
    ['another condition key', { conditionKey: 'token.actions.githubusercontent.com:job_workflow_ref' }],
  ])('keeps both when the twin differs in %s', (_name, overrides) => {
    expect(mergeSubjectForms([finding('repo:acme/web:pull_request'), finding('repo:acme@1/web@2:pull_request', overrides)]))
      .toHaveLength(2);
  });

  test('keeps both when the immutable value is another repository or context', () => {
    expect(mergeSubjectForms([finding('repo:acme/web:pull_request'), finding('repo:acme@1/api@2:pull_request')])).toHaveLength(2);
    expect(mergeSubjectForms([finding('repo:acme/web:pull_request'), finding('repo:acme@1/web@2:environment:prod')])).toHaveLength(2);
  });

  test('an immutable finding without a name-only twin, and findings without a value, stay as they are', () => {
    const alone = [finding('repo:acme@1/web@2:pull_request'), { ...finding('x'), value: undefined }];
    expect(mergeSubjectForms(alone)).toEqual(alone);
  });
});
