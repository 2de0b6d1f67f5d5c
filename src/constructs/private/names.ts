import { createHash } from 'crypto';
import { GitHubIssuer, GitHubIssuerKind } from '../../model/issuer';

/**
 * Deterministic, readable names derived from user input: construct IDs, logical IDs and IAM role names. Every
 * function here is part of what users deploy (a changed name replaces a resource): change them only together with
 * the snapshot tests.
 */

/** An upper-case hex hash of `text`, `length` characters long. */
export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length).toUpperCase();
}

/**
 * The construct ID (also the logical ID) of the provider `forAccount` creates: `GitHubOidcProvider` for github.com,
 * and for other issuers `GitHubOidcProvider` followed by the issuer's distinctive words and a hash of its URL (the
 * words alone could collide, e.g. `acme-x` and `acmex`).
 */
export function providerConstructId(issuer: GitHubIssuer): string {
  if (issuer.kind === GitHubIssuerKind.GITHUB_COM) return 'GitHubOidcProvider';
  const common = new Set(['token', 'actions', 'githubusercontent', 'com', 'ghe', 'services']);
  const words = issuer.conditionKeyPrefix.split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '' && !common.has(word.toLowerCase()))
    .map((word) => word[0].toUpperCase() + word.slice(1));
  return `GitHubOidcProvider${words.join('').slice(0, 64)}${shortHash(issuer.conditionKeyPrefix)}`;
}

/**
 * A construct ID made of `parts` joined with `-`: characters other than letters, digits, `.`, `_` and `-` become
 * `-`, and when that changed anything, a hash of the original parts is appended so that two inputs that differ only
 * in those characters (`prod 1`, `prod-1`) still get different IDs.
 */
export function readableConstructId(parts: string[]): string {
  const original = parts.join('-');
  const sanitized = original.replace(/[^A-Za-z0-9._-]/g, '-');
  return sanitized === original ? original : `${sanitized}-${shortHash(JSON.stringify(parts))}`;
}

/** IAM role names: at most 64 of `[\w+=,.@-]` (FACTS.md section 2). */
export const ROLE_NAME_MAX = 64;
export const ROLE_NAME_CHARS = /^[\w+=,.@-]+$/;

/**
 * An IAM role name for `parts` joined with `-` after `prefix`: characters IAM refuses become `-`, and when that
 * changed anything or the name is longer than 64 characters, the name is cut and ends in `-` and a hash of the
 * original input, so that it stays unique and is the same on every synth.
 */
export function deterministicRoleName(prefix: string, parts: string[]): string {
  const original = `${prefix}${parts.join('-')}`;
  const sanitized = original.replace(/[^\w+=,.@-]/g, '-');
  if (sanitized === original && sanitized.length <= ROLE_NAME_MAX) return sanitized;
  const suffix = `-${shortHash(JSON.stringify([prefix, ...parts]))}`;
  return `${sanitized.slice(0, ROLE_NAME_MAX - suffix.length)}${suffix}`;
}
