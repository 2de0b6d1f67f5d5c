import { fail } from './errors';

/**
 * The claims GitHub accepts in `include_claim_keys`, plus the `repo` and `context` pseudo-claims.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc#customizing-the-subject-claims-for-an-organization-or-repository
 */
export const SUBJECT_CLAIM_KEYS: readonly string[] = [
  'repo', 'context',
  'actor', 'actor_id', 'base_ref', 'enterprise', 'enterprise_id', 'environment', 'event_name', 'head_ref',
  'job_workflow_ref', 'job_workflow_sha', 'ref', 'ref_protected', 'ref_type', 'repository', 'repository_id',
  'repository_owner', 'repository_owner_id', 'repository_visibility', 'run_attempt', 'run_id', 'run_number',
  'runner_environment', 'sha', 'workflow', 'workflow_ref', 'workflow_sha',
];

/** Claims that identify exactly one repository; a template needs one of them to scope a role to one repository. */
export const REPOSITORY_CLAIM_KEYS: readonly string[] = ['repo', 'repository', 'repository_id'];

/** Claims that describe the repository rather than the run; the repository supplies their values. */
export const REPOSITORY_BOUND_CLAIM_KEYS: readonly string[] = ['repo', 'repository', 'repository_owner', 'repository_id', 'repository_owner_id'];

/**
 * Claims whose value whoever edits or triggers a workflow chooses (FACTS.md section 1): the workflow's name and file
 * path, the environment it references, the branch pushed or proposed, the event, the login that triggered it. Never
 * the only thing trusted, and a poor first claim of a custom subject.
 */
export const WORKFLOW_AUTHOR_CLAIM_KEYS: readonly string[] = [
  'workflow', 'environment', 'workflow_ref', 'actor', 'ref', 'event_name', 'head_ref', 'base_ref',
];

/**
 * How GitHub writes a claim value inside `sub`: a `:` becomes `%3A`, so that `:` only ever separates parts.
 */
export function encodeSubjectValue(value: string): string {
  return value.replace(/:/g, '%3A');
}

/**
 * The shape of the `sub` claim: the default `repo:<owner>/<repo>:<context>` or a customized `include_claim_keys`
 * template set for an organization or repository through GitHub's REST API.
 *
 * @see https://docs.github.com/en/rest/actions/oidc
 */
export class SubjectTemplate {
  /** GitHub's default: `repo:<owner>/<repo>:<context>`. */
  public static readonly DEFAULT = new SubjectTemplate(['repo', 'context']);

  /**
   * A custom template from the `include_claim_keys` array set for the organization or repository, in its order.
   *
   * It must include a claim that names one repository (`repo`, `repository` or `repository_id`), so that a role
   * built on it trusts one repository.
   *
   * @example
   * import { SubjectTemplate } from 'cdk-github-deploy-roles';
   * const template = SubjectTemplate.fromClaimKeys(['repo', 'context', 'job_workflow_ref']);
   */
  public static fromClaimKeys(claimKeys: string[]): SubjectTemplate {
    if (!Array.isArray(claimKeys) || claimKeys.length === 0) {
      fail('include_claim_keys', claimKeys, 'a non-empty array of claim names, e.g. ["repo", "context", "job_workflow_ref"]');
    }
    const seen = new Set<string>();
    for (const key of claimKeys) {
      if (typeof key !== 'string' || !SUBJECT_CLAIM_KEYS.includes(key)) {
        fail('include_claim_keys entry', key, `one of ${SUBJECT_CLAIM_KEYS.join(', ')}`);
      }
      if (seen.has(key)) fail('include_claim_keys entry', key, 'each claim once');
      seen.add(key);
    }
    if (!claimKeys.some((key) => REPOSITORY_CLAIM_KEYS.includes(key))) {
      fail('include_claim_keys', claimKeys,
        `a claim that names one repository (${REPOSITORY_CLAIM_KEYS.join(', ')}); without one, any repository could match`);
    }
    if (claimKeys.every((key) => REPOSITORY_BOUND_CLAIM_KEYS.includes(key))) {
      fail('include_claim_keys', claimKeys,
        'also a claim that describes the run (e.g. "context", "job_workflow_ref"): with only repository claims every run ' +
        'of the repository gets the same subject; trust SubjectClaim.anyRef() under the default template instead');
    }
    return new SubjectTemplate([...claimKeys]);
  }

  /**
   * `["repo", "context", "job_workflow_ref"]`: the caller's repository and context plus the reusable workflow that
   * asks for the token, so a role can trust only a central deploy workflow.
   */
  public static withJobWorkflowRef(): SubjectTemplate {
    return SubjectTemplate.fromClaimKeys(['repo', 'context', 'job_workflow_ref']);
  }

  private constructor(
    /** The claim names in the order GitHub writes them into `sub`. */
    public readonly claimKeys: string[],
  ) {}

  /** Whether this is GitHub's default `repo:...:<context>` template. */
  public get isDefault(): boolean {
    return this.claimKeys.length === 2 && this.claimKeys[0] === 'repo' && this.claimKeys[1] === 'context';
  }

  /**
   * Writes `sub` from claim values: `key:value` pairs in template order, `:` in values written `%3A`, and
   * `context` (already `kind:value`) written bare, as GitHub does.
   *
   * @param values one value per claim key of the template
   */
  public render(values: { [claim: string]: string }): string {
    return this.claimKeys.map((key) => {
      const value = values[key];
      if (typeof value !== 'string' || value === '') {
        fail(`subject claim "${key}"`, value, `a value for every claim of the template [${this.claimKeys.join(', ')}]`);
      }
      return key === 'context' ? value : `${key}:${encodeSubjectValue(value)}`;
    }).join(':');
  }

  /** Whether another template has the same claims in the same order. */
  public sameAs(other: SubjectTemplate): boolean {
    return other.claimKeys.join(',') === this.claimKeys.join(',');
  }

  public toString(): string {
    return JSON.stringify(this.claimKeys);
  }
}
