/**
 * Reads the claims of a GitHub Actions OIDC token (a JWT) WITHOUT verifying its signature: the point is to see which
 * claims a run got, not to trust them. The command says so on stderr.
 */
import { CliError } from '../cli-error';

/** A decoded (not verified) JWT. */
export interface DecodedJwt {
  readonly header: { readonly [key: string]: unknown };
  readonly payload: { readonly [claim: string]: unknown };
}

const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/**
 * Finds the JWT in what a user pasted or saved: the bare token, `Bearer <token>`, or the JSON the token endpoint
 * returns (`{"count":..., "value":"<token>"}`, what `curl $ACTIONS_ID_TOKEN_REQUEST_URL` prints).
 */
export function extractJwt(text: string, source: string): string {
  let token = text.trim().replace(/^Bearer\s+/i, '');
  if (token.startsWith('{')) {
    let response: any;
    try {
      response = JSON.parse(token);
    } catch {
      throw new CliError(`${source}: starts with "{" but is not JSON: expected a JWT (header.payload.signature) or the token endpoint's {"value": "<JWT>"}`);
    }
    if (typeof response?.value !== 'string') {
      throw new CliError(`${source}: a JSON object without a "value" string: expected a JWT, or the token endpoint's {"value": "<JWT>"} (for a claims object use --claims)`);
    }
    token = response.value.trim();
  }
  return token;
}

/** Decodes a JWT's header and payload; throws CliError naming `source` when it is not a JWT. */
export function decodeJwt(token: string, source: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length === 5) {
    throw new CliError(`${source}: an encrypted token (JWE, 5 parts): expected a signed JWT of 3 parts, header.payload.signature`);
  }
  if (parts.length !== 3 || parts[0] === '' || parts[1] === '') {
    throw new CliError(`${source}: not a JWT (${parts.length} part${parts.length === 1 ? '' : 's'} separated by "."): expected header.payload.signature, e.g. eyJhbGciOi...`);
  }
  return {
    header: decodePart(parts[0], 'header', source),
    payload: decodePart(parts[1], 'payload', source),
  };
}

function decodePart(part: string, name: string, source: string): { [key: string]: unknown } {
  if (!BASE64URL.test(part)) {
    throw new CliError(`${source}: the JWT ${name} is not base64url (characters other than A-Z a-z 0-9 - _)`);
  }
  const text = Buffer.from(part, 'base64url').toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(`${source}: the JWT ${name} does not decode to JSON: expected a base64url-encoded JSON object`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError(`${source}: the JWT ${name} decodes to ${Array.isArray(value) ? 'an array' : typeof value}: expected a JSON object`);
  }
  return value as { [key: string]: unknown };
}

/**
 * A note when the token has expired (GitHub's tokens live minutes): STS then refuses it with ExpiredTokenException
 * before looking at the trust policy. Undefined when `exp` is absent or in the future.
 */
export function expiryNote(payload: { readonly [claim: string]: unknown }, now: Date): string | undefined {
  const exp = payload.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
  if (exp * 1000 > now.getTime()) return undefined;
  return `the token expired at ${new Date(exp * 1000).toISOString()}: STS would refuse it (ExpiredTokenException) ` +
    'whatever the trust policy says; the evaluation below uses its claims anyway';
}
