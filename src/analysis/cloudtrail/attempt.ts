/**
 * One `AssumeRoleWithWebIdentity` call as CloudTrail recorded it: who asked (the token's `aud` and `sub`, and the
 * provider), for which role, when, and how it ended. Read from any record shape without throwing; what a record
 * lacks stays undefined and is said so by the caller.
 *
 * Where the values come from (public record shapes; the fixtures under test/cli/fixtures/cloudtrail record theirs):
 * - `userIdentity.principalId` is `<provider>:<aud>:<sub>` and `userIdentity.userName` the `sub`
 *   (ministryofjustice/modernisation-platform#3909; J-xy/tf-platform-lab docs/oidc-negative-tests.md);
 *   `userIdentity.identityProvider` names the provider (an ARN, or its host and path).
 * - `requestParameters.roleArn` is the role, but was seen null on every denied record (same sources);
 *   `requestParameters.subjectFromWebIdentityToken` / `responseElements.subjectFromWebIdentityToken` hold the `sub`
 *   where present.
 * - configure-aws-credentials (>= 6.2) puts the run in the user agent as `md/run_id#<id>`.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 */

/** One recorded call of `sts:AssumeRoleWithWebIdentity`. */
export interface WebIdentityAttempt {
  /** `eventTime` as recorded (ISO 8601), if any. */
  readonly time?: string;
  /** Whether STS issued credentials (no `errorCode`). */
  readonly succeeded: boolean;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** The provider as recorded: an ARN (`arn:aws:iam::1:oidc-provider/host/path`) or its host and path. */
  readonly provider?: string;
  /** The provider's issuer host and path, e.g. `token.actions.githubusercontent.com`. */
  readonly issuerHostAndPath?: string;
  readonly aud?: string;
  readonly sub?: string;
  /** `requestParameters.roleArn`, undefined when the record has none (null on denied records). */
  readonly roleArn?: string;
  /** The GitHub Actions run ID, when the user agent carries it. */
  readonly runId?: string;
  readonly principalId?: string;
}

const EVENT = 'AssumeRoleWithWebIdentity';

/** Whether a record is a call of AssumeRoleWithWebIdentity (any outcome). */
export function isWebIdentityRecord(record: unknown): boolean {
  return isObject(record) && record.eventName === EVENT;
}

/** The attempt a record describes; undefined for a record of another event (or not an object). */
export function readAttempt(record: unknown): WebIdentityAttempt | undefined {
  if (!isWebIdentityRecord(record)) return undefined;
  const r = record as { [key: string]: unknown };
  const identity = isObject(r.userIdentity) ? r.userIdentity : {};
  const request = isObject(r.requestParameters) ? r.requestParameters : {};
  const response = isObject(r.responseElements) ? r.responseElements : {};
  const principalId = text(identity.principalId);
  const userName = text(identity.userName);
  const provider = text(identity.identityProvider) ?? providerOfPrincipal(principalId);
  const split = splitPrincipal(principalId, provider, userName ?? text(request.subjectFromWebIdentityToken));
  const sub = userName ?? text(request.subjectFromWebIdentityToken) ?? text(response.subjectFromWebIdentityToken) ?? split.sub;
  const errorCode = text(r.errorCode);
  return {
    time: text(r.eventTime),
    succeeded: errorCode === undefined,
    errorCode,
    errorMessage: text(r.errorMessage),
    provider,
    issuerHostAndPath: provider === undefined ? undefined : hostAndPath(provider),
    aud: split.aud,
    sub,
    roleArn: text(request.roleArn),
    runId: runIdOf(text(r.userAgent)),
    principalId,
  };
}

/** `<provider>:<aud>:<sub>` taken apart, knowing the provider and, when recorded, the `sub`. */
function splitPrincipal(principalId: string | undefined, provider: string | undefined, sub: string | undefined):
{ aud?: string; sub?: string } {
  if (principalId === undefined) return {};
  let rest = principalId;
  if (provider !== undefined && rest.startsWith(`${provider}:`)) {rest = rest.slice(provider.length + 1);} else {
    const found = providerOfPrincipal(principalId);
    if (found === undefined) return {};
    rest = rest.slice(found.length + 1);
  }
  // The aud may hold ":" (a custom audience); the sub recorded on its own tells where the aud ends.
  if (sub !== undefined && rest.endsWith(`:${sub}`)) return { aud: rest.slice(0, rest.length - sub.length - 1), sub };
  const colon = rest.indexOf(':');
  return colon < 0 ? { aud: rest } : { aud: rest.slice(0, colon), sub: rest.slice(colon + 1) };
}

/**
 * The provider at the start of a principal ID: an ARN `arn:<p>:iam::<account>:oidc-provider/<host and path>` (which
 * ends at the first ":" after it: a host and path hold none), or a bare `<host and path>`.
 */
function providerOfPrincipal(principalId: string | undefined): string | undefined {
  if (principalId === undefined) return undefined;
  const arn = /^arn:[^:]+:iam::[^:]*:oidc-provider\/[^:]+/.exec(principalId);
  if (arn) return arn[0];
  const colon = principalId.indexOf(':');
  return colon > 0 ? principalId.slice(0, colon) : undefined;
}

function hostAndPath(provider: string): string {
  const marker = provider.indexOf(':oidc-provider/');
  const bare = marker >= 0 ? provider.slice(marker + ':oidc-provider/'.length) : provider;
  return bare.replace(/^https:\/\//, '').replace(/\/$/, '');
}

function runIdOf(userAgent: string | undefined): string | undefined {
  return userAgent === undefined ? undefined : /md\/run_id#(\d+)/.exec(userAgent)?.[1];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
