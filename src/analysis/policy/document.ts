/**
 * Reads a trust policy however it comes (an object, JSON text, URL-encoded JSON text as the IAM API and
 * `get-account-authorization-details` return it, or a CloudFormation template fragment) into plain statements and
 * conditions that the rules and the evaluator share. Never throws: what cannot be read is reported in `problems`.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 */
import { isExpression, isExpressionKey } from './intrinsic-shape';
import {
  conditionKeyIssuer, coversEveryone, federatedIssuer, isStar, issuerOfConditionKey, issuerOfMiswrittenPrincipal, issuersNamedByKeys, ProviderUrls,
  providerUnknown,
} from './principal';
import { replacesVariables } from './variables';
import { GitHubIssuer } from '../../model/issuer';
import { findOperator } from '../evaluate/operators';
import { hasWildcard, wildcardPattern } from '../evaluate/wildcard';

/** One condition entry: one operator and one key, with its values. */
export interface ParsedCondition {
  /** The operator as written, e.g. `ForAllValues:StringLikeIfExists`. */
  readonly operator: string;
  /** The operator without set qualifier and `IfExists`, e.g. `StringLike`. */
  readonly baseOperator: string;
  /**
   * `baseOperator` lower-cased, as IAM compares operator names: worked out once per condition (every rule asks which
   * operator a condition has).
   */
  readonly normalizedBaseOperator: string;
  /** `ForAllValues` or `ForAnyValue`, if written. */
  readonly qualifier?: 'ForAllValues' | 'ForAnyValue';
  /** Whether the operator ends in `IfExists`. */
  readonly ifExists: boolean;
  /** The condition key as written. */
  readonly key: string;
  /** The key lower-cased: IAM compares key names without regard to case. */
  readonly normalizedKey: string;
  /** The values as written, always a list (a single value becomes a one-element list). */
  readonly values: unknown[];
}

/** One statement of a trust policy. */
export interface ParsedStatement {
  /** Position in the policy's `Statement` list (0-based). */
  readonly index: number;
  readonly sid?: string;
  /** `Allow` or `Deny` as written (other values are reported as a problem and kept). */
  readonly effect: string;
  /** The actions of `Action`, or of `NotAction` when `notAction` is true. */
  readonly actions: string[];
  readonly notAction: boolean;
  /** The federated principals, as written (strings or CloudFormation intrinsics). */
  readonly federated: unknown[];
  /** Other principal types present (`AWS`, `Service`, `*`), which make the statement not (only) GitHub's. */
  readonly otherPrincipals: string[];
  /** Whether the statement uses `NotPrincipal`. */
  readonly notPrincipal: boolean;
  /**
   * Whether the `Principal` covers every caller, web identities of every provider in the account included (see
   * `coversEveryone`); false for `NotPrincipal`.
   */
  readonly everyone: boolean;
  readonly conditions: ParsedCondition[];
  /**
   * The GitHub issuer this statement trusts, from its federated principal or, when the principal cannot be read
   * (an import, a parameter), from its condition keys. Undefined when it does not trust GitHub.
   */
  readonly issuer?: GitHubIssuer;
  /**
   * How the issuer was found: from the principal (a provider ARN, or `issuer-host`: the issuer's host written where the
   * ARN belongs, which no token matches), from the condition keys of a principal that cannot be read, or assumed
   * (github.com's) for a principal that cannot be read and conditions that name no issuer at all.
   */
  readonly issuerSource?: IssuerSource;
  /** Whether the statement allows `sts:AssumeRoleWithWebIdentity` (directly or through a wildcard). */
  readonly allowsWebIdentity: boolean;
  /**
   * Whether IAM replaces policy variables (`${...}`) in the statement's condition values: only under the policy
   * `Version` "2012-10-17" (see variables.ts); elsewhere they are plain text.
   */
  readonly replacesVariables: boolean;
  /** The statement as written, with its element names (and principal types) in IAM's case (see STATEMENT_ELEMENTS). */
  readonly raw: any;
}

/** How a statement's GitHub issuer was found (see `ParsedStatement.issuerSource`). */
export type IssuerSource = 'principal' | 'issuer-host' | 'condition-keys' | 'unknown-provider';

/** A trust policy read into statements. */
export interface ParsedPolicy {
  readonly statements: ParsedStatement[];
  /** What could not be read: not JSON, no `Statement`, a malformed statement or condition. */
  readonly problems: string[];
  /** The JSON text, when the policy came as text (to find duplicate keys that parsing drops). */
  readonly sourceText?: string;
  /** What `sourceText` parses to, when it is JSON (so that the rules need not parse it again). */
  readonly parsedText?: unknown;
}

/** Options for reading a policy. */
export interface ParsePolicyOptions {
  /**
   * Issuer URLs of OIDC providers defined in the same template, by logical ID, to resolve `{ Ref }` and
   * `{ Fn::GetAtt: [id, 'Arn'] }` principals.
   */
  readonly providerUrls?: ProviderUrls;
}

// Prefixes of condition keys that name a service, not an identity provider (`aws:SourceIp`, `sts:RoleSessionName`).
const SERVICE_KEY_PREFIXES = new Set(['aws', 'sts']);

/**
 * Whether a statement's `Condition` is absent or written out: operators holding keys, no CloudFormation expression in
 * their place (aws-eks writes an IRSA role's keys, which name the cluster's issuer, as one `CfnJson` value). An
 * expression may name the issuer it checks, so a statement with one is not judged as GitHub's for lack of a key.
 */
function conditionsWrittenOut(condition: unknown): boolean {
  if (condition === undefined) return true;
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return false;
  return Object.entries(condition).every(([operator, block]) => !isExpressionKey(operator) && block !== null && typeof block === 'object'
    && !Array.isArray(block) && !Object.keys(block).some(isExpressionKey));
}

/** Whether a condition key is a claim of some identity provider (`accounts.google.com:aud`), not a service key. */
function namesIssuer(key: string): boolean {
  const prefix = conditionKeyIssuer(key);
  return prefix !== undefined && !SERVICE_KEY_PREFIXES.has(prefix.toLowerCase());
}

/** Reads a trust policy; never throws. */
export function parsePolicy(input: unknown, options: ParsePolicyOptions = {}): ParsedPolicy {
  const problems: string[] = [];
  let sourceText: string | undefined;
  let parsedText: unknown;
  let document: unknown = input;
  if (typeof input === 'string') {
    sourceText = decodePolicyText(input);
    try {
      document = parsedText = JSON.parse(sourceText);
    } catch (err) {
      return { statements: [], problems: [`the policy is not JSON: ${(err as Error).message}`], sourceText };
    }
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return { statements: [], problems: [`the policy is not a JSON object (got ${kindOf(document)})`], sourceText, parsedText };
  }
  document = withCanonicalNames(document, POLICY_ELEMENTS, 'the policy', problems);
  const rawStatements = (document as any).Statement;
  if (rawStatements === undefined) {
    return { statements: [], problems: [...problems, 'the policy has no "Statement"'], sourceText, parsedText };
  }
  const list: unknown[] = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const statements: ParsedStatement[] = [];
  const variables = replacesVariables((document as any).Version);
  list.forEach((raw, index) => {
    const statement = parseStatement(raw, index, problems, options, variables);
    if (statement) statements.push(statement);
  });
  return { statements, problems, sourceText, parsedText };
}

/**
 * The JSON text of a policy given as text: as is, or URL-decoded when it is URL-encoded (it then starts `%7B`).
 */
export function decodePolicyText(text: string): string {
  const trimmed = text.trim();
  if (/^%7B/i.test(trimmed)) {
    try {
      return decodeURIComponent(trimmed.replace(/\+/g, '%20'));
    } catch {
      return trimmed;
    }
  }
  return trimmed;
}

function parseStatement(raw: unknown, index: number, problems: string[], options: ParsePolicyOptions,
  variables: boolean): ParsedStatement | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`statement ${index} is not an object (got ${kindOf(raw)})`);
    return undefined;
  }
  let s = withCanonicalNames(raw, STATEMENT_ELEMENTS, `statement ${index}`, problems) as any;
  for (const element of PRINCIPAL_ELEMENTS) {
    const value = s[element];
    const canonical = (item: unknown) => (item === null || typeof item !== 'object' || Array.isArray(item) ? item
      : withCanonicalNames(item, PRINCIPAL_TYPES, `statement ${index}'s ${element}`, problems));
    // A copy, never the caller's object: the same document may be judged again.
    if (Array.isArray(value)) {
      const items = value.map(canonical);
      if (items.some((item, i) => item !== value[i])) s = { ...s, [element]: items };
    } else {
      const principal = canonical(value);
      if (principal !== value) s = { ...s, [element]: principal };
    }
  }
  const effect = typeof s.Effect === 'string' ? s.Effect : '';
  if (effect !== 'Allow' && effect !== 'Deny') {
    problems.push(`statement ${index} has Effect ${JSON.stringify(s.Effect)}: expected "Allow" or "Deny"`);
  }
  const notAction = s.Action === undefined && s.NotAction !== undefined;
  const actions = actionNames(notAction ? s.NotAction : s.Action, `statement ${index}'s ${notAction ? 'NotAction' : 'Action'}`, problems);
  if (s.Action === undefined && s.NotAction === undefined) problems.push(`statement ${index} has no Action`);

  const federated: unknown[] = [];
  const otherPrincipals: string[] = [];
  const principal = s.Principal ?? s.NotPrincipal;
  const spacedStar = (value: unknown) => {
    if (value !== '*' && isStar(value)) problems.push(`statement ${index} writes the principal ${JSON.stringify(value)} with white space around "*"`);
  };
  // A list of principals (`[{ "Federated": ... }]`) is not IAM's grammar ("*" or an object); whether IAM refuses it or
  // reads each item is UNVERIFIED (FACTS.md, "A list where IAM writes one value"): each item is read, and the list reported.
  if (Array.isArray(principal)) problems.push(`statement ${index} has a Principal that is a list, where IAM writes "*" or an object`);
  for (const item of Array.isArray(principal) ? principal : [principal]) {
    if (isStar(item)) {
      spacedStar(item);
      otherPrincipals.push('*');
    } else if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      for (const [type, value] of Object.entries(item)) {
        toList(value).forEach(spacedStar);
        if (type === 'Federated') federated.push(...federatedPrincipals(value, `statement ${index}'s Federated principal`, problems));
        else otherPrincipals.push(type);
      }
    } else if (item !== undefined) {
      problems.push(`statement ${index} has a Principal that is neither "*" nor an object`);
    }
  }

  const conditions = parseConditions(s.Condition, index, problems);

  // An action with white space around it: whether IAM refuses or trims it is not documented (FACTS.md, "Element names
  // in another case"), so the statement allows web identities if either reading does, and the spelling is reported.
  const spaced = actions.filter((action) => action.trim() !== action);
  for (const action of spaced) problems.push(`statement ${index} writes the action ${JSON.stringify(action)} with white space around it`);
  const allowsIn = (list: string[]) => (notAction
    ? !list.some((action) => actionMatches(action, 'sts:AssumeRoleWithWebIdentity'))
    : list.some((action) => actionMatches(action, 'sts:AssumeRoleWithWebIdentity')));
  const allowsWebIdentity = allowsIn(actions) || (spaced.length > 0 && allowsIn(actions.map((action) => action.trim())));

  let issuer: GitHubIssuer | undefined;
  let issuerSource: IssuerSource | undefined;
  for (const value of federated) {
    const found = federatedIssuer(value, options.providerUrls);
    if (found) {
      issuer = found;
      issuerSource = 'principal';
      break;
    }
  }
  if (!issuer) {
    // `"Federated": "token.actions.githubusercontent.com"`: judged as that issuer's, and FederatedPrincipalNotArn says
    // that no token matches it. Were it passed over as another provider's, a `repo:*` beside it would pass unread.
    // A pattern of enterprise providers (`oidc-provider/token.actions.githubusercontent.com/*`) is the enterprise's
    // whose keys the conditions use.
    const named = federated.some((value) => typeof value === 'string' && hasWildcard(value))
      ? issuersNamedByKeys(conditions.map((condition) => condition.key)) : [];
    for (const value of federated) {
      const found = issuerOfMiswrittenPrincipal(value, named);
      if (found) {
        issuer = found;
        issuerSource = 'issuer-host';
        break;
      }
    }
  }
  if (!issuer && federated.some((value) => typeof value !== 'string')) {
    // A principal we cannot read (an import, a parameter): the condition keys still say whose tokens it expects.
    for (const condition of conditions) {
      const found = issuerOfConditionKey(condition.key);
      if (found) {
        issuer = found;
        issuerSource = 'condition-keys';
        break;
      }
    }
  }
  if (!issuer && allowsWebIdentity && conditionsWrittenOut(s.Condition) && !conditions.some((condition) => namesIssuer(condition.key))
    && federated.some((value) => providerUnknown(value, options.providerUrls))) {
    // A provider known only at deploy and no condition that names one: nothing says whose tokens the statement takes,
    // and nothing narrows them. If the provider is GitHub's, every workflow on GitHub gets in: judged as github.com's,
    // so that the rules say what is missing rather than pass it over as another provider's.
    issuer = GitHubIssuer.GITHUB_COM;
    issuerSource = 'unknown-provider';
  }


  return {
    index,
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect,
    actions,
    notAction,
    federated,
    otherPrincipals,
    notPrincipal: s.NotPrincipal !== undefined && s.Principal === undefined,
    everyone: s.Principal !== undefined && (Array.isArray(s.Principal) ? s.Principal.some(coversEveryone) : coversEveryone(s.Principal)),
    conditions,
    issuer,
    issuerSource,
    allowsWebIdentity,
    replacesVariables: variables,
    raw: s,
  };
}

// Element names as IAM's grammar writes them. A reader that matched only these spellings would not see a
// `"principal"` or `"federated"` at all, and judge the statement as trusting no one; whether IAM reads other cases
// is UNVERIFIED, so another case is read as the element and reported (PolicyUnreadable), never passed over.
const STATEMENT_ELEMENTS = canonicalNames(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_TYPES = canonicalNames(['AWS', 'Federated', 'Service', 'CanonicalUser']);
const POLICY_ELEMENTS = canonicalNames(['Version', 'Id', 'Statement']);
const PRINCIPAL_ELEMENTS = ['Principal', 'NotPrincipal'];

/** Names as IAM writes them, and each by its lower-cased spelling (no two of one list differ in case only). */
interface CanonicalNames {
  readonly exact: ReadonlySet<string>;
  readonly byLowerCase: ReadonlyMap<string, string>;
}

function canonicalNames(names: readonly string[]): CanonicalNames {
  return { exact: new Set(names), byLowerCase: new Map(names.map((name) => [name.toLowerCase(), name])) };
}

/**
 * The object with each key that is one of `names` in another case renamed to that name (the object itself when none
 * is), each such key reported; two keys for one name are reported as ambiguous, and the canonical one kept.
 */
function withCanonicalNames(object: object, names: CanonicalNames, where: string, problems: string[]): object {
  const keys = Object.keys(object);
  let renamed: { [key: string]: unknown } | undefined;
  const reported = new Set<string>();
  for (const key of keys) {
    // Nearly every key is written as IAM writes it: no lower-casing for those.
    if (names.exact.has(key)) continue;
    // Another case, or white space around the name (UNVERIFIED whether IAM accepts either: FACTS.md).
    const normalized = key.trim().toLowerCase();
    const name = names.byLowerCase.get(normalized);
    if (name === undefined) continue;
    renamed ??= { ...object };
    const spellings = keys.filter((other) => other.trim().toLowerCase() === normalized);
    if (spellings.length === 1) {
      problems.push(`${where} writes ${JSON.stringify(key)}: the element is ${JSON.stringify(name)}`);
    } else if (!reported.has(name)) {
      problems.push(`${where} has ${spellings.map((spelling) => JSON.stringify(spelling)).join(' and ')}: which one IAM reads is not known`);
      reported.add(name);
    }
    // Kept under the canonical name: the canonical spelling if written, else the first.
    const kept = spellings.includes(name) ? name : spellings[0];
    delete renamed[key];
    if (key === kept) renamed[name] = (object as { [key: string]: unknown })[key];
  }
  return renamed ?? object;
}

function parseConditions(raw: unknown, index: number, problems: string[]): ParsedCondition[] {
  if (raw === undefined) return [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`statement ${index} has a Condition that is not an object`);
    return [];
  }
  const conditions: ParsedCondition[] = [];
  for (const [operator, block] of Object.entries(raw as object)) {
    if (block === null || typeof block !== 'object' || Array.isArray(block)) {
      problems.push(`statement ${index}: condition operator ${operator} does not hold an object of keys`);
      continue;
    }
    const { baseOperator, qualifier, ifExists } = splitOperator(operator);
    const normalizedBaseOperator = baseOperator.toLowerCase();
    for (const [key, written] of Object.entries(block as object)) {
      const values = conditionValues(written, `statement ${index}: condition ${operator} ${JSON.stringify(key)}`, problems);
      conditions.push({
        operator,
        baseOperator,
        normalizedBaseOperator,
        qualifier,
        ifExists,
        key,
        normalizedKey: key.toLowerCase(),
        values,
      });
    }
  }
  return conditions;
}

/**
 * A condition's values: one value or a list of them, each text (a number or a boolean too) or a CloudFormation
 * expression (listedAsWritten says what becomes of anything else): `[["repo:*"]]` is judged as the `"repo:*"` it may
 * be. `[subjects]` for `subjects` is an easy slip in code.
 */
function conditionValues(written: unknown, where: string, problems: string[]): unknown[] {
  return listedAsWritten(written, isConditionValue, `${where} holds`, 'neither text nor a CloudFormation expression', problems);
}

/**
 * A statement's action names: one or a list of them (listedAsWritten says what becomes of anything else):
 * `[["sts:AssumeRoleWithWebIdentity"]]` is judged as the action it may be.
 */
function actionNames(written: unknown, where: string, problems: string[]): string[] {
  return listedAsWritten(written, (action) => typeof action === 'string', `${where} holds`, 'where IAM writes an action\'s name', problems)
    .filter((action): action is string => typeof action === 'string');
}

/**
 * A Federated principal's values: provider ARNs or names (text), or CloudFormation expressions that make one
 * (listedAsWritten says what becomes of anything else): `[["arn:...:oidc-provider/token.actions.githubusercontent.com"]]`
 * is GitHub's.
 */
function federatedPrincipals(written: unknown, where: string, problems: string[]): unknown[] {
  const isPrincipal = (value: unknown) => typeof value === 'string' || isExpression(value);
  return listedAsWritten(written, isPrincipal, `${where} holds`, 'where IAM writes a provider\'s ARN or name', problems);
}

/**
 * One value or a list of them, each of which IAM's grammar allows (`allowed`). Any other item, a list inside the list
 * included, is not IAM's grammar, and whether IAM refuses it or reads it some way (a nested list flattened) is
 * UNVERIFIED (FACTS.md, "A list where IAM writes one value"): reported (`<what> <kinds>, <expected>`), and the list
 * read flat, nested lists and all, so that the rules judge what the items would admit.
 */
function listedAsWritten(written: unknown, allowed: (value: unknown) => boolean, what: string, expected: string, problems: string[]): unknown[] {
  const listed = toList(written);
  const malformed = listed.filter((value) => !allowed(value));
  if (malformed.length === 0) return listed;
  problems.push(`${what} ${malformed.map(kindOf).join(' and ')}, ${expected}`);
  return listed.flat(MAX_NESTED_LISTS);
}

// Lists inside lists read flat to this depth (a cyclic list, possible from code, must not recurse forever).
const MAX_NESTED_LISTS = 8;

/** Whether a condition value is text, a number, a boolean or a CloudFormation expression (`{ "Ref": ... }`, `{ "Fn::...": ... }`). */
export function isConditionValue(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || isExpression(value);
}

/**
 * An IAM condition operator as AWS spells it (`forallvalues:StringLIKE` is `ForAllValues:StringLike`), or undefined
 * for text that is no IAM operator in any case (`StringLike `, `StringEquls`).
 */
export function awsSpelling(operator: string): string | undefined {
  const { baseOperator, qualifier, ifExists } = splitOperator(operator);
  const known = findOperator(baseOperator);
  return known && `${qualifier ? `${qualifier}:` : ''}${known.name}${ifExists ? 'IfExists' : ''}`;
}

/** Splits `ForAllValues:StringLikeIfExists` into its parts. */
export function splitOperator(operator: string): { baseOperator: string; qualifier?: 'ForAllValues' | 'ForAnyValue'; ifExists: boolean } {
  let rest = operator;
  let qualifier: 'ForAllValues' | 'ForAnyValue' | undefined;
  const q = /^(ForAllValues|ForAnyValue):/i.exec(rest);
  if (q) {
    qualifier = q[1].toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue';
    rest = rest.slice(q[0].length);
  }
  const ifExists = /IfExists$/.test(rest) && rest !== 'IfExists';
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  return { baseOperator: rest, qualifier, ifExists };
}

/**
 * Whether an IAM action pattern (`sts:*`, `*`, `sts:AssumeRole*`) matches an action; IAM compares actions without
 * regard to case. Uses the linear wildcard matcher (no regular expression): a policy's `Action` is attacker-written
 * text in an audit, and `"**********b"` as a RegExp took seconds per statement.
 */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardPattern(pattern.toLowerCase()).matches(action.toLowerCase());
}

function toList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return `a ${typeof value}`;
}
