import { describeCondition, hasWildcard } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { repositoryPin, subjectValues } from '../subject-values';
import { capitalize, quote } from '../text';

/**
 * A wildcard inside an immutable ID (`repo:acme@123/web@*`, `repository_id:4*`): the names are right, but a recycled
 * name with a new ID matches, which is what immutable subjects exist to prevent.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'SubWildcardImmutableId',
  severity: FindingSeverity.ERROR,
  title: 'A wildcard inside an immutable ID of "sub" ("repo:acme@123/web@*")',
  explanation: 'Immutable subjects ("repo:<owner>@<owner id>/<name>@<repository id>:...") exist so that a deleted or renamed ' +
    'owner or repository, registered again by someone else, cannot mint a matching subject (Astrix, "Sub:jugation"). A ' +
    'wildcard in place of an ID matches the newcomer\'s ID too, and "*" there also swallows the context.',
  fix: 'Write the IDs GitHub shows for the owner and repository, e.g. "repo:acme@123456/web@456789:environment:production".',
};

export const SUB_WILDCARD_IMMUTABLE_ID: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    if (repositoryPin(github)) return [];
    return subjectValues(github)
      .filter(({ analysis }) => analysis.repository.scope === 'id-wildcard')
      .map(({ condition, text }) => ({
        message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} has a wildcard inside an ` +
          'immutable ID: an owner or repository of the same name but another ID (a recycled name) matches too.',
        fix: `Write the IDs: ${quote(withIds(text))}.`,
        statementIndex: github.index,
        conditionKey: condition.key,
        value: text,
      }));
  },
};

/** The value with each wildcarded ID replaced by a placeholder naming it; literal IDs stay. */
function withIds(text: string): string {
  const placeholder = (id: string, name: string) => (hasWildcard(id) ? `<${name}>` : id);
  const repo = /^repo:([^/:@]+)@([^/:]*)\/([^/:@]+)@([^:]*)(.*)$/.exec(text);
  if (repo) {
    const [, owner, ownerId, name, repositoryId, rest] = repo;
    return `repo:${owner}@${placeholder(ownerId, 'owner id')}/${name}@${placeholder(repositoryId, 'repository id')}${rest}`;
  }
  return text.replace(/(^|:)(repository_id|repository_owner_id):([^:]*)/g, (whole, start: string, claim: string, id: string) =>
    (hasWildcard(id) ? `${start}${claim}:<${claim === 'repository_id' ? 'repository id' : 'owner id'}>` : whole));
}
