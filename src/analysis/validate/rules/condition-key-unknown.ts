import { GitHubIssuer } from '../../../model/issuer';
import { ParsedCondition } from '../../policy/document';
import { claimSupported, editDistance, isTokenClaim, nearestClaim, STS_GITHUB_CLAIMS } from '../condition-keys';
import { failsWhenMissing, isNegatedString } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { claimOfKey, GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { capitalize, quote } from '../text';

/**
 * A condition key that STS never fills in for this statement's tokens: a scheme-prefixed, misspelled or
 * slash-separated key, a claim STS does not support (`event_name`), or another issuer's key.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'ConditionKeyUnknown',
  severity: FindingSeverity.ERROR,
  title: 'A condition key that is misspelled, unsupported by AWS STS, or of another issuer',
  explanation: 'GitHub condition keys are "<issuer host and path>:<claim>", e.g. "token.actions.githubusercontent.com:sub", ' +
    'compared without case. A key with "https://" or white space around it, a "/" before the claim, a misspelled claim ("sbu"), a claim STS does not ' +
    `evaluate (it supports aud, sub and, since 2026, ${STS_GITHUB_CLAIMS.join(', ')}; not event_name), or a key of another ` +
    'issuer than the statement\'s principal is simply missing when STS evaluates the policy: a positive condition on it ' +
    'never matches (the role is broken), while a negated, "IfExists" or "ForAllValues:" condition on it is always true ' +
    '(the check is void).',
  fix: 'Write the key as "<issuer>:<claim>" with the statement\'s issuer and a supported claim, e.g. ' +
    '"token.actions.githubusercontent.com:sub".',
};

export const CONDITION_KEY_UNKNOWN: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'any',
  check(github: GitHubStatement): FindingDraft[] {
    const findings: FindingDraft[] = [];
    for (const { condition, claim } of github.conditions) {
      // Most keys are the issuer's, on a claim STS evaluates: keyProblem would say so too (such a key has no scheme).
      if (claim !== undefined && claimSupported(github.issuer, claim) !== false) continue;
      const problem = keyProblem(github.issuer, condition.key);
      if (!problem) continue;
      // A key that is right once trimmed is wrong only if IAM reads it as written, which AWS does not document.
      const unlessTrimmed = problem.onlyAsWritten ? 'unless IAM trims it (AWS does not document whether it does), ' : '';
      findings.push({
        message: `${capitalize(github.where)}: condition key ${quote(condition.key)} ${problem.what}, so ` +
          `${unlessTrimmed}${effect(github, condition)}.`,
        fix: problem.fix,
        statementIndex: github.index,
        conditionKey: condition.key,
      });
    }
    return findings;
  },
};

interface KeyProblem {
  readonly what: string;
  readonly fix: string;
  /** Whether the key is right once its white space is trimmed: the effect then holds only if IAM does not trim it. */
  readonly onlyAsWritten?: boolean;
}

function keyProblem(issuer: GitHubIssuer, key: string): KeyProblem | undefined {
  const prefix = issuer.conditionKeyPrefix;
  const write = (suggestion: string) => `Write ${quote(suggestion)}.`;
  // Read as written: whether IAM trims a key is UNVERIFIED (FACTS.md, "White space around condition operators and keys").
  const trimmed = key.trim();
  if (trimmed !== key) {
    const inner = keyProblem(issuer, trimmed);
    return { what: `has white space around it${inner ? `, and ${inner.what}` : ''}`, fix: inner?.fix ?? write(trimmed), onlyAsWritten: !inner };
  }
  const scheme = /^[a-z]+:\/\//i.exec(key);
  if (scheme) {
    const rest = key.slice(scheme[0].length);
    const inner = keyProblem(issuer, rest);
    return {
      what: `starts with ${quote(scheme[0])}, which condition keys never have${inner ? `, and ${inner.what}` : ''}`,
      fix: inner?.fix ?? write(rest),
    };
  }
  const claim = claimOfKey(issuer, key);
  if (claim !== undefined) {
    if (claimSupported(issuer, claim) !== false) return undefined;
    if (isTokenClaim(claim)) {
      return {
        what: `reads the ${quote(claim)} claim, which AWS STS does not support as a condition key`,
        fix: 'Remove the condition, and express it through "sub" (e.g. the context "pull_request") or a supported key: ' +
          `${['aud', 'sub', ...STS_GITHUB_CLAIMS].join(', ')}.`,
      };
    }
    const nearest = nearestClaim(claim);
    return {
      what: `reads ${quote(claim)}, which is not a claim of GitHub's token`,
      fix: nearest ? write(`${prefix}:${nearest}`) : `Use a supported claim: ${['aud', 'sub', ...STS_GITHUB_CLAIMS].join(', ')}.`,
    };
  }
  const lower = key.toLowerCase();
  if (lower.startsWith(`${prefix.toLowerCase()}/`) && !key.slice(prefix.length).includes(':')) {
    return { what: 'separates the claim with "/" instead of ":"', fix: write(`${prefix}:${key.slice(prefix.length + 1)}`) };
  }
  const split = /^(.+):([^:]+)$/.exec(key);
  if (!split) {
    const bare = nearestClaim(lower) ?? (isTokenClaim(lower) ? lower : undefined);
    return bare
      ? { what: 'has no issuer prefix', fix: write(`${prefix}:${bare}`) }
      : { what: 'is not a condition key (it has no ":")', fix: write(`${prefix}:sub`) };
  }
  const [, keyPrefix, keyClaim] = split;
  const other = GitHubIssuer.tryFromUrl(keyPrefix.toLowerCase());
  if (other) {
    return {
      what: `is a key of another issuer (${other.url}) than the statement's principal (${issuer.url})`,
      fix: `${write(`${prefix}:${keyClaim}`)} (or trust the ${other.url} provider in a statement of its own)`,
    };
  }
  // `aws:SourceIp`, `sts:RoleSessionName`, `saml:aud`: global and service keys, not an identity provider's.
  if (!/[./]/.test(keyPrefix)) return undefined;
  if (looksLikeIssuer(keyPrefix, prefix)) {
    return { what: `misspells the issuer ${quote(prefix)}`, fix: write(`${prefix}:${keyClaim}`) };
  }
  return {
    what: `is a key of another identity provider (${quote(keyPrefix)}), which GitHub tokens never carry`,
    fix: `Remove it, or trust that provider in a statement of its own; GitHub's keys are "${prefix}:<claim>".`,
  };
}

function looksLikeIssuer(keyPrefix: string, issuerPrefix: string): boolean {
  const lower = keyPrefix.toLowerCase();
  return /github|token\.actions|_services/.test(lower) || editDistance(lower, issuerPrefix.toLowerCase()) <= 3;
}

/** What a key that is always missing does to this condition. */
function effect(github: GitHubStatement, condition: ParsedCondition): string {
  const voidWhenMissing = isNegatedString(condition) || !failsWhenMissing(condition);
  if (github.statement.effect !== 'Allow') return 'this Deny does not work as written';
  return voidWhenMissing
    ? 'the condition is always true and constrains nothing'
    : 'the condition never matches and the role cannot be assumed through this statement';
}
