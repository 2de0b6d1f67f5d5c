/**
 * The workflow facts the check relies on that GitHub does not state (FACTS-WORKFLOWS.md marks them UNVERIFIED),
 * each decided once, here, with what was found instead. Change one here and the check follows.
 */

/**
 * `pull_request_target` mints `sub` `repo:O/R:pull_request`, as `pull_request` does: the OIDC reference says a
 * "pull request event" gives that subject and does not list the events; the run's ref is the default branch.
 */
export const PULL_REQUEST_TARGET_SUBJECT_IS_PULL_REQUEST = true;

/**
 * The events whose token `sub` is `pull_request` (with no environment). `pull_request_review` and
 * `pull_request_review_comment` run on `refs/pull/N/merge` like `pull_request`; read as pull request events.
 */
export const PULL_REQUEST_EVENTS: readonly string[] = [
  'pull_request', 'pull_request_review', 'pull_request_review_comment',
  ...(PULL_REQUEST_TARGET_SUBJECT_IS_PULL_REQUEST ? ['pull_request_target'] : []),
];

/** `permissions: write-all` grants `id-token: write` (derived from "sets all scopes", not stated). */
export const WRITE_ALL_GRANTS_ID_TOKEN = true;

/**
 * A calling job without its own `permissions` passes the caller workflow's top-level block to the called workflow
 * (REU says "defaults"; grafana/loki#22151 reports the workflow-level block sufficing). Read the way that report
 * observed.
 */
export const CALLER_WORKFLOW_PERMISSIONS_REACH_CALLED_WORKFLOW = true;

/**
 * `job_workflow_ref` of a job in a local reusable workflow (`uses: ./.github/workflows/x.yml`) names the caller's
 * ref ("same commit as the caller"): `O/R/.github/workflows/x.yml@<caller ref>`.
 */
export const LOCAL_CALL_USES_CALLER_REF = true;

/**
 * The environment name in `sub` is written as the workflow writes it (Azure/login#497 and #515 show
 * `environment:Production`; #492 reports lower case). Matched as written.
 */
export const ENVIRONMENT_CASE_AS_WRITTEN = true;
