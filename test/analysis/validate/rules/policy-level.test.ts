import { AUD, findingsOf, GITHUB, githubPolicy, policy, REPOSITORY_ID, statement, SUB, wellScopedCondition } from '../fixtures';

describe('DuplicateJsonKey', () => {
  // alphagov/govuk-infrastructure PR 879: two StringEquals blocks, the second silently replaced the first.
  const duplicated = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",' +
    `"Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/${GITHUB}"},"Action":"sts:AssumeRoleWithWebIdentity",` +
    `"Condition":{"StringEquals":{"${SUB}":"repo:acme/web:ref:refs/heads/main"},"StringEquals":{"${AUD}":"sts.amazonaws.com"}}}]}`;

  test('Noncompliance 1: two StringEquals in one Condition', () => {
    const findings = findingsOf('DuplicateJsonKey', duplicated);
    expect(findings).toHaveLength(1);
    expect(findings[0].statementIndex).toBe(0);
    expect(findings[0].conditionKey).toBeUndefined();
    expect(findings[0].message).toBe(`Statement 0: "StringEquals" appears twice in Statement[0].Condition; only the last one counts, so the earlier one (with "${SUB}") is silently dropped.`);
    expect(findings[0].fix).toBe('Merge the two "StringEquals" entries of Statement[0].Condition into one.');
    // AND the sub it dropped is missing for the other rules too
    expect(findingsOf('SubMissing', duplicated)).toHaveLength(1);
  });

  test('Noncompliance 2: a condition key twice in one block, in URL-encoded text', () => {
    const text = JSON.stringify(githubPolicy({ StringLike: { [SUB]: 'repo:acme/web:ref:refs/heads/main' } }))
      .replace(`"${SUB}":"repo:acme/web:ref:refs/heads/main"`, `"${SUB}":"repo:acme/web:ref:refs/heads/main","${SUB}":"repo:acme/*"`);
    const findings = findingsOf('DuplicateJsonKey', encodeURIComponent(text));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain(`"${SUB}" appears twice in Statement[0].Condition.StringLike`);
    expect(findings[0].message).toContain('("repo:acme/web:ref:refs/heads/main")');
    expect(findings[0].conditionKey).toBe(SUB);
  });

  test('Noncompliance 3: a single statement object', () => {
    const text = `{"Statement":{"Effect":"Allow","Effect":"Allow","Principal":{"Federated":"arn:aws:iam::1:oidc-provider/${GITHUB}"},` +
      `"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"${SUB}":"repo:a/b:ref:refs/heads/main"}}}}`;
    expect(findingsOf('DuplicateJsonKey', text).map((finding) => finding.statementIndex)).toEqual([0]);
  });

  test.each([
    ['the same policy as an object (the duplicate is already gone)', JSON.parse(duplicated)],
    ['merged blocks', JSON.stringify(githubPolicy(wellScopedCondition()))],
    ['a duplicate in a statement that does not trust GitHub', JSON.stringify(policy(statement(wellScopedCondition()), { Effect: 'Allow', Principal: { Service: 'x' }, Action: 'sts:AssumeRole' }))
      .replace('"Principal":{"Service":"x"}', '"Principal":{"Service":"x"},"Principal":{"Service":"y"}')],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('DuplicateJsonKey', input)).toEqual([]);
  });
});

describe('PolicySizeExceeded', () => {
  const big = (count: number) => githubPolicy({
    StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: Array.from({ length: count }, (_, i) => `repo:acme/web:environment:environment-number-${i}`) },
  });

  test('Noncompliance 1: over 2,048 compact characters', () => {
    const input = big(40);
    const size = JSON.stringify(input).length;
    expect(size).toBeGreaterThan(2048);
    const findings = findingsOf('PolicySizeExceeded', input);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe(`The trust policy's compact JSON is ${size} characters, more than the limit of 2048; ` +
      'IAM fails the deployment with "LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048".');
  });

  test('Noncompliance 2: whitespace in the text does not count, the compact JSON does', () => {
    const input = big(40);
    expect(findingsOf('PolicySizeExceeded', JSON.stringify(input, undefined, 2))[0].message)
      .toContain(`is ${JSON.stringify(input).length} characters`);
  });

  test('Noncompliance 3: with CloudFormation intrinsics, a lower bound that says it is estimated', () => {
    const input = githubPolicy((big(40).Statement[0] as { Condition: unknown }).Condition, {
      Principal: { Federated: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:oidc-provider/${GITHUB}`]] } },
    });
    const [finding] = findingsOf('PolicySizeExceeded', input);
    expect(finding.message).toMatch(/is at least \d+ characters, more than the limit of 2048 \(estimated: 1 CloudFormation expression\(s\)/);
  });

  test('Noncompliance 4: a lower quota passed as sizeLimit', () => {
    expect(findingsOf('PolicySizeExceeded', githubPolicy(wellScopedCondition()), { sizeLimit: 100 })).toHaveLength(1);
  });

  test.each([
    ['a well-scoped policy', githubPolicy(wellScopedCondition()), undefined],
    ['a raised quota', big(40), 4096],
    ['a large policy with no GitHub statement', policy({ Effect: 'Allow', Principal: { Service: 'x'.repeat(3000) }, Action: 'sts:AssumeRole' }), undefined],
  ])('Compliance: %s', (_name, input, sizeLimit) => {
    expect(findingsOf('PolicySizeExceeded', input, sizeLimit ? { sizeLimit } : undefined)).toEqual([]);
  });
});

describe('PolicyUnreadable', () => {
  test.each([
    ['Noncompliance 1: not JSON', '{"Statement": [', /the policy is not JSON/, undefined],
    ['Noncompliance 2: undefined', undefined, /not a JSON object/, undefined],
    ['Noncompliance 3: no Statement', { Version: '2012-10-17' }, /no "Statement"/, undefined],
    ['Noncompliance 4: a statement that is not an object', { Statement: ['x'] }, /statement 0 is not an object/, 0],
    ['Noncompliance 5: a GitHub statement with a malformed Condition', githubPolicy([]), /statement 0 has a Condition that is not an object/, 0],
  ])('%s', (_name, input, message, statementIndex) => {
    const findings = findingsOf('PolicyUnreadable', input);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(message);
    expect(findings[0].statementIndex).toBe(statementIndex);
  });

  // An operator IAM does not have: its conditions are no constraint to the rules, so a sub under it is SubMissing;
  // this finding says why (before, SubMissing said "without a condition on sub" and nothing named the operator).
  test.each([
    ['white space after the operator', { 'StringEquals ': { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:acme/web:ref:refs/heads/main' } },
      '"StringEquals " is not an IAM condition operator ("StringEquals" with white space around it), so the rules do not count ' +
      `its conditions on "${AUD}", "${SUB}" as constraints`, 'Write "StringEquals".'],
    ['white space before a qualified operator', { ...wellScopedCondition(), ' ForAnyValue:StringLike': { [SUB]: 'repo:acme/web:*' } },
      '" ForAnyValue:StringLike" is not an IAM condition operator ("ForAnyValue:StringLike" with white space around it)',
      'Write "ForAnyValue:StringLike".'],
    ['a misspelling, qualifier and IfExists kept', { ...wellScopedCondition(), 'ForAllValues:StringEqulsIfExists': { [SUB]: 'repo:acme/web:*' } },
      '(did you mean "ForAllValues:StringEqualsIfExists"?)', 'Write "ForAllValues:StringEqualsIfExists".'],
    ['no operator near it', { ...wellScopedCondition(), Frobnicate: { [SUB]: 'repo:acme/web:*' } },
      '"Frobnicate" is not an IAM condition operator, so', 'Use one of IAM\'s condition operators'],
  ])('Noncompliance: an unknown condition operator, %s', (_name, condition, message, fix) => {
    const findings = findingsOf('PolicyUnreadable', githubPolicy(condition));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'ERROR', statementIndex: 0 });
    expect(findings[0].message).toContain(message);
    expect(findings[0].fix).toContain(fix);
  });

  // Two readings AWS leaves open, and the rules counted on one: a repository_id pin in an operator block written in
  // another case, or a key written twice in one block, beside a sub of 'repo:*'. Were IAM to pass the block over, or
  // apply the empty spelling, anyone on GitHub would get in; before, the rules only warned (SubAnyRef).
  test.each([
    ['an operator in another case', { StringEquals: { [AUD]: 'sts.amazonaws.com' }, stringequals: { [REPOSITORY_ID]: '123' }, StringLike: { [SUB]: 'repo:*' } },
      'the condition operator "stringequals" is written in another case than IAM\'s "StringEquals"', 'Write "StringEquals".', undefined],
    ['a qualifier in another case', { ...wellScopedCondition(), 'forallvalues:StringLike': { [`${GITHUB}:environment`]: 'prod' } },
      '"forallvalues:StringLike" is written in another case than IAM\'s "ForAllValues:StringLike"', 'Write "ForAllValues:StringLike".', undefined],
    ['a key written twice in one block', { StringEquals: { [AUD]: 'sts.amazonaws.com', [REPOSITORY_ID]: '123', [REPOSITORY_ID.toUpperCase()]: [] }, StringLike: { [SUB]: 'repo:*' } },
      `its "StringEquals" block writes the condition key "${REPOSITORY_ID}" and "${REPOSITORY_ID.toUpperCase()}"`, 'Write the key once', REPOSITORY_ID],
  ])('Noncompliance: %s', (_name, condition, message, fix, conditionKey) => {
    const findings = findingsOf('PolicyUnreadable', githubPolicy(condition));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'ERROR', statementIndex: 0 });
    expect(findings[0].conditionKey).toBe(conditionKey);
    expect(findings[0].message).toContain(message);
    expect(findings[0].fix).toContain(fix);
  });

  // Lists where IAM writes one value: each was read as nothing (a statement of no principal, so not GitHub's; a value
  // "not text but an expression", a warning), and 'repo:*' inside passed every rule. Now each item is read and judged.
  test.each([
    ['a Principal that is a list', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:*' } },
      { Principal: [{ Federated: `arn:aws:iam::123456789012:oidc-provider/${GITHUB}` }] }),
    'statement 0 has a Principal that is a list, where IAM writes "*" or an object'],
    ['a list inside the list of sub values', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: [['repo:acme/web:*', 'repo:*']] } }),
      `statement 0: condition StringLike "${SUB}" holds an array, neither text nor a CloudFormation expression`],
  ])('Noncompliance: %s, judged item by item', (_name, input, message) => {
    const findings = findingsOf('PolicyUnreadable', input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'ERROR', statementIndex: 0 });
    expect(findings[0].message).toContain(message);
    expect(findingsOf('SubWildcardRepository', input).map((finding) => finding.value)).toEqual(['repo:*']);
  });

  test.each([
    ['a list inside the Action list', { Action: [['sts:AssumeRoleWithWebIdentity']] }, 'statement 0\'s Action holds an array, where IAM writes an action\'s name', 1],
    ['an Action object', { Action: { name: 'sts:AssumeRoleWithWebIdentity' } }, 'statement 0\'s Action holds an object', 0],
    ['no Action at all', { Action: undefined }, 'statement 0 has no Action', 0],
  ])('Noncompliance: a GitHub statement with %s (it was passed over as allowing no web identity)', (_name, over, message, judged) => {
    const input = githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:*' } }, over);
    const findings = findingsOf('PolicyUnreadable', input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'ERROR', statementIndex: 0 });
    expect(findings[0].message).toContain(message);
    // a nested list is read flat, so the statement allows web identities and its sub is judged
    expect(findingsOf('SubWildcardRepository', input)).toHaveLength(judged);
  });

  test.each([
    ['a list inside the list', [[`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`]], 'holds an array'],
    ['a number', 5, 'holds a number'],
    ['an object that is no CloudFormation expression', { arn: `arn:aws:iam::123456789012:oidc-provider/${GITHUB}` }, 'holds an object'],
  ])('Noncompliance: a Federated principal with %s is reported, and the statement still judged as GitHub\'s', (_name, federated, message) => {
    const input = githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:*' } }, { Principal: { Federated: federated } });
    const findings = findingsOf('PolicyUnreadable', input);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain(`statement 0's Federated principal ${message}, where IAM writes a provider's ARN or name`);
    expect(findingsOf('SubWildcardRepository', input)).toHaveLength(1);
  });

  test('Compliance: a Federated principal that is a CloudFormation expression is not unreadable', () => {
    expect(findingsOf('PolicyUnreadable', githubPolicy(wellScopedCondition(), { Principal: { Federated: { 'Fn::GetAtt': ['Provider', 'Arn'] } } }))).toEqual([]);
  });

  test.each([
    ['an object that is no CloudFormation expression', { a: 'repo:*' }, 'holds an object, neither text nor'],
    ['null', null, 'holds null, neither text nor'],
    ['a Ref beside a key', { Ref: 'Subject', Extra: 1 }, 'holds an object, neither text nor'],
  ])('Noncompliance: a sub value that is %s', (_name, value, message) => {
    const input = githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: ['repo:acme/web:*', value] } });
    const findings = findingsOf('PolicyUnreadable', input);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain(message);
    // not taken for an expression whose parameters are unknown
    expect(findingsOf('UnresolvedConditionValue', input)).toEqual([]);
  });

  test.each([
    ['a readable policy', githubPolicy(wellScopedCondition())],
    ['CloudFormation expressions among the values', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: [{ Ref: 'Subject' }, { 'Fn::Sub': 'repo:acme/${Repo}:*' }] } })],
    ['one key in two blocks', githubPolicy({ ...wellScopedCondition(), StringNotLike: { [SUB]: 'repo:acme/web:ref:refs/heads/x*' } })],
    ['an unknown operator in a statement that does not trust GitHub', policy(statement(wellScopedCondition()), { Effect: 'Allow', Principal: { Service: 'x' }, Action: 'sts:AssumeRole', Condition: { 'StringEquals ': { 'aws:SourceAccount': '1' } } })],
    ['a malformed statement that does not trust GitHub', policy(statement(wellScopedCondition()), { Effect: 'Allow', Principal: { Service: 'x' }, Condition: [] })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('PolicyUnreadable', input)).toEqual([]);
  });
});
