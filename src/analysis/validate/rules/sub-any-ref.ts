import { describeCondition } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { contextValues, subjectWithContext } from '../subject-values';
import { capitalize, quote } from '../text';

/** Every run of the repository: `repo:acme/web:*`. */
const INFO: TrustPolicyRule = {
  ruleId: 'SubAnyRef',
  severity: FindingSeverity.WARNING,
  title: 'Every run of the repository can assume the role ("repo:acme/web:*")',
  explanation: 'A wildcard in place of the context admits every branch, tag, environment and pull_request run of the ' +
    'repository: anyone who can push a branch (or open a pull request from one) gets the role\'s permissions, without ' +
    'review. Legitimate for read-only or sandbox roles; acknowledge it with a reason, or name the runs. A custom subject ' +
    'template without any context claim admits every run in the same way.',
  fix: 'Name the runs: "repo:acme/web:environment:production" (with protection rules) or "repo:acme/web:ref:refs/heads/main".',
};

export const SUB_ANY_REF: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    return contextValues(github, 'any').map(({ condition, text, analysis }) => ({
      message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} lets every run of the ` +
        'repository assume the role: any branch (including branches pushed for pull requests), tag, environment and pull request.',
      fix: `Name the runs, e.g. ${quote(subjectWithContext(analysis, 'environment:production'))} or ` +
        `${quote(subjectWithContext(analysis, 'ref:refs/heads/main'))}, or acknowledge this warning with a reason.`,
      statementIndex: github.index,
      conditionKey: condition.key,
      value: text,
    }));
  },
};
