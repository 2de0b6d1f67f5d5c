import { describeCondition } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { subjectValues } from '../subject-values';
import { capitalize, quote } from '../text';

/**
 * A `sub` value that no GitHub token can carry: the runs it was meant for are refused with an AccessDenied that does
 * not say why.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'SubShapeInvalid',
  severity: FindingSeverity.ERROR,
  title: 'A "sub" value is not a subject GitHub writes, so it never matches',
  explanation: 'GitHub\'s default subject is "repo:<owner>/<name>:<context>" (or "repo:<owner>@<id>/<name>@<id>:<context>"), ' +
    'where the context is "ref:refs/heads/<branch>", "ref:refs/tags/<tag>", "environment:<name>" or "pull_request"; a ' +
    'custom template writes "<claim>:<value>" pairs of the claims it includes. A value such as "acme/web:ref:refs/heads/main" ' +
    '(no "repo:"), "repo:acme/web" (no context; only a template of just ["repo"] writes that), "repo:acme/web:ref:main" ' +
    '(not a full ref) or "repo:acme/web:branch:main" matches no token: the role (or this value of it) never works, and STS ' +
    'answers with an AccessDenied that names no condition.',
  fix: 'Write the subject as GitHub does, e.g. "repo:acme/web:ref:refs/heads/main" or "repo:acme/web:environment:production".',
};

export const SUB_SHAPE_INVALID: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    return subjectValues(github)
      // A value that already lets other repositories in is reported as such; fixing that comes first.
      .filter(({ analysis }) => analysis.shapeProblem && (analysis.repository.scope === 'one' || analysis.repository.scope === 'unknown'))
      .map(({ condition, text, analysis }) => ({
        message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} is not a subject GitHub writes ` +
          `(${analysis.shapeProblem}), so no token matches it.`,
        fix: INFO.fix,
        statementIndex: github.index,
        conditionKey: condition.key,
        value: text,
      }));
  },
};
