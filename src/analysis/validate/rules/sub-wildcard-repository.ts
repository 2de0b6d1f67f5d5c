import { describeCondition, hasWildcard } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { SubjectAnalysis } from '../subject';
import { readingNote, repositoryPin, repositoryScopeValues, shownValue, subjectWithContext } from '../subject-values';
import { capitalize, quote } from '../text';

/**
 * A `sub` value whose wildcard reaches into the repository part: other owners (`repo:*`), every repository of an
 * owner (`repo:acme/*`) or look-alike names (`repo:acme/web*` also matches `repo:acme/web-evil`).
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */
const INFO: TrustPolicyRule = {
  ruleId: 'SubWildcardRepository',
  severity: FindingSeverity.ERROR,
  title: 'A "sub" value lets more than one repository in (a wildcard before the repository part ends)',
  explanation: 'In StringLike, "*" matches any characters including "/" and ":", and "?" any one character. A wildcard is ' +
    'only safe after the ":" that ends the repository part ("repo:acme/web:ref:refs/heads/release/*"): GitHub writes a ":" ' +
    'inside a value as "%3A", so the literal prefix "repo:acme/web:" can only come from acme/web. Before that colon, ' +
    '"repo:*", "repo:*/*" and "*" admit any owner\'s repositories, "repo:acme/*" every repository of acme (including ones ' +
    'created later), and "repo:acme/web*" or "repo:acme/we?" look-alikes such as acme/web-evil. A custom subject template ' +
    'must carry "repo", "repository" or "repository_id" for the same reason. AWS\'s own check lets "repo:*", "repo:*/*" and ' +
    '["repo:acme/x", "*"] through; this rule judges every value of the list. When another condition pins "repository_id" ' +
    'or "repository" to literal values, that condition limits the repositories and this rule stays quiet.',
  fix: 'Name one repository: "repo:acme/web:environment:production" (or pin "<issuer>:repository_id" under StringEquals).',
};

export const SUB_WILDCARD_REPOSITORY: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    if (repositoryPin(github)) return [];
    const findings: FindingDraft[] = [];
    for (const value of repositoryScopeValues(github)) {
      const { condition, analysis } = value;
      const scope = analysis.repository.scope;
      if (scope !== 'any-owner' && scope !== 'owner' && scope !== 'several') continue;
      const text = shownValue(value);
      findings.push({
        message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)}${readingNote(value)} ` +
          `${consequence(analysis)}.`,
        fix: `${nameOneRepository(analysis)} (or pin ${quote(github.issuer.conditionKey('repository_id'))} under StringEquals).`,
        statementIndex: github.index,
        conditionKey: condition.key,
        value: text,
        ...(scope === 'any-owner' ? { admitsAnyOwner: true } : {}),
      });
    }
    return findings;
  },
};

function consequence(analysis: SubjectAnalysis): string {
  const repository = analysis.repository;
  switch (repository.scope) {
    case 'several':
      return `matches other repositories of ${quote(repository.owner ?? '')} too, e.g. ${quote(lookAlike(repository.text ?? ''))}`;
    case 'owner':
      return repository.claim === 'repo' || repository.claim === 'repository'
        ? `lets every repository of ${quote(repository.owner ?? '')} assume the role, including repositories created later`
        : `names only the owner (${repository.claim} ${quote(repository.text ?? '')}), so every repository of that owner matches`;
    default:
      return repository.claim === undefined && !analysis.items.some((item) => item.keyPattern)
        ? 'names no repository (no "repo", "repository" or "repository_id" claim), so runs of any repository with these ' +
          'claims match'
        : 'lets repositories of any owner assume the role, e.g. "repo:attacker/repo:ref:refs/heads/main"';
  }
}

/** A repository the pattern also matches: `acme/web*` -> `acme/web-evil`. */
function lookAlike(pattern: string): string {
  return pattern.replace(/\*/g, '-evil').replace(/\?/g, 'x');
}

/**
 * The fix: the value with one repository, keeping its context when that is literal; otherwise the context is the
 * user's to name, shown as a placeholder with an example rather than a context they never wrote.
 */
function nameOneRepository(analysis: SubjectAnalysis): string {
  const context = analysis.contextText;
  if (context && !hasWildcard(context) && analysis.context !== 'unknown') {
    return `Name one repository: ${quote(subjectWithContext(analysis, context))}`;
  }
  return `Name one repository and the runs: ${quote(subjectWithContext(analysis, '<context>'))}, e.g. ` +
    `${quote(subjectWithContext(analysis, 'environment:production'))}`;
}
