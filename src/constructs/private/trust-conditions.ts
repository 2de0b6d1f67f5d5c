import { GitHubIssuer } from '../../model/issuer';
import { GitHubRepository } from '../../model/repository';
import { SubjectClaim, SubjectFormat } from '../../model/subject-claim';

/** What a role trusts: one repository, some subjects, one audience, from one issuer. */
export interface TrustSpec {
  readonly issuer: GitHubIssuer;
  readonly repository: GitHubRepository;
  readonly subjects: SubjectClaim[];
  readonly format: SubjectFormat;
  readonly audience: string;
}

/** The trust statement's conditions and the `sub` values in them. */
export interface TrustConditions {
  /** IAM conditions, operator -> key -> value(s). */
  readonly conditions: { [operator: string]: { [key: string]: string | string[] } };
  /** Every `sub` value, in the order of the subjects (name-only before immutable for BOTH). */
  readonly subjectValues: string[];
}

const WILDCARD = /[*?]/;

/**
 * The conditions of a GitHub deploy role's one trust statement (FACTS.md sections 4 and 5):
 *
 * - `aud` pinned with StringEquals;
 * - `sub` with StringEquals when no value has a wildcard, else ALL `sub` values under StringLike. IAM ANDs the
 *   operators of a statement, so exact values under StringEquals next to patterns under StringLike would require
 *   a token to match both, i.e. admit nothing when there are two different subjects. A value without `*` or `?`
 *   under StringLike matches only itself, so one StringLike block keeps every value's meaning and the OR between
 *   them, in one statement (two statements would repeat the audience and ID pins and grow the policy);
 * - with the repository's IDs, `repository_id` and `repository_owner_id` with StringEquals (STS evaluates these
 *   GitHub claims since 2026), which defeats a re-registered owner or repository name.
 */
export function trustConditions(spec: TrustSpec): TrustConditions {
  const subjectValues = spec.subjects.flatMap((subject) => subject.render(spec.repository, spec.format));
  const key = (claim: string) => spec.issuer.conditionKey(claim);
  const anyWildcard = subjectValues.some((value) => WILDCARD.test(value));
  const sub = subjectValues.length === 1 ? subjectValues[0] : subjectValues;

  const stringEquals: { [key: string]: string | string[] } = { [key('aud')]: spec.audience };
  if (!anyWildcard) stringEquals[key('sub')] = sub;
  if (spec.repository.hasIds) {
    stringEquals[key('repository_owner_id')] = String(spec.repository.ownerId);
    stringEquals[key('repository_id')] = String(spec.repository.repositoryId);
  }
  const conditions: TrustConditions['conditions'] = { StringEquals: stringEquals };
  if (anyWildcard) conditions.StringLike = { [key('sub')]: sub };
  return { conditions, subjectValues };
}

/** The subject values of a role that repeat an earlier one (two subjects that render the same `sub`). */
export function duplicateSubjectValues(subjectValues: string[]): string[] {
  return subjectValues.filter((value, index) => subjectValues.indexOf(value) !== index);
}
