/**
 * Turns a JSON claims object (from a JWT payload or a `--claims` file) into the `claim -> string` map the evaluator
 * reads. IAM compares condition values as strings, so numbers and booleans (`exp`, `ref_protected`) become text.
 */
import { CliError } from '../cli-error';

/** Claims as strings, and the claims that could not be kept. */
export interface NormalizedClaims {
  readonly claims: { [claim: string]: string };
  /** Claims left out, each with why (objects, several values). */
  readonly ignored: string[];
}

/** Normalizes a claims object; throws CliError naming `source` when it is not an object. */
export function normalizeClaims(value: unknown, source: string): NormalizedClaims {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError(`${source}: holds ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}: ` +
      'expected a JSON object of token claims, e.g. {"sub": "repo:acme/web:ref:refs/heads/main", "aud": "sts.amazonaws.com"}');
  }
  const claims: { [claim: string]: string } = {};
  const ignored: string[] = [];
  for (const [name, raw] of Object.entries(value)) {
    const single = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
    if (typeof single === 'string') claims[name] = single;
    else if (typeof single === 'number' || typeof single === 'boolean') claims[name] = String(single);
    else if (Array.isArray(single)) ignored.push(`${name} (${single.length} values; GitHub's claims hold one)`);
    else if (single !== null && single !== undefined) ignored.push(`${name} (an object)`);
  }
  if (Object.keys(claims).length === 0) {
    throw new CliError(`${source}: holds no claims: expected at least "sub", "aud" and "iss"`);
  }
  return { claims, ignored };
}
