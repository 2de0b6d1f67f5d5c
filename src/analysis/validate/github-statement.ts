/**
 * A statement that trusts a GitHub OIDC provider, with the lookups every rule needs: which conditions read which
 * claim of the statement's issuer, and how to name the statement in a message.
 */
import { GitHubIssuer } from '../../model/issuer';
import { ParsedCondition, ParsedPolicy, ParsedStatement } from '../policy/document';

/** A statement that trusts GitHub, with its issuer. */
export interface GitHubStatement {
  readonly statement: ParsedStatement;
  readonly issuer: GitHubIssuer;
  /** The statement's 0-based index in the policy. */
  readonly index: number;
  /** How messages name the statement, e.g. `statement 0 (Sid "Deploy")`. */
  readonly where: string;
}

// `<issuer host and path>:<claim>`: the claim is what follows the last colon.
const ISSUER_KEY = /^(.+):([^:/]+)$/;

/**
 * The statements of a policy that trust a GitHub OIDC provider.
 *
 * Besides what `parsePolicy` recognizes (a GitHub provider as federated principal, or GitHub condition keys under an
 * unreadable principal), a statement with `Principal: "*"` (or, to be safe, `{ "AWS": "*" }`) whose conditions read a
 * GitHub issuer's keys trusts GitHub too: any web identity token of any provider in the account matches `*`, so the
 * conditions are all that is left, and the rules must judge them.
 */
export function gitHubStatements(policy: ParsedPolicy): GitHubStatement[] {
  const result: GitHubStatement[] = [];
  for (const statement of policy.statements) {
    const issuer = statement.issuer ?? (trustsEveryone(statement) ? issuerOfKeys(statement.conditions) : undefined);
    if (!issuer) continue;
    const where = `statement ${statement.index}${statement.sid ? ` (Sid ${JSON.stringify(statement.sid)})` : ''}`;
    result.push({ statement, issuer, index: statement.index, where });
  }
  return result;
}

function trustsEveryone(statement: ParsedStatement): boolean {
  if (statement.otherPrincipals.includes('*')) return true;
  const raw = statement.raw as { Principal?: { AWS?: unknown } };
  const aws = raw.Principal !== null && typeof raw.Principal === 'object' ? raw.Principal.AWS : undefined;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

function issuerOfKeys(conditions: ParsedCondition[]): GitHubIssuer | undefined {
  for (const condition of conditions) {
    const prefix = ISSUER_KEY.exec(condition.key)?.[1];
    const issuer = prefix === undefined ? undefined : GitHubIssuer.tryFromUrl(prefix.toLowerCase());
    if (issuer) return issuer;
  }
  return undefined;
}

/**
 * The claim a condition key reads when it is a key of `issuer` (`<prefix>:<claim>`, compared without case as IAM
 * does), lower-cased; undefined for any other key.
 */
export function claimOfKey(issuer: GitHubIssuer, key: string): string | undefined {
  const match = ISSUER_KEY.exec(key);
  if (!match || match[1].toLowerCase() !== issuer.conditionKeyPrefix.toLowerCase()) return undefined;
  return match[2].toLowerCase();
}

/** The conditions of a statement on one claim of its issuer, e.g. every condition on `...:sub`. */
export function claimConditions(github: GitHubStatement, claim: string): ParsedCondition[] {
  return github.statement.conditions.filter((condition) => claimOfKey(github.issuer, condition.key) === claim);
}

/** Whether the statement is an Allow. */
export function isAllow(github: GitHubStatement): boolean {
  return github.statement.effect === 'Allow';
}

/** Whether the statement allows what a GitHub token is used for: `sts:AssumeRoleWithWebIdentity`. */
export function allowsWebIdentity(github: GitHubStatement): boolean {
  return isAllow(github) && github.statement.allowsWebIdentity;
}
