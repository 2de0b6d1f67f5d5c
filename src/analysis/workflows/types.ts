/**
 * The input and output shapes of the workflow check (`checkWorkflows`): the roles to check against, and per job the
 * verdict with its causes, each pointing at a line of a workflow file.
 */
import { GitHubIssuer } from '../../model/issuer';
import { GitHubRepository } from '../../model/repository';
import { SubjectFormat } from '../../model/subject-claim';
import { SubjectTemplate } from '../../model/subject-template';
import { ProviderUrls } from '../policy/principal';
import { NamedRole } from '../template/role-lookup';

/** A role a job may name, with its trust policy. */
export interface CheckRole extends NamedRole {
  /** How the role is named in the report (unique among the roles). */
  readonly id: string;
  readonly policy: unknown;
  readonly providerUrls?: ProviderUrls;
  /** The template's `Mappings`, for an `Fn::FindInMap` in the trust policy. */
  readonly mappings?: { readonly [map: string]: unknown };
  /** The 12-digit account of the role, when known. */
  readonly account?: string;
  /**
   * Other names the role is known by: the keys of stack outputs holding its ARN (`GitHubWorkflowSnippetOutput`,
   * `addRoleArnOutput`), matched against the variable a `role-to-assume: ${{ vars.X }}` reads.
   */
  readonly aliases?: readonly string[];
  /** The client IDs of the OIDC provider the role trusts, when the input defines the provider. */
  readonly providerAudiences?: readonly string[];
}

/** What the check needs to know about the repository the workflows belong to. */
export interface WorkflowCheckOptions {
  readonly repository: GitHubRepository;
  /** @default 'main' */
  readonly defaultBranch?: string;
  /** Values of `vars.X`, `secrets.X` (and `env.X` not set in the files), by name. */
  readonly vars?: { readonly [name: string]: string };
  /**
   * Environment variables and secrets by GitHub environment: a job that names the environment reads these over
   * `vars` (GitHub's "environment variables", e.g. one `AWS_ROLE_ARN` per environment).
   */
  readonly environmentVars?: { readonly [environment: string]: { readonly [name: string]: string } };
  /**
   * How `sub` spells the repository.
   *
   * @default - IMMUTABLE when the repository has IDs (and the issuer supports it), else NAME_ONLY
   */
  readonly subjectFormat?: SubjectFormat;
  /** The repository's `sub` template, when customized. */
  readonly subjectTemplate?: SubjectTemplate;
  /** @default - the issuer the role trusts, else github.com */
  readonly issuer?: GitHubIssuer;
}

/** Why a job is or is not admitted, with where to change it. */
export interface CheckCause {
  /** Stable ID, e.g. `IdTokenPermissionMissing`. */
  readonly id: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  /** The workflow file (as given) the line is in. */
  readonly file: string;
  readonly line: number;
  /** The smallest change that fixes it, and which side to prefer. */
  readonly fix?: string;
}

/** One run a job's triggers can produce, and whether the role admits its token. */
export interface CheckedRun {
  readonly description: string;
  readonly event: string;
  readonly ref: string;
  readonly environment?: string;
  readonly sub: string;
  readonly audience: string;
  readonly allowed: boolean;
}

/** The verdict on one job step that assumes a role. */
export interface JobCheck {
  /** The path in the repository, `.github/workflows/deploy.yml`. */
  readonly workflow: string;
  /** The file as given. */
  readonly file: string;
  readonly job: string;
  readonly line: number;
  /** The line of the configure-aws-credentials step. */
  readonly stepLine: number;
  /** The reusable workflow the job runs in, when it is a called workflow's job: `caller job -> file:job`. */
  readonly via?: string;
  readonly roleToAssume: string | null;
  /** The role's ID in the report, or null when it could not be resolved. */
  readonly role: string | null;
  readonly verdict: 'allowed' | 'partly' | 'denied' | 'unknown';
  readonly subjects: string[];
  readonly audience: string;
  readonly causes: CheckCause[];
  readonly runs: CheckedRun[];
  /** The matrix legs this entry covers, when the job has a matrix. */
  readonly matrix?: Array<{ readonly [key: string]: string }>;
}

/** A role the jobs name, and what it trusts beyond them. */
export interface RoleCheck {
  readonly role: string;
  readonly jobs: string[];
  readonly trustedSubjects: string[];
  readonly causes: CheckCause[];
}

/** The whole check. */
export interface CheckReport {
  readonly jobs: JobCheck[];
  readonly roles: RoleCheck[];
  /** What could not be read in the workflow files, and calls not followed. */
  readonly problems: CheckCause[];
}
