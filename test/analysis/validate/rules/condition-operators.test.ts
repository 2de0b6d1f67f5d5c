import { AUD, findingsOf, GITHUB, githubPolicy, REPOSITORY_ID, SUB, wellScopedCondition } from '../fixtures';

const ENVIRONMENT = `${GITHUB}:environment`;

describe('ForAllValuesInAllow', () => {
  test.each([
    ['Noncompliance 1: ForAllValues:StringLike on sub', { 'ForAllValues:StringLike': { [SUB]: 'repo:acme/web:*' } }, SUB, 'StringLike'],
    ['Noncompliance 2: ForAllValues:StringEquals on aud', { 'ForAllValues:StringEquals': { [AUD]: 'sts.amazonaws.com' } }, AUD, 'StringEquals'],
    ['Noncompliance 3: on environment, which jobs without one lack', { 'ForAllValues:StringEquals': { [ENVIRONMENT]: 'production' } }, ENVIRONMENT, 'StringEquals'],
  ])('%s', (_name, condition, key, plain) => {
    const findings = findingsOf('ForAllValuesInAllow', githubPolicy({ ...wellScopedCondition(), ...condition }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: key });
    expect(findings[0].message).toContain('is true when the token has no');
    expect(findings[0].fix).toBe(`Use "${plain}" instead of "ForAllValues:${plain}".`);
  });

  test.each([
    ['plain operators', githubPolicy(wellScopedCondition())],
    ['ForAllValues in a Deny', githubPolicy({ 'ForAllValues:StringLike': { [SUB]: 'repo:evil/*' } }, { Effect: 'Deny' })],
    ['ForAllValues on a key that is not GitHub\'s', githubPolicy({ ...wellScopedCondition(), 'ForAllValues:StringEquals': { 'aws:TagKeys': 'x' } })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('ForAllValuesInAllow', input)).toEqual([]);
  });
});

describe('IfExistsInAllow', () => {
  test.each([
    ['Noncompliance 1: StringLikeIfExists on sub', { StringLikeIfExists: { [SUB]: 'repo:acme/web:*' } }, SUB, 'StringLike'],
    ['Noncompliance 2: StringEqualsIfExists on environment', { StringEqualsIfExists: { [ENVIRONMENT]: 'production' } }, ENVIRONMENT, 'StringEquals'],
    ['Noncompliance 3: with a set qualifier too', { 'ForAnyValue:StringEqualsIfExists': { [AUD]: 'sts.amazonaws.com' } }, AUD, 'ForAnyValue:StringEquals'],
  ])('%s', (_name, condition, key, plain) => {
    const findings = findingsOf('IfExistsInAllow', githubPolicy({ ...wellScopedCondition(), ...condition }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: key });
    expect(findings[0].fix).toBe(`Use "${plain}" instead of "${plain}IfExists".`);
  });

  // The fix names the operator as AWS spells it and without ForAllValues too (which ForAllValuesInAllow reports):
  // following either fix must not leave the other. Before, it echoed the operator as written, minus "IfExists".
  test.each([
    ['an operator in another case', 'StringLIKEIfExists', ['IfExistsInAllow'], 'StringLike'],
    ['ForAllValues and IfExists together', 'ForAllValues:StringLikeIfExists', ['ForAllValuesInAllow', 'IfExistsInAllow'], 'StringLike'],
  ])('the fix of %s is the operator that requires the claim', (_name, operator, ruleIds, plain) => {
    const input = githubPolicy({ ...wellScopedCondition(), [operator]: { [REPOSITORY_ID]: '1' } });
    for (const ruleId of ruleIds) expect(findingsOf(ruleId, input).map((finding) => finding.fix)).toEqual([`Use "${plain}" instead of "${operator}".`]);
  });

  test('an operator IAM does not have is PolicyUnreadable\'s, not IfExistsInAllow\'s (its fix was "Use \"StringEquls \"")', () => {
    const input = githubPolicy({ ...wellScopedCondition(), 'StringEquls IfExists': { [REPOSITORY_ID]: '1' } });
    expect(findingsOf('IfExistsInAllow', input)).toEqual([]);
    expect(findingsOf('PolicyUnreadable', input)).toHaveLength(1);
  });

  test('Compliance: plain operators, and IfExists on a global key', () => {
    expect(findingsOf('IfExistsInAllow', githubPolicy(wellScopedCondition()))).toEqual([]);
    expect(findingsOf('IfExistsInAllow', githubPolicy({ ...wellScopedCondition(), BoolIfExists: { 'aws:SecureTransport': 'true' } }))).toEqual([]);
  });
});

describe('ForAnyValueOnSingleValuedClaim', () => {
  test('Noncompliance 1: ForAnyValue:StringLike on sub', () => {
    const findings = findingsOf('ForAnyValueOnSingleValuedClaim', githubPolicy({
      'StringEquals': { [AUD]: 'sts.amazonaws.com' },
      'ForAnyValue:StringLike': { [SUB]: 'repo:acme/web:ref:refs/heads/main' },
    }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'WARNING', conditionKey: SUB, fix: 'Use "StringLike" instead of "ForAnyValue:StringLike".' });
  });

  test('Compliance: the plain operator', () => {
    expect(findingsOf('ForAnyValueOnSingleValuedClaim', githubPolicy(wellScopedCondition()))).toEqual([]);
  });
});

describe('NegatedSubOnly', () => {
  test.each([
    ['Noncompliance 1: StringNotLike only', { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringNotLike: { [SUB]: 'repo:evil/*' } }, 'repo:evil/*'],
    ['Noncompliance 2: StringNotEquals only', { StringNotEquals: { [SUB]: ['repo:acme/web:pull_request', 'repo:acme/x:*'] } }, 'repo:acme/web:pull_request'],
  ])('%s', (_name, condition, value) => {
    const findings = findingsOf('NegatedSubOnly', githubPolicy(condition));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: SUB, value });
    expect(findings[0].message).toContain('is the only condition on the subject: every other subject, of every repository');
  });

  test.each([
    ['a positive sub next to the negated one', githubPolicy({ StringLike: { [SUB]: 'repo:acme/web:ref:refs/heads/*' }, StringNotLike: { [SUB]: 'repo:acme/web:ref:refs/heads/dependabot/*' } })],
    ['no sub at all (SubMissing reports it)', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' } })],
    ['a positive job_workflow_ref', githubPolicy({ StringEquals: { [`${GITHUB}:job_workflow_ref`]: 'acme/d/.github/workflows/d.yml@refs/heads/main', [REPOSITORY_ID]: '1' }, StringNotLike: { [SUB]: 'repo:evil/*' } })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('NegatedSubOnly', input)).toEqual([]);
  });
});

describe('JobWorkflowRefWithoutRepository', () => {
  const WORKFLOW = 'acme/deploy/.github/workflows/deploy.yml@refs/heads/main';
  test('Noncompliance 1: job_workflow_ref alone', () => {
    const findings = findingsOf('JobWorkflowRefWithoutRepository', githubPolicy({
      StringEquals: { [AUD]: 'sts.amazonaws.com', [`${GITHUB}:job_workflow_ref`]: WORKFLOW },
    }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: `${GITHUB}:job_workflow_ref`, value: WORKFLOW });
    expect(findings[0].message).toContain('every repository that can call that reusable workflow');
    expect(findings[0].fix).toContain(`"${REPOSITORY_ID}"`);
  });

  test('Noncompliance 2: only the owner pinned', () => {
    expect(findingsOf('JobWorkflowRefWithoutRepository', githubPolicy({
      StringEquals: { [`${GITHUB}:job_workflow_ref`]: WORKFLOW, [`${GITHUB}:repository_owner_id`]: '123' },
    }))).toHaveLength(1);
  });

  // A sub with no values names no repository: it silenced the rule, and `job_workflow_ref: "*"` beside it passed with
  // warnings only (the mixed-policies search found it, with an attacker's own subject template).
  test('Noncompliance 3: beside a sub condition without values', () => {
    const findings = findingsOf('JobWorkflowRefWithoutRepository', githubPolicy({
      StringEquals: { [SUB]: [] }, StringLike: { [`${GITHUB}:job_workflow_ref`]: '*' },
    }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'ERROR', value: '*', admitsAnyOwner: true });
  });

  test.each([
    ['with a sub', githubPolicy({ StringEquals: { [`${GITHUB}:job_workflow_ref`]: WORKFLOW, [SUB]: 'repo:acme/web:environment:production' } })],
    ['with repository_id', githubPolicy({ StringEquals: { [`${GITHUB}:job_workflow_ref`]: WORKFLOW, [REPOSITORY_ID]: '456' } })],
    ['with repository', githubPolicy({ StringEquals: { [`${GITHUB}:job_workflow_ref`]: WORKFLOW, [`${GITHUB}:repository`]: 'acme/web' } })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('JobWorkflowRefWithoutRepository', input)).toEqual([]);
  });
});
