import { WORKFLOW_AUTHOR_CLAIM_KEYS } from '../../../model/subject-template';
import { describeCondition } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { subjectValues } from '../subject-values';
import { capitalize, quote } from '../text';

/**
 * A custom subject template that starts with a claim the workflow author chooses (`workflow`, `environment`,
 * `workflow_ref`). WARNING, not ERROR: when the subject also names the repository, no other repository gets in (and
 * when it does not, SubWildcardRepository reports an ERROR); the risk is a role that looks scoped to "the deploy
 * workflow" while any workflow file of the repository can call itself that.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'SubTemplateAuthorClaimFirst',
  severity: FindingSeverity.WARNING,
  title: 'A custom subject starts with a claim whoever edits or triggers a workflow chooses (workflow, environment, ref, actor, ...)',
  explanation: 'Whoever edits a workflow file chooses its "workflow" name, the "environment" it references (GitHub creates ' +
    'missing ones without protection) and the path in "workflow_ref"; whoever pushes or triggers it chooses "ref", ' +
    '"event_name" and "actor". A subject that leads with such a claim reads as if it scoped the role to one workflow, while ' +
    'any workflow of the repository can claim the same value; patterns anchored on it ("workflow:deploy:*") also tend to ' +
    'wildcard the repository away. It is a WARNING, not an ERROR, because it lets no other repository in when the subject ' +
    'names the repository: GitHub writes a ":" inside a value as "%3A", so no value an outsider chooses can spell the pair ' +
    '"repo:acme/web" (a wildcard that reaches into the repository part is an ERROR of SubWildcardRepository).',
  fix: 'Lead the template with the repository ("include_claim_keys": ["repo", "context", ...]) and scope runs by "context" ' +
    '(a protected environment) or "job_workflow_ref" (a reusable workflow in a repository you control).',
};

export const SUB_TEMPLATE_AUTHOR_CLAIM_FIRST: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    return subjectValues(github)
      .filter(({ analysis }) => {
        const first = analysis.items[0];
        return analysis.template === 'custom' && first !== undefined && !first.keyPattern
          && WORKFLOW_AUTHOR_CLAIM_KEYS.includes(first.key);
      })
      .map(({ condition, text, analysis }) => ({
        message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} starts with ` +
          `${quote(analysis.items[0].key)}, a claim whoever edits or triggers a workflow chooses: it does not prove which workflow runs.`,
        fix: INFO.fix,
        statementIndex: github.index,
        conditionKey: condition.key,
        value: text,
      }));
  },
};
