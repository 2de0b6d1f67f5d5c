/**
 * What a trust policy admits, read from its GitHub statements: the issuers, the `sub` values, and the repositories
 * those name. Audits list it per role, and `--repositories` compares it with the organisation's inventory.
 */
import { GitHubStatement } from '../../analysis/validate/github-statement';
import { repositoryOfSubject } from '../subject-parts';

/** The GitHub side of a trust policy. */
export interface TrustScope {
  /** Issuer URLs of the GitHub providers the policy trusts. */
  readonly issuers: string[];
  /** The `sub` values of Allow statements, as written. */
  readonly subjects: string[];
  /**
   * The repositories the policy names, as written: `acme/web`, immutable `acme@1/web@2`, a pattern `acme/*`, or
   * `repository_id:N` for templates and conditions that name the repository only by ID.
   */
  readonly repositories: string[];
}

// Operators whose values say what is admitted (negated ones say what is not).
const ADMITTING = new Set(['stringequals', 'stringlike', 'stringequalsignorecase']);

/**
 * The issuers, subjects and repositories of the Allow statements that trust GitHub, as `gitHubStatements` finds them
 * in a parsed policy.
 */
export function trustScope(statements: readonly GitHubStatement[]): TrustScope {
  const issuers = new Set<string>();
  const subjects = new Set<string>();
  const repositories = new Set<string>();
  // The validator's reading of which statements trust GitHub, so that audit lists every role the rules judge
  // (a statement trusting "*" included).
  for (const { statement, issuer } of statements) {
    if (statement.effect !== 'Allow') continue;
    issuers.add(issuer.url);
    const prefix = `${issuer.conditionKeyPrefix.toLowerCase()}:`;
    for (const condition of statement.conditions) {
      if (!ADMITTING.has(condition.normalizedBaseOperator) || !condition.normalizedKey.startsWith(prefix)) continue;
      const claim = condition.normalizedKey.slice(prefix.length);
      for (const value of condition.values) {
        if (typeof value !== 'string') continue;
        if (claim === 'sub') {
          subjects.add(value);
          const repository = repositoryOfSubject(value);
          if (repository !== undefined) repositories.add(repository);
        } else if (claim === 'repository') {
          repositories.add(value);
        } else if (claim === 'repository_id') {
          repositories.add(`repository_id:${value}`);
        }
      }
    }
  }
  return { issuers: [...issuers], subjects: [...subjects], repositories: [...repositories] };
}
