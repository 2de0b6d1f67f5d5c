/**
 * The claims GitHub would put into a workflow run's OIDC token, so that a trust policy can be tested against the
 * runs it should and should not admit (FACTS.md section 1).
 */
import { ResolvedRun, resolveRun } from './run';
import { renderSubject } from './subject';
import { WorkflowRunOptions } from './types';
import { GitHubIssuerKind } from '../../model/issuer';

// octocat's account ID, used for `actor_id` when the actor is the default one; other actors' IDs are unknown here.
const OCTOCAT_ID = '583231';

/**
 * A simulated GitHub Actions OIDC token.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc#oidc-token-claims
 */
export class GitHubToken {
  /**
   * The claims of the OIDC token GitHub would issue to a job of this run, by claim name: `iss`, `aud`, `sub`, `ref`,
   * `ref_type`, `event_name`, `repository`, `environment`, `job_workflow_ref`, ... (time claims such as `iat` and
   * `exp` are left out). Throws on a bad option, naming the field.
   *
   * @param run the repository, event, ref, environment and subject template of the run
   */
  public static simulate(run: WorkflowRunOptions): { [claim: string]: string } {
    const resolved = resolveRun(run);
    const claims = runClaims(resolved);
    const sub = renderSubject(resolved, claims);
    // In the order GitHub's tokens list them: who issued it, for whom, about what; then the run's details.
    const { iss, aud, ...details } = claims;
    return { iss, aud, sub, ...details };
  }

  private constructor() {}
}

/** Every claim of the run but `sub`. */
function runClaims(run: ResolvedRun): { [claim: string]: string } {
  const { repository, issuer } = run;
  const claims: { [claim: string]: string } = {
    iss: issuer.url,
    aud: run.audience,
    ref: run.ref,
    ref_type: run.ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    ref_protected: 'false',
    sha: run.sha,
    repository: repository.fullName,
    repository_owner: repository.owner,
  };
  if (repository.hasIds) {
    claims.repository_id = String(repository.repositoryId);
    claims.repository_owner_id = String(repository.ownerId);
  }
  claims.repository_visibility = 'private';
  if (run.environment !== undefined) claims.environment = run.environment;
  claims.event_name = run.eventName;
  claims.actor = run.actor;
  if (run.actor === 'octocat') claims.actor_id = OCTOCAT_ID;
  claims.workflow = run.workflow;
  // The caller's workflow file: the job's own file unless the job runs a reusable workflow of another repository.
  claims.workflow_ref = run.jobWorkflowRef.startsWith(`${repository.fullName}/`) ? run.jobWorkflowRef
    : `${repository.fullName}/.github/workflows/deploy.yml@${run.ref}`;
  claims.workflow_sha = run.sha;
  claims.job_workflow_ref = run.jobWorkflowRef;
  claims.job_workflow_sha = run.sha;
  claims.run_id = '1';
  claims.run_number = '1';
  claims.run_attempt = '1';
  // GHES runs on the customer's own runners; github.com and GHE.com default to GitHub-hosted ones.
  claims.runner_environment = issuer.kind === GitHubIssuerKind.ENTERPRISE_SERVER ? 'self-hosted' : 'github-hosted';
  const slug = enterpriseSlug(run);
  if (slug !== undefined) claims.enterprise = slug;
  return claims;
}

// Enterprise issuers end in `/<enterprise slug>`; github.com and GHES issuers name no enterprise.
function enterpriseSlug(run: ResolvedRun): string | undefined {
  const kind = run.issuer.kind;
  if (kind !== GitHubIssuerKind.ENTERPRISE_CLOUD && kind !== GitHubIssuerKind.GHE_COM) return undefined;
  const slash = run.issuer.conditionKeyPrefix.indexOf('/');
  return slash < 0 ? undefined : run.issuer.conditionKeyPrefix.slice(slash + 1);
}
