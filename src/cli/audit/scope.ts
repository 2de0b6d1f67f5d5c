/**
 * What a trust policy admits, read from its GitHub statements: the issuers, the `sub` values, and the repositories
 * those name. Audits list it per role, and `--repositories` compares it with the organisation's inventory.
 */
import { GitHubStatement } from '../../analysis/validate/github-statement';
import { PlainPolicy } from '../../analysis/validate/plain-policy';
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
  const scope = new ScopeCollector();
  // The validator's reading of which statements trust GitHub, so that audit lists every role the rules judge
  // (a statement trusting "*" included).
  for (const { statement, issuer } of statements) {
    if (statement.effect !== 'Allow') continue;
    scope.addIssuer(issuer.url);
    const prefix = `${issuer.conditionKeyPrefix.toLowerCase()}:`;
    for (const condition of statement.conditions) {
      if (!ADMITTING.has(condition.normalizedBaseOperator) || !condition.normalizedKey.startsWith(prefix)) continue;
      scope.addClaim(condition.normalizedKey.slice(prefix.length), condition.values);
    }
  }
  return scope.result();
}

/**
 * What a policy of the plain shape trusts (plain-policy.ts reads it without parsing it again): the same as
 * `trustScope` of its reading, from its one statement's `StringEquals` block.
 */
export function plainTrustScope(plain: PlainPolicy): TrustScope {
  const scope = new ScopeCollector();
  scope.addIssuer(plain.issuer.url);
  for (const { claim, values } of plain.conditions) scope.addClaim(claim, values);
  return scope.result();
}

/** Issuers, subjects and repositories, each once, in the order first seen. */
class ScopeCollector {
  private readonly issuers = new Set<string>();
  private readonly subjects = new Set<string>();
  private readonly repositories = new Set<string>();

  public addIssuer(url: string): void {
    this.issuers.add(url);
  }

  /** The values of an admitting condition on `claim` (lower-case, without the issuer's prefix). */
  public addClaim(claim: string, values: readonly unknown[]): void {
    for (const value of values) {
      if (typeof value !== 'string') continue;
      if (claim === 'sub') {
        this.subjects.add(value);
        const repository = repositoryOfSubject(value);
        if (repository !== undefined) this.repositories.add(repository);
      } else if (claim === 'repository') {
        this.repositories.add(value);
      } else if (claim === 'repository_id') {
        this.repositories.add(`repository_id:${value}`);
      }
    }
  }

  public result(): TrustScope {
    return { issuers: [...this.issuers], subjects: [...this.subjects], repositories: [...this.repositories] };
  }
}
