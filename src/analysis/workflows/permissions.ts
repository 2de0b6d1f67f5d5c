/**
 * Whether a job can get an OIDC token: `id-token: write` in the `permissions` that apply to it
 * (FACTS-WORKFLOWS.md section 1). A job's block replaces the workflow's (no merge); with neither, the default token
 * permissions apply, which never include `id-token`. A called workflow's jobs get at most what the calling job has:
 * asking for more fails the whole run.
 */
import { CALLER_WORKFLOW_PERMISSIONS_REACH_CALLED_WORKFLOW } from './facts';
import { PermissionsBlock, Workflow, WorkflowJob } from './model';

/** The `permissions` that decide for a job, and where they are written. */
export interface EffectivePermissions {
  readonly idToken: 'write' | 'none';
  /** Where the deciding block is: the job's, the workflow's, or none (the defaults). */
  readonly source: 'job' | 'workflow' | 'default';
  readonly block?: PermissionsBlock;
}

/** The permissions a job's own file gives it (job block, else workflow block, else the defaults). */
export function ownPermissions(workflow: Workflow, job: WorkflowJob): EffectivePermissions {
  if (job.permissions) return { idToken: job.permissions.idToken, source: 'job', block: job.permissions };
  if (workflow.permissions) return { idToken: workflow.permissions.idToken, source: 'workflow', block: workflow.permissions };
  return { idToken: 'none', source: 'default' };
}

/** What a calling job passes down: its own block, else (see facts.ts) its workflow's, else the defaults. */
export function callerCap(workflow: Workflow, job: WorkflowJob): EffectivePermissions {
  if (job.permissions) return { idToken: job.permissions.idToken, source: 'job', block: job.permissions };
  if (workflow.permissions && CALLER_WORKFLOW_PERMISSIONS_REACH_CALLED_WORKFLOW) {
    return { idToken: workflow.permissions.idToken, source: 'workflow', block: workflow.permissions };
  }
  return { idToken: 'none', source: 'default' };
}

/** How a job of a called workflow fares under the cap its caller passes. */
export interface CalledPermissions {
  readonly idToken: 'write' | 'none';
  /** The called job asks for `id-token: write` and the caller does not allow it: GitHub fails the whole run. */
  readonly exceedsCap: boolean;
  /** The block that asks, when the called file has one. */
  readonly own?: EffectivePermissions;
}

/** A called job's permissions: its file's block capped by the caller's, or the caller's when its file has none. */
export function calledPermissions(workflow: Workflow, job: WorkflowJob, cap: EffectivePermissions): CalledPermissions {
  const own = ownPermissions(workflow, job);
  if (own.source === 'default') return { idToken: cap.idToken, exceedsCap: false };
  const exceedsCap = own.idToken === 'write' && cap.idToken !== 'write';
  return { idToken: own.idToken === 'write' && cap.idToken === 'write' ? 'write' : 'none', exceedsCap, own };
}

/** The YAML that grants a token to a job, repeating the scopes the block in force named (it is replaced, not merged). */
export function permissionsFix(current: EffectivePermissions): string {
  const scopes: { [scope: string]: string } = {};
  if (current.block && current.block.written !== 'read-all' && current.block.written !== 'write-all') {
    Object.assign(scopes, current.block.scopes);
  } else if (current.block?.written === 'read-all') {
    scopes.contents = 'read';
  }
  if (Object.keys(scopes).length === 0) scopes.contents = 'read';
  scopes['id-token'] = 'write';
  return ['permissions:', ...Object.entries(scopes).map(([scope, level]) => `  ${scope}: ${level}`)].join('\n');
}
