/**
 * A statement that trusts a GitHub OIDC provider, with the lookups every rule needs: which conditions read which
 * claim of the statement's issuer, and how to name the statement in a message.
 */
import type { RepositoryPin, SubjectValue } from './subject-values';
import { GitHubIssuer } from '../../model/issuer';
import type { PolicyVariant } from '../policy/conditional';
import { ParsedCondition, ParsedPolicy, ParsedStatement, parsePolicy } from '../policy/document';
import { coversEveryone, ProviderUrls } from '../policy/principal';

/** A statement that trusts GitHub, with its issuer. */
export interface GitHubStatement {
  readonly statement: ParsedStatement;
  readonly issuer: GitHubIssuer;
  /** The statement's 0-based index in the policy. */
  readonly index: number;
  /** How messages name the statement, e.g. `statement 0 (Sid "Deploy")`. */
  readonly where: string;
  /**
   * The statement's conditions by the claim of `issuer` they read (lower-cased), in the order written; keys of other
   * issuers and global keys are left out. Worked out once per statement: nearly every rule asks for some claim's
   * conditions, and reading the claim out of each key again per rule was most of the validator's time.
   */
  readonly conditionsByClaim: ReadonlyMap<string, readonly ParsedCondition[]>;
  /** The statement's conditions in the order written, each with the claim of `issuer` it reads. */
  readonly conditions: readonly ClaimedCondition[];
  /**
   * What several rules derive from the statement, filled in on first use by the module that derives it
   * (subject-values.ts), so that it is worked out once per statement.
   */
  readonly derived: DerivedAnalyses;
}

/** See `GitHubStatement.derived`; undefined until first asked for. */
export interface DerivedAnalyses {
  subjectValues?: readonly SubjectValue[];
  /** null: no condition pins the repository. */
  repositoryPin?: RepositoryPin | null;
}

/** A condition with the claim of the statement's issuer it reads. */
export interface ClaimedCondition {
  readonly condition: ParsedCondition;
  /** The claim, lower-cased (see `claimOfKey`); undefined for a key of another issuer or a global key. */
  readonly claim?: string;
}

// Text that names a GitHub issuer: github.com's and GHE.com's hosts, or a GHES issuer's `/_services/token` path.
const GITHUB_MENTION = /token\.actions\.|_services\/token/i;

/**
 * Whether policy text names a GitHub issuer anywhere: for what is judged on the text when no statement that trusts
 * GitHub is left to read (a duplicate key may have dropped it).
 */
export function mentionsGitHub(text: string): boolean {
  return GITHUB_MENTION.test(text);
}

// `<issuer host and path>:<claim>`: the claim is what follows the last colon.
const ISSUER_KEY = /^(.+):([^:/]+)$/;

/**
 * The statements of a policy that trust a GitHub OIDC provider.
 *
 * Besides what `parsePolicy` recognizes (a GitHub provider as federated principal, or GitHub condition keys under an
 * unreadable principal), a statement whose principal covers everyone (`ParsedStatement.everyone`) trusts GitHub too:
 * any web identity token of any provider in the account matches it, so the conditions are all that is left, and the
 * rules must judge them.
 */
export function gitHubStatements(policy: ParsedPolicy): GitHubStatement[] {
  const result: GitHubStatement[] = [];
  for (const statement of policy.statements) {
    const issuer = statement.issuer ?? (statement.everyone || admitsAllButNamed(statement) ? everyoneIssuer(statement) : undefined);
    if (!issuer) continue;
    const where = `statement ${statement.index}${statement.sid ? ` (Sid ${JSON.stringify(statement.sid)})` : ''}` +
      (statement.issuerSource === 'unknown-provider' ? ' (provider known only at deploy, judged as GitHub\'s)' : '');
    const conditions = statement.conditions.map((condition) => ({ condition, claim: claimOfKey(issuer, condition.key) }));
    const derived: DerivedAnalyses = { subjectValues: undefined, repositoryPin: undefined };
    result.push({ statement, issuer, index: statement.index, where, conditionsByClaim: byClaim(conditions), conditions, derived });
  }
  return result;
}

/** The GitHub statements of each variant of a policy with CloudFormation choices (policy/conditional.ts). */
export function variantGitHubStatements(variants: readonly PolicyVariant[], providerUrls: ProviderUrls): GitHubStatement[][] {
  return variants.map((variant) => gitHubStatements(parsePolicy(variant.document, { providerUrls })));
}

/**
 * An Allow with a `NotPrincipal` that names neither everyone nor a GitHub provider: written to trust every principal
 * but those named, GitHub's web identities included. (IAM refuses NotPrincipal in a role trust policy, so such a
 * policy fails to deploy; the rules say why rather than stay silent.)
 */
function admitsAllButNamed(statement: ParsedStatement): boolean {
  return statement.notPrincipal && statement.effect === 'Allow' && !coversEveryone((statement.raw as { NotPrincipal?: unknown }).NotPrincipal);
}

/**
 * The issuer a statement trusting everyone is judged as: the one its condition keys name, else, when it allows
 * `sts:AssumeRoleWithWebIdentity`, github.com's. Such a statement admits web identities of every provider in the
 * account, GitHub's included, so its having no GitHub key is no reason to stay silent (issue 10): the rules then
 * find the missing `sub` and `aud` conditions.
 */
function everyoneIssuer(statement: ParsedStatement): GitHubIssuer | undefined {
  const named = issuerOfKeys(statement.conditions);
  if (named) return named;
  return statement.effect === 'Allow' && statement.allowsWebIdentity ? GitHubIssuer.GITHUB_COM : undefined;
}

function issuerOfKeys(conditions: ParsedCondition[]): GitHubIssuer | undefined {
  for (const condition of conditions) {
    const prefix = ISSUER_KEY.exec(condition.key)?.[1];
    const issuer = prefix === undefined ? undefined : GitHubIssuer.tryFromUrl(prefix.toLowerCase());
    if (issuer) return issuer;
  }
  return undefined;
}

function byClaim(conditions: readonly ClaimedCondition[]): Map<string, ParsedCondition[]> {
  const map = new Map<string, ParsedCondition[]>();
  for (const { condition, claim } of conditions) {
    if (claim === undefined) continue;
    const list = map.get(claim);
    if (list) list.push(condition);
    else map.set(claim, [condition]);
  }
  return map;
}

/**
 * The claim a condition key reads when it is a key of `issuer` (`<prefix>:<claim>`, compared without case as IAM
 * does), lower-cased; undefined for any other key.
 */
export function claimOfKey(issuer: GitHubIssuer, key: string): string | undefined {
  // What ISSUER_KEY matches, without a regular expression (this runs for every condition): the claim is what follows
  // the last colon, non-empty and without "/"; the prefix before it is non-empty. (ISSUER_KEY's `.` also refuses line
  // breaks in the prefix; a prefix equal to an issuer's never holds one.)
  const colon = key.lastIndexOf(':');
  if (colon <= 0 || colon === key.length - 1) return undefined;
  const claim = key.slice(colon + 1);
  if (claim.includes('/')) return undefined;
  if (key.slice(0, colon).toLowerCase() !== issuer.conditionKeyPrefix.toLowerCase()) return undefined;
  return claim.toLowerCase();
}

const NO_CONDITIONS: readonly ParsedCondition[] = [];

/** The conditions of a statement on one claim of its issuer, e.g. every condition on `...:sub`. */
export function claimConditions(github: GitHubStatement, claim: string): readonly ParsedCondition[] {
  return github.conditionsByClaim.get(claim) ?? NO_CONDITIONS;
}

/** Whether the statement is an Allow. */
export function isAllow(github: GitHubStatement): boolean {
  return github.statement.effect === 'Allow';
}

/** Whether the statement allows what a GitHub token is used for: `sts:AssumeRoleWithWebIdentity`. */
export function allowsWebIdentity(github: GitHubStatement): boolean {
  return isAllow(github) && github.statement.allowsWebIdentity;
}
