import { AUD, findingsOf, githubPolicy, REPOSITORY_ID, SUB } from '../fixtures';

const like = (value: string) => githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: value } });

describe('SubWildcardImmutableId', () => {
  test.each([
    ['Noncompliance 1: both IDs', 'repo:acme@*/web@*', 'repo:acme@<owner id>/web@<repository id>'],
    ['Noncompliance 2: the repository ID', 'repo:acme@123/web@*', 'repo:acme@123/web@<repository id>'],
    ['Noncompliance 3: part of the repository ID', 'repo:acme@123/web@45?:ref:refs/heads/main', 'repo:acme@123/web@<repository id>:ref:refs/heads/main'],
    ['Noncompliance 4: the owner ID', 'repo:acme@1*/web@456:environment:prod', 'repo:acme@<owner id>/web@456:environment:prod'],
    ['Noncompliance 5: repository_id in a custom template', 'repository_id:4*:ref:refs/heads/main', 'repository_id:<repository id>:ref:refs/heads/main'],
  ])('%s', (_name, value, fixed) => {
    const findings = findingsOf('SubWildcardImmutableId', like(value));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: SUB, value });
    expect(findings[0].message).toContain(`value ${JSON.stringify(value)} has a wildcard inside an immutable ID`);
    expect(findings[0].fix).toBe(`Write the IDs: ${JSON.stringify(fixed)}.`);
    // AND it is not also reported as a repository wildcard
    expect(findingsOf('SubWildcardRepository', like(value))).toEqual([]);
  });

  test.each([
    ['literal IDs', like('repo:acme@123/web@456:ref:refs/heads/*')],
    ['a wildcard ID, with repository_id pinned', githubPolicy({ StringEquals: { [REPOSITORY_ID]: '456' }, StringLike: { [SUB]: 'repo:acme@123/web@*' } })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('SubWildcardImmutableId', input)).toEqual([]);
  });
});
