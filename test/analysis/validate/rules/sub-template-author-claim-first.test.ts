import { findingsOf, githubPolicy, SUB } from '../fixtures';

describe('SubTemplateAuthorClaimFirst', () => {
  test.each([
    ['Noncompliance 1: workflow first', 'workflow:deploy:repo:acme/web:environment:production', 'workflow'],
    ['Noncompliance 2: environment first', 'environment:production:repository_id:42', 'environment'],
    ['Noncompliance 3: workflow_ref first', 'workflow_ref:acme/web/.github/workflows/d.yml@refs/heads/main:repo:acme/web:pull_request', 'workflow_ref'],
    ['Noncompliance 5: ref first (whoever pushes names the branch)', 'ref:refs/heads/main:repo:acme/web', 'ref'],
    ['Noncompliance 6: actor first (whoever triggers the run)', 'actor:octocat:repo:acme/web:ref:refs/heads/main', 'actor'],
  ])('%s', (_name, value, claim) => {
    const findings = findingsOf('SubTemplateAuthorClaimFirst', githubPolicy({ StringEquals: { [SUB]: value } }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'WARNING', statementIndex: 0, conditionKey: SUB, value });
    expect(findings[0].message).toContain(`starts with "${claim}", a claim whoever edits or triggers a workflow chooses`);
  });

  test('Noncompliance 4: without a repository claim it is also an ERROR of SubWildcardRepository', () => {
    const input = githubPolicy({ StringEquals: { [SUB]: 'workflow:deploy:environment:production' } });
    expect(findingsOf('SubTemplateAuthorClaimFirst', input)).toHaveLength(1);
    expect(findingsOf('SubWildcardRepository', input)).toHaveLength(1);
  });

  test.each([
    ['the default template', 'repo:acme/web:environment:production'],
    ['a template that leads with the repository', 'repo:acme/web:environment:production:workflow:deploy'],
    ['a template that leads with IDs', 'repository_owner_id:1:repository_id:2:environment:production'],
  ])('Compliance: %s', (_name, value) => {
    expect(findingsOf('SubTemplateAuthorClaimFirst', githubPolicy({ StringEquals: { [SUB]: value } }))).toEqual([]);
  });
});
