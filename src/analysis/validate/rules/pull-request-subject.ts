import { describeCondition } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { contextValues, subjectWithContext } from '../subject-values';
import { capitalize, quote } from '../text';

/** `repo:acme/web:pull_request`: any pull request from a branch of the repository, before review. */
const INFO: TrustPolicyRule = {
  ruleId: 'PullRequestSubject',
  severity: FindingSeverity.WARNING,
  title: 'Pull request runs can assume the role ("repo:acme/web:pull_request")',
  explanation: 'Every "pull_request" run without an environment gets this subject, whatever the branch and whatever the ' +
    'change: anyone who can push a branch to the repository can open a pull request whose workflow uses the role before ' +
    'anyone reviews it (pull requests from forks get no token). Fine for a read-only role (plan, diff); acknowledge it ' +
    'with a reason and keep the role\'s permissions read-only.',
  fix: 'Give this role read-only permissions, or trust a protected environment ("repo:acme/web:environment:<name>") instead.',
};

export const PULL_REQUEST_SUBJECT: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    return contextValues(github, 'pull-request').map(({ condition, text, analysis }) => ({
      message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} lets any pull request from a ` +
        'branch of the repository assume the role, before review.',
      fix: 'Give this role read-only permissions and acknowledge this warning with a reason, or trust a protected environment ' +
        `instead, e.g. ${quote(subjectWithContext(analysis, 'environment:production'))}.`,
      statementIndex: github.index,
      conditionKey: condition.key,
      value: text,
    }));
  },
};
