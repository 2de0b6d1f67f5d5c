import { describeCondition } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { contextValues, subjectWithContext } from '../subject-values';
import { capitalize, quote } from '../text';

/** Every branch of the repository: `repo:acme/web:ref:refs/heads/*` (or `ref:*`, every branch and tag). */
const INFO: TrustPolicyRule = {
  ruleId: 'SubEveryBranch',
  severity: FindingSeverity.WARNING,
  title: 'Every branch of the repository can assume the role ("ref:refs/heads/*")',
  explanation: 'Anyone with write access can push a branch, and a workflow on any branch (including one pushed only to open ' +
    'a pull request) runs with the role, before any review. "ref:*" and "ref:refs/*" admit every tag as well. Acknowledge ' +
    'it with a reason, or name the branch, or trust a GitHub environment whose protection rules decide.',
  fix: 'Name the branch ("ref:refs/heads/main"), a protected prefix ("ref:refs/heads/release/*"), or an environment.',
};

export const SUB_EVERY_BRANCH: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    return contextValues(github, 'every-branch').map(({ condition, text, analysis }) => ({
      message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} lets a run on any branch ` +
        'assume the role: anyone who can push a branch to the repository gets its permissions.',
      fix: `Name the branch, e.g. ${quote(subjectWithContext(analysis, 'ref:refs/heads/main'))}, or trust a protected ` +
        `environment, e.g. ${quote(subjectWithContext(analysis, 'environment:production'))}; or acknowledge this warning with a reason.`,
      statementIndex: github.index,
      conditionKey: condition.key,
      value: text,
    }));
  },
};
