/**
 * Both sides of the contract in a unit test: a CDK app's jest test fails when a workflow job of the repository
 * cannot assume the role it names, or when a role admits jobs nobody wrote. Reads the workflow files from disk and
 * the roles from the synthesized template, and runs the same check as `github-deploy-roles check`.
 *
 * Pure (no aws-cdk-lib). The workflow reader and its YAML parser are loaded when a check first runs, so that
 * importing the library does not load them.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { fail } from '../../model/errors';
import { GitHubIssuer } from '../../model/issuer';
import { GitHubRepository } from '../../model/repository';
import { SubjectTemplate } from '../../model/subject-template';
import { findRoles } from '../template/role-lookup';
import { isTemplate, templateRoles } from '../template/template-roles';
import type * as Check from '../workflows/check';
import type * as Reader from '../workflows/read-workflow';
import type { CheckReport, CheckRole } from '../workflows/types';

/**
 * Options of `GitHubWorkflowAssertions.fromTemplate`.
 */
export interface GitHubWorkflowAssertionsOptions {
  /** The repository the workflows belong to. */
  readonly repository: GitHubRepository;

  /**
   * The workflow files, or directories of them.
   *
   * @default ['.github/workflows'] (relative to the working directory, the project root under jest)
   */
  readonly workflows?: string[];

  /**
   * Which role a `role-to-assume` names, when the template cannot tell (the ARN is a token until deploy): the
   * `role-to-assume` as written, or the variable it reads (`AWS_ROLE_ARN_PROD` for `${{ vars.AWS_ROLE_ARN_PROD }}`),
   * mapped to the role's construct ID, construct path or logical ID.
   *
   * @default - roles are matched by the variable's name (`AWS_ROLE_ARN_WEB_PROD` names construct `WebProd` or
   *   output `WebProdRoleArn`), or a template with one role is used for every job
   */
  readonly roles?: { [roleToAssume: string]: string };

  /**
   * Values of `vars.X` and `secrets.X` the workflows read.
   *
   * @default - none
   */
  readonly vars?: { [name: string]: string };

  /**
   * The default branch (where `schedule` and other default-branch events run).
   *
   * @default 'main'
   */
  readonly defaultBranch?: string;

  /**
   * The repository's `sub` template, when customized.
   *
   * @default SubjectTemplate.DEFAULT
   */
  readonly subjectTemplate?: SubjectTemplate;

  /**
   * The issuer of the workflows' tokens.
   *
   * @default - the issuer the role trusts
   */
  readonly issuer?: GitHubIssuer;
}

/**
 * The verdict on one workflow job that assumes a role.
 */
export interface GitHubWorkflowJobVerdict {
  /** The workflow file in the repository, e.g. `.github/workflows/deploy.yml`. */
  readonly workflow: string;
  /** The job ID. */
  readonly job: string;
  /** The job's line in the file. */
  readonly line: number;
  /** `allowed`, `partly`, `denied` or `unknown`. */
  readonly verdict: string;
  /**
   * The role's ID (construct path, else logical ID).
   *
   * @default - the role could not be resolved
   */
  readonly role?: string;
  /** The `sub` values the job's runs mint. */
  readonly subjects: string[];
  /** Each cause, as `<ID>: <message> (<file>:<line>)`. */
  readonly causes: string[];
}

/**
 * Assertions that the workflow jobs of a repository get the roles of a synthesized template.
 *
 * @example
 * import { Template } from 'aws-cdk-lib/assertions';
 * import { GitHubDeployRole, GitHubRepository, GitHubWorkflowAssertions, SubjectClaim } from 'cdk-github-deploy-roles';
 *
 * const web = GitHubRepository.of('acme', 'web');
 * new GitHubDeployRole(this, 'WebProd', { repository: web, subjects: [SubjectClaim.environment('production')] });
 *
 * const workflows = GitHubWorkflowAssertions.fromTemplate(Template.fromStack(this).toJSON(), {
 *   repository: web,
 *   roles: { AWS_ROLE_ARN: 'WebProd' },
 * });
 * workflows.assertEveryJobAllowed();
 */
export class GitHubWorkflowAssertions {
  /**
   * The roles of a synthesized template (e.g. `Template.fromStack(stack).toJSON()`) and the repository's workflows.
   */
  public static fromTemplate(template: any, options: GitHubWorkflowAssertionsOptions): GitHubWorkflowAssertions {
    if (!isTemplate(template)) {
      fail('template', template, 'a CloudFormation template with Resources, e.g. Template.fromStack(stack).toJSON()');
    }
    if (options === null || typeof options !== 'object' || !(options.repository instanceof GitHubRepository)) {
      fail('options.repository', (options as any)?.repository, 'a GitHubRepository, e.g. GitHubRepository.of("acme", "web")');
    }
    checkAssertionOptions(options);
    const roles: CheckRole[] = templateRoles(template).map((role) => ({
      id: role.constructPath?.replace(/\/Resource$/, '') ?? role.logicalId,
      policy: role.policy,
      logicalId: role.logicalId,
      ...(role.roleName !== undefined ? { roleName: role.roleName } : {}),
      ...(role.constructPath !== undefined ? { constructPath: role.constructPath } : {}),
      providerUrls: role.providerUrls,
      aliases: role.outputs,
      ...(role.providerAudiences ? { providerAudiences: role.providerAudiences } : {}),
    }));
    return new GitHubWorkflowAssertions(withNamedRoles(roles, options.roles ?? {}), options);
  }

  private report?: CheckReport;

  private constructor(private readonly roles: CheckRole[], private readonly options: GitHubWorkflowAssertionsOptions) {}

  /** The verdict on every job that assumes a role. */
  public jobs(): GitHubWorkflowJobVerdict[] {
    return this.check().jobs.map((job) => ({
      workflow: job.workflow,
      job: job.job,
      line: job.line,
      verdict: job.verdict,
      ...(job.role !== null ? { role: job.role } : {}),
      subjects: job.subjects,
      causes: job.causes.map((c) => `${c.id}: ${c.message} (${c.file}:${c.line})`),
    }));
  }

  /** Throws, listing each job and its causes, unless every job that assumes a role is admitted on every run. */
  public assertEveryJobAllowed(): void {
    const report = this.check();
    if (report.jobs.length === 0) {
      throw new Error(`no job of ${this.workflowPaths().join(', ')} runs aws-actions/configure-aws-credentials with role-to-assume`);
    }
    const failing = report.jobs.filter((job) => job.verdict !== 'allowed');
    const unreadable = report.problems.filter((p) => p.severity === 'error');
    if (failing.length === 0 && unreadable.length === 0) return;
    const lines = [`${failing.length} of ${report.jobs.length} workflow jobs would not get their role:`];
    for (const job of failing) {
      lines.push(`  ${job.workflow} job ${job.job} (line ${job.line}): ${job.verdict}${job.role ? ` with ${job.role}` : ''}`);
      for (const cause of job.causes.filter((c) => c.severity !== 'info')) lines.push(`    ${cause.id}: ${cause.message}`);
    }
    for (const problem of unreadable) lines.push(`  ${problem.file}:${problem.line}: ${problem.id}: ${problem.message}`);
    throw new Error(lines.join('\n'));
  }

  /** Throws when a role some job names admits subjects that no job of the workflows mints. */
  public assertNoUnusedTrust(): void {
    const excess = this.check().roles.flatMap((role) => role.causes);
    if (excess.length > 0) throw new Error(excess.map((c) => `${c.message}; ${c.fix ?? ''}`).join('\n'));
  }

  private check(): CheckReport {
    if (this.report) return this.report;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readWorkflow, repositoryPath } = require('../workflows/read-workflow') as typeof Reader;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { checkWorkflows } = require('../workflows/check') as typeof Check;
    const workflows = this.workflowFiles().map((file) => readWorkflow(file, repositoryPath(file), readFileSync(file, 'utf8')));
    this.report = checkWorkflows(workflows, this.roles, {
      repository: this.options.repository,
      ...(this.options.defaultBranch ? { defaultBranch: this.options.defaultBranch } : {}),
      ...(this.options.vars ? { vars: this.options.vars } : {}),
      ...(this.options.subjectTemplate ? { subjectTemplate: this.options.subjectTemplate } : {}),
      ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
    });
    return this.report;
  }

  private workflowPaths(): string[] {
    return this.options.workflows ?? ['.github/workflows'];
  }

  private workflowFiles(): string[] {
    const files: string[] = [];
    for (const path of this.workflowPaths()) {
      let directory: boolean;
      try {
        directory = statSync(path).isDirectory();
      } catch {
        fail('workflows', path, 'workflow files or directories that exist (relative to the working directory)');
      }
      if (directory) files.push(...readdirSync(path).filter((name) => /\.ya?ml$/i.test(name)).sort().map((name) => join(path, name)));
      else files.push(path);
    }
    return files;
  }
}

/** Adds the user's names (`roles` option) to the roles they designate, as aliases (variables) or ARNs. */
function withNamedRoles(roles: CheckRole[], names: { [roleToAssume: string]: string }): CheckRole[] {
  const extra = new Map<CheckRole, { aliases: string[]; arn?: string }>();
  for (const [roleToAssume, name] of Object.entries(names)) {
    const found = findRoles(roles, name);
    if (found.length !== 1) {
      fail(`roles[${JSON.stringify(roleToAssume)}]`, name, `the construct ID, construct path or logical ID of one role of the template: ${roles.map((r) => r.id).join(', ') || 'it has none'}`);
    }
    const entry = extra.get(found[0]) ?? { aliases: [] };
    const variable = /\$\{\{\s*(?:vars|secrets)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/.exec(roleToAssume)?.[1];
    if (roleToAssume.startsWith('arn:')) entry.arn = roleToAssume;
    else entry.aliases.push(variable ?? roleToAssume);
    extra.set(found[0], entry);
  }
  return roles.map((role) => {
    const entry = extra.get(role);
    if (!entry) return role;
    return { ...role, aliases: [...(role.aliases ?? []), ...entry.aliases], ...(entry.arn ? { arn: entry.arn } : {}) };
  });
}

/** The options' other fields, each of the type it is read as (a JavaScript caller can pass anything). */
function checkAssertionOptions(options: GitHubWorkflowAssertionsOptions): void {
  const { workflows, roles, vars, defaultBranch, subjectTemplate, issuer } = options;
  if (workflows !== undefined && (!Array.isArray(workflows) || workflows.some((path) => typeof path !== 'string' || path === ''))) {
    fail('options.workflows', workflows, 'a list of workflow files or directories, e.g. [".github/workflows"]');
  }
  checkStringMap('options.roles', roles, '{ "<role-to-assume as the workflow writes it>": "<construct ID of the role>" }');
  checkStringMap('options.vars', vars, '{ "<variable name>": "<value>" }');
  if (defaultBranch !== undefined && (typeof defaultBranch !== 'string' || defaultBranch === '')) {
    fail('options.defaultBranch', defaultBranch, 'a branch name, e.g. "main"');
  }
  if (subjectTemplate !== undefined && !(subjectTemplate instanceof SubjectTemplate)) {
    fail('options.subjectTemplate', subjectTemplate, 'a SubjectTemplate, e.g. SubjectTemplate.fromClaimKeys(["repo", "context"])');
  }
  if (issuer !== undefined && !(issuer instanceof GitHubIssuer)) {
    fail('options.issuer', issuer, 'a GitHubIssuer, e.g. GitHubIssuer.enterprise("acme")');
  }
}

function checkStringMap(field: string, value: unknown, expected: string): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(field, value, `an object of strings: ${expected}`);
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') fail(`${field}[${JSON.stringify(key)}]`, entry, `a string: ${expected}`);
  }
}
