/**
 * Reads a workflow file's text into the `Workflow` model: triggers and their filters, `permissions`, jobs with their
 * environment, matrix, reusable-workflow call and configure-aws-credentials steps. What GitHub would refuse or what
 * cannot be read is a `WorkflowProblem` with its line, never an exception.
 */
import { expandMatrix } from './matrix';
import { CredentialsStep, Located, PermissionsBlock, Trigger, Workflow, WorkflowInput, WorkflowJob, WorkflowProblem } from './model';
import { field, keyLine, parseYamlTree, text, texts, TreeMap, TreeNode } from './yaml-tree';

/** Larger than any real workflow; a guard so that a stray file cannot take the check's memory. */
export const MAX_WORKFLOW_CHARACTERS = 1_000_000;

/** The events GitHub Actions documents ("Events that trigger workflows"). */
const KNOWN_EVENTS = new Set([
  'branch_protection_rule', 'check_run', 'check_suite', 'create', 'delete', 'deployment', 'deployment_status',
  'discussion', 'discussion_comment', 'fork', 'gollum', 'image_version', 'issue_comment', 'issues', 'label',
  'merge_group', 'milestone', 'page_build', 'project', 'project_card', 'project_column', 'public', 'pull_request',
  'pull_request_comment', 'pull_request_review', 'pull_request_review_comment', 'pull_request_target', 'push',
  'registry_package', 'release', 'repository_dispatch', 'schedule', 'status', 'watch', 'workflow_call',
  'workflow_dispatch', 'workflow_run',
]);

// `uses: aws-actions/configure-aws-credentials@<ref>`, any version.
const CREDENTIALS_ACTION = /^aws-actions\/configure-aws-credentials(?:@|$)/i;

/** A workflow file's path in its repository: from `.github/workflows/` on when the path has it, else under it. */
export function repositoryPath(file: string): string {
  const normalized = file.split('\\').join('/');
  const at = normalized.lastIndexOf('.github/workflows/');
  return at >= 0 ? normalized.slice(at) : `.github/workflows/${normalized.split('/').pop()}`;
}

/** Reads one workflow file. `pathInRepository` is its path in the repository, `.github/workflows/<name>`. */
export function readWorkflow(file: string, pathInRepository: string, source: string): Workflow {
  const problems: WorkflowProblem[] = [];
  const empty = { file, repositoryPath: pathInRepository, triggers: [], env: {}, jobs: [], problems };
  if (source.length > MAX_WORKFLOW_CHARACTERS) {
    problems.push({ id: 'WorkflowTooLarge', severity: 'error', message: `the file has ${source.length} characters, more than the ${MAX_WORKFLOW_CHARACTERS} this check reads`, line: 1 });
    return empty;
  }
  const parsed = parseYamlTree(source);
  problems.push(...parsed.problems);
  const root = parsed.root;
  if (root === undefined) return empty;
  if (root.kind !== 'map') {
    problems.push({ id: 'WorkflowNotMapping', severity: 'error', message: `the file holds a ${root.kind === 'seq' ? 'sequence' : 'scalar'}: a workflow is a mapping with \`on\` and \`jobs\``, line: root.line });
    return empty;
  }
  const on = field(root, 'on');
  if (on === undefined) {
    problems.push({ id: 'WorkflowNotMapping', severity: 'error', message: 'the workflow has no `on`: GitHub never runs it', line: root.line });
  }
  const permissions = readPermissions(field(root, 'permissions'), keyLine(root, 'permissions'), problems);
  return {
    file,
    repositoryPath: pathInRepository,
    name: text(field(root, 'name')),
    triggers: on === undefined ? [] : readTriggers(on, problems),
    ...(permissions ? { permissions } : {}),
    env: readEnv(field(root, 'env')),
    jobs: readJobs(field(root, 'jobs'), problems),
    problems,
  };
}

function readTriggers(on: TreeNode, problems: WorkflowProblem[]): Trigger[] {
  const triggers: Trigger[] = [];
  const add = (event: string, line: number, spec: TreeNode | undefined) => {
    if (!KNOWN_EVENTS.has(event)) {
      problems.push({ id: 'UnknownEvent', severity: 'warning', message: `\`on: ${event}\` is not an event GitHub Actions documents: its runs are checked as if on the default branch`, line });
    }
    triggers.push({
      event,
      line,
      branches: texts(field(spec, 'branches')),
      branchesIgnore: texts(field(spec, 'branches-ignore')),
      tags: texts(field(spec, 'tags')),
      tagsIgnore: texts(field(spec, 'tags-ignore')),
      types: texts(field(spec, 'types')),
      inputs: readInputs(field(spec, 'inputs')),
    });
  };
  if (on.kind === 'scalar') {
    if (on.text !== null) add(on.text, on.line, undefined);
  } else if (on.kind === 'seq') {
    for (const item of on.items) {
      const event = text(item);
      if (event !== undefined) add(event, item.line, undefined);
    }
  } else {
    for (const entry of on.entries) add(entry.key, entry.keyLine, entry.value);
  }
  return triggers;
}

function readInputs(node: TreeNode | undefined): { [name: string]: WorkflowInput } {
  const inputs: { [name: string]: WorkflowInput } = {};
  if (node?.kind !== 'map') return inputs;
  for (const entry of node.entries) {
    const options = texts(field(entry.value, 'options'));
    inputs[entry.key] = {
      type: text(field(entry.value, 'type')),
      ...(options ? { options } : {}),
      default: text(field(entry.value, 'default')),
    };
  }
  return inputs;
}

/**
 * A `permissions` block: `read-all`, `write-all`, `{}` or a mapping of scopes. Only `id-token: write` yields a
 * token; `write-all` is read as granting it (FACTS-WORKFLOWS.md section 1: derived, not stated).
 */
function readPermissions(node: TreeNode | undefined, line: number | undefined, problems: WorkflowProblem[]): PermissionsBlock | undefined {
  if (node === undefined) return undefined;
  const at = line ?? node.line;
  if (node.kind === 'scalar') {
    const value = node.text ?? '';
    if (value !== 'read-all' && value !== 'write-all') {
      problems.push({ id: 'PermissionsInvalid', severity: 'warning', message: `\`permissions: ${value}\` is not read-all, write-all or a mapping of scopes: read as granting no id-token`, line: node.line });
    }
    return { line: at, idToken: value === 'write-all' ? 'write' : 'none', written: value, scopes: {} };
  }
  if (node.kind === 'seq') {
    problems.push({ id: 'PermissionsInvalid', severity: 'warning', message: '`permissions` is a sequence: expected read-all, write-all or a mapping of scopes', line: node.line });
    return { line: at, idToken: 'none', written: 'a sequence', scopes: {} };
  }
  const scopes: { [scope: string]: string } = {};
  for (const entry of node.entries) scopes[entry.key] = text(entry.value) ?? '';
  const idToken = scopes['id-token'];
  if (idToken !== undefined && idToken !== 'write' && idToken !== 'none') {
    problems.push({ id: 'PermissionsInvalid', severity: 'warning', message: `\`id-token: ${idToken}\`: GitHub accepts only write or none, and only write yields a token`, line: node.line });
  }
  const written = node.entries.length === 0 ? '{}' : node.entries.map((e) => `${e.key}: ${scopes[e.key]}`).join(', ');
  return { line: at, idToken: idToken === 'write' ? 'write' : 'none', written, scopes };
}

function readEnv(node: TreeNode | undefined): { [name: string]: string } {
  const env: { [name: string]: string } = {};
  if (node?.kind !== 'map') return env;
  for (const entry of node.entries) {
    const value = text(entry.value);
    if (value !== undefined) env[entry.key] = value;
  }
  return env;
}

function readJobs(node: TreeNode | undefined, problems: WorkflowProblem[]): WorkflowJob[] {
  if (node === undefined) return [];
  if (node.kind !== 'map') {
    problems.push({ id: 'WorkflowNotMapping', severity: 'error', message: '`jobs` is not a mapping of job IDs to jobs', line: node.line });
    return [];
  }
  return node.entries.filter((entry) => entry.value.kind === 'map').map((entry) => readJob(entry.key, entry.keyLine, entry.value as TreeMap, problems));
}

function readJob(id: string, line: number, job: TreeMap, problems: WorkflowProblem[]): WorkflowJob {
  const permissions = readPermissions(field(job, 'permissions'), keyLine(job, 'permissions'), problems);
  const environment = readEnvironment(field(job, 'environment'));
  const matrixNode = field(field(job, 'strategy'), 'matrix');
  const uses = field(job, 'uses');
  const usesText = text(uses);
  return {
    id,
    line,
    name: text(field(job, 'name')),
    ...(text(field(job, 'if')) !== undefined ? { condition: text(field(job, 'if')) } : {}),
    ...(permissions ? { permissions } : {}),
    ...(environment ? { environment } : {}),
    ...(matrixNode ? { matrix: expandMatrix(matrixNode) } : {}),
    ...(usesText !== undefined ? { call: { line: uses!.line, uses: usesText, with: locatedMap(field(job, 'with')) } } : {}),
    credentialSteps: readCredentialSteps(field(job, 'steps')),
    env: readEnv(field(job, 'env')),
  };
}

function readEnvironment(node: TreeNode | undefined): Located<string> | undefined {
  if (node === undefined) return undefined;
  const name = node.kind === 'map' ? field(node, 'name') : node;
  const value = text(name);
  return value === undefined ? undefined : { value, line: name!.line };
}

function readCredentialSteps(node: TreeNode | undefined): CredentialsStep[] {
  if (node?.kind !== 'seq') return [];
  const steps: CredentialsStep[] = [];
  for (const step of node.items) {
    const uses = text(field(step, 'uses'));
    if (uses === undefined || !CREDENTIALS_ACTION.test(uses.trim())) continue;
    steps.push({ line: step.line, uses: uses.trim(), with: locatedMap(field(step, 'with')), label: text(field(step, 'name')) ?? text(field(step, 'id')) });
  }
  return steps;
}

function locatedMap(node: TreeNode | undefined): { [key: string]: Located<string> } {
  const out: { [key: string]: Located<string> } = {};
  if (node?.kind !== 'map') return out;
  for (const entry of node.entries) {
    const value = text(entry.value);
    if (value !== undefined) out[entry.key] = { value, line: entry.value.line };
  }
  return out;
}
