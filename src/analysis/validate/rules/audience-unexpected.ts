import { describeCondition, hasWildcard, ignoresCase, isExact, positiveValues } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, ResolvedOptions, StatementRule } from '../rule';
import { capitalize, quote } from '../text';

/** An `aud` value other than the audience the workflows request. */
const INFO: TrustPolicyRule = {
  ruleId: 'AudienceUnexpected',
  severity: FindingSeverity.ERROR,
  title: 'An "aud" value is not the expected audience (sts.amazonaws.com by default), or is a wildcard',
  explanation: 'aws-actions/configure-aws-credentials requests tokens for the audience "sts.amazonaws.com" ' +
    '("sts.amazonaws.com.cn" in the China regions, set with its "audience" input). An "aud" pattern also admits tokens a ' +
    'workflow requested for other services; a different literal audience means the role does not work with the default ' +
    'action, or that the workflows use a custom audience, which the validator must then be told (expectedAudience).',
  fix: 'Use StringEquals "<issuer>:aud": "sts.amazonaws.com", or pass expectedAudience when the workflows request another.',
};

export const AUDIENCE_UNEXPECTED: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement, options: ResolvedOptions): FindingDraft[] {
    const expected = options.expectedAudience;
    const findings: FindingDraft[] = [];
    for (const { condition, text, pattern } of positiveValues(github, 'aud')) {
      // A wildcard under StringEquals never matches: WildcardInStringEquals says so.
      if (isExact(condition) && hasWildcard(text)) continue;
      const same = ignoresCase(condition) ? text.toLowerCase() === expected.toLowerCase() : text === expected;
      if (same && !pattern) continue;
      findings.push({
        message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} ` +
          (pattern
            ? `is a pattern: it admits tokens requested for other audiences than ${quote(expected)}.`
            : `is not the expected audience ${quote(expected)}: tokens requested for ${quote(expected)} do not match it.`),
        fix: `Use StringEquals ${quote(condition.key)}: ${quote(expected)}` +
          (pattern ? '.' : ', or pass expectedAudience if the workflows request this audience.'),
        statementIndex: github.index,
        conditionKey: condition.key,
        value: text,
      });
    }
    return findings;
  },
};
