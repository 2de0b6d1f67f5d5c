import { describeCondition } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { contextValues, subjectWithContext } from '../subject-values';
import { capitalize, quote } from '../text';

/**
 * A wildcard in the environment name: `repo:acme/web:environment:prod*`. The environment's protection rules only
 * gate the role when the environment is named exactly.
 *
 * @see https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments
 */
const INFO: TrustPolicyRule = {
  ruleId: 'SubEnvironmentWildcard',
  severity: FindingSeverity.WARNING,
  title: 'A wildcard in the environment name ("environment:prod*")',
  explanation: 'Trusting an environment is safe because its protection rules (required reviewers, branch policies) must pass ' +
    'before a job that references it gets a token. But a workflow author chooses the environment name, and GitHub creates ' +
    'a referenced environment that does not exist yet, without any protection rules: with "environment:prod*", a job that ' +
    'references "prod-test" gets the role with no review. Wildcards are safe after the repository part in refs (protected ' +
    'by branch and tag rulesets), not in environment names.',
  fix: 'Name the environment exactly: "repo:acme/web:environment:production" (one value per environment).',
};

export const SUB_ENVIRONMENT_WILDCARD: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    return contextValues(github, 'environment-pattern').map(({ condition, text, analysis }) => ({
      message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} matches environment names a ` +
        'workflow author can make up: GitHub creates a referenced environment on the fly, without protection rules.',
      fix: `Name the environment, e.g. ${quote(subjectWithContext(analysis, 'environment:production'))}, or acknowledge this ` +
        'warning with a reason.',
      statementIndex: github.index,
      conditionKey: condition.key,
      value: text,
    }));
  },
};
