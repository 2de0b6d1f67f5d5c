import { AUD, findingsOf, GITHUB, githubPolicy, providerArn, REPOSITORY_ID, SUB, wellScopedCondition } from '../fixtures';

describe('RepositoryIdNotPinned', () => {
  test.each([
    ['Noncompliance 1: a name-only subject', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:acme/web:ref:refs/heads/main' } }), '"acme/web"'],
    ['Noncompliance 2: name-only and immutable subjects during a migration', githubPolicy({
      StringEquals: { [SUB]: ['repo:acme/web:environment:production', 'repo:acme@1/web@2:environment:production'] },
    }), '"acme/web"'],
    ['Noncompliance 3: two repositories by name', githubPolicy({
      StringEquals: { [SUB]: ['repo:acme/web:pull_request', 'repo:acme/api:pull_request'] },
    }), '"acme/web", "acme/api"'],
    ['Noncompliance 4: a custom template naming the repository', githubPolicy({
      StringEquals: { [SUB]: 'repository:acme/web:environment:production' },
    }), '"acme/web"'],
  ])('%s', (_name, input, names) => {
    const findings = findingsOf('RepositoryIdNotPinned', input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'INFO', statementIndex: 0 });
    expect(findings[0].message).toContain(`trusts ${names} by name only`);
    expect(findings[0].fix).toContain(`Add "${REPOSITORY_ID}"`);
  });

  test.each([
    ['repository_id pinned', githubPolicy(wellScopedCondition())],
    ['immutable subjects only', githubPolicy({ StringEquals: { [SUB]: 'repo:acme@1/web@2:ref:refs/heads/main' } })],
    ['a custom template with repository_id', githubPolicy({ StringEquals: { [SUB]: 'repository_owner_id:1:repository_id:2:ref:refs/heads/main' } })],
    ['GitHub Enterprise Server, which has no immutable subjects', githubPolicy(
      { StringEquals: { 'ghe.example.com/_services/token:sub': 'repo:acme/web:ref:refs/heads/main' } },
      { Principal: { Federated: providerArn('ghe.example.com/_services/token') } },
    )],
    ['no sub that names one repository (the ERROR rules speak)', githubPolicy({ StringLike: { [`${GITHUB}:sub`]: 'repo:acme/*' } })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('RepositoryIdNotPinned', input)).toEqual([]);
  });
});
