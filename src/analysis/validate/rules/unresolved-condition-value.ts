import { describeValue } from '../../../model/errors';
import { isConditionValue } from '../../policy/document';
import { flattenIntrinsic } from '../../policy/principal';
import { describeCondition, valueText } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { capitalize } from '../text';

/**
 * A GitHub condition value that is still a CloudFormation expression (a parameter, an import, a join): it cannot be
 * judged here, and is reported rather than passed.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'UnresolvedConditionValue',
  severity: FindingSeverity.WARNING,
  title: 'A GitHub condition value is a CloudFormation expression that cannot be checked',
  explanation: 'A value such as { "Fn::Sub": "repo:${GitHubOrg}/*" } or { "Ref": "Subject" } is only known at deploy time, ' +
    'so the rules cannot judge all of it: a parameter set to "*" would open the role to every repository. It is reported ' +
    'rather than passed silently. Its literal parts are judged all the same: when they alone admit other repositories ' +
    '({ "Fn::Join": ["", ["repo:*:", { "Ref": "Context" }]] }), that is an error of SubWildcardRepository whatever the ' +
    'parameters are. In a template, a parameter with a Default is also judged as deployed with it (a stack made without ' +
    'values takes every default): a "sub" of "repo:acme/${Repo}:*" whose Repo defaults to "*" is an error.',
  fix: 'Validate the policy once resolved (e.g. the deployed role, with the audit command), or write the value literally.',
};

export const UNRESOLVED_CONDITION_VALUE: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    const findings: FindingDraft[] = [];
    for (const { condition, claim } of github.conditions) {
      if (claim === undefined) continue;
      for (const value of condition.values) {
        // Text is judged by the other rules; what is neither text nor an expression is PolicyUnreadable's.
        if (valueText(value) !== undefined || !isConditionValue(value)) continue;
        const text = flattenIntrinsic(value);
        findings.push({
          message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${describeValue(value)} is not text but an ` +
            `expression${text === undefined ? '' : ` (${JSON.stringify(text)} once its parameters are known)`}: it cannot be checked.`,
          fix: INFO.fix,
          statementIndex: github.index,
          conditionKey: condition.key,
          value: text,
        });
      }
    }
    return findings;
  },
};
