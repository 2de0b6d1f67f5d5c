import { parsePolicy } from '../../src/analysis/policy/document';
import { gitHubStatements } from '../../src/analysis/validate/github-statement';
import { compareWithInventory, parseRepositoryList } from '../../src/cli/audit/inventory';
import { trustScope } from '../../src/cli/audit/scope';
import { parseSubject, repositoryName, repositoryOfSubject } from '../../src/cli/subject-parts';

const GH = 'token.actions.githubusercontent.com';

describe('parseSubject', () => {
  test.each([
    ['repo:acme/web:ref:refs/heads/main', { repository: 'acme/web', kind: 'ref', ref: 'refs/heads/main', context: 'ref:refs/heads/main', immutable: false, customTemplate: false }],
    ['repo:acme/web:environment:prod%3Av1', { repository: 'acme/web', kind: 'environment', environment: 'prod%3Av1', immutable: false, customTemplate: false }],
    ['repo:acme/web:pull_request', { repository: 'acme/web', kind: 'pull_request', customTemplate: false }],
    ['repo:acme@1/web@2:ref:refs/tags/v1', { repository: 'acme@1/web@2', kind: 'ref', immutable: true }],
    ['repo:acme/web:*', { repository: 'acme/web', kind: 'any', customTemplate: false }],
    ['repo:acme/*', { repository: 'acme/*', kind: 'any' }],
    ['*', { repository: '*', kind: 'any', customTemplate: false }],
    ['repo:acme/web:environment:prod:job_workflow_ref:acme/ci/.github/workflows/d.yml@refs/heads/main', { kind: 'environment', environment: 'prod', customTemplate: true }],
    ['repository_owner_id:1:repository_id:2:ref:refs/heads/main', { repository: 'repository_id:2', kind: 'other', customTemplate: true }],
  ])('%s', (sub, expected) => {
    expect(parseSubject(sub)).toMatchObject(expected);
  });
});

describe('repositoryOfSubject and repositoryName', () => {
  test.each([
    ['repo:Acme/Web:ref:refs/heads/main', 'Acme/Web', 'acme/web'],
    ['repo:acme@1/web@2:pull_request', 'acme@1/web@2', 'acme/web'],
    ['repo:acme/web*', 'acme/web*', 'acme/web*'],
    ['repo:*', '*', '*'],
    ['repository:acme/web:ref:refs/heads/main', 'acme/web', 'acme/web'],
    ['repository_id:42:ref:refs/heads/main', 'repository_id:42', undefined],
    ['environment:prod', undefined, undefined],
  ])('%s names %s', (sub, repository, name) => {
    expect(repositoryOfSubject(sub)).toBe(repository);
    expect(repository === undefined ? undefined : repositoryName(repository)).toBe(name);
  });
});

describe('trustScope', () => {
  test('reads issuers, subjects and repositories of Allow statements that trust GitHub only', () => {
    // GIVEN a GitHub statement with sub and repository_id, a Deny, and a statement of another principal
    const policy = parsePolicy({
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::1:oidc-provider/${GH}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringLike: { [`${GH}:sub`]: ['repo:acme/web:environment:prod', 'repo:acme@1/api@2:*'] },
            StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com', [`${GH}:repository_id`]: '2' },
            StringNotLike: { [`${GH}:sub`]: 'repo:evil/*' },
          },
        },
        { Effect: 'Deny', Principal: { Federated: `arn:aws:iam::1:oidc-provider/${GH}` }, Action: '*', Condition: { StringEquals: { [`${GH}:sub`]: 'repo:x/y:*' } } },
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    });

    // THEN
    expect(trustScope(gitHubStatements(policy))).toEqual({
      issuers: [`https://${GH}`],
      subjects: ['repo:acme/web:environment:prod', 'repo:acme@1/api@2:*'],
      repositories: ['acme/web', 'acme@1/api@2', 'repository_id:2'],
    });
  });
});

describe('inventory', () => {
  test('parseRepositoryList reads one owner/name a line with comments and blank lines', () => {
    expect(parseRepositoryList('# org\nacme/web\n\n  acme/api   # later\r\nAcme/Docs\n', 'repos.txt')).toEqual(['acme/web', 'acme/api', 'Acme/Docs']);
  });

  test.each([
    ['acme\n', /repos\.txt line 1: "acme" is not a repository: expected owner\/name/],
    ['acme/web\nacme/*\n', /repos\.txt line 2: "acme\/\*" is not a repository/],
    ['# nothing\n\n', /repos\.txt lists no repositories/],
  ])('%j is refused', (text, message) => {
    expect(() => parseRepositoryList(text, 'repos.txt')).toThrow(message);
  });

  test('compareWithInventory: unlisted names and patterns per role, and listed repositories without role', () => {
    // GIVEN roles trusting: a listed name in other case and immutable form; an unlisted name; a pattern matching
    // one listed repository; a pattern matching none; a repository named by ID only
    const result = compareWithInventory(
      [['ACME@1/Web@2'], ['acme/old-name'], ['acme/ap*'], ['other/*', 'repository_id:5']],
      ['acme/web', 'acme/api', 'acme/docs'],
    );

    // THEN
    expect(result.unlisted).toEqual([[], ['acme/old-name'], [], ['other/*']]);
    expect(result.withoutRole).toEqual(['acme/docs']);
  });
});
