/**
 * One statement judged against the token: does its principal cover the token's issuer, its action the call, and
 * does every condition hold. The statement's effect applies only when all three do.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import { ConditionContext, evaluateCondition } from './conditions';
import { label } from './text';
import { ConditionEvaluation, StatementEvaluation } from './types';
import { GitHubIssuer } from '../../model/issuer';
import { actionMatches, ParsedStatement } from '../policy/document';
import { coversEveryone, federatedIssuer, issuerOfMiswrittenPrincipal, miswrittenPrincipalKind, providerAccount, ProviderUrls } from '../policy/principal';

/** What every statement of one evaluation reads. */
export interface StatementContext extends ConditionContext {
  readonly action: string;
  readonly providerUrls?: ProviderUrls;
  /** The role's account, when known: a provider of another account is not the token's. */
  readonly roleAccount?: string;
}

/** A statement's evaluation and, when it does not apply, the short reason for the summary line. */
export interface JudgedStatement {
  readonly evaluation: StatementEvaluation;
  readonly whyNot?: string;
}

/** Judges one statement; never throws. */
export function evaluateStatement(statement: ParsedStatement, context: StatementContext, problems: string[]): JudgedStatement {
  const principal = judgePrincipal(statement, context, problems);
  const actionMatched = judgeAction(statement, context.action, problems);
  const conditions = statement.conditions.map((condition) => evaluateCondition(condition, context, statement, problems));
  conditions.push(...unreadableConditions(statement.raw));
  const failed = conditions.filter((condition) => !condition.matched);
  const applies = principal.matched && actionMatched && failed.length === 0;
  const evaluation: StatementEvaluation = {
    index: statement.index,
    ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
    effect: statement.effect,
    principalMatched: principal.matched,
    actionMatched,
    conditions,
    applies,
  };
  let whyNot: string | undefined;
  if (!principal.matched) whyNot = principal.whyNot;
  else if (!actionMatched) whyNot = `does not cover ${context.action}`;
  else if (failed.length > 0) whyNot = `${joinNames([...new Set(failed.map((c) => label(c.claim ?? (c.key || c.operator || 'Condition'))))])} did not match`;
  return { evaluation, whyNot };
}

function judgePrincipal(statement: ParsedStatement, context: StatementContext, problems: string[]): { matched: boolean; whyNot?: string } {
  const raw = statement.raw as { Principal?: unknown; NotPrincipal?: unknown };
  if (raw.Principal === undefined && raw.NotPrincipal === undefined) {
    problems.push(`statement ${statement.index} has no Principal: it applies to no one in a trust policy`);
    return { matched: false, whyNot: 'has no Principal' };
  }
  const everyone = statement.everyone;
  // The reader found the first GitHub provider among the federated principals; look at the others only when there are.
  const trusted: GitHubIssuer[] = [];
  const elsewhere: string[] = [];
  if (statement.federated.length === 1 && statement.issuerSource === 'principal' && statement.issuer && context.roleAccount === undefined) {
    trusted.push(statement.issuer);
  } else {
    for (const value of statement.federated) {
      const issuer = federatedIssuer(value, context.providerUrls);
      if (!issuer) continue;
      // STS looks the provider up in the role's own account: another account's provider is never the token's.
      const account = context.roleAccount === undefined ? undefined : providerAccount(value);
      if (account !== undefined && account !== context.roleAccount) elsewhere.push(account);
      else trusted.push(issuer);
    }
  }
  const issuer = context.issuer;
  if (trusted.length === 0 && statement.issuer && statement.issuerSource === 'condition-keys') {
    problems.push(`statement ${statement.index}: its federated principal cannot be read; assumed to be ${statement.issuer.url}, whose condition keys it uses`);
    trusted.push(statement.issuer);
  }
  if (trusted.length === 0 && statement.issuerSource === 'unknown-provider') {
    // No condition names an issuer either: the provider may be the token's, whichever GitHub issuer that is.
    const assumed = issuer ?? statement.issuer!;
    problems.push(`statement ${statement.index}: its federated principal cannot be read and no condition names an issuer; assumed to be ${assumed.url}`);
    trusted.push(assumed);
  }
  const listed = everyone || (issuer !== undefined && trusted.some((candidate) => candidate.sameAs(issuer)));

  if (statement.notPrincipal) {
    // IAM refuses NotPrincipal in a role trust policy, and with Allow anywhere (reference_policies_elements_notprincipal):
    // an Allow with it admits no one. A Deny is read as written, every principal it does not name: the safe side.
    if (statement.effect === 'Allow') {
      problems.push(`statement ${statement.index} is an Allow with NotPrincipal, which IAM does not support (nor NotPrincipal ` +
        'in a role trust policy at all): it admits no one');
      return { matched: false, whyNot: 'is an Allow with NotPrincipal, which IAM does not support' };
    }
    problems.push(`statement ${statement.index} uses NotPrincipal: evaluated as applying to every principal it does not name`);
    const excluded = coversEveryone(raw.NotPrincipal) || (issuer !== undefined && trusted.some((candidate) => candidate.sameAs(issuer)));
    return excluded ? { matched: false, whyNot: 'its NotPrincipal excludes the token\'s issuer' } : { matched: true };
  }
  if (listed) return { matched: true };
  if (!issuer) return { matched: false, whyNot: 'the token\'s issuer is not a GitHub Actions issuer' };
  if (trusted.length > 0) return { matched: false, whyNot: `trusts ${joinNames(trusted.map((t) => t.url))}, not ${issuer.url}` };
  if (elsewhere.length > 0) {
    return { matched: false, whyNot: `trusts a provider of account ${joinNames(elsewhere)}, not of the role's account ${context.roleAccount}` };
  }
  if (statement.issuerSource === 'issuer-host') {
    // `"Federated": "token.actions.githubusercontent.com"`, or the ARN with white space around it: no provider of the account
    // as STS matches it (FederatedPrincipalNotArn).
    const written = statement.federated.find((value) => issuerOfMiswrittenPrincipal(value, [statement.issuer!]) !== undefined) as string;
    return {
      matched: false,
      whyNot: `names ${statement.issuer!.url} as ${JSON.stringify(written)}, ${miswrittenPrincipalKind(written)}, ` +
      'not by its OIDC provider\'s ARN, which is what STS matches',
    };
  }
  if (statement.federated.length > 0) return { matched: false, whyNot: 'trusts another identity provider' };
  const types = statement.otherPrincipals.filter((type) => type !== '*');
  return { matched: false, whyNot: types.length > 0 ? `trusts ${joinNames(types.map(label))} principals, not a web identity` : 'trusts no web identity' };
}

function judgeAction(statement: ParsedStatement, action: string, problems: string[]): boolean {
  const raw = statement.raw as { Action?: unknown; NotAction?: unknown };
  if (raw.Action === undefined && raw.NotAction === undefined) {
    problems.push(`statement ${statement.index} has no Action`);
    return false;
  }
  const named = statement.actions.some((pattern) => actionMatches(pattern, action));
  return statement.notAction ? !named : named;
}

/**
 * Condition blocks the reader could not take apart (it reports them and skips them). IAM would refuse such a policy;
 * here each counts as a condition that does not match, so that a statement never applies more widely than written.
 */
function unreadableConditions(raw: { Condition?: unknown }): ConditionEvaluation[] {
  const block = raw.Condition;
  if (block === undefined) return [];
  if (block === null || typeof block !== 'object' || Array.isArray(block)) {
    return [notMatching('', 'the Condition is not an object of operators, so it cannot match')];
  }
  return Object.entries(block)
    .filter(([, keys]) => keys === null || typeof keys !== 'object' || Array.isArray(keys))
    .map(([operator]) => notMatching(operator, `${label(operator)} does not hold an object of keys and values, so it cannot match`));
}

function notMatching(operator: string, explanation: string): ConditionEvaluation {
  return { operator, key: '', expected: [], matched: false, explanation };
}

/** `a`, `a and b`, `a, b and c`. */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
