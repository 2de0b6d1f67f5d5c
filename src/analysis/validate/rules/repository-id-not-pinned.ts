import { GitHubIssuer, GitHubIssuerKind } from '../../../model/issuer';
import { FindingSeverity, TrustPolicyFinding, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { repositoryName, repositoryPin, subjectValues } from '../subject-values';
import { capitalize, quote } from '../text';

/**
 * The repository is trusted by name only. If the owner or repository is deleted or renamed, whoever registers the name
 * again mints the same name-only subject (Astrix, "Sub:jugation", 2025).
 */
const INFO: TrustPolicyRule = {
  ruleId: 'RepositoryIdNotPinned',
  severity: FindingSeverity.INFO,
  title: 'The repository is trusted by name only, not by its immutable ID',
  explanation: 'A name-only subject ("repo:acme/web:...") is minted for whichever repository holds that name at the time. ' +
    'When an organization or repository is deleted or renamed, someone else can register the name and assume the role ' +
    '(Astrix, "Sub:jugation"). Pinning "repository_id" (a condition key AWS STS evaluates since 2026) or trusting the ' +
    'immutable subject "repo:acme@<owner id>/web@<repository id>:..." ties the role to the repository itself. Not reported ' +
    'for GitHub Enterprise Server, which has no immutable subjects.',
  fix: 'Add "<issuer>:repository_id": "<the repository\'s ID>" under StringEquals, or trust the immutable subject.',
};

/**
 * The finding for repositories trusted by name only: of this rule, and of the plain policy recognized without the rules
 * (plain-policy.ts), so that both say the same.
 */
export function nameOnlyDraft(where: string, statementIndex: number, issuer: GitHubIssuer, names: readonly string[], value: string): FindingDraft {
  return {
    message: `${capitalize(where)} trusts ${names.map(quote).join(', ')} by name only: if the owner or repository is ` +
      'deleted or renamed, whoever registers the name again gets the same subject.',
    fix: `Add ${quote(issuer.conditionKey('repository_id'))}: "<ID of ${names[0]}>" under StringEquals in ${where}, ` +
      'or trust the immutable subject "repo:<owner>@<owner id>/<name>@<repository id>:...".',
    statementIndex,
    value,
  };
}

/** `nameOnlyDraft` as the validator stamps it. */
export function nameOnlyFinding(where: string, statementIndex: number, issuer: GitHubIssuer, names: readonly string[],
  value: string): TrustPolicyFinding {
  return { ruleId: INFO.ruleId, severity: INFO.severity, ...nameOnlyDraft(where, statementIndex, issuer, names, value) };
}

export const REPOSITORY_ID_NOT_PINNED: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    if (github.issuer.kind === GitHubIssuerKind.ENTERPRISE_SERVER) return [];
    const pin = repositoryPin(github);
    if (pin?.claim === 'repository_id') return [];
    const named = subjectValues(github).filter(({ analysis }) => analysis.repository.scope === 'one');
    const byName = named.filter(({ analysis }) => !analysis.repository.immutable);
    // A `repository` name pin limits the role to a name, which a recycled name has too, whatever `sub` says.
    const namePinned = pin?.claim === 'repository' && named.every(({ analysis }) => !analysis.repository.immutable);
    if (byName.length === 0 && !namePinned) return [];
    const names = byName.length > 0 ? [...new Set(byName.map(({ analysis }) => repositoryName(analysis)))] : [...pin!.values];
    return [nameOnlyDraft(github.where, github.index, github.issuer, names, byName[0]?.text ?? names[0])];
  },
};
