import { describeCondition } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { claimOfKey, GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { capitalize, quote } from '../text';

/** `ForAnyValue:` on a GitHub claim, all of which are single-valued. */
const INFO: TrustPolicyRule = {
  ruleId: 'ForAnyValueOnSingleValuedClaim',
  severity: FindingSeverity.WARNING,
  title: '"ForAnyValue:" on a single-valued GitHub claim',
  explanation: 'Set qualifiers are for multivalued keys. On a single-valued claim "ForAnyValue:" behaves like the plain ' +
    'operator, so it changes nothing today, but it suggests a set semantics the claim does not have, and IAM Access ' +
    'Analyzer flags it.',
  fix: 'Drop the qualifier: "StringEquals" instead of "ForAnyValue:StringEquals".',
};

export const FOR_ANY_VALUE_ON_SINGLE_VALUED_CLAIM: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    return github.statement.conditions
      .filter((condition) => condition.qualifier === 'ForAnyValue' && claimOfKey(github.issuer, condition.key) !== undefined)
      .map((condition) => ({
        message: `${capitalize(github.where)}: ${describeCondition(condition)} uses a set qualifier on the single-valued ` +
          `${quote(claimOfKey(github.issuer, condition.key)!)} claim.`,
        fix: `Use ${quote(condition.operator.replace(/^ForAnyValue:/i, ''))} instead of ${quote(condition.operator)}.`,
        statementIndex: github.index,
        conditionKey: condition.key,
      }));
  },
};
