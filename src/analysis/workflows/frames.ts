/**
 * Every job that runs configure-aws-credentials, in the context its runs get: the triggers of the workflow that
 * starts the run, the permissions that reach the job (through reusable-workflow calls, capped at each level), the
 * inputs its caller passes, and its `job_workflow_ref`. Local calls (`./.github/workflows/x.yml`) are followed;
 * remote ones (`owner/repo/.github/workflows/x.yml@ref`) when that file is given too; others are reported.
 */
import { ExpressionContext, resolveText } from './expressions';
import { LOCAL_CALL_USES_CALLER_REF } from './facts';
import { CredentialsStep, Workflow, WorkflowJob } from './model';
import { calledPermissions, callerCap, EffectivePermissions, ownPermissions } from './permissions';
import { RunKind, runKinds } from './runs';
import { CheckCause } from './types';

/** One credentials step in the context of the runs that reach it. */
export interface JobFrame {
  /** The workflow whose triggers start the run. */
  readonly entry: Workflow;
  readonly kinds: RunKind[];
  /** The workflow file that holds the job. */
  readonly workflow: Workflow;
  readonly job: WorkflowJob;
  readonly step: CredentialsStep;
  /** The id-token permission that reaches the job, where it is decided, and whether a call exceeds its cap. */
  readonly permissions: EffectivePermissions;
  readonly exceedsCap?: { readonly caller: string; readonly file: string; readonly line: number };
  /** The inputs' possible values (called workflows: what callers pass; dispatch: `choice` options). */
  readonly inputs: { readonly [name: string]: readonly string[] };
  /** Inputs the caller passes as an expression it cannot resolve, with that expression. */
  readonly inputExpressions?: { readonly [name: string]: string };
  /** `job_workflow_ref` without the ref (`O/R/.github/workflows/x.yml`), and the fixed ref of a remote call. */
  readonly jobWorkflowPath: string;
  readonly jobWorkflowRef?: string;
  /** The chain of calls, e.g. `deploy.yml:release -> reusable-deploy.yml:deploy`. */
  readonly via?: string;
  /** The calling job, for line numbers of fixes. */
  readonly caller?: { readonly workflow: Workflow; readonly job: WorkflowJob };
}

/** What frames need to know. */
export interface FrameOptions {
  readonly repositoryFullName: string;
  readonly defaultBranch: string;
  readonly vars: { readonly [name: string]: string };
}

// GitHub allows ten levels of nested reusable workflows; beyond, a cycle.
const MAX_CALL_DEPTH = 10;

/** The frames of every credentials step the workflows run, and the calls that could not be followed. */
export function jobFrames(workflows: readonly Workflow[], options: FrameOptions): { frames: JobFrame[]; problems: CheckCause[] } {
  const frames: JobFrame[] = [];
  const problems: CheckCause[] = [];
  const called = new Set<Workflow>();
  for (const workflow of workflows) {
    for (const job of workflow.jobs) {
      const target = job.call && findCalled(job.call.uses, workflows);
      if (target) called.add(target.workflow);
    }
  }
  for (const workflow of workflows) {
    const own = workflow.triggers.flatMap((t) => runKinds(t, options.defaultBranch));
    const onlyCalled = own.length === 0 && workflow.triggers.some((t) => t.event === 'workflow_call');
    if (onlyCalled && called.has(workflow)) continue;
    const kinds = onlyCalled ? unknownCallerKinds(workflow) : own;
    const inputs = { values: dispatchInputs(workflow), expressions: {} };
    for (const job of workflow.jobs) {
      visit(workflow, kinds, workflow, job, ownPermissions(workflow, job), inputs,
        `${options.repositoryFullName}/${workflow.repositoryPath}`, undefined, undefined, undefined, 0);
    }
  }
  return { frames, problems };

  function visit(entry: Workflow, kinds: RunKind[], workflow: Workflow, job: WorkflowJob, permissions: EffectivePermissions,
    inputs: CallInputs, jobWorkflowPath: string, jobWorkflowRef: string | undefined,
    via: string | undefined, exceedsCap: JobFrame['exceedsCap'], depth: number, caller?: JobFrame['caller']): void {
    for (const step of job.credentialSteps) {
      frames.push({
        entry,
        kinds,
        workflow,
        job,
        step,
        permissions,
        exceedsCap,
        inputs: inputs.values,
        inputExpressions: inputs.expressions,
        jobWorkflowPath,
        jobWorkflowRef,
        via,
        caller,
      });
    }
    if (!job.call) return;
    const target = findCalled(job.call.uses, workflows);
    if (!target) {
      problems.push({
        id: 'ReusableWorkflowNotFollowed',
        severity: 'info',
        message: `job ${job.id} calls ${job.call.uses}, which is not among the workflow files given: its jobs are not checked (pass the file too)`,
        file: workflow.file,
        line: job.call.line,
      });
      return;
    }
    if (depth >= MAX_CALL_DEPTH) {
      problems.push({ id: 'ReusableWorkflowNotFollowed', severity: 'warning', message: `job ${job.id} calls ${job.call.uses} more than ${MAX_CALL_DEPTH} levels deep (a cycle?): not followed`, file: workflow.file, line: job.call.line });
      return;
    }
    // A called job's permissions are already capped by its own callers (calledPermissions): they are what it passes on.
    const cap = depth === 0 ? callerCap(workflow, job) : permissions;
    const passed = callInputs(job, workflow, target.workflow, inputs, options);
    const calledPath = target.remote ? target.path : `${options.repositoryFullName}/${target.workflow.repositoryPath}`;
    const calledRef = target.remote ? target.ref : (LOCAL_CALL_USES_CALLER_REF ? jobWorkflowRef : undefined);
    for (const calledJob of target.workflow.jobs) {
      const reached = calledPermissions(target.workflow, calledJob, cap);
      const over = reached.exceedsCap ? { caller: `${workflow.repositoryPath}:${job.id}`, file: workflow.file, line: job.permissions?.line ?? job.line } : exceedsCap;
      const effective: EffectivePermissions = reached.own ? { ...reached.own, idToken: reached.idToken } : cap;
      visit(entry, kinds, target.workflow, calledJob, effective, passed, calledPath, calledRef,
        `${via ?? `${workflow.repositoryPath}:${job.id}`} -> ${target.workflow.repositoryPath}:${calledJob.id}`, over, depth + 1,
        caller ?? { workflow, job });
    }
  }
}

/** A workflow only called by workflows not given: its caller may run on any ref. */
function unknownCallerKinds(workflow: Workflow): RunKind[] {
  const line = workflow.triggers.find((t) => t.event === 'workflow_call')?.line ?? 1;
  return [
    { event: 'push', line, description: 'workflow_call from a caller not given (checked as any branch)', refs: { kind: 'filtered', prefix: 'refs/heads/' } },
    { event: 'push', line, description: 'workflow_call from a caller not given (checked as any tag)', refs: { kind: 'filtered', prefix: 'refs/tags/' } },
  ];
}

/** `workflow_dispatch` inputs with a closed set of values: `choice` options and booleans. */
function dispatchInputs(workflow: Workflow): { [name: string]: readonly string[] } {
  const out: { [name: string]: readonly string[] } = {};
  for (const trigger of workflow.triggers) {
    if (trigger.event !== 'workflow_dispatch') continue;
    for (const [name, input] of Object.entries(trigger.inputs)) {
      if (input.type === 'choice' && input.options) out[name] = input.options;
      else if (input.type === 'boolean') out[name] = ['true', 'false'];
    }
  }
  return out;
}

/** The inputs of a workflow: the values each may take, and the caller's expression where those are not known. */
interface CallInputs {
  readonly values: { readonly [name: string]: readonly string[] };
  readonly expressions: { readonly [name: string]: string };
}

/** The values a call passes to the called workflow's inputs (resolved in the caller's context), else their defaults. */
function callInputs(job: WorkflowJob, workflow: Workflow, called: Workflow, inputs: CallInputs, options: FrameOptions): CallInputs {
  const out: { [name: string]: readonly string[] } = {};
  const expressions: { [name: string]: string } = {};
  const declared = called.triggers.find((t) => t.event === 'workflow_call')?.inputs ?? {};
  const legs = job.matrix?.legs ?? [undefined];
  for (const name of new Set([...Object.keys(declared), ...Object.keys(job.call?.with ?? {})])) {
    const given = job.call?.with[name];
    if (given === undefined) {
      const fallback = declared[name]?.default;
      if (fallback !== undefined) out[name] = [fallback];
      continue;
    }
    const values = new Set<string>();
    let open = false;
    for (const leg of legs) {
      const context: ExpressionContext = {
        matrix: job.matrix?.unknown ? null : leg,
        inputs: inputs.values,
        inputExpressions: inputs.expressions,
        vars: options.vars,
        env: { ...workflow.env, ...job.env },
      };
      const resolved = resolveText(given.value, context);
      resolved.values.forEach((v) => values.add(v));
      if (resolved.unresolved.length > 0) {
        open = true;
        if (resolved.unresolved.length === 1 && /^\$\{\{[^}]*\}\}$/.test(given.value.trim())) expressions[name] = resolved.unresolved[0];
      }
    }
    if (!open) out[name] = [...values];
  }
  return { values: out, expressions };
}

/** The workflow a `uses:` calls, among those given. */
function findCalled(uses: string, workflows: readonly Workflow[]): { workflow: Workflow; remote: boolean; path: string; ref?: string } | undefined {
  const local = /^\.\/(\.github\/workflows\/[^/@]+\.ya?ml)$/.exec(uses.trim());
  if (local) {
    const workflow = workflows.find((w) => w.repositoryPath === local[1]);
    return workflow && { workflow, remote: false, path: local[1] };
  }
  const remote = /^([^/\s]+\/[^/\s]+)\/(\.github\/workflows\/[^/@]+\.ya?ml)@(\S+)$/.exec(uses.trim());
  if (!remote) return undefined;
  const [, repo, path, ref] = remote;
  // A remote file is followed when it is given and only one given file has its name.
  const candidates = workflows.filter((w) => w.repositoryPath === path && w.file.includes(repo));
  const workflow = candidates.length === 1 ? candidates[0] : undefined;
  return workflow && { workflow, remote: true, path: `${repo}/${path}`, ref: fullRef(ref) };
}

/** A `uses` ref as a full ref: a 40-hex SHA stays as it is; `v1`-like names are read as tags, others as branches. */
function fullRef(ref: string): string {
  if (/^[0-9a-f]{40}$/.test(ref) || ref.startsWith('refs/')) return ref;
  return /^v\d/.test(ref) ? `refs/tags/${ref}` : `refs/heads/${ref}`;
}
