/**
 * The workflow facts the check relies on that GitHub does not state (FACTS-WORKFLOWS.md marks them UNVERIFIED),
 * each decided once, here, with what was found instead. Change one here and the check follows.
 */

/**
 * The events whose token `sub` is `pull_request` (with no environment): decided once, with the simulation, in
 * src/analysis/token/subject.ts (`pull_request_target` is read by its ref, the default branch).
 */
export { PULL_REQUEST_SUBJECT_EVENTS } from '../token/subject';

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
