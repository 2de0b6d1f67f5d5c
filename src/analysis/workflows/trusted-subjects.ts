/**
 * What a role's trust policy names for GitHub: the `sub` values of its Allow statements (to say what it trusts when
 * a job is refused, and which of them no job uses), the audiences it expects, and the branch, tag and environment
 * names in its subjects (sample refs for the runs of a job, so that a policy admitting only some of them is
 * caught).
 */
import { parsePolicy, ParsedStatement } from '../policy/document';
import { ProviderUrls } from '../policy/principal';

/** The GitHub side of a trust policy. */
export interface TrustedSubjects {
  /** `sub` values of positive conditions in Allow statements that trust GitHub, as written. */
  readonly subjects: string[];
  /** `aud` values of positive conditions in those statements. */
  readonly audiences: string[];
  /** Names found in the policy's subjects, to try as refs and environments. */
  readonly branches: string[];
  readonly tags: string[];
  readonly environments: string[];
  /** The issuer the policy trusts, when one. */
  readonly issuerUrl?: string;
  /** The claims the GitHub statements' conditions read (`sub`, `aud`, `ref`, ...). */
  readonly conditionClaims: string[];
}

const FILLERS: ReadonlyArray<[string, string]> = [['x', 'x'], ['z9', 'z'], ['x/y', 'q']];

const POSITIVE = new Set(['StringEquals', 'StringLike', 'StringEqualsIgnoreCase']);

/** Reads the subjects, audiences and names of a trust policy; never throws. */
export function trustedSubjects(policy: unknown, providerUrls?: ProviderUrls): TrustedSubjects {
  const parsed = parsePolicy(policy, { providerUrls });
  const github = parsed.statements.filter((s) => s.issuer !== undefined);
  const subjects = valuesOf(github.filter((s) => s.effect === 'Allow'), 'sub');
  const audiences = valuesOf(github.filter((s) => s.effect === 'Allow'), 'aud');
  // Deny statements name refs to carve out: try those too.
  const named = [...subjects, ...valuesOf(github, 'sub', true)];
  const branches: string[] = [];
  const tags: string[] = [];
  const environments: string[] = [];
  for (const sub of named) {
    for (const [marker, list] of [[':ref:refs/heads/', branches], [':ref:refs/tags/', tags], [':environment:', environments]] as const) {
      const at = sub.indexOf(marker);
      if (at < 0) continue;
      const name = sub.slice(at + marker.length).split(':')[0];
      // A wildcard is tried with several fillers, so that a Deny carve-out written with one of them (`release/x*`)
      // does not hide the names the Allow admits, and with a `/` (IAM's `*` crosses `/`).
      for (const example of new Set(FILLERS.map(([star, mark]) => name.replace(/\*/g, star).replace(/\?/g, mark)))) {
        if (example !== '') list.push(example);
      }
    }
  }
  return {
    subjects: [...new Set(subjects)],
    audiences: [...new Set(audiences)],
    branches: [...new Set(branches)],
    tags: [...new Set(tags)],
    environments: [...new Set(environments)],
    issuerUrl: github[0]?.issuer?.url,
    conditionClaims: [...new Set(github.flatMap((s) => s.conditions.map((c) => claimOf(c.normalizedKey, s.issuer!.conditionKeyPrefix))
      .filter((claim): claim is string => claim !== undefined)))],
  };
}

/** The claim a condition key reads, when it is a key of the statement's issuer. */
function claimOf(normalizedKey: string, prefix: string): string | undefined {
  const lower = prefix.toLowerCase();
  return normalizedKey.startsWith(lower) ? normalizedKey.slice(lower.length).replace(/^:/, '') : undefined;
}

function valuesOf(statements: readonly ParsedStatement[], claim: string, anyOperator = false): string[] {
  const out: string[] = [];
  for (const statement of statements) {
    for (const condition of statement.conditions) {
      if (!condition.normalizedKey.endsWith(`:${claim}`)) continue;
      if (!anyOperator && !POSITIVE.has(condition.baseOperator)) continue;
      for (const value of condition.values) if (typeof value === 'string') out.push(value);
    }
  }
  return out;
}
