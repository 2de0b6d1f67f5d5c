import { describeValue, fail } from './errors';
import { GitHubRepository } from './repository';
import { encodeSubjectValue, REPOSITORY_BOUND_CLAIM_KEYS, SubjectTemplate, SUBJECT_CLAIM_KEYS } from './subject-template';

/** What a subject admits, which decides how the rules judge it. */
export enum SubjectKind {
  /** Runs on one branch, or branches matching a pattern (`ref:refs/heads/...`). */
  BRANCH = 'BRANCH',
  /** Runs on one tag, or tags matching a pattern (`ref:refs/tags/...`). */
  TAG = 'TAG',
  /** Jobs that reference a GitHub environment (`environment:...`), whatever triggered them. */
  ENVIRONMENT = 'ENVIRONMENT',
  /** `pull_request` runs without an environment (`pull_request`). */
  PULL_REQUEST = 'PULL_REQUEST',
  /** Any run of the repository (`*` after the repository). */
  ANY_REF = 'ANY_REF',
}

/** Which spelling of the repository a subject uses. */
export enum SubjectFormat {
  /** `repo:owner/name:...`, what repositories created before 15 July 2026 get unless they opt in. */
  NAME_ONLY = 'NAME_ONLY',
  /** `repo:owner@ownerId/name@repositoryId:...`, immutable; needs the repository's IDs. */
  IMMUTABLE = 'IMMUTABLE',
  /** Both forms, to keep deploying while a repository switches to immutable subjects. */
  BOTH = 'BOTH',
}

// git check-ref-format, less '*' and '?' which we allow as StringLike wildcards.
// eslint-disable-next-line no-control-regex
const REF_FORBIDDEN = /[\x00-\x20\x7f~^:\\[]|\.\.|@\{|\/\/|^\/|\/$|\.$|\.lock$|(^|\/)\./;
// What no part of a ref name can hold, wherever a wildcard stands around it.
// eslint-disable-next-line no-control-regex
const REF_FORBIDDEN_ANYWHERE = /[\x00-\x20\x7f~^:\\[]|\.\.|@\{/;

/**
 * Why no git branch or tag can have this name (after `refs/heads/` or `refs/tags/`), or undefined when one can:
 * git check-ref-format's rules. With `pattern`, `*` and `?` are wildcards and only what no part of a name may hold
 * counts (a space, `~`, `^`, `\`, `[`, `..`, `@{`, a control character).
 *
 * @see https://git-scm.com/docs/git-check-ref-format
 */
export function refNameProblem(name: string, pattern: boolean): string | undefined {
  if (pattern) return REF_FORBIDDEN_ANYWHERE.test(name) ? 'holds what git forbids in a ref (a space, "~", "^", "\\", "[", "..", "@{")' : undefined;
  if (REF_FORBIDDEN.test(name) || /[*?]/.test(name)) {
    return 'is not a name git allows (git check-ref-format)';
  }
  return undefined;
}

/**
 * The part of `sub` that says which runs of a repository may assume a role: a branch, tag, environment, pull
 * requests, or a custom template's claims. Immutable: `withTemplate` returns a new subject.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */
export class SubjectClaim {
  /**
   * Runs on a branch, when the job references no environment and the event is not `pull_request`:
   * `repo:<owner>/<repo>:ref:refs/heads/<branch>`.
   *
   * Note that `schedule`, `workflow_dispatch` and similar events run on the default branch too.
   *
   * @param branch a branch name, e.g. `main`, or a pattern with `*` or `?`, e.g. `release/*` (every branch: `*`)
   */
  public static branch(branch: string): SubjectClaim {
    checkRefPattern('branch', branch, 'refs/heads/');
    return new SubjectClaim(SubjectKind.BRANCH, `ref:refs/heads/${branch}`);
  }

  /**
   * Runs on a tag, when the job references no environment: `repo:<owner>/<repo>:ref:refs/tags/<tag>`.
   *
   * @param tag a tag name, e.g. `v1.2.3`, or a pattern, e.g. `v*`
   */
  public static tag(tag: string): SubjectClaim {
    checkRefPattern('tag', tag, 'refs/tags/');
    return new SubjectClaim(SubjectKind.TAG, `ref:refs/tags/${tag}`);
  }

  /**
   * Jobs that reference a GitHub environment, whatever the trigger: `repo:<owner>/<repo>:environment:<name>`.
   * Put protection rules (required reviewers, branch policies) on the environment in GitHub.
   *
   * @param name the environment name as written in the workflow; a `:` is written `%3A` as GitHub does
   * @see https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment
   */
  public static environment(name: string): SubjectClaim {
    // GitHub: at most 255 characters. Wildcards are refused: an environment is the unit of protection rules.
    // eslint-disable-next-line no-control-regex
    if (typeof name !== 'string' || name.length === 0 || name.length > 255 || /[\x00-\x1f\x7f*?]/.test(name)
      || name.trim() !== name) {
      fail('environment', name, 'a GitHub environment name: 1 to 255 characters, no leading or trailing spaces, no "*" or "?"');
    }
    return new SubjectClaim(SubjectKind.ENVIRONMENT, `environment:${encodeSubjectValue(name)}`);
  }

  /**
   * `pull_request` runs that reference no environment: `repo:<owner>/<repo>:pull_request`. Anyone who can open a
   * pull request from a branch of the repository can run it (forks get no token): the rules warn and ask for an
   * acknowledgement. Give such a role read-only permissions.
   */
  public static pullRequest(): SubjectClaim {
    return new SubjectClaim(SubjectKind.PULL_REQUEST, 'pull_request');
  }

  /**
   * Any run of the repository: `repo:<owner>/<repo>:*`. The rules warn and ask for an acknowledgement.
   */
  public static anyRef(): SubjectClaim {
    return new SubjectClaim(SubjectKind.ANY_REF, '*');
  }

  private constructor(
    /** What this subject admits. */
    public readonly kind: SubjectKind,
    /** The `context` part, e.g. `ref:refs/heads/main` or `environment:production`. */
    public readonly context: string,
    /** The `sub` template the repository or organization uses. */
    public readonly template: SubjectTemplate = SubjectTemplate.DEFAULT,
    private readonly extraClaims: { [claim: string]: string } = {},
  ) {}

  /**
   * The same subject under a custom `include_claim_keys` template, with values for the template's other claims.
   *
   * The repository's claims (`repo`, `repository`, `repository_owner`, `repository_id`, `repository_owner_id`) come
   * from the role's repository; `context` comes from this subject.
   *
   * @param template the template set for the organization or repository
   * @param claims values for the template's other claims, e.g. `{ job_workflow_ref: 'acme/deploy/.github/workflows/deploy.yml@refs/heads/main' }`
   */
  public withTemplate(template: SubjectTemplate, claims: { [claim: string]: string } = {}): SubjectClaim {
    if (!(template instanceof SubjectTemplate)) {
      fail('template', template, 'a SubjectTemplate, e.g. SubjectTemplate.fromClaimKeys([...])');
    }
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
      fail('template claims', claims, 'an object of claim name to value');
    }
    for (const [key, value] of Object.entries(claims)) {
      if (!SUBJECT_CLAIM_KEYS.includes(key) || key === 'context') {
        fail('template claim name', key, 'a claim of the template other than "context"');
      }
      if (REPOSITORY_BOUND_CLAIM_KEYS.includes(key)) {
        fail('template claim name', key, 'a claim that does not describe the repository: those come from the role\'s repository');
      }
      if (!template.claimKeys.includes(key)) {
        fail('template claim name', key, `a claim of the template [${template.claimKeys.join(', ')}]`);
      }
      checkClaimValue(key, value);
    }
    for (const key of template.claimKeys) {
      if (key !== 'context' && !REPOSITORY_BOUND_CLAIM_KEYS.includes(key) && claims[key] === undefined) {
        fail(`template claim "${key}"`, undefined, `a value for "${key}", which the template [${template.claimKeys.join(', ')}] includes`);
      }
    }
    return new SubjectClaim(this.kind, this.context, template, { ...claims });
  }

  /** Values of the template's claims other than the repository's and `context`. */
  public get claims(): { [claim: string]: string } {
    return { ...this.extraClaims };
  }

  /** Whether a rendered value holds a `*` or `?` and so needs `StringLike`. */
  public get hasWildcard(): boolean {
    return /[*?]/.test(this.context) || Object.values(this.extraClaims).some((value) => /[*?]/.test(value));
  }

  /**
   * The `sub` values this subject admits for a repository: one, or two when `format` is `BOTH`. The format only
   * changes the `repo` claim: a template without it (e.g. `["repository_owner_id", "repository_id", "ref"]`) has one
   * subject whatever the format.
   */
  public render(repository: GitHubRepository, format: SubjectFormat = SubjectFormat.NAME_ONLY): string[] {
    const names = !this.template.claimKeys.includes('repo') ? [repository.fullName]
      : format === SubjectFormat.BOTH ? [repository.fullName, repository.immutableName]
        : format === SubjectFormat.IMMUTABLE ? [repository.immutableName] : [repository.fullName];
    return names.map((repo) => this.template.render({
      ...this.extraClaims,
      context: this.context,
      repo,
      repository: repository.fullName,
      repository_owner: repository.owner,
      ...(repository.hasIds ? {
        repository_id: String(repository.repositoryId),
        repository_owner_id: String(repository.ownerId),
      } : {}),
    }));
  }

  public toString(): string {
    return this.template.isDefault ? this.context : `${this.context} ${JSON.stringify(this.extraClaims)} in ${this.template}`;
  }
}

function checkRefPattern(field: string, value: string, prefix: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
    fail(field, value, `a ${field} name or pattern of 1 to 255 characters`);
  }
  if (value.startsWith('refs/')) {
    fail(field, value, `the ${field} name without "${prefix}", e.g. "${value.replace(/^refs\/(heads|tags)\//, '')}"`);
  }
  if (REF_FORBIDDEN.test(value)) {
    fail(field, value,
      `a valid git ${field} name: no spaces, control characters, "~", "^", ":", "\\", "[", "..", "@{" or "//", ` +
      'not starting or ending with "/", not ending with "." or ".lock"; "*" and "?" are wildcards');
  }
}

function checkClaimValue(key: string, value: unknown): void {
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || value.length === 0 || /[\x00-\x1f\x7f]/.test(value)) {
    fail(`template claim "${key}" value`, value, 'a non-empty string without control characters');
  }
  // Wildcards belong in ref-like values only; anywhere else they widen the role beyond what the name says.
  if (/[*?]/.test(value) && !['ref', 'job_workflow_ref', 'base_ref', 'head_ref', 'workflow_ref'].includes(key)) {
    fail(`template claim "${key}" value`, value, `no "*" or "?" in ${key} (wildcards only in ref values); got ${describeValue(value)}`);
  }
}
