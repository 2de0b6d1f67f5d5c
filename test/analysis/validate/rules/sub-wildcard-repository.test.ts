import { AUD, findingsOf, githubPolicy, REPOSITORY_ID, SUB } from '../fixtures';

const like = (values: string | string[]) => githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: values } });

describe('SubWildcardRepository', () => {
  test.each([
    ['Noncompliance 1: repo:* (passes AWS\'s own check)', 'repo:*', /lets repositories of any owner assume the role/],
    ['Noncompliance 2: repo:*/*', 'repo:*/*', /any owner/],
    ['Noncompliance 3: *', '*', /any owner/],
    ['Noncompliance 4: repo:org/* (every repository of the owner)', 'repo:acme/*', /every repository of "acme" assume the role, including repositories created later/],
    ['Noncompliance 5: every repository of the owner, on main', 'repo:acme/*:ref:refs/heads/main', /every repository of "acme"/],
    ['Noncompliance 6: repo:acme/web* also matches acme/web-evil', 'repo:acme/web*', /other repositories of "acme" too, e.g. "acme\/web-evil"/],
    ['Noncompliance 7: repo:acme/we? (one character)', 'repo:acme/we?', /e\.g\. "acme\/wex"/],
    ['Noncompliance 8: owner prefix', 'repo:acme*/web:ref:refs/heads/main', /any owner/],
    ['Noncompliance 9: custom template naming only the owner', 'repository_owner_id:123:ref:refs/heads/main', /names only the owner \(repository_owner_id "123"\)/],
    ['Noncompliance 10: custom template naming no repository', 'workflow:deploy:environment:production', /names no repository/],
    ['Noncompliance 11: repo:a*', 'repo:a*', /any owner/],
  ])('%s', (_name, value, message) => {
    const findings = findingsOf('SubWildcardRepository', like(value));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: SUB, value });
    expect(findings[0].message).toContain(`StringLike "${SUB}" value ${JSON.stringify(value)}`);
    expect(findings[0].message).toMatch(message);
    expect(findings[0].fix).toMatch(/^Name one repository( and the runs)?: "repo:/);
    // A context is never invented: without a literal one, it is a placeholder and an example.
    if (!/:(ref|environment):/.test(value)) expect(findings[0].fix).toMatch(/:<context>", e\.g\. "repo:[^"]*:environment:production"/);
  });

  test('Noncompliance 12: one loose value hidden in a list is found and named (passes AWS\'s own check)', () => {
    const findings = findingsOf('SubWildcardRepository', like(['repo:acme/x:ref:refs/heads/main', '*']));
    expect(findings.map((finding) => finding.value)).toEqual(['*']);
    expect(findings[0].message).toContain('value "*"');
  });

  test('Noncompliance 13: every loose value of a list is reported', () => {
    const findings = findingsOf('SubWildcardRepository', like(['repo:acme/*', 'repo:acme/web:pull_request', 'repo:*']));
    expect(findings.map((finding) => finding.value)).toEqual(['repo:acme/*', 'repo:*']);
  });

  test('the fix keeps a literal context and the literal part of the name', () => {
    const [finding] = findingsOf('SubWildcardRepository', like('repo:acme/web-*:ref:refs/heads/main'));
    expect(finding.fix).toContain('"repo:acme/web:ref:refs/heads/main"');
  });

  test.each([
    ['one repository, one branch', like('repo:acme/web:ref:refs/heads/main')],
    ['a wildcard after the repository part', like('repo:acme/web:ref:refs/heads/release/*')],
    ['any ref of one repository (SubAnyRef warns)', like('repo:acme/web:*')],
    ['a wildcard name, but repository_id pinned', githubPolicy({
      StringEquals: { [AUD]: 'sts.amazonaws.com', [REPOSITORY_ID]: '456' },
      StringLike: { [SUB]: 'repo:acme@1/*@456:ref:refs/heads/main' },
    })],
    ['"*" under StringEquals never matches (WildcardInStringEquals reports it)', githubPolicy({ StringEquals: { [SUB]: 'repo:acme/*' } })],
    ['a negated wildcard only excludes', githubPolicy({ StringEquals: { [SUB]: 'repo:acme/web:ref:refs/heads/main' }, StringNotLike: { [SUB]: 'repo:*' } })],
    ['a custom template pinning repository_id after an owner wildcard', like('repository_owner_id:*:repository_id:456:ref:refs/heads/main')],
    ['IAM\'s escape ${?} is a literal "?", not a wildcard', like('repo:acme/web${?}:ref:refs/heads/main')],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('SubWildcardRepository', input)).toEqual([]);
  });
});
