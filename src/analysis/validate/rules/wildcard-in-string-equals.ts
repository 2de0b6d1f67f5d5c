import { describeCondition, isExact, valueText, wildcardIndex } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { analyzeSubject } from '../subject';
import { capitalize, quote } from '../text';

/**
 * `*` or `?` under StringEquals: compared as plain characters, so the value never matches a token. The role is broken
 * rather than open, but the runs it was written for get an AccessDenied that does not say why.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'WildcardInStringEquals',
  severity: FindingSeverity.ERROR,
  title: 'A value with "*" or "?" under StringEquals or StringEqualsIgnoreCase, which never matches',
  explanation: 'StringEquals and StringEqualsIgnoreCase compare exactly: "*" and "?" are plain characters there, and no ' +
    'GitHub claim holds them (git refs cannot), so the value never matches and the runs it was meant for are refused. It ' +
    'is an ERROR, not a WARNING, although it opens nothing: the role does not do what it says, the cause is invisible in ' +
    'the AccessDenied, and the obvious "fix" of switching to StringLike must be judged by the other rules before it ships. ' +
    'The free-text "workflow" claim is exempt, since a workflow\'s name may hold "*".',
  fix: 'Use StringLike for a pattern (wildcards only after the repository part), or remove the wildcard.',
};

export const WILDCARD_IN_STRING_EQUALS: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'any',
  check(github: GitHubStatement): FindingDraft[] {
    const findings: FindingDraft[] = [];
    for (const { condition, claim } of github.conditions) {
      if (claim === undefined || claim === 'workflow' || !isExact(condition)) continue;
      for (const value of condition.values) {
        const text = valueText(value);
        const at = text === undefined ? -1 : wildcardIndex(text);
        if (text === undefined || at < 0) continue;
        findings.push({
          message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} holds ${quote(text[at])}, ` +
            `which ${condition.baseOperator} compares as a plain character: no token matches this value.`,
          fix: fixFor(claim, text, text[at]),
          statementIndex: github.index,
          conditionKey: condition.key,
          value: text,
        });
      }
    }
    return findings;
  },
};

function fixFor(claim: string, text: string, wildcard: string): string {
  if (claim === 'sub') {
    const scope = analyzeSubject(text, { pattern: true, ignoreCase: false }).repository.scope;
    if (scope !== 'one') {
      return `Remove the ${quote(wildcard)} and name one repository (as a StringLike pattern, ${quote(text)} would let other ` +
        'repositories in).';
    }
  }
  if (claim === 'aud') return `Remove the ${quote(wildcard)}: name the audience, e.g. "sts.amazonaws.com".`;
  return `Use StringLike, or remove the ${quote(wildcard)}.`;
}
