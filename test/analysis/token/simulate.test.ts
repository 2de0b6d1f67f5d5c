/**
 * GitHubToken.simulate against the examples of FACTS.md section 1 (GitHub docs, "OpenID Connect reference"), and
 * every bad input with its message.
 */
import { PULL_REQUEST_SUBJECT_EVENTS } from '../../../src/analysis/token/subject';
import { GitHubToken } from '../../../src/analysis/token/token';
import { WorkflowRunOptions } from '../../../src/analysis/token/types';
import { GitHubIssuer } from '../../../src/model/issuer';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectFormat } from '../../../src/model/subject-claim';
import { SubjectTemplate } from '../../../src/model/subject-template';

const OCTO = GitHubRepository.of('octo-org', 'octo-repo');
const OCTO_WITH_IDS = GitHubRepository.of('octo-org', 'octo-repo', { ownerId: 123456, repositoryId: 456789 });
const SHA = 'a'.repeat(40);

function subOf(run: Partial<WorkflowRunOptions>): string {
  return GitHubToken.simulate({ repository: OCTO, ...run }).sub;
}

test('a template without "context" needs no context: ["ref", "repo"] has a subject for a pull request merge ref', () => {
  const sub = GitHubToken.simulate({
    repository: OCTO,
    eventName: 'workflow_dispatch',
    ref: 'refs/pull/7/merge',
    subjectTemplate: SubjectTemplate.fromClaimKeys(['ref', 'repo']),
  }).sub;
  expect(sub).toBe('ref:refs/pull/7/merge:repo:octo-org/octo-repo');
});

describe('GitHubToken.simulate: sub (FACTS.md section 1)', () => {
  test.each<[string, Partial<WorkflowRunOptions>, string]>([
    ['a push to a branch', { ref: 'refs/heads/main' }, 'repo:octo-org/octo-repo:ref:refs/heads/main'],
    ['a push to a nested branch', { ref: 'refs/heads/release/1.x' }, 'repo:octo-org/octo-repo:ref:refs/heads/release/1.x'],
    ['a tag', { ref: 'refs/tags/v1.2.3' }, 'repo:octo-org/octo-repo:ref:refs/tags/v1.2.3'],
    ['a job with an environment', { environment: 'prod' }, 'repo:octo-org/octo-repo:environment:prod'],
    ['the environment wins over a pull request', { eventName: 'pull_request', environment: 'prod' }, 'repo:octo-org/octo-repo:environment:prod'],
    ['the environment wins over a tag', { ref: 'refs/tags/v1', environment: 'prod' }, 'repo:octo-org/octo-repo:environment:prod'],
    ['a pull_request without environment', { eventName: 'pull_request' }, 'repo:octo-org/octo-repo:pull_request'],
    ['a : in the environment is written %3A', { environment: 'Production:V1' }, 'repo:octo-org/octo-repo:environment:Production%3AV1'],
    ['environment names keep their case', { environment: 'Production' }, 'repo:octo-org/octo-repo:environment:Production'],
    ['schedule runs on the default branch', { eventName: 'schedule' }, 'repo:octo-org/octo-repo:ref:refs/heads/main'],
    ['workflow_dispatch runs on the default branch', { eventName: 'workflow_dispatch' }, 'repo:octo-org/octo-repo:ref:refs/heads/main'],
    ['pull_request_target: the base branch (the documented choice in subject.ts)', { eventName: 'pull_request_target' },
      'repo:octo-org/octo-repo:ref:refs/heads/main'],
    ['a merge_group run gets its queue branch',
      { eventName: 'merge_group', ref: `refs/heads/gh-readonly-queue/main/pr-13-${SHA}` },
      `repo:octo-org/octo-repo:ref:refs/heads/gh-readonly-queue/main/pr-13-${SHA}`],
  ])('%s', (_name, run, sub) => {
    // GIVEN a run WHEN its token is simulated THEN sub is GitHub's
    expect(subOf(run)).toBe(sub);
  });

  test('pull_request and the review events on its merge ref get the pull_request subject; pull_request_target does not (one place to change)', () => {
    expect([...PULL_REQUEST_SUBJECT_EVENTS]).toEqual(['pull_request', 'pull_request_review', 'pull_request_review_comment']);
    expect(GitHubToken.simulate({ repository: OCTO, eventName: 'pull_request_review' }).sub).toBe('repo:octo-org/octo-repo:pull_request');
    expect(GitHubToken.simulate({ repository: OCTO, eventName: 'pull_request_target' }).sub).toBe('repo:octo-org/octo-repo:ref:refs/heads/main');
  });

  test('a merge_group run without ref gets a queue branch of main', () => {
    // GIVEN a merge queue run WHEN simulated THEN its ref is a gh-readonly-queue branch, not main
    const token = GitHubToken.simulate({ repository: OCTO, eventName: 'merge_group' });
    expect(token.ref).toMatch(/^refs\/heads\/gh-readonly-queue\/main\/pr-1-[0-9a-f]{40}$/);
    expect(token.sub).toBe(`repo:octo-org/octo-repo:ref:${token.ref}`);
  });

  test('immutable subject when the repository has IDs', () => {
    // GIVEN a repository with owner and repository IDs WHEN a push to main is simulated
    const token = GitHubToken.simulate({ repository: OCTO_WITH_IDS });

    // THEN sub spells the repository owner@id/name@id, and the IDs are claims
    expect(token.sub).toBe('repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main');
    expect(token).toMatchObject({ repository: 'octo-org/octo-repo', repository_id: '456789', repository_owner_id: '123456' });
  });

  test('NAME_ONLY keeps the name-only subject of a repository with IDs (before it opts in)', () => {
    expect(subOf({ repository: OCTO_WITH_IDS, subjectFormat: SubjectFormat.NAME_ONLY })).toBe('repo:octo-org/octo-repo:ref:refs/heads/main');
  });

  test('GHES has no immutable subjects: a repository with IDs gets the name-only form there', () => {
    const token = GitHubToken.simulate({ repository: OCTO_WITH_IDS, issuer: GitHubIssuer.enterpriseServer('github.example.com') });
    expect(token.sub).toBe('repo:octo-org/octo-repo:ref:refs/heads/main');
  });

  test('custom template ["repo","context","job_workflow_ref"] (FACTS.md example)', () => {
    // GIVEN the org's template and a job of environment prod calling a central reusable workflow
    const sub = subOf({
      subjectTemplate: SubjectTemplate.fromClaimKeys(['repo', 'context', 'job_workflow_ref']),
      environment: 'prod',
      jobWorkflowRef: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
    });

    // THEN sub is the pairs in template order
    expect(sub).toBe('repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main');
  });

  test('custom template of IDs ["repository_owner_id","repository_id","ref"] (FACTS.md example)', () => {
    const sub = subOf({
      repository: GitHubRepository.of('octo-org', 'octo-repo', { ownerId: 1844662, repositoryId: 599293758 }),
      subjectTemplate: SubjectTemplate.fromClaimKeys(['repository_owner_id', 'repository_id', 'ref']),
    });
    expect(sub).toBe('repository_owner_id:1844662:repository_id:599293758:ref:refs/heads/main');
  });

  test('a custom template writes repo in the chosen format', () => {
    const sub = subOf({ repository: OCTO_WITH_IDS, subjectTemplate: SubjectTemplate.withJobWorkflowRef() });
    expect(sub).toBe('repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main:job_workflow_ref:' +
      'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main');
  });

  test('a custom template writes : in values as %3A', () => {
    const sub = subOf({ subjectTemplate: SubjectTemplate.fromClaimKeys(['repo', 'environment']), environment: 'prod:eu' });
    expect(sub).toBe('repo:octo-org/octo-repo:environment:prod%3Aeu');
  });
});

describe('GitHubToken.simulate: other claims', () => {
  test('a push to main has GitHub\'s claims with the documented defaults', () => {
    // GIVEN only a repository WHEN simulated
    const token = GitHubToken.simulate({ repository: OCTO });

    // THEN the claims are a push to main by octocat, on a GitHub-hosted runner
    expect(token).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      ref_protected: 'false',
      repository: 'octo-org/octo-repo',
      repository_owner: 'octo-org',
      event_name: 'push',
      actor: 'octocat',
      workflow: 'deploy',
      job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
      workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
      runner_environment: 'github-hosted',
    });
    expect(token.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(Object.keys(token).slice(0, 3)).toEqual(['iss', 'aud', 'sub']);
    expect(token).not.toHaveProperty('environment');
    expect(token).not.toHaveProperty('repository_id');
  });

  test('a tag is ref_type tag', () => {
    expect(GitHubToken.simulate({ repository: OCTO, ref: 'refs/tags/v1' }).ref_type).toBe('tag');
  });

  test('the environment is a claim, written as named', () => {
    expect(GitHubToken.simulate({ repository: OCTO, environment: 'Production:V1' }).environment).toBe('Production:V1');
  });

  test('a pull_request run gets the merge ref', () => {
    const token = GitHubToken.simulate({ repository: OCTO, eventName: 'pull_request' });
    expect(token).toMatchObject({ ref: 'refs/pull/1/merge', event_name: 'pull_request', sub: 'repo:octo-org/octo-repo:pull_request' });
  });

  test('options set audience, actor, workflow and job_workflow_ref', () => {
    const token = GitHubToken.simulate({
      repository: OCTO,
      audience: 'sts.amazonaws.com.cn',
      actor: 'dependabot[bot]',
      workflow: 'Release',
      jobWorkflowRef: 'octo-org/central/.github/workflows/deploy.yml@refs/tags/v2',
    });
    expect(token).toMatchObject({
      aud: 'sts.amazonaws.com.cn',
      actor: 'dependabot[bot]',
      workflow: 'Release',
      job_workflow_ref: 'octo-org/central/.github/workflows/deploy.yml@refs/tags/v2',
      workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
    });
  });

  test.each([
    ['GHES', GitHubIssuer.enterpriseServer('github.example.com'), 'https://github.example.com/_services/token', 'self-hosted', undefined],
    ['an enterprise\'s unique issuer', GitHubIssuer.enterprise('acme-corp'), 'https://token.actions.githubusercontent.com/acme-corp', 'github-hosted', 'acme-corp'],
    ['GHE.com', GitHubIssuer.gheCom('acme'), 'https://token.actions.acme.ghe.com', 'github-hosted', undefined],
  ])('the issuer of %s sets iss, the runner and the enterprise', (_name, issuer, iss, runner, enterprise) => {
    const token = GitHubToken.simulate({ repository: OCTO, issuer });
    expect(token.iss).toBe(iss);
    expect(token.runner_environment).toBe(runner);
    expect(token.enterprise).toBe(enterprise);
  });

  test('the same run gives the same claims', () => {
    expect(GitHubToken.simulate({ repository: OCTO, eventName: 'merge_group' })).toEqual(GitHubToken.simulate({ repository: OCTO, eventName: 'merge_group' }));
  });

  test('the options object is not changed', () => {
    const run = Object.freeze({ repository: OCTO, environment: 'prod' });
    expect(() => GitHubToken.simulate(run)).not.toThrow();
  });
});

describe('GitHubToken.simulate: bad input', () => {
  test.each<[string, any, RegExp]>([
    ['no options', null, /^Invalid workflow run null: expected an object with at least a repository/],
    ['a repository name instead of a GitHubRepository', { repository: 'octo-org/octo-repo' },
      /^Invalid repository "octo-org\/octo-repo": expected a GitHubRepository, e\.g\. GitHubRepository\.of\("acme", "web"\)\.$/],
    ['an event name with capitals', { eventName: 'Push' }, /^Invalid eventName "Push": expected a GitHub Actions event name: lowercase letters/],
    ['an event name with a hyphen', { eventName: 'pull-request' }, /^Invalid eventName "pull-request": expected a GitHub Actions event name/],
    ['an empty event name', { eventName: '' }, /^Invalid eventName "": expected a GitHub Actions event name/],
    ['a branch name instead of a ref', { ref: 'main' }, /^Invalid ref "main": expected a full git ref starting with "refs\/", e\.g\. "refs\/heads\/main"/],
    ['a ref with a wildcard', { ref: 'refs/heads/release/*' }, /^Invalid ref "refs\/heads\/release\/\*": expected a full git ref/],
    ['a ref with ..', { ref: 'refs/heads/a..b' }, /^Invalid ref "refs\/heads\/a\.\.b": expected a full git ref/],
    ['a ref with a space', { ref: 'refs/heads/my branch' }, /^Invalid ref "refs\/heads\/my branch": expected a full git ref/],
    ['a ref ending in /', { ref: 'refs/heads/' }, /^Invalid ref "refs\/heads\/": expected a full git ref/],
    ['a pull request ref for a push', { ref: 'refs/pull/1/merge' },
      /^Invalid ref "refs\/pull\/1\/merge": expected a branch \("refs\/heads\/\.\.\."\) or tag \("refs\/tags\/\.\.\."\) ref for a push run without an environment/],
    ['a merge_group run on main', { eventName: 'merge_group', ref: 'refs/heads/main' },
      /^Invalid ref "refs\/heads\/main": expected a merge queue branch for a merge_group run/],
    ['an empty environment', { environment: '' }, /^Invalid environment "": expected a GitHub environment name: 1 to 255 characters/],
    ['an environment with surrounding spaces', { environment: ' prod' }, /^Invalid environment " prod": expected a GitHub environment name/],
    ['an environment pattern', { environment: 'prod*' }, /^Invalid environment "prod\*": expected a GitHub environment name/],
    ['IMMUTABLE without IDs', { subjectFormat: SubjectFormat.IMMUTABLE },
      /^Invalid subjectFormat "IMMUTABLE": expected NAME_ONLY for octo-org\/octo-repo, which has no IDs; pass ownerId and repositoryId/],
    ['IMMUTABLE on GHES', { repository: OCTO_WITH_IDS, subjectFormat: SubjectFormat.IMMUTABLE, issuer: GitHubIssuer.enterpriseServer('github.example.com') },
      /^Invalid subjectFormat "IMMUTABLE": expected NAME_ONLY on GitHub Enterprise Server \(https:\/\/github\.example\.com\/_services\/token\)/],
    ['BOTH formats', { subjectFormat: SubjectFormat.BOTH }, /^Invalid subjectFormat "BOTH": expected NAME_ONLY or IMMUTABLE: a token carries one subject/],
    ['an unknown format', { subjectFormat: 'SHORT' }, /^Invalid subjectFormat "SHORT": expected SubjectFormat\.NAME_ONLY or SubjectFormat\.IMMUTABLE/],
    ['a template with environment for a job without one', { subjectTemplate: SubjectTemplate.fromClaimKeys(['repo', 'environment']) },
      /^Invalid environment undefined: expected an environment: the subject template \["repo","environment"\] includes "environment", and GitHub gives no token to a job without one\.$/],
    ['a template of IDs for a repository without IDs', { subjectTemplate: SubjectTemplate.fromClaimKeys(['repository_id', 'ref']) },
      /^Invalid repository IDs "octo-org\/octo-repo": expected ownerId and repositoryId/],
    ['a template with a claim the simulation cannot know', { subjectTemplate: SubjectTemplate.fromClaimKeys(['repo', 'head_ref']) },
      /^Invalid subject template claim "head_ref" undefined: expected a claim this simulation knows for a push run/],
    ['a template object that is not a SubjectTemplate', { subjectTemplate: ['repo', 'context'] }, /^Invalid subjectTemplate \["repo","context"\]: expected a SubjectTemplate/],
    ['an issuer URL instead of a GitHubIssuer', { issuer: 'https://token.actions.githubusercontent.com' }, /^Invalid issuer "https:\/\/token\.actions\.githubusercontent\.com": expected a GitHubIssuer/],
    ['an empty audience', { audience: '' }, /^Invalid audience "": expected a non-empty audience without spaces/],
    ['an actor with a space', { actor: 'octo cat' }, /^Invalid actor "octo cat": expected a GitHub login/],
    ['an empty workflow name', { workflow: ' ' }, /^Invalid workflow " ": expected the workflow's name/],
    ['a job workflow ref without repository', { jobWorkflowRef: '.github/workflows/deploy.yml@refs/heads/main' },
      /^Invalid jobWorkflowRef "\.github\/workflows\/deploy\.yml@refs\/heads\/main": expected "<owner>\/<repo>\/\.github\/workflows\/<file>\.yml@<full ref>"/],
    ['a job workflow ref with a short ref', { jobWorkflowRef: 'octo-org/central/.github/workflows/deploy.yml@main' }, /^Invalid jobWorkflowRef/],
  ])('%s is refused with a message naming the field', (_name, overrides, message) => {
    // GIVEN a run with one bad option WHEN simulated THEN it throws naming the field, the value and what is accepted
    const run = overrides === null ? null : { repository: OCTO, ...overrides };
    expect(() => GitHubToken.simulate(run)).toThrow(message);
  });

  test.each<[string, Partial<WorkflowRunOptions>]>([
    ['an event name with digits and underscores', { eventName: 'workflow_run' }],
    ['a tag ref', { ref: 'refs/tags/v1.0.0' }],
    ['a branch with dots and slashes', { ref: 'refs/heads/release/v1.2' }],
    ['an environment with spaces inside', { environment: 'Production EU' }],
    ['IMMUTABLE with IDs on github.com', { repository: OCTO_WITH_IDS, subjectFormat: SubjectFormat.IMMUTABLE }],
    ['a bot actor', { actor: 'github-actions[bot]' }],
    ['a reusable workflow on a tag', { jobWorkflowRef: 'octo-org/central/.github/workflows/deploy.yaml@refs/tags/v2' }],
    ['a template with environment for a job with one', { subjectTemplate: SubjectTemplate.fromClaimKeys(['repo', 'environment']), environment: 'prod' }],
  ])('%s is accepted', (_name, overrides) => {
    expect(() => GitHubToken.simulate({ repository: OCTO, ...overrides })).not.toThrow();
  });
});
