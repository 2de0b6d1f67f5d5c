import { AUD, findingsOf, githubPolicy, REPOSITORY_ID, SUB } from '../fixtures';

const like = (value: string | string[], extra: { [key: string]: string } = {}) => githubPolicy({
  StringEquals: { [AUD]: 'sts.amazonaws.com', ...extra },
  StringLike: { [SUB]: value },
});

describe.each([
  ['SubAnyRef', [
    ['Noncompliance 1: repo:acme/web:*', like('repo:acme/web:*'), 'repo:acme/web:*'],
    ['Noncompliance 2: immutable, any ref', like('repo:acme@1/web@2:*'), 'repo:acme@1/web@2:*'],
    ['Noncompliance 3: a wildcard name pinned by repository_id still admits every run', like('repo:acme/*', { [REPOSITORY_ID]: '2' }), 'repo:acme/*'],
    ['Noncompliance 4: a custom template without a context', like('repository_owner_id:1:repository_id:2'), 'repository_owner_id:1:repository_id:2'],
  ], 'lets every run of the repository assume the role', ['repo:acme/web:ref:refs/heads/main', 'repo:acme/web:environment:production']],
  ['SubEveryBranch', [
    ['Noncompliance 1: refs/heads/*', like('repo:acme/web:ref:refs/heads/*'), 'repo:acme/web:ref:refs/heads/*'],
    ['Noncompliance 2: ref:* (every branch and tag)', like('repo:acme/web:ref:*'), 'repo:acme/web:ref:*'],
    ['Noncompliance 3: refs/h* ', like('repo:acme/web:ref:refs/h*'), 'repo:acme/web:ref:refs/h*'],
    ['Noncompliance 4: ?* matches every non-empty name', like('repo:acme/web:ref:refs/heads/?*'), 'repo:acme/web:ref:refs/heads/?*'],
  ], 'lets a run on any branch assume the role', ['repo:acme/web:ref:refs/heads/release/*', 'repo:acme/web:ref:refs/heads/*/deploy']],
  ['SubEveryTag', [
    ['Noncompliance 1: refs/tags/*', like('repo:acme/web:ref:refs/tags/*'), 'repo:acme/web:ref:refs/tags/*'],
    ['Noncompliance 2: refs/t*', like('repo:acme/web:ref:refs/t*'), 'repo:acme/web:ref:refs/t*'],
  ], 'lets a run for any tag assume the role', ['repo:acme/web:ref:refs/tags/v*', 'repo:acme/web:ref:refs/tags/v1.2.3']],
  ['SubEnvironmentWildcard', [
    ['Noncompliance 1: environment:prod*', like('repo:acme/web:environment:prod*'), 'repo:acme/web:environment:prod*'],
    ['Noncompliance 2: every environment', like('repo:acme/web:environment:*'), 'repo:acme/web:environment:*'],
    ['Noncompliance 3: env*', like('repo:acme/web:env*'), 'repo:acme/web:env*'],
  ], 'matches environment names a workflow author can make up', ['repo:acme/web:environment:production']],
  ['PullRequestSubject', [
    ['Noncompliance 1: pull_request', githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:acme/web:pull_request' } }), 'repo:acme/web:pull_request'],
    ['Noncompliance 2: in a list', githubPolicy({ StringEquals: { [SUB]: ['repo:acme/web:ref:refs/heads/main', 'repo:acme/web:pull_request'] } }), 'repo:acme/web:pull_request'],
    ['Noncompliance 3: pull request refs in a custom template', like('repository_id:2:ref:refs/pull/*'), 'repository_id:2:ref:refs/pull/*'],
  ], 'lets any pull request from a branch of the repository assume the role', ['repo:acme/web:environment:pr-preview', 'repo:acme/web:ref:refs/heads/main']],
] as [string, [string, unknown, string][], string, string[]][])('%s', (ruleId, noncompliance, message, compliant) => {
  test.each(noncompliance)('%s', (_name, input, value) => {
    const findings = findingsOf(ruleId, input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'WARNING', statementIndex: 0, conditionKey: SUB, value });
    expect(findings[0].message).toContain(`value ${JSON.stringify(value)} ${message}`);
    expect(findings[0].fix).toMatch(/acknowledge this warning with a reason/);
  });

  test.each(compliant)('Compliance: %s', (value) => {
    expect(findingsOf(ruleId, like(value))).toEqual([]);
  });

  test('Compliance: a value that already lets other repositories in is left to the ERROR rules', () => {
    expect(findingsOf(ruleId, like(['repo:*', 'repo:acme/*:ref:refs/heads/*', 'repo:acme/*:pull_request']))).toEqual([]);
  });
});

describe('context warnings carry the repository into the fix', () => {
  test('SubAnyRef names the repository of the value', () => {
    const [finding] = findingsOf('SubAnyRef', like('repo:octo-org/octo-repo:*'));
    expect(finding.fix).toBe('Name the runs, e.g. "repo:octo-org/octo-repo:environment:production" or ' +
      '"repo:octo-org/octo-repo:ref:refs/heads/main", or acknowledge this warning with a reason.');
  });

  test('the context of a custom template is judged too', () => {
    const value = 'repo:acme/web:environment:prod-*:job_workflow_ref:acme/d/.github/workflows/d.yml@refs/heads/main';
    expect(findingsOf('SubEnvironmentWildcard', like(value)).map((finding) => finding.value)).toEqual([value]);
  });
});
