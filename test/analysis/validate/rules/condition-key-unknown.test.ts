import { findingsOf, GITHUB, githubPolicy, providerArn, SUB, wellScopedCondition } from '../fixtures';

const GHEC = `${GITHUB}/acme-corp`;

describe('ConditionKeyUnknown', () => {
  test.each([
    ['Noncompliance 1: scheme-prefixed key', `https://${GITHUB}:sub`, 'starts with "https://"', `Write "${SUB}".`],
    ['Noncompliance 2: misspelled claim', `${GITHUB}:sbu`, 'reads "sbu", which is not a claim of GitHub\'s token', `Write "${SUB}".`],
    ['Noncompliance 3: "/" instead of ":"', `${GITHUB}/sub`, 'separates the claim with "/" instead of ":"', `Write "${SUB}".`],
    ['Noncompliance 4: event_name, not supported by STS', `${GITHUB}:event_name`, 'reads the "event_name" claim, which AWS STS does not support', 'Remove the condition'],
    ['Noncompliance 5: a key of another GitHub issuer', `${GHEC}:sub`, `is a key of another issuer (https://${GHEC})`, `Write "${SUB}".`],
    ['Noncompliance 6: a misspelled issuer', 'token.action.githubusercontent.com:sub', `misspells the issuer "${GITHUB}"`, `Write "${SUB}".`],
    ['Noncompliance 7: no issuer prefix', 'sub', 'has no issuer prefix', `Write "${SUB}".`],
    ['Noncompliance 8: another identity provider\'s key', 'accounts.google.com:sub', 'is a key of another identity provider ("accounts.google.com")', 'Remove it'],
    ['Noncompliance 9: scheme and misspelling', `https://${GITHUB}:sbu`, 'starts with "https://", which condition keys never have, and reads "sbu"', `Write "${SUB}".`],
    // Before, a spaced key was read as "a key of another issuer (github.com) than the statement's (github.com)".
    ['Noncompliance 9a: white space around the key', ` ${SUB}`, 'has white space around it', `Write "${SUB}".`],
    ['Noncompliance 9b: white space and a misspelling', `${GITHUB}:sbu\t`, 'has white space around it, and reads "sbu"', `Write "${SUB}".`],
  ])('%s', (_name, key, what, fix) => {
    const findings = findingsOf('ConditionKeyUnknown', githubPolicy({ ...wellScopedCondition(), StringLike: { [key]: 'repo:acme/web:*' } }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: key });
    expect(findings[0].message).toContain(`condition key ${JSON.stringify(key)} ${what}`);
    expect(findings[0].message).toContain('the condition never matches and the role cannot be assumed');
    expect(findings[0].fix).toContain(fix);
  });

  test.each([
    ['only white space', ` ${SUB}`, true],
    ['white space and a misspelling, wrong either way', `${GITHUB}:sbu\t`, false],
  ])('a key with %s: the effect is said as holding unless IAM trims the key, where trimming would mend it', (_name, key, conditional) => {
    const [finding] = findingsOf('ConditionKeyUnknown', githubPolicy({ ...wellScopedCondition(), StringLike: { [key]: 'repo:acme/web:*' } }));
    expect(finding.message.includes('unless IAM trims it (AWS does not document whether it does), the condition never matches')).toBe(conditional);
  });

  test('Noncompliance 10: under a negated operator the condition is void instead', () => {
    const [finding] = findingsOf('ConditionKeyUnknown', githubPolicy({ ...wellScopedCondition(), StringNotLike: { [`${GITHUB}:sbu`]: 'repo:evil/*' } }));
    expect(finding.message).toContain('the condition is always true and constrains nothing');
  });

  test('Noncompliance 11: in a Deny, the Deny does not work', () => {
    const [finding] = findingsOf('ConditionKeyUnknown', githubPolicy({ StringLike: { [`${GITHUB}:event_name`]: 'pull_request' } }, { Effect: 'Deny' }));
    expect(finding.message).toContain('this Deny does not work as written');
  });

  test.each([
    ['sub, aud and the claims STS supports since 2026', githubPolicy({
      ...wellScopedCondition(),
      StringLike: {
        [`${GITHUB}:ref`]: 'refs/heads/main',
        [`${GITHUB}:environment`]: 'production',
        [`${GITHUB}:repository`]: 'acme/web',
        [`${GITHUB}:repository_owner_id`]: '1',
        [`${GITHUB}:job_workflow_ref`]: 'acme/d/.github/workflows/d.yml@*',
        [`${GITHUB}:actor`]: 'octocat',
        [`${GITHUB}:actor_id`]: '1',
        [`${GITHUB}:workflow`]: 'deploy',
        [`${GITHUB}:enterprise_id`]: '1',
      },
    })],
    ['keys compared without case', githubPolicy({ StringEquals: { 'TOKEN.actions.githubusercontent.com:Sub': 'repo:acme/web:ref:refs/heads/main' } })],
    ['global and service keys', githubPolicy({ ...wellScopedCondition(), Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { ...wellScopedCondition().StringEquals, 'sts:RoleSessionName': 'x' } })],
    ['the GHEC issuer\'s own keys', githubPolicy(wellScopedCondition(GHEC), { Principal: { Federated: providerArn(GHEC) } })],
    ['claims whose STS support for GHES is not known are not reported', githubPolicy({
      StringEquals: { 'ghe.example.com/_services/token:sub': 'repo:acme/web:ref:refs/heads/main', 'ghe.example.com/_services/token:repository_id': '1' },
    }, { Principal: { Federated: providerArn('ghe.example.com/_services/token') } })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('ConditionKeyUnknown', input)).toEqual([]);
  });
});
