import { failsWhenMissing, isNegatedString, isPositiveString, listsValues, unreadBlocksNote } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { claimConditions, GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { repositoryPin } from '../subject-values';
import { capitalize, quote } from '../text';

/**
 * An Allow for GitHub tokens with no string condition on `sub` (nor `job_workflow_ref`): every workflow of every
 * repository on the issuer gets in (Datadog Security Labs, "No keys attached", 2023).
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_secure-by-default.html
 */
const INFO: TrustPolicyRule = {
  ruleId: 'SubMissing',
  severity: FindingSeverity.ERROR,
  title: 'No condition on "sub" (nor "job_workflow_ref") in a statement that trusts GitHub',
  explanation: 'Every GitHub Actions workflow, in every repository of every owner, can get a token from the same issuer. ' +
    'Without a condition on the subject, the role trusts all of them: Datadog Security Labs ("No keys attached", 2023) found ' +
    'such roles in the wild. AWS now refuses to create or update a role that trusts GitHub without evaluating "sub" or ' +
    '"job_workflow_ref" (MalformedPolicyDocument ... "which is not scoped to all"), but existing roles remain.',
  fix: 'Add "<issuer>:sub" under StringEquals naming one repository and context, e.g. "repo:acme/web:environment:production".',
};

export const SUB_MISSING: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    // A condition with no values constrains nothing the rules can count on (listsValues).
    const constrains = (claim: string) => claimConditions(github, claim)
      .some((condition) => (isPositiveString(condition) || isNegatedString(condition)) && listsValues(condition));
    // A negated `sub` alone is NegatedSubOnly's finding; a negated `job_workflow_ref` alone says nothing of who may
    // come in (and AWS's own check accepts only StringEquals, StringLike and StringEqualsIgnoreCase there).
    // job_workflow_ref is only in the tokens of reusable workflows: an IfExists or ForAllValues condition on it is true
    // for every other run, of any repository, so only one that fails when the claim is missing names the runs.
    const names = (claim: string) => claimConditions(github, claim)
      .some((condition) => isPositiveString(condition) && failsWhenMissing(condition) && listsValues(condition));
    if (constrains('sub') || names('job_workflow_ref')) return [];
    const key = github.issuer.conditionKey('sub');
    const pin = repositoryPin(github);
    const repository = pin?.claim === 'repository' && pin.values.length === 1 ? pin.values[0] : '<owner>/<name>';
    const unread = unreadBlocksNote(github);
    const consequence = pin
      ? `the ${pin.claim} condition limits it to ${pin.values.map(quote).join(', ')}, but IAM refuses to create or update a role ` +
        'trusting GitHub without one (MalformedPolicyDocument: "... which is not scoped to all")'
      : `${unread ? 'unless that block limits it, ' : ''}any GitHub Actions workflow of any repository can assume the role (Datadog Security Labs, "No keys attached")`;
    return [{
      message: `${capitalize(github.where)} allows sts:AssumeRoleWithWebIdentity from ${github.issuer.url} without a condition on ` +
        `${quote(key)} or ${quote(github.issuer.conditionKey('job_workflow_ref'))}${unread}${emptyListsNote(github)}: ${consequence}.`,
      fix: `Add ${quote(key)}: ${quote(`repo:${repository}:environment:production`)} under StringEquals in ${github.where} ` +
        '(with your repository and environment or branch).',
      statementIndex: github.index,
      ...(pin ? {} : { admitsAnyOwner: true }),
    }];
  },
};

/** What the message adds for a `sub` condition that lists no values: it is there, but the rules do not count it. */
function emptyListsNote(github: GitHubStatement): string {
  const empty = claimConditions(github, 'sub').filter((condition) => !listsValues(condition));
  if (empty.length === 0) return '';
  return ` (its ${empty.map((condition) => condition.operator).join(', ')} condition on ${quote(empty[0].key)} lists no values: AWS does ` +
    'not document whether IAM then matches no run or ignores the condition)';
}
