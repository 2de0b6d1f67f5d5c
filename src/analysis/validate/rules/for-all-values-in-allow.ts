import { describeCondition, requiringOperator } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { claimOfKey, GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { capitalize, quote } from '../text';

/**
 * `ForAllValues:` on a GitHub claim in an Allow: true when the token lacks the claim.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
const INFO: TrustPolicyRule = {
  ruleId: 'ForAllValuesInAllow',
  severity: FindingSeverity.ERROR,
  title: '"ForAllValues:" on a GitHub claim in an Allow statement',
  explanation: '"ForAllValues:" is true when every value of the key matches, and so also when the key is missing (an empty ' +
    'set). GitHub claims are single-valued, so the qualifier adds nothing when the claim is there and lets the request ' +
    'through when it is not: a job without an environment has no "environment" claim, and a misspelled or unsupported key ' +
    'is always missing. aws-actions/configure-aws-credentials warns against it for the same reason.',
  fix: 'Drop the qualifier: "StringLike" instead of "ForAllValues:StringLike".',
};

export const FOR_ALL_VALUES_IN_ALLOW: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    return github.statement.conditions
      // Under an operator IAM does not have, the condition is PolicyUnreadable's, and no constraint to the rules.
      .filter((condition) => condition.qualifier === 'ForAllValues' && requiringOperator(condition) !== undefined
        && claimOfKey(github.issuer, condition.key) !== undefined)
      .map((condition) => ({
        message: `${capitalize(github.where)}: ${describeCondition(condition)} is true when the token has no ` +
          `${quote(claimOfKey(github.issuer, condition.key)!)} claim, so it does not require one.`,
        fix: `Use ${quote(requiringOperator(condition)!)} instead of ${quote(condition.operator)}.`,
        statementIndex: github.index,
        conditionKey: condition.key,
      }));
  },
};
