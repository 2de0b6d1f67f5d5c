import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib/core';
import { Construct, IConstruct } from 'constructs';
import { ROLE_NAME_CHARS, ROLE_NAME_MAX } from './names';
import { describeValue, fail } from '../../model/errors';
import { GitHubRepository } from '../../model/repository';
import { SubjectClaim } from '../../model/subject-claim';

/**
 * Construction-time checks of construct props (DESIGN.md principle 3). Each throws `Invalid <field> <value>:
 * expected <what>.`; values that are still CDK tokens are skipped here, since they cannot be judged before deploy.
 */

// IAM quotas, FACTS.md section 2.
const PATH_MAX = 512;
const SESSION_MIN_SECONDS = 3600;
const SESSION_MAX_SECONDS = 43200;
const DESCRIPTION_MAX = 1000;
// IAM's pattern for role descriptions and paths.
const DESCRIPTION_CHARS = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;
const PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;
/** The default trust-policy size quota, and the largest raised quota this library accepts (FACTS.md section 2). */
export const TRUST_POLICY_SIZE_DEFAULT = 2048;
export const TRUST_POLICY_SIZE_MAX = 8192;
const ACCOUNT_ID = /^\d{12}$/;

export function checkRepository(field: string, value: unknown): GitHubRepository {
  if (!(value instanceof GitHubRepository)) {
    fail(field, value, 'a GitHubRepository, e.g. GitHubRepository.of("acme", "web")');
  }
  return value;
}

/** A copy of a non-empty list of distinct subjects. */
export function checkSubjects(value: unknown): SubjectClaim[] {
  if (!Array.isArray(value) || value.length === 0) {
    fail('subjects', value, 'a non-empty list of SubjectClaim, e.g. [SubjectClaim.environment("production")]');
  }
  value.forEach((subject, index) => {
    if (!(subject instanceof SubjectClaim)) {
      fail(`subjects[${index}]`, subject, 'a SubjectClaim, e.g. SubjectClaim.environment("production") or SubjectClaim.branch("main")');
    }
  });
  return [...value];
}

export function checkRoleName(value: unknown): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (typeof value !== 'string' || value.length > ROLE_NAME_MAX || !ROLE_NAME_CHARS.test(value)) {
    fail('roleName', value, `1 to ${ROLE_NAME_MAX} characters of letters, digits and + = , . @ _ -`);
  }
}

export function checkRoleNamePrefix(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || Token.isUnresolved(value)) {
    fail('roleNamePrefix', value, 'a literal string (role names are derived from it at synth, so it cannot be a token)');
  }
  if (value !== '' && (value.length > ROLE_NAME_MAX - 16 || !ROLE_NAME_CHARS.test(value))) {
    fail('roleNamePrefix', value, `at most ${ROLE_NAME_MAX - 16} characters of letters, digits and + = , . @ _ -`);
  }
}

export function checkPath(value: unknown): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (typeof value !== 'string' || value.length > PATH_MAX || !PATH.test(value)) {
    fail('path', value, `"/" or a path that starts and ends with "/", e.g. "/github/", at most ${PATH_MAX} printable ASCII characters`);
  }
}

export function checkDescription(value: unknown): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (typeof value !== 'string' || value.length > DESCRIPTION_MAX || !DESCRIPTION_CHARS.test(value)) {
    fail('description', value, `at most ${DESCRIPTION_MAX} characters of printable Latin-1 text`);
  }
}

/** IAM's description charset: what else a generated description holds becomes `?`; cut to the maximum length. */
export function toDescription(text: string): string {
  const clean = text.replace(/[^\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]/g, '?');
  return clean.length <= DESCRIPTION_MAX ? clean : `${clean.slice(0, DESCRIPTION_MAX - 3)}...`;
}

export function checkMaxSessionDuration(value: unknown): void {
  if (value === undefined) return;
  if (!(value instanceof Duration)) {
    fail('maxSessionDuration', value, 'a Duration, e.g. Duration.hours(1)');
  }
  let seconds: number;
  try {
    seconds = value.toSeconds();
  } catch {
    fail('maxSessionDuration', value.toHumanString(), 'a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)');
  }
  if (Token.isUnresolved(seconds)) return;
  if (seconds < SESSION_MIN_SECONDS || seconds > SESSION_MAX_SECONDS) {
    fail('maxSessionDuration', value.toHumanString(), `${SESSION_MIN_SECONDS} to ${SESSION_MAX_SECONDS} seconds (1 to 12 hours)`);
  }
}

/** The audience the role pins: a non-empty value without wildcards (a wildcard would not be a pin). */
export function checkAudience(value: unknown): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (typeof value !== 'string' || value.trim() === '' || value.trim() !== value || /[*?]/.test(value) || value.length > 255) {
    fail('audience', value, 'the exact "aud" the workflow requests, e.g. "sts.amazonaws.com": non-empty, at most 255 characters, no "*" or "?"');
  }
}

export function checkClientIds(value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) {
    fail('clientIds', value, '1 to 100 client IDs (audiences), e.g. ["sts.amazonaws.com"]');
  }
  const seen = new Set<string>();
  value.forEach((clientId, index) => {
    if (Token.isUnresolved(clientId)) return;
    if (typeof clientId !== 'string' || clientId === '' || clientId.length > 255 || /[*?]/.test(clientId)) {
      fail(`clientIds[${index}]`, clientId, 'a client ID (audience) of 1 to 255 characters without "*" or "?"');
    }
    if (seen.has(clientId)) fail(`clientIds[${index}]`, clientId, 'each client ID once');
    seen.add(clientId);
  });
}

export function checkTrustPolicySizeLimit(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < TRUST_POLICY_SIZE_DEFAULT || value > TRUST_POLICY_SIZE_MAX) {
    fail('trustPolicySizeLimit', value,
      `a whole number from ${TRUST_POLICY_SIZE_DEFAULT} (IAM's default quota) to ${TRUST_POLICY_SIZE_MAX}, the account's ACLSizePerRole quota`);
  }
}

export function checkAccounts(field: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail(field, value, 'a list of 12-digit AWS account IDs');
  value.forEach((account, index) => {
    if (Token.isUnresolved(account)) return;
    if (typeof account !== 'string' || !ACCOUNT_ID.test(account)) {
      fail(`${field}[${index}]`, account, 'a 12-digit AWS account ID');
    }
  });
  return [...value];
}

/** Whether a value is an object with the string properties named (a duck-typed check of an interface from JS). */
export function hasStringProperties(value: unknown, names: string[]): boolean {
  return value !== null && typeof value === 'object' && names.every((name) => typeof (value as any)[name] === 'string');
}

/** The value as an error message shows it (re-exported for the constructs' own messages). */
export { describeValue };

/**
 * The managed policies to attach: a list of `iam.IManagedPolicy` (anything with a `managedPolicyArn`). Checked here
 * because iam.Role spreads and calls what it is given, and fails with a TypeError that names no field.
 */
export function checkManagedPolicies(value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail('managedPolicies', value, 'a list of iam.IManagedPolicy, e.g. [iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")]');
  value.forEach((policy, index) => {
    if (!isManagedPolicy(policy)) fail(`managedPolicies[${index}]`, policy, 'an iam.IManagedPolicy, e.g. iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")');
  });
}

/** The permissions boundary: one `iam.IManagedPolicy`. */
export function checkPermissionsBoundary(value: unknown): void {
  if (value !== undefined && !isManagedPolicy(value)) {
    fail('permissionsBoundary', value, 'an iam.IManagedPolicy, e.g. iam.ManagedPolicy.fromManagedPolicyName(this, "Boundary", "deploy-boundary")');
  }
}

/** The inline policies: `iam.PolicyDocument`s by name. */
export function checkInlinePolicies(value: unknown): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail('inlinePolicies', value, 'an object of iam.PolicyDocument by policy name, e.g. { deploy: new iam.PolicyDocument({ statements: [...] }) }');
  }
  for (const [name, document] of Object.entries(value)) {
    // What iam.Role calls on each: a PolicyDocument of any copy of aws-cdk-lib has it (instanceof would not see one).
    const validates = document !== null && typeof document === 'object' && typeof (document as { validateForIdentityPolicy?: unknown }).validateForIdentityPolicy === 'function';
    if (!validates) fail(`inlinePolicies[${JSON.stringify(name)}]`, document, 'an iam.PolicyDocument, e.g. new iam.PolicyDocument({ statements: [...] })');
  }
}

function isManagedPolicy(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { managedPolicyArn?: unknown }).managedPolicyArn === 'string';
}

/** A construct scope given to one of our static methods (a plain object or a string fails later with a TypeError). */
export function checkScope(field: string, value: unknown, expected: string): IConstruct {
  if (!Construct.isConstruct(value)) fail(field, value, expected);
  return value;
}

/** One of the `RemovalPolicy` values. */
export function checkRemovalPolicy(value: unknown): void {
  if (value !== undefined && !(Object.values(RemovalPolicy) as unknown[]).includes(value)) {
    fail('removalPolicy', typeof value === 'symbol' ? String(value) : value, `a RemovalPolicy: ${Object.values(RemovalPolicy).join(', ')}`);
  }
}

/** Options or props given as an object (null, a string or a list would fail later with a TypeError). */
export function checkOptions(field: string, value: unknown): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(field, value, 'an object of options, or nothing');
}
