/**
 * The verdict on one configure-aws-credentials step: the role it names, every run its triggers can produce
 * (event x ref x environment x matrix leg), the token each would get, and the trust policy's answer to each, with
 * the causes of refusals and the smallest fix.
 */
import { ExpressionContext, partialText, resolveText } from './expressions';
import { FilterList } from './filter-pattern';
import { JobFrame } from './frames';
import { mayRun, RunFacts } from './job-condition';
import { permissionsFix } from './permissions';
import { resolveRole } from './role-resolution';
import { RunKind, sampleRefs } from './runs';
import { TrustedSubjects } from './trusted-subjects';
import { CheckCause, CheckedRun, CheckRole, JobCheck, WorkflowCheckOptions } from './types';
import { GitHubIssuer } from '../../model/issuer';
import { closestAllow } from '../evaluate/closest-allow';
import { TrustPolicyEvaluator } from '../evaluate/evaluator';
import { PolicyReading, policyReadings } from '../evaluate/readings';
import { TrustPolicyEvaluation } from '../evaluate/types';
import { GitHubToken } from '../token/token';

const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
/**
 * Claims whose value is the same on every ref of a job with an environment (the repository's, the environment's,
 * the audience, and `sub` when its template spells only these): then one ref per trigger decides for all.
 */
const SAME_ON_EVERY_REF = new Set(['aud', 'sub', 'environment', 'repository', 'repository_owner', 'repository_id',
  'repository_owner_id', 'repository_visibility', 'runner_environment', 'enterprise', 'enterprise_id', 'repo', 'context']);
// Combinations of one step tried at most (refs x environments x audiences); more are a sign of an open matrix.
const MAX_RUNS = 400;

/** Inputs that make configure-aws-credentials skip OIDC (CAC `src/index.ts`). */
const NOT_OIDC = ['aws-access-key-id', 'web-identity-token-file'];
const NOT_OIDC_FLAGS = ['role-chaining', 'force-skip-oidc'];

/** Checks one frame; one entry per distinct role the step names across its matrix legs. */
export function evaluateFrame(frame: JobFrame, roles: readonly CheckRole[], options: WorkflowCheckOptions,
  trusted: (role: CheckRole) => TrustedSubjects): JobCheck[] {
  const { step, job } = frame;
  const roleInput = step.with['role-to-assume'];
  if (roleInput === undefined) return [];
  if (NOT_OIDC.some((name) => step.with[name] !== undefined)) return [];
  if (NOT_OIDC_FLAGS.some((name) => /^true$/i.test(step.with[name]?.value.trim() ?? ''))) return [];

  const legs = job.matrix?.legs ?? [undefined];
  const groups = new Map<string, LegGroup[]>();
  for (const leg of legs) {
    const ctx = context(frame, leg, options);
    const resolved = resolveText(roleInput.value, ctx);
    const values = resolved.unresolved.length > 0 ? [] : resolved.values;
    // Unresolved: grouped by the part that is known (`arn:aws:iam::*:role/deploy-${{ matrix.env }}` per leg).
    const partial = values.length > 0 ? undefined : partialText(roleInput.value, ctx);
    for (const value of values.length > 0 ? values : [undefined]) {
      const key = value ?? `\u0000${partial}`;
      const list = groups.get(key) ?? [];
      list.push({ leg, values: value === undefined ? [] : [value], unresolved: value === undefined ? resolved.unresolved : [], partial });
      groups.set(key, list);
    }
  }
  return [...groups.values()].map((group) => evaluateGroup(frame, group, roles, options, trusted));
}

function context(frame: JobFrame, leg: { [key: string]: string } | undefined, options: WorkflowCheckOptions): ExpressionContext {
  const base: ExpressionContext = {
    matrix: frame.job.matrix?.unknown ? null : leg,
    inputs: frame.inputs,
    ...(frame.inputExpressions ? { inputExpressions: frame.inputExpressions } : {}),
    vars: options.vars ?? {},
    env: { ...frame.workflow.env, ...frame.job.env },
  };
  // A job that names one environment reads that environment's variables and secrets over the repository's.
  const environment = frame.job.environment && options.environmentVars ? resolveText(frame.job.environment.value, base) : undefined;
  const scoped = environment?.unresolved.length === 0 && environment.values.length === 1
    ? options.environmentVars?.[environment.values[0]] : undefined;
  return scoped ? { ...base, vars: { ...base.vars, ...scoped } } : base;
}

/** The matrix legs that name the same role-to-assume. */
interface LegGroup {
  readonly leg?: { [key: string]: string };
  readonly values: string[];
  readonly unresolved: string[];
  /** The role-to-assume with its unresolved expressions as `*`. */
  readonly partial?: string;
}

function evaluateGroup(frame: JobFrame, group: LegGroup[],
  roles: readonly CheckRole[], options: WorkflowCheckOptions, trusted: (role: CheckRole) => TrustedSubjects): JobCheck {
  const { step, job, workflow } = frame;
  const roleLine = step.with['role-to-assume']!.line;
  const causes: CheckCause[] = [];
  const cause = (id: string, severity: CheckCause['severity'], message: string, line: number, fix?: string, file = workflow.file) => {
    if (!causes.some((c) => c.id === id && c.message === message)) causes.push({ id, severity, message, file, line, ...(fix ? { fix } : {}) });
  };
  const value = group[0].values[0];
  const unresolved = group[0].unresolved;
  const roleToAssume = value ?? step.with['role-to-assume']!.value;
  const resolution = resolveRole(value, unresolved, roles, group[0].partial ?? roleToAssume);

  // What the step asks for, per leg: audience and environment.
  const audiences = new Set<string>();
  const environments = new Set<string | undefined>();
  let anyEnvironment: string | undefined;
  for (const { leg } of group) {
    const ctx = context(frame, leg, options);
    const aud = step.with.audience === undefined ? { values: [DEFAULT_AUDIENCE], unresolved: [] } : resolveText(step.with.audience.value, ctx);
    aud.values.forEach((a) => audiences.add(a));
    if (aud.unresolved.length > 0) {
      cause('ExpressionUnresolved', 'warning', `audience \`${step.with.audience!.value}\` depends on ${aud.unresolved.join(', ')}, which the files do not decide: checked with ${[...audiences].join(', ') || DEFAULT_AUDIENCE}`, step.with.audience!.line);
    }
    if (job.environment) {
      const env = resolveText(job.environment.value, ctx);
      env.values.forEach((e) => environments.add(e));
      if (env.unresolved.length > 0) anyEnvironment = env.unresolved.join(', ');
    } else {
      environments.add(undefined);
    }
  }
  if (audiences.size === 0) audiences.add(DEFAULT_AUDIENCE);
  if (anyEnvironment !== undefined) {
    cause('ExpressionUnresolved', 'info', `environment \`${job.environment!.value}\` depends on ${anyEnvironment}: any environment is possible, so the check tries the environments the role names and one it does not`, job.environment!.line);
  }
  const base = {
    workflow: workflow.repositoryPath,
    file: workflow.file,
    job: job.id,
    line: job.line,
    stepLine: step.line,
    ...(frame.via ? { via: frame.via } : {}),
    roleToAssume,
    audience: [...audiences].join(', '),
    ...(job.matrix?.legs ? { matrix: group.map((g) => g.leg!).filter((l) => l !== undefined) } : {}),
  };
  if (resolution.kind !== 'found') {
    const id = resolution.kind === 'not-found' ? 'RoleNotFound' : 'RoleUnresolved';
    cause(id, resolution.kind === 'not-found' ? 'error' : 'warning', resolution.message, roleLine);
    return { ...base, role: null, verdict: resolution.kind === 'not-found' ? 'denied' : 'unknown', subjects: [], causes, runs: [] };
  }
  const role = resolution.role;
  if (resolution.note) cause('RoleMatchedByName', 'info', resolution.note, roleLine);
  const trust = trusted(role);

  const envChoices: Array<string | undefined> = [...environments];
  if (anyEnvironment !== undefined) envChoices.push(...trust.environments, 'unlisted-environment');
  const issuer = options.issuer ?? (trust.issuerUrl ? GitHubIssuer.tryFromUrl(trust.issuerUrl) : undefined);
  const runs: SampledRun[] = [];
  // A job with an environment whose token differs between refs only in claims the role does not read: one ref per
  // trigger gives every verdict (a quarter of the work for a matrix of environments).
  const templateKeys = options.subjectTemplate?.claimKeys ?? ['repo', 'context'];
  const runDependent = job.environment !== undefined && /\bgithub\.(ref|ref_name|ref_type|event_name)\b/.test(job.environment.value);
  const oneRefDecides = job.environment !== undefined && anyEnvironment === undefined && !runDependent
    && templateKeys.every((key) => SAME_ON_EVERY_REF.has(key)) && trust.conditionClaims.every((claim) => SAME_ON_EVERY_REF.has(claim));
  for (const kind of frame.kinds) {
    // A run the job's `if:` (or its caller's) certainly excludes never reaches the step.
    const refs = sampleRefs(kind.refs, trust, options.defaultBranch ?? 'main').filter((ref) =>
      mayRun(job.condition, { event: kind.event, ref }) && mayRun(frame.caller?.job.condition, { event: kind.event, ref }));
    for (const ref of oneRefDecides ? refs.slice(0, 1) : refs) {
      // An environment chosen by the run (`github.ref == ... && 'production' || 'staging'`) is resolved per run.
      const choices = runDependent ? environmentsOfRun(frame, group, options, { event: kind.event, ref }, trust) : envChoices;
      for (const environment of new Set(choices)) {
        for (const audience of audiences) {
          if (runs.length >= MAX_RUNS) break;
          const claims = simulate(frame, kind.event, ref, environment, audience, options, issuer);
          if (claims === undefined) continue;
          const evaluateOptions = {
            providerUrls: role.providerUrls,
            ...(role.account ? { roleAccount: role.account } : {}),
            ...(role.mappings ? { templateMappings: role.mappings } : {}),
          };
          const evaluation = TrustPolicyEvaluator.evaluate(role.policy, claims, evaluateOptions);
          // The first way IAM may read the policy, where AWS does not document it, that changes this run's verdict.
          const otherReading = otherReadingsOf(role).find((reading) =>
            TrustPolicyEvaluator.evaluate(reading.document, claims, evaluateOptions).allowed !== evaluation.allowed);
          const envText = environment === undefined ? '' : `, environment ${environment}`;
          runs.push({
            description: `${kind.description}: ${ref}${envText}`,
            event: kind.event,
            ref,
            ...(environment !== undefined ? { environment } : {}),
            sub: claims.sub,
            audience,
            allowed: evaluation.allowed,
            evaluation,
            ...(otherReading ? { otherReading: otherReading.description } : {}),
            kind,
            line: environment !== undefined && job.environment ? job.environment.line : kind.line,
          });
        }
      }
    }
  }

  // The token: no id-token permission means configure-aws-credentials never asks.
  const noToken = frame.permissions.idToken !== 'write' || frame.exceedsCap !== undefined;
  if (frame.exceedsCap) {
    cause('ReusableWorkflowPermissions', 'error',
      `${workflow.repositoryPath} job ${job.id} asks for id-token: write, but its caller ${frame.exceedsCap.caller} allows only id-token: none: GitHub fails the whole run ("The nested job '${job.id}' is requesting 'id-token: write', but is only allowed 'id-token: none'")`,
      frame.exceedsCap.line, `in the calling job:\n${permissionsFix(frame.permissions)}`, frame.exceedsCap.file);
  } else if (frame.permissions.idToken !== 'write') {
    const where = frame.permissions.source === 'job' ? `the job's permissions (${frame.permissions.block!.written}) replace the workflow's and do not grant id-token: write`
      : frame.permissions.source === 'workflow' ? `the workflow's permissions (${frame.permissions.block!.written}) do not grant id-token: write`
        : 'no permissions block applies, and the default token permissions never include id-token';
    const target = frame.caller ?? { workflow, job };
    const line = frame.permissions.block?.line ?? target.job.line;
    cause('IdTokenPermissionMissing', 'error',
      `job ${target.job.id} gets no OIDC token: ${where}; configure-aws-credentials then fails with "Could not load credentials from any providers"`,
      line, `add to job ${target.job.id}${frame.caller ? ' (the calling job)' : ''}:\n${permissionsFix(frame.permissions)}`, target.workflow.file);
  }
  if (runs.some((r) => r.event === 'pull_request')) {
    cause('ForkPullRequestNoToken', 'info', 'pull_request runs from forks get no id-token whatever the permissions: only pull requests from branches of the repository can assume the role', frame.kinds.find((k) => k.event === 'pull_request')!.line);
  }
  for (const aud of audiences) {
    if (role.providerAudiences && role.providerAudiences.length > 0 && !role.providerAudiences.includes(aud)) {
      cause('AudienceMismatch', 'error', `the step asks for audience ${aud}, which the OIDC provider does not list (client IDs: ${role.providerAudiences.join(', ')}): STS refuses the token before reading the trust policy`,
        step.with.audience?.line ?? step.line, `audience: ${role.providerAudiences[0]}  (in the step's with:), or add ${aud} to the provider's client IDs`);
    }
  }
  refusalCauses(runs, trust, frame, role, cause, (run) => displayedSubject(run, environments));
  const dependent = runs.find((run) => run.otherReading !== undefined);
  if (dependent) {
    const [as, other] = dependent.allowed ? ['admitted', 'refused'] : ['refused', 'admitted'];
    cause('TrustPolicyReadingDependent', 'warning',
      `role ${role.id}'s trust policy reads more than one way where AWS documents nothing: the run ${dependent.description} is ${as} ` +
      `as the check reads it, ${other} if IAM reads the policy ${dependent.otherReading}`,
      roleLine, 'write the trust policy as AWS documents it: `audit` names what (PolicyUnreadable, ConditionKeyUnknown, FederatedPrincipalNotArn)');
  }

  const allowedRuns = runs.filter((r) => r.allowed).length;
  const providerRefuses = causes.some((c) => c.id === 'AudienceMismatch' && c.message.includes('provider'));
  const verdict = noToken || providerRefuses || allowedRuns === 0 ? 'denied' : allowedRuns === runs.length ? 'allowed' : 'partly';
  return {
    ...base,
    role: role.id,
    verdict: runs.length === 0 ? (noToken ? 'denied' : 'unknown') : verdict,
    subjects: [...new Set(runs.map((r) => displayedSubject(r, environments)))],
    causes,
    runs: runs.map(({ evaluation, line, kind, otherReading, ...run }) => run),
  };
}

/** The environments a job names in one run, its expression resolved with the run's event and ref. */
function environmentsOfRun(frame: JobFrame, group: readonly LegGroup[], options: WorkflowCheckOptions, run: RunFacts,
  trust: TrustedSubjects): Array<string | undefined> {
  const out = new Set<string | undefined>();
  for (const { leg } of group) {
    const resolved = resolveText(frame.job.environment!.value, { ...context(frame, leg, options), run });
    resolved.values.forEach((e) => out.add(e));
    if (resolved.unresolved.length > 0) [...trust.environments, 'unlisted-environment'].forEach((e) => out.add(e));
  }
  return [...out];
}

function simulate(frame: JobFrame, event: string, ref: string, environment: string | undefined, audience: string,
  options: WorkflowCheckOptions, issuer: GitHubIssuer | undefined): { [claim: string]: string } | undefined {
  const jobRef = frame.jobWorkflowRef ?? ref;
  try {
    return GitHubToken.simulate({
      repository: options.repository,
      eventName: event,
      ref,
      ...(environment !== undefined ? { environment } : {}),
      audience,
      workflow: frame.entry.name ?? frame.entry.repositoryPath,
      ...(jobRef.startsWith('refs/') ? { jobWorkflowRef: `${frame.jobWorkflowPath}@${jobRef}` } : {}),
      ...(options.subjectTemplate ? { subjectTemplate: options.subjectTemplate } : {}),
      ...(options.subjectFormat ? { subjectFormat: options.subjectFormat } : {}),
      ...(issuer ? { issuer } : {}),
    });
  } catch {
    // A sample the model refuses (a ref git forbids, an environment name GitHub does not accept): not a run.
    return undefined;
  }
}

/**
 * A run's `sub` as the report lists it: a sample standing for many refs or environments is shown as the pattern it
 * stands for (`ref:refs/heads/*`, `ref:refs/heads/release/**`, `environment:*`), so that the list says what the job
 * can mint rather than which samples were tried.
 */
function displayedSubject(run: SampledRun, known: ReadonlySet<string | undefined>): string {
  let sub = run.sub;
  if (run.environment !== undefined && !known.has(run.environment)) sub = sub.replace(`environment:${run.environment}`, 'environment:*');
  const refs = run.kind.refs;
  if (refs.kind === 'filtered' && run.environment === undefined && !(refs.include?.onlyLiterals ?? false)) {
    const name = run.ref.slice(refs.prefix.length);
    const pattern = refs.include?.patterns.find((p) => !p.startsWith('!') && new FilterList([p]).includes(name)) ?? '*';
    sub = sub.replace(run.ref, refs.prefix + pattern);
  }
  return sub;
}

type AddCause = (id: string, severity: CheckCause['severity'], message: string, line: number, fix?: string) => void;

/** A run tried, with the evaluation and the trigger it came from. */
type SampledRun = CheckedRun & {
  readonly evaluation: TrustPolicyEvaluation;
  readonly line: number;
  readonly kind: RunKind;
  /** A reading of the policy under which this run's verdict differs (evaluate/readings.ts). */
  readonly otherReading?: string;
};

// A role's policy is read once per check, however many jobs and runs meet it.
const readingsByRole = new WeakMap<CheckRole, PolicyReading[]>();

/** The ways IAM may read the role's policy other than the evaluator's (most policies have none). */
function otherReadingsOf(role: CheckRole): PolicyReading[] {
  let readings = readingsByRole.get(role);
  if (!readings) {
    readings = policyReadings(role.policy).slice(1);
    readingsByRole.set(role, readings);
  }
  return readings;
}

/**
 * The causes of the refused runs, one per trigger kind and refused claim: "workflow_dispatch on a branch other than
 * main mints sub ..., which the role does not trust", with the fix on each side.
 */
function refusalCauses(runs: readonly SampledRun[], trust: TrustedSubjects, frame: JobFrame, role: CheckRole, cause: AddCause,
  display: (run: SampledRun) => string): void {
  const bySubjects = new Map<string, { whats: string[]; first: SampledRun }>();
  const byKind = new Map<RunKind, SampledRun[]>();
  for (const run of runs) byKind.set(run.kind, [...(byKind.get(run.kind) ?? []), run]);
  for (const [kind, kindRuns] of byKind) {
    const refused = kindRuns.filter((r) => !r.allowed);
    if (refused.length === 0) continue;
    const what = refusedPart(kind, kindRuns);
    // A sample standing for many refs is named by the pattern it stands for (`ref:refs/heads/*`).
    const subs = [...new Set(refused.map(display))];
    const first = refused[0];
    const closest = closestAllow(first.evaluation.statements);
    if (first.evaluation.decision === 'EXPLICIT_DENY') {
      cause('SubjectNotTrusted', 'error', `${what} is denied explicitly (${first.evaluation.summary})`, first.line);
      continue;
    }
    if (closest === undefined || !closest.principalMatched) {
      cause('ProviderNotTrusted', 'error', `${role.id} has no Allow statement for this token's issuer (${first.evaluation.summary})`, frame.step.line);
      continue;
    }
    const failed = refused.flatMap((r) => closestAllow(r.evaluation.statements)?.conditions.filter((c) => !c.matched) ?? []);
    const claims = new Set(failed.map((c) => c.claim ?? c.key));
    if (claims.has('aud')) {
      const expected = trust.audiences.join(', ') || failed.find((c) => c.claim === 'aud')?.expected.join(', ');
      cause('AudienceMismatch', 'error', `the step asks for audience ${first.audience}; ${role.id} expects ${expected}`,
        frame.step.with.audience?.line ?? frame.step.line, `audience: ${trust.audiences[0] ?? expected}  (in the step's with:)`);
    }
    if (claims.has('sub')) {
      // Runs of several triggers that mint the same subjects (a job with an environment) make one cause.
      const key = subs.join(', ');
      const entry = bySubjects.get(key) ?? { whats: [], first };
      entry.whats.push(what);
      bySubjects.set(key, entry);
    }
    const other = failed.filter((c) => c.claim !== 'aud' && c.claim !== 'sub');
    if (other.length > 0) {
      const detail = [...new Set(other.map((c) => `${c.claim ?? c.key} is ${c.actual ?? '(absent)'}, not ${c.expected.join(' or ')}`))].join('; ');
      // Real tokens always carry the repository's IDs; the check knows them only when told.
      const idsUnknown = other.some((c) => c.actual === undefined && (c.claim === 'repository_id' || c.claim === 'repository_owner_id'));
      cause('SubjectNotTrusted', idsUnknown ? 'warning' : 'error', `${what}: ${detail}` +
        (idsUnknown ? ' (the role pins the repository IDs: pass --owner-id and --repo-id, which every real token carries)' : ''), first.line);
    }
  }
  for (const [subs, { whats, first }] of bySubjects) {
    cause('SubjectNotTrusted', 'error', `${whats.join('; ')} mint${whats.length > 1 ? '' : 's'} sub ${subs}, which ${role.id} does not trust (it trusts ${trust.subjects.join(', ') || 'no sub value'})`,
      first.line, subjectFix(first, frame, trust, subs.split(', ')));
  }
}

/** Which runs of a kind are refused: all of them, or those on refs other than the admitted ones. */
function refusedPart(kind: RunKind, runs: readonly SampledRun[]): string {
  const allowed = runs.filter((r) => r.allowed);
  if (allowed.length === 0) return kind.description;
  const names = [...new Set(allowed.map((r) => r.ref.replace(/^refs\/(heads|tags)\//, '')))];
  const what = kind.refs.kind === 'filtered' ? (kind.refs.prefix === 'refs/heads/' ? 'branch' : 'tag') : 'ref';
  const environments = [...new Set(runs.filter((r) => !r.allowed).map((r) => r.environment).filter((e) => e !== undefined))];
  if (environments.length > 0 && runs.some((r) => r.allowed && r.environment !== undefined)) {
    return `${kind.event} with an environment other than ${[...new Set(allowed.map((r) => r.environment))].join(', ')}`;
  }
  return `${kind.event} on a ${what} other than ${names.join(', ')}`;
}

/** The two ways to admit a refused run, the safer first. */
function subjectFix(run: SampledRun, frame: JobFrame, trust: TrustedSubjects, subs: readonly string[]): string {
  const job = frame.job.id;
  const environments = trust.subjects.map((s) => /:environment:([^:*?]+)$/.exec(s)?.[1]).filter((e): e is string => e !== undefined);
  const addToRole = `or add ${subs.join(', ')} to the role's subjects`;
  if (run.environment === undefined && environments.length > 0 && !frame.job.call) {
    return `safer: name the environment the role trusts in job ${job} (its protection rules then guard the role):\n` +
      `  environment: ${environments[0]}\n${addToRole}${run.event === 'pull_request' ? ' (every pull request could then assume it)' : ''}`;
  }
  if (run.environment !== undefined) {
    return `add ${subs.join(', ')} to the role's subjects (safer than dropping the environment, whose protection rules guard the job): ` +
      'a job with environment: always mints environment:NAME, whatever the branch';
  }
  if (run.event === 'pull_request') {
    return `${addToRole} only if any pull request may use it (read-only), else drop the pull_request trigger from job ${job}`;
  }
  if (run.kind.refs.kind === 'filtered') {
    // A trigger that runs on refs the role does not trust: narrowing the job is safer than widening the role.
    const trusted = trust.subjects.map((s) => /:ref:(refs\/[^:*?]+)$/.exec(s)?.[1]).filter((r): r is string => r !== undefined);
    const condition = trusted.length > 0 ? trusted.map((r) => `github.ref == '${r}'`).join(' || ') : undefined;
    return `safer: keep job ${job} to the refs the role trusts${condition ? `:\n  if: ${condition}` : ''}\n` +
      `(or drop the ${run.event} trigger); ${addToRole} (whoever can push a matching ref could then assume it)`;
  }
  return `add ${subs.join(', ')} to the role's subjects, or restrict the trigger to the refs the role trusts`;
}
