/**
 * The token side of an evaluation: the claims of a decoded JWT read into string values, and which condition key
 * reads which claim. A decoded JWT can hold anything (numbers, arrays, objects, null): nothing here throws; what
 * cannot be compared is reported.
 */
import { quote } from './text';
import { GitHubIssuer } from '../../model/issuer';

/**
 * The GitHub claims AWS STS puts into the request context of `AssumeRoleWithWebIdentity` as
 * `<issuer>:<claim>` condition keys: `sub` and `aud`, and since early 2026 the identity-provider claims below.
 * A condition on any other claim (e.g. `event_name`, `repository_owner`) reads a key the request does not have.
 * FACTS.md section 2 ("AWS STS supports validation of identity provider claims", 2026-01); change it here only.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
 */
export const STS_GITHUB_CLAIM_KEYS: ReadonlySet<string> = new Set([
  'sub', 'aud',
  'actor', 'actor_id', 'enterprise_id', 'environment', 'job_workflow_ref', 'ref', 'repository', 'repository_id',
  'repository_owner_id', 'workflow',
]);

// Request-context keys AWS fills from the request itself, not from the token.
const GLOBAL_KEY_PREFIXES = ['aws:', 'sts:'];

/**
 * The token's claims, read on demand: only the claims a condition asks for are converted (a decoded JWT holds many
 * that no condition reads, and reporting those would be noise). Claim names are found without regard to case, as
 * IAM compares condition keys.
 */
export class ClaimValues {
  private readonly source: { readonly [name: string]: unknown };
  private readonly read = new Map<string, readonly string[] | undefined>();
  private lowerCaseNames?: Map<string, string>;

  /** Reads claims; what is not an object of claims is reported and read as a token without claims. */
  constructor(input: unknown, private readonly problems: string[]) {
    if (input === undefined || input === null) {
      problems.push(`the claims are ${input === null ? 'null' : 'missing'}: evaluated as a token with no claims`);
      this.source = {};
    } else if (typeof input !== 'object' || Array.isArray(input)) {
      problems.push(`the claims are not an object of claim names to values (got ${Array.isArray(input) ? 'an array' : `a ${typeof input}`}): evaluated as a token with no claims`);
      this.source = {};
    } else {
      this.source = input as { readonly [name: string]: unknown };
    }
  }

  /** The values of a claim (name in lower case), or undefined when the token does not have it. */
  public get(lowerCaseName: string): readonly string[] | undefined {
    if (this.read.has(lowerCaseName)) return this.read.get(lowerCaseName);
    const name = Object.prototype.hasOwnProperty.call(this.source, lowerCaseName) ? lowerCaseName : this.findName(lowerCaseName);
    const values = name === undefined ? undefined : claimValues(name, this.source[name], this.problems);
    this.read.set(lowerCaseName, values);
    return values;
  }

  // The exact lower-case name is the usual case; other spellings (`Sub`) need one pass over the names.
  private findName(lowerCaseName: string): string | undefined {
    if (!this.lowerCaseNames) {
      this.lowerCaseNames = new Map();
      for (const name of Object.keys(this.source)) {
        const lower = name.toLowerCase();
        if (!this.lowerCaseNames.has(lower)) this.lowerCaseNames.set(lower, name);
      }
    }
    return this.lowerCaseNames.get(lowerCaseName);
  }
}

function claimValues(name: string, raw: unknown, problems: string[]): string[] | undefined {
  const scalar = scalarText(raw);
  if (scalar !== undefined) {
    if (typeof raw === 'boolean') problems.push(`claim ${quote(name)} is the JSON boolean ${raw}: compared as the text "${raw}"`);
    return [scalar];
  }
  if (Array.isArray(raw)) {
    const values: string[] = [];
    for (const element of raw) {
      const text = scalarText(element);
      if (text === undefined) problems.push(`claim ${quote(name)} holds a value that is not text or a number: that value is ignored`);
      else values.push(text);
    }
    if (values.length === 0) {
      problems.push(`claim ${quote(name)} is an empty list: evaluated as missing`);
      return undefined;
    }
    if (values.length > 1) problems.push(`claim ${quote(name)} has ${values.length} values: evaluated as a multivalued key`);
    return values;
  }
  if (raw !== undefined) {
    problems.push(`claim ${quote(name)} is ${raw === null ? 'null' : 'an object'}: IAM cannot compare it, evaluated as missing`);
  }
  return undefined;
}

// Strings as they are; numbers as IAM writes them into the request context (JSON number text).
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return undefined;
}

// `<issuer host and path>:` in lower case, computed once per issuer (issuers are immutable values).
const keyPrefixes = new WeakMap<GitHubIssuer, string>();
function keyPrefixOf(issuer: GitHubIssuer): string {
  let prefix = keyPrefixes.get(issuer);
  if (prefix === undefined) {
    prefix = `${issuer.conditionKeyPrefix.toLowerCase()}:`;
    keyPrefixes.set(issuer, prefix);
  }
  return prefix;
}

/** What a condition key reads from the token. */
export interface ResolvedKey {
  /** The claim the key names, when the key belongs to the token's issuer. */
  readonly claim?: string;
  /** The values the request has for the key; undefined when it has none. */
  readonly values?: readonly string[];
  /** Why the request has no value, as the start of a sentence (when `values` is undefined). */
  readonly absence?: string;
  /** Something the caller should know: the key's value is not known here, so the result may differ from AWS. */
  readonly problem?: string;
}

/**
 * Which claim a condition key reads: `<issuer prefix>:<claim>`, names compared without regard to case as IAM does.
 * A key of another issuer, or a claim STS does not put into the request context, is a missing key.
 */
export function resolveKey(key: string, normalizedKey: string, issuer: GitHubIssuer | undefined, claims: ClaimValues): ResolvedKey {
  const prefix = issuer ? keyPrefixOf(issuer) : undefined;
  if (prefix !== undefined && normalizedKey.startsWith(prefix)) {
    const claim = normalizedKey.slice(prefix.length);
    if (!STS_GITHUB_CLAIM_KEYS.has(claim)) {
      return {
        claim,
        absence: `AWS STS does not put the ${quote(claim)} claim into the request context, so the key is missing`,
      };
    }
    const values = claims.get(claim);
    return values ? { claim, values } : { claim, absence: `the token has no ${quote(claim)} claim` };
  }
  if (GLOBAL_KEY_PREFIXES.some((global) => normalizedKey.startsWith(global))) {
    return {
      absence: `${quote(key)} comes from the request, not the token, so it is evaluated as missing`,
      problem: `condition key ${quote(key)} is not read from the token: evaluated as missing, which may differ from AWS`,
    };
  }
  return {
    absence: issuer
      ? `${quote(key)} is not a condition key of the token's issuer ${issuer.conditionKeyPrefix}, so the key is missing`
      : `the token's issuer is unknown, so ${quote(key)} is missing`,
  };
}
