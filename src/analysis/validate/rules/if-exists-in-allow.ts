import { describeCondition, requiringOperator } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { claimOfKey, GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { capitalize, quote } from '../text';

/** `...IfExists` on a GitHub claim in an Allow: true when the token lacks the claim. */
const INFO: TrustPolicyRule = {
  ruleId: 'IfExistsInAllow',
  severity: FindingSeverity.ERROR,
  title: '"...IfExists" on a GitHub claim in an Allow statement',
  explanation: 'An operator ending in "IfExists" is true when the key is missing. In an Allow that turns a constraint into ' +
    'an option: a job without an environment passes "StringEqualsIfExists" on "environment", and a misspelled or ' +
    'unsupported key always passes.',
  fix: 'Drop "IfExists": "StringEquals" instead of "StringEqualsIfExists".',
};

export const IF_EXISTS_IN_ALLOW: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    return github.statement.conditions
      // Under an operator IAM does not have, the condition is PolicyUnreadable's, and no constraint to the rules.
      .filter((condition) => condition.ifExists && requiringOperator(condition) !== undefined
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
