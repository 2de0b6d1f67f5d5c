/**
 * A GitHub Actions workflow file as the OIDC check reads it: what decides whether a job gets a token, which `sub`
 * its runs mint, the audience it asks for and the role it names. Every element keeps its 1-based line, so that a
 * finding points at the YAML to change.
 */

/** A value written in the workflow, with its line. */
export interface Located<T> {
  readonly value: T;
  readonly line: number;
}

/** Something in a workflow file that could not be read as GitHub reads it. */
export interface WorkflowProblem {
  readonly id: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly line: number;
  readonly column?: number;
}

/**
 * A `permissions` block as far as OIDC is concerned: whether it grants `id-token: write`, and the scopes it names,
 * so that a fix can repeat them (a job's block replaces the workflow's).
 */
export interface PermissionsBlock {
  readonly line: number;
  /** `write` when the block grants `id-token: write` (directly or by `write-all`), else `none`. */
  readonly idToken: 'write' | 'none';
  /** How the block is written: `read-all`, `write-all`, `{}`, or the scopes it names. */
  readonly written: string;
  /** The scopes named with their levels, e.g. `{ contents: 'read' }`; empty for `read-all`/`write-all`/`{}`. */
  readonly scopes: { readonly [scope: string]: string };
}

/** An input of `workflow_dispatch` or `workflow_call`. */
export interface WorkflowInput {
  readonly type?: string;
  /** The choices of a `type: choice` input. */
  readonly options?: string[];
  readonly default?: string;
}

/** One event under `on`, with the filters that decide which refs it runs on. */
export interface Trigger {
  readonly event: string;
  readonly line: number;
  readonly branches?: string[];
  readonly branchesIgnore?: string[];
  readonly tags?: string[];
  readonly tagsIgnore?: string[];
  /** `types` of the event, when given. */
  readonly types?: string[];
  readonly inputs: { readonly [name: string]: WorkflowInput };
}

/** A step running aws-actions/configure-aws-credentials. */
export interface CredentialsStep {
  readonly line: number;
  /** `uses` as written, e.g. `aws-actions/configure-aws-credentials@v4`. */
  readonly uses: string;
  /** The step's `with` inputs as text, each with its line. */
  readonly with: { readonly [input: string]: Located<string> };
  /** The step's `name` or `id`, when it has one. */
  readonly label?: string;
}

/** `jobs.<id>.strategy.matrix`, read as far as it is static. */
export interface MatrixSpec {
  readonly line: number;
  /** The legs, expanded (cross product, `exclude`, `include`), each a map of keys to text values. */
  readonly legs?: Array<{ readonly [key: string]: string }>;
  /** Why the legs are not known, e.g. `matrix is ${{ fromJSON(needs.plan.outputs.m) }}`. */
  readonly unknown?: string;
}

/** A job calling a reusable workflow (`jobs.<id>.uses`). */
export interface WorkflowCall {
  readonly line: number;
  /** `uses` as written: `./.github/workflows/x.yml` or `owner/repo/.github/workflows/x.yml@ref`. */
  readonly uses: string;
  readonly with: { readonly [input: string]: Located<string> };
}

/** One job of a workflow. */
export interface WorkflowJob {
  readonly id: string;
  readonly line: number;
  readonly name?: string;
  /** The job's `if:` as written. */
  readonly condition?: string;
  readonly permissions?: PermissionsBlock;
  /** The environment name as written (`environment: NAME` or `environment: { name: NAME }`). */
  readonly environment?: Located<string>;
  readonly matrix?: MatrixSpec;
  readonly call?: WorkflowCall;
  readonly credentialSteps: CredentialsStep[];
  /** Job-level `env`, for `${{ env.X }}` in step inputs. */
  readonly env: { readonly [name: string]: string };
}

/** A workflow file. */
export interface Workflow {
  /** The path as given. */
  readonly file: string;
  /** The path in the repository, `.github/workflows/<file>`. */
  readonly repositoryPath: string;
  readonly name?: string;
  readonly triggers: Trigger[];
  readonly permissions?: PermissionsBlock;
  readonly env: { readonly [name: string]: string };
  readonly jobs: WorkflowJob[];
  readonly problems: WorkflowProblem[];
}
