import { AUD, findingsOf, GITHUB, githubPolicy, policy, REPOSITORY_ID, statement, SUB, wellScopedCondition } from '../fixtures';

describe('SubMissing', () => {
  test.each([
    ['Noncompliance 1: aud only (Datadog "No keys attached")', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' } }), 0],
    ['Noncompliance 2: no Condition at all', githubPolicy(undefined), 0],
    ['Noncompliance 3: sub only under Null', githubPolicy({ Null: { [SUB]: 'false' }, StringEquals: { [AUD]: 'sts.amazonaws.com' } }), 0],
    ['Noncompliance 4: a misspelled sub key does not count', githubPolicy({ StringLike: { [`${GITHUB}:sbu`]: 'repo:acme/web:*' } }), 0],
    ['Noncompliance 5: the second statement', policy(statement(wellScopedCondition()), statement({ StringEquals: { [AUD]: 'sts.amazonaws.com' } })), 1],
    ['Noncompliance 7: only a negated job_workflow_ref (admits every other workflow of every repository)',
      githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringNotEquals: { [`${GITHUB}:job_workflow_ref`]: 'acme/x/.github/workflows/d.yml@refs/heads/main' } }), 0],
    ['Noncompliance 8: job_workflow_ref only under IfExists (true for every run that is not a reusable workflow\'s)',
      githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLikeIfExists: { [`${GITHUB}:job_workflow_ref`]: 'acme/deploy/.github/workflows/d.yml@*' } }), 0],
    ['Noncompliance 9: job_workflow_ref only under ForAllValues (the same)',
      githubPolicy({ 'StringEquals': { [AUD]: 'sts.amazonaws.com' }, 'ForAllValues:StringLike': { [`${GITHUB}:job_workflow_ref`]: 'acme/deploy/*' } }), 0],
  ])('%s', (_name, input, index) => {
    const findings = findingsOf('SubMissing', input);
    // No repository pin: anyone on GitHub gets in, which no acknowledgement accepts
    expect(findings[0]?.admitsAnyOwner).toBe(true);
    expect(findings).toHaveLength(1);
    expect(findings[0].statementIndex).toBe(index);
    expect(findings[0].message).toContain(`without a condition on "${SUB}"`);
    expect(findings[0].message).toContain('any GitHub Actions workflow of any repository');
    expect(findings[0].fix).toContain(`Add "${SUB}": "repo:<owner>/<name>:environment:production" under StringEquals`);
  });

  test('Noncompliance 6: a repository_id pin limits it, but IAM refuses such a role: the message says that instead', () => {
    const [finding] = findingsOf('SubMissing', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com', [REPOSITORY_ID]: '42' } }));
    expect(finding.message).toContain('the repository_id condition limits it to "42"');
    expect(finding.message).toContain('MalformedPolicyDocument');
  });

  test('Noncompliance 10: a block that is a CloudFormation expression (a CfnJson with a token) is named as unread, still an ERROR', () => {
    // GIVEN the keys of StringLike known only at deploy, under a GitHub provider named by its ARN
    const input = githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { 'Fn::GetAtt': ['Keys', 'Value'] } });
    const [finding, ...others] = findingsOf('SubMissing', input);
    // THEN the message says which block could not be read and how to make it readable; nobody can accept it
    expect(others).toEqual([]);
    expect(finding.message).toContain(`without a condition on "${SUB}" or "${GITHUB}:job_workflow_ref" in a block that can be read before deploy ` +
      '(its StringLike block is a CloudFormation expression, such as a CfnJson holding a token: write the keys out');
    expect(finding.message).toContain('unless that block limits it, any GitHub Actions workflow');
    expect(finding.admitsAnyOwner).toBe(true);
    // AudienceMissing says the same of aud
    const [audience] = findingsOf('AudienceMissing', githubPolicy({ StringEquals: { [SUB]: 'repo:acme/web:ref:refs/heads/main' }, StringLike: { Ref: 'Keys' } }));
    expect(audience.message).toContain(`does not check "${AUD}" in a block that can be read before deploy (its StringLike block is a CloudFormation expression`);
    // without such a block, neither says so
    expect(findingsOf('SubMissing', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' } }))[0].message).not.toContain('read before deploy');
  });

  test.each([
    ['a sub condition', githubPolicy(wellScopedCondition())],
    ['a job_workflow_ref condition instead', githubPolicy({ StringEquals: { [`${GITHUB}:job_workflow_ref`]: 'acme/deploy/.github/workflows/d.yml@refs/heads/main' } })],
    ['a negated sub (NegatedSubOnly reports it)', githubPolicy({ StringNotLike: { [SUB]: 'repo:evil/*' } })],
    ['sub under ForAllValues (ForAllValuesInAllow reports it)', githubPolicy({ 'ForAllValues:StringLike': { [SUB]: 'repo:acme/web:*' } })],
    ['a Deny without sub', githubPolicy(undefined, { Effect: 'Deny' })],
    ['key names compared without case', githubPolicy({ StringEquals: { 'Token.Actions.GitHubUserContent.com:SUB': 'repo:acme/web:ref:refs/heads/main' } })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('SubMissing', input)).toEqual([]);
  });

  // AWS does not document what IAM makes of an empty list (a condition no run meets, or one without effect): the
  // rules count on neither, so such a condition is no constraint, alone or as the positive half of a negated sub.
  test.each([
    ['StringEquals with an empty list', { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: [] } }, 'StringEquals'],
    ['StringLike with an empty list', { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: [] } }, 'StringLike'],
    ['a negated sub with an empty list', { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringNotLike: { [SUB]: [] } }, 'StringNotLike'],
  ])('Noncompliance 11: %s counts as no condition on sub', (_name, condition, operator) => {
    const [finding, ...others] = findingsOf('SubMissing', githubPolicy(condition));
    expect(others).toEqual([]);
    expect(finding.admitsAnyOwner).toBe(true);
    expect(finding.message).toContain(`(its ${operator} condition on "${SUB}" lists no values: AWS does not document whether IAM then ` +
      'matches no run or ignores the condition)');
  });

  test('Noncompliance 12: an empty positive list beside a negated sub leaves the negation alone, which NegatedSubOnly reports', () => {
    const input = githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: [] }, StringNotLike: { [SUB]: 'repo:evil/*' } });
    expect(findingsOf('SubMissing', input)).toEqual([]);
    const [negated, ...others] = findingsOf('NegatedSubOnly', input);
    expect(others).toEqual([]);
    expect(negated.value).toBe('repo:evil/*');
  });

  test('an empty aud list is no audience check either (AudienceMissing)', () => {
    const input = githubPolicy({ StringEquals: { [AUD]: [], [SUB]: 'repo:acme/web:ref:refs/heads/main' } });
    expect(findingsOf('AudienceMissing', input)).toHaveLength(1);
    expect(findingsOf('AudienceMissing', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:acme/web:ref:refs/heads/main' } })))
      .toEqual([]);
  });
});
