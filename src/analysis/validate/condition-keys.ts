/**
 * Which condition keys AWS STS fills in from a GitHub token, and what a key that is not one of them most likely
 * meant. A key STS does not fill in is missing at evaluation: a positive condition on it never matches (the role is
 * broken), a negated or `...IfExists` one always does (the condition is void).
 */
import { GitHubIssuer, GitHubIssuerKind } from '../../model/issuer';
import { SUBJECT_CLAIM_KEYS } from '../../model/subject-template';

/** The claims every OIDC provider's keys carry in IAM (`<provider>:aud`, `<provider>:sub`). */
const STANDARD_CLAIMS = ['aud', 'sub'];

/**
 * GitHub claims AWS STS accepts as trust-policy condition keys since early 2026 (FACTS.md section 2: AWS "What's new"
 * 2026-01, "AWS STS supports validation of identity provider claims"). `event_name` is not among them.
 *
 * UNVERIFIED: `repository_owner_id` is in FACTS.md's list but missing from some secondary write-ups of the launch; and
 * whether STS fills these keys in for GitHub Enterprise Cloud, GHE.com and GHES issuers (not only
 * `token.actions.githubusercontent.com`). For issuers other than github.com, these claims are therefore neither
 * reported as unsupported nor relied on.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html
 */
export const STS_GITHUB_CLAIMS: readonly string[] = [
  'actor', 'actor_id', 'enterprise_id', 'environment', 'job_workflow_ref', 'ref', 'repository', 'repository_id',
  'repository_owner_id', 'workflow',
];

/** Every claim name a GitHub Actions token carries (for telling an unsupported claim from a misspelled one). */
const TOKEN_CLAIMS: readonly string[] = [
  ...SUBJECT_CLAIM_KEYS.filter((key) => key !== 'repo' && key !== 'context'),
  'aud', 'sub', 'iss', 'exp', 'iat', 'nbf', 'jti', 'check_run_id',
];

/** Whether STS evaluates `<issuer>:<claim>` for tokens of this issuer; undefined when that is not known. */
export function claimSupported(issuer: GitHubIssuer, claim: string): boolean | undefined {
  if (STANDARD_CLAIMS.includes(claim)) return true;
  if (STS_GITHUB_CLAIMS.includes(claim)) return issuer.kind === GitHubIssuerKind.GITHUB_COM ? true : undefined;
  return false;
}

/** Whether a name is a claim of GitHub's token (whether or not STS supports it as a key). */
export function isTokenClaim(claim: string): boolean {
  return TOKEN_CLAIMS.includes(claim);
}

/** The supported claim a misspelled one most likely meant (at most two edits away), if any. */
export function nearestClaim(claim: string): string | undefined {
  let best: { claim: string; distance: number } | undefined;
  for (const candidate of [...STANDARD_CLAIMS, ...STS_GITHUB_CLAIMS]) {
    const distance = editDistance(claim, candidate);
    if (distance <= 2 && (!best || distance < best.distance)) best = { claim: candidate, distance };
  }
  return best?.claim;
}

/** Levenshtein distance with adjacent transpositions (`sbu` is one edit from `sub`). */
export function editDistance(a: string, b: string): number {
  // Bounded: keys are short, and an absurdly long key is simply far from everything.
  if (Math.abs(a.length - b.length) > 3 || a.length > 200 || b.length > 200) return Number.POSITIVE_INFINITY;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2][j - 2] + 1);
      rows[i].push(value);
    }
  }
  return rows[a.length][b.length];
}
