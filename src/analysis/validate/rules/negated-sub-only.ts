import { describeCondition, failsWhenMissing, isNegatedString, isPositiveString, listsValues, valueText } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { claimConditions, GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { repositoryPin } from '../subject-values';
import { capitalize, quote } from '../text';

/** `sub` constrained only by StringNotEquals / StringNotLike: everything not excluded gets in. */
const INFO: TrustPolicyRule = {
  ruleId: 'NegatedSubOnly',
  severity: FindingSeverity.ERROR,
  title: 'The only conditions on "sub" are negated (StringNotEquals, StringNotLike)',
  explanation: 'A negated operator says what may not assume the role; in an Allow with nothing positive on "sub", every ' +
    'other subject of every repository may. Negated operators are also true when the key is missing.',
  fix: 'Add a positive condition naming the repository, e.g. StringEquals "<issuer>:sub": "repo:acme/web:environment:production"; ' +
    'keep the negated one as an extra exclusion if needed.',
};

export const NEGATED_SUB_ONLY: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    const subs = claimConditions(github, 'sub');
    // Conditions without values are SubMissing's (listsValues): they neither exclude nor admit anything to count on.
    const negated = subs.filter((condition) => isNegatedString(condition) && listsValues(condition));
    if (negated.length === 0 || subs.some((condition) => isPositiveString(condition) && listsValues(condition))) return [];
    // A positive job_workflow_ref still scopes the statement; JobWorkflowRefWithoutRepository judges that.
    if (claimConditions(github, 'job_workflow_ref').some((c) => isPositiveString(c) && failsWhenMissing(c) && listsValues(c))) return [];
    return negated.map((condition) => {
      const values = condition.values.map(valueText).filter((text): text is string => text !== undefined);
      return {
        message: `${capitalize(github.where)}: ${describeCondition(condition)} ${values.map(quote).join(', ')} is the only ` +
          'condition on the subject: every other subject, of every repository, can assume the role.',
        fix: `Add StringEquals ${quote(condition.key)}: "repo:<owner>/<name>:environment:production" to ${github.where}.`,
        statementIndex: github.index,
        conditionKey: condition.key,
        value: values[0],
        ...(repositoryPin(github) ? {} : { admitsAnyOwner: true }),
      };
    });
  },
};
