/**
 * The `sub` values of a statement, each read by `analyzeSubject`, plus whether another condition already pins the
 * repository: the common input of the subject rules.
 */
import { ConditionValue, expressionValues, hasWildcard, ignoresCase, isExact, pinnedValues, positiveValues } from './conditions';
import { GitHubStatement } from './github-statement';
import { analyzeSubject, ContextKind, SubjectAnalysis } from './subject';

/** One `sub` value with its condition and what it admits. */
export interface SubjectValue extends ConditionValue {
  readonly analysis: SubjectAnalysis;
  /** Whether the value is a CloudFormation expression, judged by its literal parts alone (`expressionValues`). */
  readonly fromExpression?: boolean;
}

/**
 * Every `sub` value of the statement's positive string conditions, except values with `*` or `?` under an exact
 * operator: those never match anything, which `WildcardInStringEquals` reports, so judging their shape would only
 * repeat it.
 */
export function subjectValues(github: GitHubStatement): readonly SubjectValue[] {
  // Up to ten rules ask: work the values out once per statement (the rules only read them).
  github.derived.subjectValues ??= positiveValues(github, 'sub')
    .filter((value) => value.written !== undefined || !(isExact(value.condition) && hasWildcard(value.text)))
    .map((value) => ({
      ...value,
      analysis: analyzeSubject(value.text, { pattern: value.pattern, ignoreCase: ignoresCase(value.condition) }),
    }));
  return github.derived.subjectValues;
}

/**
 * `subjectValues` and the `sub` values that are CloudFormation expressions, read by their literal parts
 * (`expressionValues`): what the rules that judge which repositories get in look at. The other rules judge runs of
 * one repository, which an expression's unknown part may still decide.
 */
export function repositoryScopeValues(github: GitHubStatement): readonly SubjectValue[] {
  const expressions = expressionValues(github, 'sub');
  if (expressions.length === 0) return subjectValues(github);
  return [...subjectValues(github), ...expressions.map((value) => ({
    ...value,
    fromExpression: true,
    analysis: withWrittenOwner(analyzeSubject(value.text, { pattern: value.pattern, ignoreCase: ignoresCase(value.condition) }), value.written),
  }))];
}

/**
 * The analysis of an expression's literal parts, its owner named as written (`${GitHubOrganization}`) where an
 * unknown part stands for it: messages then name the parameter rather than the placeholder the rules read it as.
 */
function withWrittenOwner(analysis: SubjectAnalysis, written: string | undefined): SubjectAnalysis {
  const owner = written === undefined ? undefined : /^repo:([^/:]*)\//.exec(written)?.[1];
  if (owner === undefined || analysis.repository.owner === undefined || owner === analysis.repository.owner) return analysis;
  return { ...analysis, repository: { ...analysis.repository, owner } };
}

/** How a message quotes a value: as written (a widened or narrowed `text` is the rules' reading of it). */
export function shownValue(value: ConditionValue): string {
  return value.written ?? value.text;
}

/** What a message adds about how a value was read, when it is not plain text. */
export function readingNote(value: SubjectValue): string {
  if (value.fromExpression) return ' (a CloudFormation expression: its literal parts alone, whatever the rest resolves to)';
  if (value.written !== undefined) return ' (a policy variable is replaced by whatever the token carries)';
  return '';
}

/** A claim that limits the role to some repositories, and its values. */
export interface RepositoryPin {
  readonly claim: string;
  readonly values: readonly string[];
}

/**
 * The repository names or IDs another condition pins (`repository_id` or `repository` with literal values), which
 * limit the role to those repositories whatever `sub` says; undefined when none does.
 */
export function repositoryPin(github: GitHubStatement): RepositoryPin | undefined {
  // Asked by several rules: worked out once per statement.
  if (github.derived.repositoryPin === undefined) github.derived.repositoryPin = findRepositoryPin(github) ?? null;
  return github.derived.repositoryPin ?? undefined;
}

function findRepositoryPin(github: GitHubStatement): RepositoryPin | undefined {
  for (const claim of ['repository_id', 'repository']) {
    const values = pinnedValues(github, claim);
    if (values) return { claim, values };
  }
  return undefined;
}

/** `repo:<repository part>:<context>` for a fix, keeping the value's repository part when it is literal. */
export function subjectWithContext(analysis: SubjectAnalysis | undefined, context: string): string {
  const first = analysis?.items[0];
  if (first && first.key === 'repo' && !first.valuePattern && analysis?.repository.scope === 'one') {
    return `repo:${first.value}:${context}`;
  }
  const owner = analysis?.repository.owner ?? '<owner>';
  const name = analysis?.repository.namePrefix?.replace(/[-._]+$/, '') || '<name>';
  return `repo:${owner}/${name}:${context}`;
}

/** The repository a value names, for messages: `acme/web`, or the value's repository part as written. */
export function repositoryName(analysis: SubjectAnalysis): string {
  const repository = analysis.repository;
  if (repository.claim === 'repository_id') return `repository ${repository.text}`;
  return repository.text ?? analysis.value;
}

/**
 * The `sub` values that admit one repository (by themselves or through a pin on `repository_id` / `repository`) and
 * whose context is `kind`: the input of the rules that judge which runs of the repository get in. Values that let
 * other repositories in, or that never match, are left to the ERROR rules.
 */
export function contextValues(github: GitHubStatement, kind: ContextKind): SubjectValue[] {
  const pinned = repositoryPin(github) !== undefined;
  return subjectValues(github).filter(({ analysis }) => !analysis.shapeProblem && analysis.context === kind
    && (analysis.repository.scope === 'one' || (pinned && analysis.repository.scope !== 'unknown')));
}
