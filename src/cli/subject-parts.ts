/**
 * Reads a `sub` value (from a token or a policy) into its parts: the repository and the context, as GitHub writes
 * them (FACTS.md section 1). Patterns from policies are read as written; `*` stays in the part it is in.
 */

/** What a subject's context admits. */
export type ContextKind = 'environment' | 'ref' | 'pull_request' | 'any' | 'other';

/** The parts of a `sub` value. */
export interface SubjectParts {
  /** The repository as written (`acme/web`, `acme@1/web@2`, `acme/*`, `repository_id:N`), when the value names one. */
  readonly repository?: string;
  readonly kind: ContextKind;
  /** The context as written, e.g. `environment:production`, `ref:refs/heads/main`, `pull_request`. */
  readonly context?: string;
  /** The environment name, for `environment:NAME`. */
  readonly environment?: string;
  /** The full ref, for `ref:REF`. */
  readonly ref?: string;
  /** Whether the repository is written in the immutable `owner@id/name@id` form. */
  readonly immutable: boolean;
  /** Whether the value follows a custom `include_claim_keys` template rather than `repo:<repo>:<context>`. */
  readonly customTemplate: boolean;
}

/** Splits a `sub` value into its parts. */
export function parseSubject(sub: string): SubjectParts {
  const repository = repositoryOfSubject(sub);
  const immutable = repository !== undefined && /@/.test(repository);
  const parts = sub.split(':');
  if (parts[0] !== 'repo' || parts.length < 2) {
    const any = /^[*?]+$/.test(sub);
    return { repository, kind: any ? 'any' : 'other', immutable, customTemplate: !any };
  }
  const rest = parts.slice(2);
  let kind: ContextKind = 'other';
  let used = rest.length;
  let environment: string | undefined;
  let ref: string | undefined;
  if (rest[0] === 'environment' && rest.length >= 2) {
    kind = 'environment';
    environment = rest[1];
    used = 2;
  } else if (rest[0] === 'ref' && rest.length >= 2) {
    kind = 'ref';
    ref = rest[1];
    used = 2;
  } else if (rest[0] === 'pull_request') {
    kind = 'pull_request';
    used = 1;
  } else if (rest.length === 0 ? /[*?]$/.test(parts[1]) : /^[*?]+$/.test(rest[0])) {
    kind = 'any';
    used = Math.min(rest.length, 1);
  }
  return {
    repository,
    kind,
    context: rest.length > 0 ? rest.slice(0, used).join(':') : undefined,
    environment,
    ref,
    immutable,
    customTemplate: kind !== 'any' && kind !== 'other' && rest.length > used,
  };
}

/**
 * The repository a `sub` value names: the part after `repo:` in the default and `repo`-first templates
 * (`acme/web`, `acme@1/web@2`, `acme/*`), `repository:` or `repository_id:` in custom templates, `*` for a bare
 * wildcard; undefined when the value names none.
 */
export function repositoryOfSubject(sub: string): string | undefined {
  if (/^[*?]+$/.test(sub)) return '*';
  const parts = sub.split(':');
  for (let i = 0; i < parts.length - 1; i++) {
    const key = parts[i];
    const value = parts[i + 1];
    // In a template every claim is written `key:value` and `context` bare, so keys can be at any position.
    if (key === 'repo' || key === 'repository') return value === '' ? undefined : value;
    if (key === 'repository_id' && /^[0-9*?]+$/.test(value)) return `repository_id:${value}`;
  }
  return undefined;
}

/**
 * The `owner/name` of a repository as written, lower-cased (GitHub names are case-insensitive), without the
 * immutable IDs; undefined for `repository_id:N`, which names no repository by name.
 */
export function repositoryName(repository: string): string | undefined {
  if (repository.startsWith('repository_id:')) return undefined;
  return repository.replace(/@[0-9*?]*/g, '').toLowerCase();
}
