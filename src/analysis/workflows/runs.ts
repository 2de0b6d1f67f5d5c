/**
 * Which runs a workflow's triggers can produce, as far as the OIDC token is concerned: the event and the ref
 * (FACTS-WORKFLOWS.md section 3). A trigger gives one or more run kinds; a kind that covers many refs (any branch,
 * branches matching `release/**`) is tried on sample refs: the refs its filter names, refs the trust policy names
 * (so that a policy admitting only some of them is caught), and a ref nobody named.
 */
import { PULL_REQUEST_SUBJECT_EVENTS } from './facts';
import { FilterList } from './filter-pattern';
import { Trigger } from './model';

/** One kind of run a trigger produces. */
export interface RunKind {
  readonly event: string;
  /** The trigger's line. */
  readonly line: number;
  /** What the kind covers, e.g. `push to a branch matching release/**`. */
  readonly description: string;
  /** The refs the kind runs on: exact refs, or every ref under a prefix that the filters admit. */
  readonly refs: RefChoice;
}

/** The refs of a run kind. */
export type RefChoice =
  | { readonly kind: 'exact'; readonly refs: readonly string[] }
  | { readonly kind: 'filtered'; readonly prefix: 'refs/heads/' | 'refs/tags/'; readonly include?: FilterList; readonly exclude?: FilterList };

/** Events that run on the default branch only (EVT: schedule, workflow_run, repository_dispatch, issues, ...). */
const ON_ANY_BRANCH_OR_TAG = new Set(['workflow_dispatch', 'deployment', 'deployment_status', 'create']);

/** The run kinds of one trigger; `workflow_call` has none of its own (its caller's decide). */
export function runKinds(trigger: Trigger, defaultBranch: string): RunKind[] {
  const { event, line } = trigger;
  const base = { event, line };
  const onDefault: RunKind = { ...base, description: `${event} (runs on the default branch, ${defaultBranch})`, refs: { kind: 'exact', refs: [`refs/heads/${defaultBranch}`] } };
  if (event === 'workflow_call') return [];
  if (PULL_REQUEST_SUBJECT_EVENTS.has(event)) {
    return [{ ...base, description: `${event} (any pull request)`, refs: { kind: 'exact', refs: ['refs/pull/1/merge'] } }];
  }
  if (event === 'pull_request_target') {
    // Runs in the base repository on the default branch (PRT); its subject follows that ref (token/subject.ts).
    return [{ ...base, description: `pull_request_target (any pull request, on ${defaultBranch})`, refs: { kind: 'exact', refs: [`refs/heads/${defaultBranch}`] } }];
  }
  if (event === 'push') return pushKinds(trigger);
  if (event === 'release') return [{ ...base, description: 'release (any tag)', refs: { kind: 'filtered', prefix: 'refs/tags/' } }];
  if (event === 'merge_group') {
    const bases = trigger.branches && new FilterList(trigger.branches).onlyLiterals ? trigger.branches : [defaultBranch];
    return [{
      ...base,
      description: `merge_group (merge queue of ${bases.join(', ')})`,
      refs: { kind: 'exact', refs: bases.map((b) => `refs/heads/gh-readonly-queue/${b}/pr-1-${'0'.repeat(40)}`) },
    }];
  }
  if (ON_ANY_BRANCH_OR_TAG.has(event)) {
    return [
      { ...base, description: `${event} on any branch`, refs: { kind: 'filtered', prefix: 'refs/heads/' } },
      { ...base, description: `${event} on any tag`, refs: { kind: 'filtered', prefix: 'refs/tags/' } },
    ];
  }
  return [onDefault];
}

function pushKinds(trigger: Trigger): RunKind[] {
  const base = { event: 'push', line: trigger.line };
  const branchFilter = trigger.branches !== undefined || trigger.branchesIgnore !== undefined;
  const tagFilter = trigger.tags !== undefined || trigger.tagsIgnore !== undefined;
  const kinds: RunKind[] = [];
  // Only branch filters: tags never run the workflow, and the other way round; neither: both run it (EVT).
  if (branchFilter || !tagFilter) {
    kinds.push({ ...base, description: `push to ${describeFilter('branch', trigger.branches, trigger.branchesIgnore)}`, refs: filtered('refs/heads/', trigger.branches, trigger.branchesIgnore) });
  }
  if (tagFilter || !branchFilter) {
    kinds.push({ ...base, description: `push of ${describeFilter('tag', trigger.tags, trigger.tagsIgnore)}`, refs: filtered('refs/tags/', trigger.tags, trigger.tagsIgnore) });
  }
  return kinds;
}

function filtered(prefix: 'refs/heads/' | 'refs/tags/', include?: string[], exclude?: string[]): RefChoice {
  return {
    kind: 'filtered',
    prefix,
    ...(include !== undefined ? { include: new FilterList(include) } : {}),
    ...(exclude !== undefined ? { exclude: new FilterList(exclude) } : {}),
  };
}

function describeFilter(what: 'branch' | 'tag', include?: string[], exclude?: string[]): string {
  if (include !== undefined) {
    const list = new FilterList(include);
    return list.onlyLiterals ? `${what} ${include.join(', ')}` : `a ${what} matching ${include.join(', ')}`;
  }
  if (exclude !== undefined) return `any ${what} but ${exclude.join(', ')}`;
  return `any ${what}`;
}

/**
 * The refs to try for a run kind: for a filtered kind, the names its filter and the policy suggest and one nobody
 * named, kept when the filter admits them.
 */
export function sampleRefs(refs: RefChoice, suggested: { readonly branches: readonly string[]; readonly tags: readonly string[] },
  defaultBranch: string): string[] {
  if (refs.kind === 'exact') return [...refs.refs];
  const isBranch = refs.prefix === 'refs/heads/';
  const candidates = [
    ...(isBranch ? [defaultBranch] : ['v1.0.0']),
    ...(refs.include?.examples() ?? []),
    ...(isBranch ? suggested.branches : suggested.tags),
    isBranch ? 'unlisted-branch' : 'unlisted-tag',
  ];
  const admitted = candidates.filter((name) => name !== '' && (refs.include === undefined || refs.include.includes(name))
    && !(refs.exclude?.anyMatches(name) ?? false));
  return [...new Set(admitted)].map((name) => refs.prefix + name);
}
