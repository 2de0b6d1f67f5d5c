/**
 * The findings of the trust policy `GitHubDeployRole` writes for most roles, without running the rules: one Allow of
 * `sts:AssumeRoleWithWebIdentity` for a GitHub issuer's provider (github.com's, an enterprise's on github.com or
 * GHE.com, a GitHub Enterprise Server's), with `StringEquals` on that issuer's `aud`, on `sub` values that name
 * one repository (by name, by ID or both) and a branch, tag or environment in letters, digits and `._-/`, and maybe
 * on that repository's `repository_id` and `repository_owner_id`.
 *
 * Why: a synth judges every role's policy once, before V8 has optimized the rules (about 100 µs a policy, against
 * 18 µs once optimized; bench/README.md, "Where the synth ratio goes"), which kept a stack of deploy roles more than
 * 10% slower to synthesize than the same roles written with `iam.Role` (issue 14). Recognizing this one shape takes a
 * few regular expressions.
 *
 * What keeps it honest: the shape is recognized strictly (exact keys, exact text, no expression, no white space, no
 * wildcard), anything else goes to the rules, and a property test (test/analysis/validate/plain-policy.test.ts)
 * asserts that on every policy it answers for, its answer is the rules' answer, for policies generated in the shape
 * and at every edge of it, with every option.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 */
import { compactSize } from './compact-size';
import { TrustPolicyFinding } from './finding';
import { findDuplicateKeys } from './json-duplicates';
import { resolveOptions } from './options';
import { ResolvedOptions } from './rule';
import { nameOnlyFinding } from './rules/repository-id-not-pinned';
import { invalidOptions } from './rules/validation-options-invalid';
import { GitHubIssuer, GitHubIssuerKind } from '../../model/issuer';
import { ParsedPolicy } from '../policy/document';

/** The condition keys of an issuer the shape reads, and the key lists its StringEquals block may have. */
interface IssuerKeys {
  readonly issuer: GitHubIssuer;
  readonly aud: string;
  readonly sub: string;
  readonly repositoryId: string;
  readonly ownerId: string;
  // As GitHubDeployRole writes them: with IDs, it pins both.
  readonly blocks: readonly [readonly string[], readonly string[]];
  /** The claim each of those keys names. */
  readonly claimOf: ReadonlyMap<string, string>;
}

function keysOf(issuer: GitHubIssuer): IssuerKeys {
  const key = (claim: string) => issuer.conditionKey(claim);
  const [aud, sub, repositoryId, ownerId] = [key('aud'), key('sub'), key('repository_id'), key('repository_owner_id')];
  const claimOf = new Map([[aud, 'aud'], [sub, 'sub'], [repositoryId, 'repository_id'], [ownerId, 'repository_owner_id']]);
  return { issuer, aud, sub, repositoryId, ownerId, blocks: [[aud, sub], [aud, ownerId, repositoryId, sub]], claimOf };
}

// The keys of each object of the shape (the StringEquals block's are the issuer's: IssuerKeys.blocks).
const DOCUMENT_KEYS = ['Statement', 'Version'];
const STATEMENT_KEYS = ['Action', 'Condition', 'Effect', 'Principal'];
const PRINCIPAL_KEYS = ['Federated'];
const CONDITION_KEYS = ['StringEquals'];

// A numeric ID of at most 15 digits: a safe integer, without a leading zero.
const PLAIN_ID = /^[1-9][0-9]{0,14}$/;

// A provider in a partition IAM has and a 12-digit account, as deployed-form.ts writes it; its host and path must then
// be a GitHub issuer's, written as the issuer writes it.
const PROVIDER_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):oidc-provider\/([a-z0-9._/-]{1,200})$/;

// `repo:<owner>[@<id>]/<name>[@<id>]:<context>`: an owner as GitHub allows one; a repository name of at most 100 of
// its characters, not starting with `.`; IDs of at most 15 digits (safe integers); a context of branch, tag or
// environment whose segments start with a letter, digit or `_` and hold no `..` and no trailing `.` (git refuses
// those in a ref), nothing GitHub would write as `%XX`. A segment ending in `.lock` is refused after the match.
const SEGMENT = '[A-Za-z0-9_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*';
const PLAIN_SUBJECT = new RegExp(
  '^repo:([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})(@[1-9][0-9]{0,14})?/' +
  '([A-Za-z0-9_-][A-Za-z0-9._-]{0,99})(@[1-9][0-9]{0,14})?:' +
  `(?:environment:${SEGMENT}|ref:refs/(?:heads|tags)/${SEGMENT}(?:/${SEGMENT})*)$`);
// git refuses a ref segment ending in `.lock` (git check-ref-format).
const LOCK_SEGMENT = /\.lock(?:\/|$)/;

// An audience in the characters audiences are written in (no white space, no wildcard, no `$`).
const PLAIN_AUDIENCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

// The most sub values this answers for: more is not what the construct writes for a role.
const MAX_SUBJECTS = 20;

/** A policy of the plain shape as read: the rules' findings, and what it trusts. */
export interface PlainPolicy {
  readonly findings: TrustPolicyFinding[];
  /** The GitHub issuer of its provider. */
  readonly issuer: GitHubIssuer;
  /** Its `StringEquals` block's claims (`aud`, `sub`, `repository_id`, `repository_owner_id`) in the order written, with their values. */
  readonly conditions: ReadonlyArray<{ readonly claim: string; readonly values: readonly unknown[] }>;
}

/**
 * The rules' findings for a policy of the plain shape, or undefined when the policy is not of it (then only the
 * rules can say). Never throws.
 */
export function plainPolicyFindings(document: unknown, rawOptions: unknown): TrustPolicyFinding[] | undefined {
  return readPlainPolicy(document, rawOptions)?.findings;
}

/**
 * A policy of the plain shape read (its findings and what it trusts), or undefined when it is not of it. The audit
 * lists what it trusts from this reading instead of parsing it again. Never throws.
 */
export function readPlainPolicy(document: unknown, rawOptions: unknown): PlainPolicy | undefined {
  try {
    return plainReading(document, rawOptions);
  } catch {
    // Only a hostile object throws here (a Proxy's trap): the rules read it, and say what they cannot read.
    return undefined;
  }
}

/**
 * `readPlainPolicy` of a policy given as text, read already (`parsePolicy`): of what it parses to, when no key is
 * written twice in it. Internal.
 */
export function readPlainPolicyText(parsed: ParsedPolicy, rawOptions: unknown): PlainPolicy | undefined {
  if (parsed.sourceText === undefined || parsed.parsedText === undefined) return undefined;
  const plain = readPlainPolicy(parsed.parsedText, rawOptions);
  return plain && findDuplicateKeys(parsed.sourceText).length === 0 ? plain : undefined;
}

function plainReading(document: unknown, rawOptions: unknown): PlainPolicy | undefined {
  if (!exactKeys(document, DOCUMENT_KEYS)) return undefined;
  const { Version: version, Statement: statements } = document as { Version: unknown; Statement: unknown };
  if (version !== '2012-10-17' || !Array.isArray(statements) || statements.length !== 1) return undefined;
  if (Object.getPrototypeOf(statements) !== Array.prototype) return undefined;
  const statement = statements[0];
  if (!exactKeys(statement, STATEMENT_KEYS)) return undefined;
  const { Action: action, Condition: condition, Effect: effect, Principal: principal } = statement as { [key: string]: unknown };
  if (effect !== 'Allow' || action !== 'sts:AssumeRoleWithWebIdentity') return undefined;
  if (!exactKeys(principal, PRINCIPAL_KEYS)) return undefined;
  const federated = (principal as { Federated: unknown }).Federated;
  const provider = typeof federated === 'string' ? gitHubProvider(federated) : undefined;
  if (provider === undefined) return undefined;
  const { account, keys } = provider;
  const server = keys.issuer.kind === GitHubIssuerKind.ENTERPRISE_SERVER;
  if (!exactKeys(condition, CONDITION_KEYS)) return undefined;
  const block = (condition as { StringEquals: unknown }).StringEquals;
  if (!(exactKeys(block, keys.blocks[0]) || exactKeys(block, keys.blocks[1]))) return undefined;
  const {
    [keys.aud]: audience, [keys.sub]: sub, [keys.ownerId]: ownerIdPin, [keys.repositoryId]: repositoryIdPin,
  } = block as { [key: string]: unknown };
  const pinned = repositoryIdPin !== undefined;
  // GitHub Enterprise Server mints no immutable subjects: IDs there are for the rules to judge.
  if (pinned && (server || !(typeof ownerIdPin === 'string' && PLAIN_ID.test(ownerIdPin) && typeof repositoryIdPin === 'string'
    && PLAIN_ID.test(repositoryIdPin)))) return undefined;

  const options = plainOptions(rawOptions);
  if (!options || audience !== options.expectedAudience || !PLAIN_AUDIENCE.test(audience)) return undefined;
  if (options.roleAccount !== undefined && options.roleAccount !== account) return undefined;

  const subjects = typeof sub === 'string' ? [sub] : sub;
  if (!Array.isArray(subjects) || subjects.length === 0 || subjects.length > MAX_SUBJECTS) return undefined;
  if (Object.getPrototypeOf(subjects) !== Array.prototype) return undefined;
  let repository: string | undefined;
  // The IDs every immutable subject must name: the pinned ones, when pinned.
  let ids: string | undefined = pinned ? `@${ownerIdPin}/@${repositoryIdPin}` : undefined;
  let nameOnly: string | undefined;
  for (let i = 0; i < subjects.length; i++) {
    const subject: unknown = subjects[i];
    if (typeof subject !== 'string') return undefined;
    const match = PLAIN_SUBJECT.exec(subject);
    if (!match || LOCK_SEGMENT.test(subject)) return undefined;
    const [, owner, ownerId, name, repositoryId] = match;
    // One repository: the same names in every value, and the same IDs in every value that has them.
    const named = `${owner}/${name}`;
    if (repository === undefined) repository = named;
    else if (named !== repository) return undefined;
    if ((ownerId === undefined) !== (repositoryId === undefined)) return undefined;
    if (ownerId === undefined) {
      nameOnly ??= subject;
    } else if (server) {
      return undefined;
    } else {
      const written = `${ownerId}/${repositoryId}`;
      if (ids === undefined) ids = written;
      else if (written !== ids) return undefined;
    }
    for (let j = 0; j < i; j++) if (subjects[j] === subject) return undefined;
  }
  // Its compact JSON's length as PolicySizeExceeded counts it, without writing the JSON (that was half of this
  // function's time).
  if (compactSize(document).size > options.sizeLimit) return undefined;
  // With the repository's ID pinned, or only immutable subjects, a recycled name gets nothing; GitHub Enterprise Server
  // has no immutable subjects to recommend.
  const findings = pinned || server || nameOnly === undefined ? [] : [nameOnlyFinding('statement 0', 0, keys.issuer, [repository!], nameOnly)];
  const conditions = Object.keys(block as object).map((key) => ({
    claim: keys.claimOf.get(key)!, values: key === keys.sub ? subjects : [(block as { [key: string]: unknown })[key]],
  }));
  return { findings, issuer: keys.issuer, conditions };
}

// The issuers of the provider ARNs seen, by ARN text: a synth or an audit sees a handful. Bounded, since an audit
// reads whatever an export holds.
const PROVIDERS = new Map<string, { account: string; keys: IssuerKeys } | null>();
const MAX_PROVIDERS = 256;

/** The account and issuer keys of a GitHub provider's ARN, written exactly as the issuer writes it; else undefined. */
function gitHubProvider(arn: string): { account: string; keys: IssuerKeys } | undefined {
  const known = PROVIDERS.get(arn);
  if (known !== undefined) return known ?? undefined;
  const match = PROVIDER_ARN.exec(arn);
  const issuer = match ? GitHubIssuer.tryFromUrl(`https://${match[3]}`) : undefined;
  const found = match && issuer && issuer.providerArn(match[1], match[2]) === arn
    ? { account: match[2], keys: keysOf(issuer) } : null;
  if (PROVIDERS.size >= MAX_PROVIDERS) PROVIDERS.clear();
  PROVIDERS.set(arn, found);
  return found ?? undefined;
}

/** The options with their defaults, when they are valid or absent: with an unusable one, the rules say so. */
function plainOptions(raw: unknown): ResolvedOptions | undefined {
  return invalidOptions(raw).length > 0 ? undefined : resolveOptions(raw);
}

/** Whether `value` is a plain object with exactly these own keys, each an own enumerable data property. */
function exactKeys(value: unknown, keys: readonly string[]): boolean {
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const own = Object.keys(value);
  if (own.length !== keys.length) return false;
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (!descriptor || !('value' in descriptor) || !descriptor.enumerable) return false;
  }
  return true;
}
