/**
 * The `sub` claim of a simulated run: which context GitHub picks (environment, pull request or ref), then the
 * model's template renders it. Context strings come from `SubjectClaim`, the `key:value` layout and the `%3A`
 * escaping from `SubjectTemplate.render`, the repository's spelling from `GitHubRepository`: one renderer for the
 * subjects a role trusts and the subjects a token carries.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */
import { ResolvedRun } from './run';
import { fail } from '../../model/errors';
import { SubjectClaim, SubjectFormat } from '../../model/subject-claim';

/**
 * Events whose jobs get the `pull_request` subject when they reference no environment.
 *
 * GitHub documents `repo:ORG/REPO:pull_request` for the `pull_request` event. What `pull_request_target` gets is
 * UNVERIFIED (FACTS.md section 1). We treat it like the other non-PR events: it runs in the base branch's context,
 * its token's `ref` is the base branch (observed: kyma-project/test-infra#9976), so its subject is
 * `ref:refs/heads/<base>`. That is also the cautious reading for a security check: a role trusting the default
 * branch is shown to admit `pull_request_target` runs. `pull_request_review` and `pull_request_review_comment` run
 * on the pull request's merge ref (`refs/pull/N/merge`, EVT) like `pull_request`, which no `ref:` subject can
 * spell: read as pull request events (UNVERIFIED). Change the choice here only.
 */
export const PULL_REQUEST_SUBJECT_EVENTS: ReadonlySet<string> = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);

/** The part of the default `sub` after the repository, e.g. `environment:production` or `ref:refs/heads/main`. */
export function subjectContext(run: ResolvedRun): string {
  // The environment always wins, whatever triggered the run.
  if (run.environment !== undefined) return SubjectClaim.environment(run.environment).context;
  if (PULL_REQUEST_SUBJECT_EVENTS.has(run.eventName)) return SubjectClaim.pullRequest().context;
  if (run.ref.startsWith('refs/heads/')) return SubjectClaim.branch(run.ref.slice('refs/heads/'.length)).context;
  if (run.ref.startsWith('refs/tags/')) return SubjectClaim.tag(run.ref.slice('refs/tags/'.length)).context;
  return fail('ref', run.ref,
    `a branch ("refs/heads/...") or tag ("refs/tags/...") ref for a ${run.eventName} run without an environment; ` +
    'other refs such as "refs/pull/1/merge" belong to pull_request runs');
}

/**
 * `sub` as GitHub writes it for the run under its template, from the run's other claims.
 *
 * @param claims the token's claims other than `sub`
 */
export function renderSubject(run: ResolvedRun, claims: { readonly [claim: string]: string }): string {
  const values: { [claim: string]: string } = {
    ...claims,
    repo: run.subjectFormat === SubjectFormat.IMMUTABLE ? run.repository.immutableName : run.repository.fullName,
  };
  // Only a template with the context needs one: `["ref", "repo"]` has a subject for any ref.
  if (run.subjectTemplate.claimKeys.includes('context')) values.context = subjectContext(run);
  for (const key of run.subjectTemplate.claimKeys) {
    if (values[key] === undefined) failMissingClaim(key, run);
  }
  return run.subjectTemplate.render(values);
}

function failMissingClaim(key: string, run: ResolvedRun): never {
  const template = run.subjectTemplate.toString();
  if (key === 'environment') {
    fail('environment', undefined,
      `an environment: the subject template ${template} includes "environment", and GitHub gives no token to a job without one`);
  }
  if (key === 'repository_id' || key === 'repository_owner_id') {
    fail('repository IDs', run.repository.fullName,
      `ownerId and repositoryId (GitHubRepository.of(owner, name, { ownerId, repositoryId })): the subject template ${template} includes "${key}"`);
  }
  return fail(`subject template claim "${key}"`, undefined,
    `a claim this simulation knows for a ${run.eventName} run on ${run.issuer.url}; it cannot invent "${key}", so use a template without it`);
}
