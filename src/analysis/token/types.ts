/**
 * The input of `GitHubToken.simulate` (the analysis API contract): one workflow run, described by what decides the
 * claims of its OIDC token.
 */
import { GitHubIssuer } from '../../model/issuer';
import { GitHubRepository } from '../../model/repository';
import { SubjectFormat } from '../../model/subject-claim';
import { SubjectTemplate } from '../../model/subject-template';

/**
 * A GitHub Actions job that asks for an OIDC token.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc
 */
export interface WorkflowRunOptions {
  /** The repository the workflow runs in (the caller's repository, for a reusable workflow). */
  readonly repository: GitHubRepository;

  /**
   * The event that triggered the run, e.g. `push`, `pull_request`, `workflow_dispatch`, `merge_group`.
   *
   * @default 'push'
   * @see https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows
   */
  readonly eventName?: string;

  /**
   * The full git ref of the run: `refs/heads/<branch>`, `refs/tags/<tag>`, or `refs/pull/<n>/merge` for
   * `pull_request` runs.
   *
   * @default - `refs/pull/1/merge` for `pull_request`, a merge-queue branch
   *   `refs/heads/gh-readonly-queue/main/pr-1-<sha>` for `merge_group`, else `refs/heads/main`
   */
  readonly ref?: string;

  /**
   * The GitHub environment the job references, which then decides `sub` whatever the event.
   *
   * @default - the job references no environment
   */
  readonly environment?: string;

  /**
   * The workflow file that runs the job, `<owner>/<repo>/.github/workflows/<file>@<ref>`: the reusable workflow's
   * own file and ref when the job calls one.
   *
   * @default - `<owner>/<repo>/.github/workflows/deploy.yml@<ref>`
   */
  readonly jobWorkflowRef?: string;

  /**
   * The workflow's name (`name:` in the workflow file).
   *
   * @default 'deploy'
   */
  readonly workflow?: string;

  /**
   * The audience asked for, `aud`.
   *
   * @default 'sts.amazonaws.com'
   */
  readonly audience?: string;

  /**
   * Where the workflow runs, which decides `iss`.
   *
   * @default GitHubIssuer.GITHUB_COM
   */
  readonly issuer?: GitHubIssuer;

  /**
   * The `sub` template set for the organization or repository.
   *
   * @default SubjectTemplate.DEFAULT
   */
  readonly subjectTemplate?: SubjectTemplate;

  /**
   * How `sub` spells the repository: `NAME_ONLY` or `IMMUTABLE` (`owner@id/name@id`).
   *
   * @default - IMMUTABLE when the repository has IDs and the issuer supports immutable subjects, else NAME_ONLY
   */
  readonly subjectFormat?: SubjectFormat;

  /**
   * The login of the user who triggered the run.
   *
   * @default 'octocat'
   */
  readonly actor?: string;
}
