/**
 * Reads one `sub` condition value (a literal or a `StringLike` pattern) the way GitHub writes subjects, to tell which
 * repositories and which runs it admits.
 *
 * GitHub writes `sub` as `key:value` pairs joined by `:` (the default template is `repo:<owner>/<name>:<context>`,
 * where the context is `ref:refs/heads/<branch>`, `ref:refs/tags/<tag>`, `environment:<name>` or the bare
 * `pull_request`), and writes a `:` inside a value as `%3A`. So every `:` in a real subject separates parts, owner and
 * repository names hold no `:`, and a literal prefix `repo:acme/web:` can only come from the repository `acme/web`.
 * A wildcard is safe only after that terminating `:`; before it, `*` (which matches `/` and `:` too) and `?` reach
 * other repositories.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc
 */
import { BoundedMemo } from './bounded-memo';
import { hasWildcard, wildcardIndex } from './conditions';
import { GitHubRepository } from '../../model/repository';
import { refNameProblem } from '../../model/subject-claim';
import { SUBJECT_CLAIM_KEYS } from '../../model/subject-template';

/** Which repositories a subject admits. */
export type RepositoryScope =
  /** exactly one repository (or, for a list, the ones it names) */
  | 'one'
  /** several repositories of one owner: a wildcard inside the repository name (`acme/web*`, `acme/we?`) */
  | 'several'
  /** every repository of one owner (`acme/*`, or a custom template that names only the owner) */
  | 'owner'
  /** repositories of any owner (`*`, `repo:*`, `repo:*\/*`, a custom template that names no repository) */
  | 'any-owner'
  /** the right names, but a wildcard inside an immutable ID (`acme@123/web@*`) */
  | 'id-wildcard'
  /** cannot tell: the value is not in a shape GitHub writes (see `shapeProblem`) */
  | 'unknown';

/** Which runs of the repository a subject admits. */
export type ContextKind =
  | 'any' | 'every-branch' | 'every-tag' | 'branch' | 'tag' | 'environment' | 'environment-pattern' | 'pull-request'
  /** a custom template without a context whose other claims (e.g. `job_workflow_ref`) say which runs */
  | 'other'
  | 'unknown';

/** One `key:value` part of a subject, or the bare `pull_request` context. */
export interface SubjectItem {
  /** The claim name (lower-cased when the operator ignores case), or the pattern in the key's place. */
  readonly key: string;
  readonly value?: string;
  /** Whether a wildcard stands where a claim name belongs (`repo:acme/web:*`): it may match any remaining parts. */
  readonly keyPattern: boolean;
  readonly valuePattern: boolean;
}

/** What one `sub` value admits. */
export interface SubjectAnalysis {
  readonly value: string;
  readonly items: readonly SubjectItem[];
  /** `default` when the value starts with `repo:` followed by the context and nothing else. */
  readonly template: 'default' | 'custom';
  /** Why no GitHub token can have this subject, when that is so (the role then never works). */
  readonly shapeProblem?: string;
  readonly repository: RepositoryAnalysis;
  readonly context: ContextKind;
  /** The context part as written, e.g. `ref:refs/heads/*`. */
  readonly contextText?: string;
}

/** Which repositories a subject admits, and through which claim. */
export interface RepositoryAnalysis {
  readonly scope: RepositoryScope;
  /** The claim that decides it (`repo`, `repository`, `repository_id`, `repository_owner`...). */
  readonly claim?: string;
  /** That claim's value as written, e.g. `acme/*`. */
  readonly text?: string;
  /** The owner's name, when the value names it literally. */
  readonly owner?: string;
  /** The literal part of a repository name that a wildcard extends, e.g. `web` in `acme/web*`. */
  readonly namePrefix?: string;
  /** Whether the repository is pinned by its immutable ID (`owner@id/name@id` or `repository_id`). */
  readonly immutable: boolean;
}

const CLAIM_KEYS = new Set(SUBJECT_CLAIM_KEYS.filter((key) => key !== 'context'));
const CONTEXT_KEYS = ['ref', 'environment', 'pull_request'];
// Claims other than the context that still say which runs may assume the role.
const RUN_KEYS = ['job_workflow_ref', 'workflow_ref'];
const HEADS = 'refs/heads/';
const TAGS = 'refs/tags/';
const PULL = 'refs/pull/';

/** How to read a value: as a `StringLike` pattern or literally, and with or without case. */
export interface SubjectReadOptions {
  readonly pattern: boolean;
  readonly ignoreCase: boolean;
}

// Read once per value and reading: an organization's audit meets the same values in account after account (in the
// audit benchmark's export, 86,864 values, 7,975 of them distinct). Values past 512 characters are not kept.
const ANALYSES = new BoundedMemo<SubjectAnalysis>(10_000, 512);

/** Reads one `sub` value. The analysis is shared with every caller that reads the same value the same way: read-only. */
export function analyzeSubject(value: string, options: SubjectReadOptions): SubjectAnalysis {
  const reading = (options.pattern ? 'p' : 'l') + (options.ignoreCase ? 'i' : 'c');
  return ANALYSES.get(reading + value, () => readSubject(value, options));
}

function readSubject(value: string, options: SubjectReadOptions): SubjectAnalysis {
  const wild = options.pattern ? hasWildcard : never;
  const { items, problem } = readItems(value, options, wild);
  const template = items.length >= 1 && items[0].key === 'repo' && !items[0].keyPattern
    && items.length <= 2 && (items.length === 1 || items[1].keyPattern || CONTEXT_KEYS.includes(items[1].key))
    ? 'default' : 'custom';
  // Both the shape check and the pin read each literal repository claim: parse each once, here (both read every one).
  const specs = items.map((item) => (isRepositoryClaim(item) ? repositorySpec(item.value!, item.key === 'repo') : undefined));
  const specOf = (item: SubjectItem) => specs[items.indexOf(item)];
  // The earliest problem first: a malformed repository explains what follows it.
  const partsProblem = repositoryShapeProblem(items, specOf) ?? problem;
  const context = contextOf(items, template, wild, options.ignoreCase);
  // When the parts themselves are not GitHub's, what follows the problem is unread: only a literal pin is certain.
  const repository: RepositoryAnalysis = partsProblem
    ? pinOf(items, specOf) ?? { scope: 'unknown', immutable: false }
    : repositoryOf(items, specOf);
  return {
    value,
    items,
    template,
    shapeProblem: partsProblem ?? context.problem,
    repository,
    context: context.kind,
    contextText: context.text,
  };
}

/** What `wild` is when the value is read literally: no text is a pattern. */
function never(): boolean {
  return false;
}

/** A literal `repo` or `repository` item with a value: what `repositorySpec` reads. */
function isRepositoryClaim(item: SubjectItem): boolean {
  return (item.key === 'repo' || item.key === 'repository') && !item.keyPattern && !item.valuePattern && item.value !== undefined;
}

function readItems(value: string, options: SubjectReadOptions, wild: (text: string) => boolean): { items: SubjectItem[]; problem?: string } {
  const tokens = value.split(':');
  const items: SubjectItem[] = [];
  // After a wildcard, `*` may have swallowed separators, so what follows need not line up with claim names.
  let sawWildcard = false;
  const problem = (text: string) => ({ items, problem: sawWildcard ? undefined : text });
  if (value === '') return problem('the value is empty');
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i];
    if (wild(token)) {
      items.push({ key: token, keyPattern: true, valuePattern: false });
      break;
    }
    const key = options.ignoreCase ? token.toLowerCase() : token;
    if (key === 'pull_request') {
      items.push({ key, keyPattern: false, valuePattern: false });
      i += 1;
      continue;
    }
    if (!CLAIM_KEYS.has(key)) return problem(unknownClaimProblem(token, i === 0, value));
    const next = tokens[i + 1];
    if (next === undefined || next === '') return problem(`"${token}" has no value after it`);
    const valuePattern = wild(next);
    items.push({ key, value: next, keyPattern: false, valuePattern });
    sawWildcard ||= valuePattern;
    i += 2;
  }
  return { items };
}

function unknownClaimProblem(token: string, first: boolean, value: string): string {
  if (first && /^[^/]+\/[^/]+$/.test(token)) {
    return `it does not start with "repo:": GitHub writes "repo:${value}"`;
  }
  if (first) {
    return `"${token}" is not a claim GitHub writes into sub: the default subject starts with "repo:<owner>/<name>:"`;
  }
  return `"${token}" is not a claim GitHub writes into sub: after the repository come "ref:refs/heads/<branch>", ` +
    '"ref:refs/tags/<tag>", "environment:<name>" or "pull_request"';
}

/** The repository spec of a literal `repo` (immutable form allowed) or `repository` item with a value. */
type SpecOf = (item: SubjectItem) => RepositorySpec | undefined;

/** A literal repository claim that GitHub could not have written. */
function repositoryShapeProblem(items: SubjectItem[], specOf: SpecOf): string | undefined {
  for (const item of items) {
    if (item.keyPattern || item.valuePattern || item.value === undefined) continue;
    if (item.key === 'repo' && !specOf(item)) {
      return `"${item.value}" is not "<owner>/<name>" or "<owner>@<owner id>/<name>@<repository id>"`;
    }
    if (item.key === 'repository' && !specOf(item)) {
      return `repository "${item.value}" is not "<owner>/<name>"`;
    }
    if ((item.key === 'repository_id' || item.key === 'repository_owner_id') && !/^[1-9]\d*$/.test(item.value)) {
      return `${item.key} "${item.value}" is not a numeric ID`;
    }
  }
  return undefined;
}

/** The parts of a valid `owner/name` or `owner@id/name@id`. */
interface RepositorySpec {
  readonly owner: string;
  readonly immutable: boolean;
}

/** The parts of a valid `owner/name` or `owner@id/name@id`, or undefined. */
function repositorySpec(text: string, allowImmutable: boolean): RepositorySpec | undefined {
  const parts = text.split('/');
  if (parts.length !== 2) return undefined;
  const ids = text.includes('@');
  const owner = ids ? /^([^@]*)@(\d+)$/.exec(parts[0]) : null;
  const name = ids ? /^([^@]*)@(\d+)$/.exec(parts[1]) : null;
  try {
    if (owner && name && allowImmutable) {
      GitHubRepository.of(owner[1], name[1], { ownerId: Number(owner[2]), repositoryId: Number(name[2]) });
      return { owner: owner[1], immutable: true };
    }
    GitHubRepository.of(parts[0], parts[1]);
    return { owner: parts[0], immutable: false };
  } catch {
    return undefined;
  }
}

/** A literal claim that names exactly one repository. */
function pinOf(items: SubjectItem[], specOf: SpecOf): RepositoryAnalysis | undefined {
  let pin: RepositoryAnalysis | undefined;
  for (const item of items) {
    if (item.keyPattern || item.valuePattern || item.value === undefined) continue;
    let found: RepositoryAnalysis | undefined;
    if (item.key === 'repo' || item.key === 'repository') {
      const spec = specOf(item);
      if (spec) found = { scope: 'one', claim: item.key, text: item.value, owner: spec.owner, immutable: spec.immutable };
    } else if (item.key === 'repository_id' && /^[1-9]\d*$/.test(item.value)) {
      found = { scope: 'one', claim: item.key, text: item.value, immutable: true };
    }
    // Prefer an immutable pin: it also rules out a recycled name.
    if (found && (!pin || (found.immutable && !pin.immutable))) pin = found;
  }
  return pin;
}

function repositoryOf(items: SubjectItem[], specOf: SpecOf): RepositoryAnalysis {
  const pin = pinOf(items, specOf);
  if (pin) return pin;
  for (const item of items) {
    if (item.keyPattern) return { scope: 'any-owner', text: item.key, immutable: false };
    if ((item.key === 'repo' || item.key === 'repository') && item.valuePattern) {
      return repositoryPattern(item.key, item.value!);
    }
    if ((item.key === 'repository_id' || item.key === 'repository_owner_id') && item.valuePattern) {
      const owner = items.find((i) => i.key === 'repository_owner' && !i.valuePattern)?.value;
      return { scope: 'id-wildcard', claim: item.key, text: item.value, owner, immutable: false };
    }
  }
  const owner = items.find((item) => (item.key === 'repository_owner' || item.key === 'repository_owner_id') && !item.valuePattern);
  if (owner) return { scope: 'owner', claim: owner.key, text: owner.value, owner: owner.value, immutable: false };
  return { scope: 'any-owner', immutable: false };
}

function repositoryPattern(claim: string, text: string): RepositoryAnalysis {
  const literal = text.slice(0, wildcardIndex(text));
  const slash = literal.indexOf('/');
  if (slash < 0) {
    // The wildcard is in the owner part: other owners match, unless it only stands for the owner's ID.
    const ownerId = /^([A-Za-z0-9-]+)@\d*$/.exec(literal);
    return ownerId
      ? { scope: 'id-wildcard', claim, text, owner: ownerId[1], immutable: false }
      : { scope: 'any-owner', claim, text, immutable: false };
  }
  const owner = literal.slice(0, slash).replace(/@\d+$/, '');
  const namePrefix = literal.slice(slash + 1);
  if (namePrefix === '') return { scope: 'owner', claim, text, owner, immutable: false };
  if (/^[A-Za-z0-9._-]+@\d*$/.test(namePrefix)) return { scope: 'id-wildcard', claim, text, owner, immutable: false };
  return { scope: 'several', claim, text, owner, namePrefix, immutable: false };
}

interface ContextResult {
  readonly kind: ContextKind;
  readonly text?: string;
  readonly problem?: string;
}

function contextOf(items: SubjectItem[], template: 'default' | 'custom', wild: (text: string) => boolean,
  ignoreCase: boolean): ContextResult {
  if (items.length === 0) return { kind: 'unknown' };
  let index = -1;
  for (let i = 0; i < items.length && index < 0; i++) {
    const item = items[i];
    if ((i > 0 || item.key !== 'repo') && (item.keyPattern || CONTEXT_KEYS.includes(item.key))) index = i;
  }
  if (index < 0) {
    const last = items[items.length - 1];
    // `repo:acme/web*`: the trailing `*` stands for the whole context.
    if (last.valuePattern && last.value!.endsWith('*')) return { kind: 'any', text: '*' };
    if (items[0].keyPattern) return { kind: 'any', text: items[0].key };
    if (items.some((item) => RUN_KEYS.includes(item.key))) return { kind: 'other' };
    if (template === 'default') {
      return {
        kind: 'unknown',
        problem: 'it names the repository but no context: GitHub always writes one, e.g. ":ref:refs/heads/main", ' +
          '":environment:production" or ":pull_request"',
      };
    }
    return { kind: 'any' };
  }
  const item = items[index];
  const text = item.keyPattern ? item.key : item.value === undefined ? item.key : `${item.key}:${item.value}`;
  if (item.keyPattern) return { ...keyPatternContext(item.key), text };
  if (item.key === 'pull_request') return { kind: 'pull-request', text };
  if (item.key === 'environment') return { kind: item.valuePattern ? 'environment-pattern' : 'environment', text };
  return { ...refContext(item.value!, wild(item.value!), template === 'default', ignoreCase), text };
}

/** A wildcard where the context's kind belongs, e.g. `*` or `env*`. */
function keyPatternContext(token: string): ContextResult {
  const literal = token.slice(0, wildcardIndex(token));
  const kinds = CONTEXT_KEYS.filter((key) => key.startsWith(literal));
  if (kinds.length === 1 && kinds[0] === 'environment') return { kind: 'environment-pattern' };
  if (kinds.length === 1 && kinds[0] === 'pull_request') return { kind: 'pull-request' };
  if (kinds.length === 1) return { kind: 'every-branch' };
  if (kinds.length > 1) return { kind: 'any' };
  return { kind: 'unknown', problem: `"${token}" matches no context GitHub writes ("ref:...", "environment:..." or "pull_request")` };
}

/**
 * The value of `ref:` (the context or the `ref` claim, which GitHub writes alike). Under `StringEqualsIgnoreCase`,
 * `REFS/HEADS/main` matches what `refs/heads/main` does: the prefix is compared without case.
 */
function refContext(written: string, pattern: boolean, defaultTemplate: boolean, ignoreCase: boolean): ContextResult {
  // The default template's context never holds a pull request ref; a custom template's `ref` claim may.
  const starts = defaultTemplate ? [HEADS, TAGS] : [HEADS, TAGS, PULL];
  const ref = ignoreCase ? written.toLowerCase() : written;
  const kindOf = (start: string, every: boolean): ContextKind =>
    start === PULL ? 'pull-request' : start === HEADS ? (every ? 'every-branch' : 'branch') : (every ? 'every-tag' : 'tag');
  if (!pattern) {
    const start = starts.find((s) => ref.startsWith(s) && ref.length > s.length);
    const nameProblem = start && start !== PULL ? refNameProblem(written.slice(start.length), false) : undefined;
    if (nameProblem) {
      return { kind: 'unknown', problem: `ref "${written}" ${nameProblem}: no branch or tag has it, so the value matches nothing` };
    }
    if (start) return { kind: kindOf(start, false) };
    const suggestion = ref.startsWith('refs/') ? '' : `, e.g. "ref:${HEADS}${ref}"`;
    return { kind: 'unknown', problem: `ref "${ref}" is not a full ref: GitHub writes "ref:${HEADS}<branch>" or "ref:${TAGS}<tag>"${suggestion}` };
  }
  const literal = ref.slice(0, wildcardIndex(ref));
  const compatible = starts.filter((start) => start.startsWith(literal) || literal.startsWith(start));
  if (compatible.length === 0) {
    return { kind: 'unknown', problem: `ref pattern "${ref}" matches no ref GitHub writes ("${HEADS}..." or "${TAGS}...")` };
  }
  // `*`, `refs/*`: every branch, and every tag too.
  if (compatible.length > 1) return { kind: 'every-branch' };
  const start = compatible[0];
  const nameProblem = literal.length >= start.length ? refNameProblem(ref.slice(start.length), true) : undefined;
  if (nameProblem) {
    return { kind: 'unknown', problem: `ref pattern "${written}" ${nameProblem}: no branch or tag matches it` };
  }
  if (literal.length < start.length) return { kind: kindOf(start, true) };
  const rest = ref.slice(start.length);
  // A name pattern made only of wildcards with at least one `*` matches every name.
  const every = /^[*?]+$/.test(rest) && rest.includes('*');
  return { kind: kindOf(start, every) };
}
