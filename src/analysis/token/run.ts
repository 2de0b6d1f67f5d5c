/**
 * `WorkflowRunOptions` checked and completed with GitHub's defaults. Every bad input fails here with the field, the
 * value and what is accepted, before any claim is made.
 */
import { createHash } from 'crypto';
import { PULL_REQUEST_SUBJECT_EVENTS } from './subject';
import { WorkflowRunOptions } from './types';
import { fail } from '../../model/errors';
import { GitHubIssuer } from '../../model/issuer';
import { GitHubRepository } from '../../model/repository';
import { SubjectClaim, SubjectFormat } from '../../model/subject-claim';
import { SubjectTemplate } from '../../model/subject-template';

/** A workflow run with every option decided. */
export interface ResolvedRun {
  readonly repository: GitHubRepository;
  readonly eventName: string;
  readonly ref: string;
  readonly environment?: string;
  readonly jobWorkflowRef: string;
  readonly workflow: string;
  readonly audience: string;
  readonly issuer: GitHubIssuer;
  readonly subjectTemplate: SubjectTemplate;
  readonly subjectFormat: SubjectFormat;
  readonly actor: string;
  /** A stand-in commit SHA, derived from the run so that simulations are repeatable. */
  readonly sha: string;
}

// Webhook event names: lowercase words joined by `_` (push, pull_request_target, workflow_dispatch, merge_group).
const EVENT_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
// git check-ref-format, after `refs/`: no control characters, spaces, `~ ^ : ? * [ \`, no `..`, `@{`, `//`, no
// component starting with `.` or ending with `.lock`, no trailing `/` or `.`.
// eslint-disable-next-line no-control-regex
const REF_FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\/|(?:^|\/)\.|\.lock(?:\/|$)|\/$|\.$/;
const MERGE_QUEUE_REF = /^refs\/heads\/gh-readonly-queue\/.+\/pr-\d+-[0-9a-f]{40}$/;
// GitHub logins, and GitHub App bots such as `dependabot[bot]`.
const ACTOR = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?$/;
const JOB_WORKFLOW_REF = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+\/\.github\/workflows\/[^@\s]+\.ya?ml@refs\/\S+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;

/** Checks a run's options and fills in GitHub's defaults; throws naming the field on bad input. */
export function resolveRun(run: WorkflowRunOptions): ResolvedRun {
  if (run === null || typeof run !== 'object' || Array.isArray(run)) {
    fail('workflow run', run, 'an object with at least a repository, e.g. { repository: GitHubRepository.of("acme", "web") }');
  }
  const repository = run.repository;
  if (!(repository instanceof GitHubRepository)) {
    fail('repository', repository, 'a GitHubRepository, e.g. GitHubRepository.of("acme", "web")');
  }
  const issuer = run.issuer ?? GitHubIssuer.GITHUB_COM;
  if (!(issuer instanceof GitHubIssuer)) {
    fail('issuer', issuer, 'a GitHubIssuer, e.g. GitHubIssuer.GITHUB_COM or GitHubIssuer.enterpriseServer("github.example.com")');
  }
  const eventName = run.eventName ?? 'push';
  if (typeof eventName !== 'string' || !EVENT_NAME.test(eventName) || eventName.length > 64) {
    fail('eventName', eventName,
      'a GitHub Actions event name: lowercase letters and digits in words joined by "_", e.g. "push", "pull_request", "workflow_dispatch"');
  }
  const sha = pseudoSha(`${repository.fullName}|${eventName}|${run.ref ?? ''}`);
  const ref = run.ref ?? defaultRef(eventName, sha);
  checkRef(ref, eventName);
  if (run.environment !== undefined) {
    // The model's rules for environment names (1 to 255 characters, no wildcards, no surrounding spaces).
    SubjectClaim.environment(run.environment);
  }
  const subjectTemplate = run.subjectTemplate ?? SubjectTemplate.DEFAULT;
  if (!(subjectTemplate instanceof SubjectTemplate)) {
    fail('subjectTemplate', subjectTemplate, 'a SubjectTemplate, e.g. SubjectTemplate.DEFAULT or SubjectTemplate.fromClaimKeys([...])');
  }
  const audience = run.audience ?? 'sts.amazonaws.com';
  if (typeof audience !== 'string' || audience.length === 0 || /\s/.test(audience)) {
    fail('audience', audience, 'a non-empty audience without spaces, e.g. "sts.amazonaws.com"');
  }
  const workflow = run.workflow ?? 'deploy';
  if (typeof workflow !== 'string' || workflow.trim().length === 0 || CONTROL.test(workflow)) {
    fail('workflow', workflow, 'the workflow\'s name: non-empty text without control characters, e.g. "deploy"');
  }
  const actor = run.actor ?? 'octocat';
  if (typeof actor !== 'string' || !ACTOR.test(actor)) {
    fail('actor', actor, 'a GitHub login (letters, digits and single inner hyphens, at most 39 characters) or an app bot such as "dependabot[bot]"');
  }
  const jobWorkflowRef = run.jobWorkflowRef ?? `${repository.fullName}/.github/workflows/deploy.yml@${ref}`;
  if (typeof jobWorkflowRef !== 'string' || !JOB_WORKFLOW_REF.test(jobWorkflowRef)) {
    fail('jobWorkflowRef', jobWorkflowRef,
      '"<owner>/<repo>/.github/workflows/<file>.yml@<full ref>", e.g. "acme/deploy/.github/workflows/deploy.yml@refs/heads/main"');
  }
  const subjectFormat = resolveFormat(run.subjectFormat, repository, issuer);
  return {
    repository,
    eventName,
    ref,
    environment: run.environment,
    jobWorkflowRef,
    workflow,
    audience,
    issuer,
    subjectTemplate,
    subjectFormat,
    actor,
    sha,
  };
}

function defaultRef(eventName: string, sha: string): string {
  if (PULL_REQUEST_SUBJECT_EVENTS.has(eventName)) return 'refs/pull/1/merge';
  // Merge queue runs on a temporary branch named after the target branch, the pull request and the head commit.
  if (eventName === 'merge_group') return `refs/heads/gh-readonly-queue/main/pr-1-${sha}`;
  return 'refs/heads/main';
}

function checkRef(ref: unknown, eventName: string): void {
  if (typeof ref !== 'string' || !ref.startsWith('refs/') || ref.length > 1024
    || !/^refs\/[^/]+\/./.test(ref) || REF_FORBIDDEN.test(ref.slice('refs/'.length))) {
    fail('ref', ref,
      'a full git ref starting with "refs/", e.g. "refs/heads/main", "refs/tags/v1.0.0" or "refs/pull/1/merge" ' +
      '(no spaces, "*", "?", ":", "..", "@{" or trailing "/")');
  }
  if (eventName === 'merge_group' && !MERGE_QUEUE_REF.test(ref)) {
    fail('ref', ref, 'a merge queue branch for a merge_group run, "refs/heads/gh-readonly-queue/<base branch>/pr-<number>-<40-hex sha>"');
  }
}

function resolveFormat(format: SubjectFormat | undefined, repository: GitHubRepository, issuer: GitHubIssuer): SubjectFormat {
  if (format === undefined) {
    return repository.hasIds && issuer.supportsImmutableSubjects ? SubjectFormat.IMMUTABLE : SubjectFormat.NAME_ONLY;
  }
  if (format === SubjectFormat.BOTH) {
    fail('subjectFormat', format, 'NAME_ONLY or IMMUTABLE: a token carries one subject (BOTH is for trust policies during a migration)');
  }
  if (format !== SubjectFormat.NAME_ONLY && format !== SubjectFormat.IMMUTABLE) {
    fail('subjectFormat', format, 'SubjectFormat.NAME_ONLY or SubjectFormat.IMMUTABLE');
  }
  if (format === SubjectFormat.IMMUTABLE && !issuer.supportsImmutableSubjects) {
    fail('subjectFormat', format, `NAME_ONLY on GitHub Enterprise Server (${issuer.url}), which has no immutable subjects`);
  }
  if (format === SubjectFormat.IMMUTABLE && !repository.hasIds) {
    fail('subjectFormat', format,
      `NAME_ONLY for ${repository.fullName}, which has no IDs; pass ownerId and repositoryId to GitHubRepository.of for an immutable subject`);
  }
  return format;
}

/**
 * 40 hex characters derived from a seed: a stand-in for the commit SHA that stays the same from one simulation of
 * a run to the next.
 */
function pseudoSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}
