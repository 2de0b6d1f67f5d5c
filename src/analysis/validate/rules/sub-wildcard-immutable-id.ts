import { describeCondition, hasWildcard, pinnedValues } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { readingNote, repositoryPin, repositoryScopeValues, shownValue } from '../subject-values';
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
    'wildcard in place of an ID matches the newcomer\'s ID too, and "*" there also swallows the context. A "repository" ' +
    'condition does not help: it pins the name, which the newcomer has. Only an ID pin does: "repository_id" for either ' +
    'ID, "repository_owner_id" for the owner\'s.',
  fix: 'Write the IDs GitHub shows for the owner and repository, e.g. "repo:acme@123456/web@456789:environment:production".',
};

export const SUB_WILDCARD_IMMUTABLE_ID: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    // Only an ID pin closes the recycled-name attack: a `repository` name pin is met by whoever registers the name.
    const pinned = { owner: pinsId(github, 'repository_owner_id') || pinsId(github, 'repository_id'), repository: pinsId(github, 'repository_id') };
    return repositoryScopeValues(github)
      .filter(({ analysis, text }) => analysis.repository.scope === 'id-wildcard' && !closedByPins(wildcardedIds(text), pinned))
      .map((value) => {
        const text = shownValue(value);
        return {
          message: `${capitalize(github.where)}: ${describeCondition(value.condition)} value ${quote(text)}${readingNote(value)} has a ` +
            'wildcard inside an immutable ID: an owner or repository of the same name but another ID (a recycled name) matches too' +
            `${repositoryPin(github)?.claim === 'repository' ? ', and the "repository" condition pins only the name, which the newcomer has' : ''}.`,
          fix: `Write the IDs: ${quote(withIds(value.text))}.`,
          statementIndex: github.index,
          conditionKey: value.condition.key,
          value: text,
        };
      });
  },
};

interface Ids {
  readonly owner: boolean;
  readonly repository: boolean;
}

function pinsId(github: GitHubStatement, claim: string): boolean {
  return pinnedValues(github, claim) !== undefined;
}

function closedByPins(wildcarded: Ids, pinned: Ids): boolean {
  return (!wildcarded.owner || pinned.owner) && (!wildcarded.repository || pinned.repository);
}

/**
 * Which IDs of an immutable subject hold a wildcard. A real subject has one "/" before its first ":", so a wildcard
 * in the owner part cannot reach into a literal repository part after the "/".
 */
function wildcardedIds(text: string): Ids {
  const repo = /^repo:([^/:@]*)@([^/:]*)\/([^/:@]*)@([^:]*)/.exec(text);
  if (repo) {
    return { owner: hasWildcard(repo[1]) || hasWildcard(repo[2]), repository: hasWildcard(repo[3]) || hasWildcard(repo[4]) };
  }
  const ownerId = /(?:^|:)repository_owner_id:([^:]*)/.exec(text);
  const repositoryId = /(?:^|:)repository_id:([^:]*)/.exec(text);
  if (ownerId || repositoryId) {
    return { owner: ownerId !== null && hasWildcard(ownerId[1]), repository: repositoryId !== null && hasWildcard(repositoryId[1]) };
  }
  // A shape not taken apart here: both, the safe reading.
  return { owner: true, repository: true };
}

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
