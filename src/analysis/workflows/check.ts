/**
 * Will each workflow job get the role it names? Reads both sides of the contract: the workflow files (permissions,
 * triggers, environment, audience, role-to-assume) and the roles' trust policies, and evaluates every run the
 * triggers can produce with `TrustPolicyEvaluator`. The other direction too: what a role trusts that no job mints.
 *
 * Pure: no file system, no aws-cdk-lib. The CLI (`github-deploy-roles check`) and `GitHubWorkflowAssertions` call it.
 */
import { evaluateFrame } from './evaluate-job';
import { jobFrames } from './frames';
import { Workflow } from './model';
import { trustedSubjects, TrustedSubjects } from './trusted-subjects';
import { CheckCause, CheckReport, CheckRole, JobCheck, RoleCheck, WorkflowCheckOptions } from './types';
import { wildcardMatches } from '../evaluate/wildcard';

/** Checks every job of the workflows that assumes a role against the roles given. */
export function checkWorkflows(workflows: readonly Workflow[], roles: readonly CheckRole[], options: WorkflowCheckOptions): CheckReport {
  const problems: CheckCause[] = workflows.flatMap((w) => w.problems.map((p) => ({
    id: p.id, severity: p.severity, message: p.message, file: w.file, line: p.line,
  })));
  const { frames, problems: callProblems } = jobFrames(workflows, {
    repositoryFullName: options.repository.fullName,
    defaultBranch: options.defaultBranch ?? 'main',
    vars: options.vars ?? {},
  });
  problems.push(...callProblems);
  const cache = new Map<CheckRole, TrustedSubjects>();
  const trusted = (role: CheckRole) => {
    let t = cache.get(role);
    if (t === undefined) {
      t = trustedSubjects(role.policy, role.providerUrls);
      cache.set(role, t);
    }
    return t;
  };
  const jobs = frames.flatMap((frame) => evaluateFrame(frame, roles, options, trusted));
  return { jobs, roles: roleChecks(jobs, roles, trusted, options), problems };
}

/**
 * For each role some job names: the subjects it trusts that no run of these jobs mints, and the list that would
 * still admit every job (info: the role may serve workflows not given).
 */
function roleChecks(jobs: readonly JobCheck[], roles: readonly CheckRole[], trusted: (role: CheckRole) => TrustedSubjects,
  options: WorkflowCheckOptions): RoleCheck[] {
  const out: RoleCheck[] = [];
  for (const role of roles) {
    const using = jobs.filter((job) => job.role === role.id);
    if (using.length === 0) continue;
    const subjects = trusted(role).subjects;
    const minted = using.flatMap((job) => job.runs.filter((r) => r.allowed).map((r) => r.sub));
    const used = subjects.filter((pattern) => minted.some((sub) => wildcardMatches(pattern, sub)));
    // The other spelling of a used subject (name-only vs owner@ID/repo@ID) is a migration, not excess trust.
    const usedForms = new Set(used.map(nameForm));
    const unused = subjects.filter((s) => !used.includes(s) && !usedForms.has(nameForm(s)));
    const causes: CheckCause[] = [];
    if (unused.length > 0 && minted.length > 0) {
      const otherRepos = unused.filter((s) => !s.includes(`:${options.repository.fullName}:`) && !s.includes('@'));
      const first = using[0];
      causes.push({
        id: 'RoleTrustsMoreThanWorkflowsUse',
        severity: 'info',
        message: `${role.id} trusts ${unused.join(', ')}, which no job of these workflows mints` +
          (otherRepos.length > 0 ? ` (${otherRepos.length} name other repositories: fine if their workflows use it)` : '') +
          `; ${used.join(', ')} would still admit every job`,
        file: first.file,
        line: first.stepLine,
        fix: `narrow the role's subjects to ${used.join(', ')}`,
      });
    }
    out.push({ role: role.id, jobs: using.map((j) => `${j.workflow}:${j.job}`), trustedSubjects: subjects, causes });
  }
  return out;
}

/** A subject with the immutable repository form (`repo:acme@1/web@2:`) written by name (`repo:acme/web:`). */
function nameForm(subject: string): string {
  return subject.replace(/^repo:([^@/:]+)@\d+\/([^@/:]+)@\d+:/, 'repo:$1/$2:');
}
