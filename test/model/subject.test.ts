import * as fc from 'fast-check';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim, SubjectFormat, SubjectKind } from '../../src/model/subject-claim';
import { SubjectTemplate } from '../../src/model/subject-template';

const repo = GitHubRepository.of('octo-org', 'octo-repo');
const pinned = GitHubRepository.of('octo-org', 'octo-repo', { ownerId: 123456, repositoryId: 456789 });

describe('SubjectClaim builders render GitHub default subjects (FACTS.md section 1)', () => {
  test.each([
    ['branch', SubjectClaim.branch('main'), SubjectKind.BRANCH, 'repo:octo-org/octo-repo:ref:refs/heads/main', false],
    ['branch pattern', SubjectClaim.branch('release/*'), SubjectKind.BRANCH, 'repo:octo-org/octo-repo:ref:refs/heads/release/*', true],
    ['tag', SubjectClaim.tag('v1.2.3'), SubjectKind.TAG, 'repo:octo-org/octo-repo:ref:refs/tags/v1.2.3', false],
    ['tag pattern', SubjectClaim.tag('v?.*'), SubjectKind.TAG, 'repo:octo-org/octo-repo:ref:refs/tags/v?.*', true],
    ['environment', SubjectClaim.environment('production'), SubjectKind.ENVIRONMENT, 'repo:octo-org/octo-repo:environment:production', false],
    ['environment with ":" (written %3A)', SubjectClaim.environment('Production:V1'), SubjectKind.ENVIRONMENT,
      'repo:octo-org/octo-repo:environment:Production%3AV1', false],
    ['pull request', SubjectClaim.pullRequest(), SubjectKind.PULL_REQUEST, 'repo:octo-org/octo-repo:pull_request', false],
    ['any ref', SubjectClaim.anyRef(), SubjectKind.ANY_REF, 'repo:octo-org/octo-repo:*', true],
  ])('%s', (_name, subject, kind, sub, wildcard) => {
    expect(subject.kind).toBe(kind);
    expect(subject.render(repo)).toEqual([sub]);
    expect(subject.hasWildcard).toBe(wildcard);
  });

  test('immutable subjects use owner@id/repo@id; BOTH gives the two forms, name-only first', () => {
    const main = SubjectClaim.branch('main');
    expect(main.render(pinned, SubjectFormat.IMMUTABLE)).toEqual(['repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main']);
    expect(main.render(pinned, SubjectFormat.BOTH)).toEqual([
      'repo:octo-org/octo-repo:ref:refs/heads/main',
      'repo:octo-org@123456/octo-repo@456789:ref:refs/heads/main',
    ]);
    expect(main.render(pinned, SubjectFormat.NAME_ONLY)).toEqual(['repo:octo-org/octo-repo:ref:refs/heads/main']);
    expect(() => main.render(repo, SubjectFormat.IMMUTABLE)).toThrow(/expected ownerId and repositoryId for an immutable subject/);
  });
});

describe('custom include_claim_keys templates', () => {
  test('repo, context, job_workflow_ref: the GitHub docs example', () => {
    // GIVEN
    const subject = SubjectClaim.environment('prod').withTemplate(SubjectTemplate.withJobWorkflowRef(), {
      job_workflow_ref: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
    });
    // THEN
    expect(subject.render(repo)).toEqual([
      'repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main',
    ]);
    expect(subject.claims).toEqual({ job_workflow_ref: 'octo-org/octo-automation/.github/workflows/oidc.yml@refs/heads/main' });
  });

  test('ID-based template takes the IDs from the repository', () => {
    const template = SubjectTemplate.fromClaimKeys(['repository_owner_id', 'repository_id', 'context']);
    const subject = SubjectClaim.branch('main').withTemplate(template);
    expect(subject.render(GitHubRepository.of('acme', 'web', { ownerId: 1844662, repositoryId: 599293758 })))
      .toEqual(['repository_owner_id:1844662:repository_id:599293758:ref:refs/heads/main']);
    expect(() => subject.render(GitHubRepository.of('acme', 'web')))
      .toThrow(/Invalid subject claim "repository_owner_id" undefined: expected a value for every claim/);
  });

  test('values with ":" are written %3A, as GitHub does', () => {
    const template = SubjectTemplate.fromClaimKeys(['repo', 'workflow']);
    expect(SubjectClaim.branch('main').withTemplate(template, { workflow: 'Deploy: prod' }).render(repo))
      .toEqual(['repo:octo-org/octo-repo:workflow:Deploy%3A prod']);
  });

  test('withTemplate leaves the original subject unchanged', () => {
    const main = SubjectClaim.branch('main');
    main.withTemplate(SubjectTemplate.withJobWorkflowRef(), { job_workflow_ref: 'a/b/.github/workflows/c.yml@refs/heads/main' });
    expect(main.template.isDefault).toBe(true);
    expect(main.render(repo)).toEqual(['repo:octo-org/octo-repo:ref:refs/heads/main']);
  });

  test.each([
    [() => SubjectTemplate.fromClaimKeys([]), /Invalid include_claim_keys \[\]: expected a non-empty array/],
    [() => SubjectTemplate.fromClaimKeys(['repo', 'colour']), /Invalid include_claim_keys entry "colour": expected one of repo, context/],
    [() => SubjectTemplate.fromClaimKeys(['repo', 'repo']), /Invalid include_claim_keys entry "repo": expected each claim once/],
    [() => SubjectTemplate.fromClaimKeys(['job_workflow_ref', 'context']), /expected a claim that names one repository/],
    [() => SubjectTemplate.fromClaimKeys(['repo']), /Invalid include_claim_keys \["repo"\]: expected also a claim that describes the run/],
    [() => SubjectTemplate.fromClaimKeys(['repository_owner_id', 'repository_id']), /expected also a claim that describes the run/],
    [() => SubjectClaim.branch('main').withTemplate(SubjectTemplate.withJobWorkflowRef()), /Invalid template claim "job_workflow_ref" undefined/],
    [() => SubjectClaim.branch('main').withTemplate(SubjectTemplate.withJobWorkflowRef(), { job_workflow_ref: 'x', workflow: 'y' }),
      /Invalid template claim name "workflow": expected a claim of the template/],
    [() => SubjectClaim.branch('main').withTemplate(SubjectTemplate.withJobWorkflowRef(), { repo: 'evil/x' } as any),
      /Invalid template claim name "repo": expected a claim that does not describe the repository/],
    [() => SubjectClaim.branch('main').withTemplate(SubjectTemplate.fromClaimKeys(['repo', 'context', 'actor']), { actor: '*' }),
      /Invalid template claim "actor" value "\*": expected no "\*" or "\?" in actor/],
    [() => SubjectClaim.branch('main').withTemplate({ claimKeys: ['repo'] } as any), /Invalid template .*: expected a SubjectTemplate/],
  ])('bad template input %#', (make, message) => {
    expect(make).toThrow(message);
  });
});

describe('bad subject input names the field, the value and what is allowed', () => {
  test.each([
    [() => SubjectClaim.branch(''), /Invalid branch "": expected a branch name or pattern of 1 to 255 characters/],
    [() => SubjectClaim.branch('refs/heads/main'), /Invalid branch "refs\/heads\/main": expected the branch name without "refs\/heads\/", e.g. "main"/],
    [() => SubjectClaim.branch('feature branch'), /Invalid branch "feature branch": expected a valid git branch name/],
    [() => SubjectClaim.branch('a..b'), /Invalid branch "a..b"/],
    [() => SubjectClaim.branch('main:prod'), /Invalid branch "main:prod"/],
    [() => SubjectClaim.branch('release/'), /Invalid branch "release\/"/],
    [() => SubjectClaim.branch('x.lock'), /Invalid branch "x.lock"/],
    [() => SubjectClaim.branch(7 as any), /Invalid branch 7/],
    [() => SubjectClaim.tag('refs/tags/v1'), /Invalid tag "refs\/tags\/v1": expected the tag name without "refs\/tags\/", e.g. "v1"/],
    [() => SubjectClaim.tag('v1^'), /Invalid tag "v1\^"/],
    [() => SubjectClaim.environment(''), /Invalid environment "": expected a GitHub environment name/],
    [() => SubjectClaim.environment('prod*'), /Invalid environment "prod\*"/],
    [() => SubjectClaim.environment(' prod'), /Invalid environment " prod"/],
    [() => SubjectClaim.environment('x'.repeat(256)), /Invalid environment/],
    [() => SubjectClaim.environment(undefined as any), /Invalid environment undefined/],
  ])('%#', (make, message) => {
    expect(make).toThrow(message);
  });
});

describe('property: every subject the builders can make names exactly one repository', () => {
  const ownerArb = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,18}$/);
  const nameArb = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,30}$/);
  const refArb = fc.stringMatching(/^[a-z0-9*?][a-z0-9*?_-]{0,10}(?:\/[a-z0-9*?][a-z0-9*?_-]{0,10}){0,2}$/);
  const envArb = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && !/[\x00-\x1f\x7f*?]/.test(s));
  const subjectArb = fc.oneof(
    refArb.map((b) => SubjectClaim.branch(b)),
    refArb.map((t) => SubjectClaim.tag(t)),
    envArb.map((e) => SubjectClaim.environment(e)),
    fc.constant(SubjectClaim.pullRequest()),
    fc.constant(SubjectClaim.anyRef()),
  );

  test('the repository part is fixed and wildcard-free, in every format', () => {
    fc.assert(fc.property(ownerArb, nameArb, fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 }), subjectArb,
      fc.constantFrom(SubjectFormat.NAME_ONLY, SubjectFormat.IMMUTABLE, SubjectFormat.BOTH),
      (owner, name, ownerId, repositoryId, subject, format) => {
        const repository = GitHubRepository.of(owner, name, { ownerId, repositoryId });
        const prefixes = [`repo:${owner}/${name}:`, `repo:${owner}@${ownerId}/${name}@${repositoryId}:`];
        for (const sub of subject.render(repository, format)) {
          const prefix = prefixes.find((p) => sub.startsWith(p));
          expect(prefix).toBeDefined();
          // What follows the repository can never reach back into it: the context has no unencoded way to
          // introduce another "repo:" segment before the first ':' after the repository.
          expect(sub.slice('repo:'.length, prefix!.length)).not.toMatch(/[*?]/);
        }
      }));
  });
});
