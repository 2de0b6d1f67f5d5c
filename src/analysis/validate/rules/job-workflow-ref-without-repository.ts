import { ParsedCondition } from '../../policy/document';
import { failsWhenMissing, hasWildcard, isPattern, isPositiveString, listsValues, valueText } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { claimConditions, GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { repositoryPin } from '../subject-values';
import { capitalize, quote } from '../text';

/**
 * Trusting a reusable workflow (`job_workflow_ref`) without naming the calling repository. The token's repository
 * claims are the caller's: any repository allowed to call the workflow gets in.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'JobWorkflowRefWithoutRepository',
  severity: FindingSeverity.ERROR,
  title: 'A "job_workflow_ref" condition without "sub", "repository" or "repository_id" naming the calling repository',
  explanation: 'job_workflow_ref names the reusable workflow that asks for the token, not the repository whose run it is: ' +
    'every repository that can call that workflow (any repository on GitHub, when the workflow\'s repository is public) ' +
    'gets a token with the same job_workflow_ref. AWS\'s secure-by-default check accepts job_workflow_ref alone, so only ' +
    'this rule notices.',
  fix: 'Also pin the calling repository: "<issuer>:sub" ("repo:acme/web:environment:production") or "<issuer>:repository_id" ' +
    'under StringEquals.',
};

export const JOB_WORKFLOW_REF_WITHOUT_REPOSITORY: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    // A sub condition with no values names no repository (listsValues): AWS does not document whether IAM ignores it.
    if (claimConditions(github, 'sub').some((condition) => isPositiveString(condition) && listsValues(condition))) return [];
    if (repositoryPin(github)) return [];
    const workflows = claimConditions(github, 'job_workflow_ref').filter((c) => isPositiveString(c) && failsWhenMissing(c));
    if (workflows.length === 0) return [];
    const condition = workflows[0];
    const values = condition.values.map(valueText).filter((text): text is string => text !== undefined);
    // A workflow of a named owner may be internal, which only the user knows (so it can be acknowledged); a
    // workflow of any owner is anyone's.
    const anyOwner = workflows.some(namesWorkflowOwner) ? {} : { admitsAnyOwner: true };
    // One finding per workflow the condition accepts (any one of them lets callers in): each is acknowledged for its
    // own value, so accepting acme's workflow never accepts another owner's beside it (acknowledgements.ts).
    return (values.length > 0 ? values : [undefined]).map((value) => ({
      message: `${capitalize(github.where)} trusts ${condition.operator} ${quote(condition.key)}${value === undefined ? '' : ` ${quote(value)}`} ` +
        'without naming the calling repository: every repository that can call that reusable workflow (any repository, if ' +
        'the workflow\'s repository is public) can assume the role.',
      fix: `Add ${quote(github.issuer.conditionKey('repository_id'))}: "<calling repository's ID>" or ` +
        `${quote(github.issuer.conditionKey('sub'))}: "repo:<owner>/<name>:environment:production" under StringEquals in ${github.where}.`,
      statementIndex: github.index,
      conditionKey: condition.key,
      value,
      ...anyOwner,
    }));
  },
};

/**
 * Whether every value of the condition names the reusable workflow's owner literally (`acme/deploy/...`): no wildcard
 * under a pattern operator, no policy variable, no expression, before the first `/`.
 */
function namesWorkflowOwner(condition: ParsedCondition): boolean {
  return condition.values.length > 0 && condition.values.every((value) => {
    const text = valueText(value);
    if (text === undefined) return false;
    const owner = text.split('/')[0];
    return owner !== '' && owner.length < text.length && !owner.includes('${') && !(isPattern(condition) && hasWildcard(owner));
  });
}
