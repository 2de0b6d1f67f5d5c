import { describeCondition } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { contextValues, subjectWithContext } from '../subject-values';
import { capitalize, quote } from '../text';

/** Every tag of the repository: `repo:acme/web:ref:refs/tags/*`. */
const INFO: TrustPolicyRule = {
  ruleId: 'SubEveryTag',
  severity: FindingSeverity.WARNING,
  title: 'Every tag of the repository can assume the role ("ref:refs/tags/*")',
  explanation: 'Anyone with write access can push a tag, on any commit, unless a tag ruleset restricts it; a workflow run for ' +
    'that tag gets the role. Narrow the pattern to the release tags (e.g. "v*") and protect them with a tag ruleset, or ' +
    'trust an environment.',
  fix: 'Narrow the tag pattern ("ref:refs/tags/v*") and protect it with a tag ruleset, or trust an environment.',
};

export const SUB_EVERY_TAG: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    return contextValues(github, 'every-tag').map(({ condition, text, analysis }) => ({
      message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} lets a run for any tag ` +
        'assume the role: anyone who can push a tag to the repository gets its permissions.',
      fix: `Narrow it, e.g. ${quote(subjectWithContext(analysis, 'ref:refs/tags/v*'))} with a tag ruleset, or trust a protected ` +
        `environment, e.g. ${quote(subjectWithContext(analysis, 'environment:production'))}; or acknowledge this warning with a reason.`,
      statementIndex: github.index,
      conditionKey: condition.key,
      value: text,
    }));
  },
};
