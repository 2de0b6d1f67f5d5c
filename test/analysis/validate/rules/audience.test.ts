import { AUD, findingsOf, GITHUB, githubPolicy, REPOSITORY_ID, SUB, wellScopedCondition } from '../fixtures';

const withAudience = (operator: string, audience: unknown) => githubPolicy({
  StringEquals: { [SUB]: 'repo:acme/web:environment:production', [REPOSITORY_ID]: '1' },
  [operator]: { [AUD]: audience },
});

describe('AudienceUnexpected', () => {
  test.each([
    ['Noncompliance 1: a wildcard', 'StringLike', '*', 'is a pattern: it admits tokens requested for other audiences'],
    ['Noncompliance 2: a prefix pattern', 'StringLike', 'sts.amazonaws.com*', 'is a pattern'],
    ['Noncompliance 3: GitHub\'s default audience (the owner URL)', 'StringEquals', 'https://github.com/acme', 'is not the expected audience "sts.amazonaws.com"'],
    ['Noncompliance 4: the China audience when the default is expected', 'StringEquals', 'sts.amazonaws.com.cn', 'is not the expected audience'],
  ])('%s', (_name, operator, value, message) => {
    const findings = findingsOf('AudienceUnexpected', withAudience(operator, value));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: AUD, value });
    expect(findings[0].message).toContain(`${operator} "${AUD}" value ${JSON.stringify(value)} ${message}`);
    expect(findings[0].fix).toContain(`Use StringEquals "${AUD}": "sts.amazonaws.com"`);
  });

  test('Noncompliance 5: one unexpected value in a list', () => {
    const findings = findingsOf('AudienceUnexpected', withAudience('StringLike', ['sts.amazonaws.com', '*']));
    expect(findings.map((finding) => finding.value)).toEqual(['*']);
  });

  test.each([
    ['the default audience', withAudience('StringEquals', 'sts.amazonaws.com'), undefined],
    ['StringLike without a wildcard', withAudience('StringLike', 'sts.amazonaws.com'), undefined],
    ['any case under StringEqualsIgnoreCase', withAudience('StringEqualsIgnoreCase', 'STS.amazonaws.com'), undefined],
    ['the China audience when expected', withAudience('StringEquals', 'sts.amazonaws.com.cn'), 'sts.amazonaws.com.cn'],
    ['a custom audience when expected', withAudience('StringEquals', 'https://github.com/acme'), 'https://github.com/acme'],
    ['a wildcard under StringEquals (WildcardInStringEquals reports it)', withAudience('StringEquals', '*'), undefined],
  ])('Compliance: %s', (_name, input, expectedAudience) => {
    expect(findingsOf('AudienceUnexpected', input, expectedAudience ? { expectedAudience } : undefined)).toEqual([]);
  });
});

describe('AudienceMissing', () => {
  test('Noncompliance 1: no aud condition', () => {
    const findings = findingsOf('AudienceMissing', githubPolicy({ StringEquals: { [SUB]: 'repo:acme/web:environment:production' } }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'WARNING', statementIndex: 0, fix: `Add "${AUD}": "sts.amazonaws.com" under StringEquals in statement 0.` });
  });

  test('Noncompliance 2: the fix names the expected audience', () => {
    const [finding] = findingsOf('AudienceMissing', githubPolicy({ StringEquals: { [SUB]: 'repo:acme/web:ref:refs/heads/main' } }), { expectedAudience: 'sts.amazonaws.com.cn' });
    expect(finding.fix).toContain('"sts.amazonaws.com.cn"');
  });

  test.each([
    ['aud under StringEquals', githubPolicy(wellScopedCondition())],
    ['aud under a misspelled-case key', githubPolicy({ ...wellScopedCondition(), StringEquals: { [SUB]: 'repo:acme/web:ref:refs/heads/main', [`${GITHUB}:AUD`]: 'sts.amazonaws.com' } })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('AudienceMissing', input)).toEqual([]);
  });
});
