/**
 * Where `explain` gets the token's claims: a JWT (`--token`, `--token-file`), a claims file (`--claims`), or a run
 * description simulated with `GitHubToken.simulate` (`--repo ...`). Exactly one, or none.
 */
import { CliError } from '../cli-error';
import { describeRun, givenRunFlags, readRunFlags } from './run-flags';
import { WorkflowRunOptions } from '../../analysis/token/types';
import { readJsonFile, readTextFile } from '../input/json-file';
import { normalizeClaims } from '../token/claims';
import { decodeJwt, expiryNote, extractJwt } from '../token/jwt';

/** The claims to evaluate and where they came from. */
export interface TokenInput {
  readonly claims: { [claim: string]: string };
  /** One line for the output, e.g. `JWT from --token-file token.txt (signature not verified)`. */
  readonly source: string;
  /** Notes for stderr: the unverified signature, an expired token, claims left out. */
  readonly notes: string[];
}

/** Simulates a run's claims (GitHubToken.simulate), injected so that this module stays free of the token module. */
export type Simulate = (run: WorkflowRunOptions) => { [claim: string]: string };

/** Reads the token input the flags name; undefined when they name none. */
export async function readTokenInput(flags: { readonly [name: string]: string | boolean | undefined }, simulate: () => Promise<Simulate>, now: Date):
Promise<TokenInput | undefined> {
  const sources = ['token', 'token-file', 'claims'].filter((name) => flags[name] !== undefined).map((name) => `--${name}`);
  const runFlags = givenRunFlags(flags);
  if (runFlags.length > 0) sources.push(flags.repo !== undefined ? '--repo' : `--${runFlags[0]}`);
  if (sources.length > 1) {
    throw new CliError(`give one token input, not ${sources.join(' and ')}: --token JWT, --token-file FILE, --claims FILE, or a run (--repo OWNER/NAME ...)`);
  }
  if (typeof flags.token === 'string') return fromJwt(flags.token, '--token', now);
  if (typeof flags['token-file'] === 'string') {
    const path = flags['token-file'];
    const text = readTextFile(path, 'a GitHub Actions OIDC token (JWT)');
    if (text.trim() === '') throw new CliError(`${path} is empty: expected a GitHub Actions OIDC token (JWT)`);
    return fromJwt(text, `--token-file ${path}`, now, path);
  }
  if (typeof flags.claims === 'string') {
    const file = readJsonFile(flags.claims, 'a JSON object of token claims (for a JWT use --token-file)');
    const { claims, ignored } = normalizeClaims(file.value, flags.claims);
    return { claims, source: `claims from --claims ${flags.claims}`, notes: ignoredNotes(ignored) };
  }
  if (runFlags.length > 0) {
    const run = readRunFlags(flags);
    const simulator = await simulate();
    let claims: { [claim: string]: string };
    try {
      claims = simulator(run);
    } catch (err) {
      throw new CliError(`cannot simulate the run described by the flags: ${(err as Error).message}`);
    }
    return { claims, source: `simulated run: ${describeRun(claims)}`, notes: [] };
  }
  return undefined;
}

function fromJwt(text: string, source: string, now: Date, name = source): TokenInput {
  const token = extractJwt(text, name);
  const { payload } = decodeJwt(token, name);
  const { claims, ignored } = normalizeClaims(payload, name);
  const notes = ['the token\'s signature is NOT verified: its claims are read as they are, to explain the policy\'s verdict'];
  const expired = expiryNote(payload, now);
  if (expired) notes.push(expired);
  return { claims, source: `JWT from ${source} (signature not verified)`, notes: [...notes, ...ignoredNotes(ignored)] };
}

function ignoredNotes(ignored: string[]): string[] {
  return ignored.length > 0 ? [`claims left out (not single values): ${ignored.join(', ')}`] : [];
}
