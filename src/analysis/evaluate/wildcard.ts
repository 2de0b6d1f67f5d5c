/**
 * IAM's wildcard patterns (`StringLike`, `StringNotLike`, `ArnLike`): `*` matches any run of characters, including
 * none and including `/` and `:`; `?` matches exactly one character; nothing else is special (no `[...]`, no
 * `{a,b}`). The policy variables `${*}`, `${?}` and `${$}` stand for a literal `*`, `?` and `$`.
 *
 * A pattern is compiled once into literal segments split at `*` and cached. Matching places each segment at its
 * leftmost possible position, which is exact for this pattern language and takes at most O(pattern x value) steps:
 * no regular expression, so no catastrophic backtracking on hostile patterns such as `a*a*a*a*a*b`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-specialchars
 */

/** A run of pattern characters between two `*`; `anyAt[i]` is true where the pattern has a `?`. */
interface Segment {
  readonly text: string;
  readonly anyAt?: readonly boolean[];
}

/** A compiled wildcard pattern. */
export interface WildcardPattern {
  /** Whether the value matches the whole pattern. */
  matches(value: string): boolean;
}

const STAR = 0;
const ANY_ONE = 1;
type Token = string | typeof STAR | typeof ANY_ONE;

const CACHE_LIMIT = 10_000;
const cache = new Map<string, WildcardPattern>();

/** The compiled form of an IAM wildcard pattern, built once per distinct pattern. */
export function wildcardPattern(pattern: string): WildcardPattern {
  let compiled = cache.get(pattern);
  if (!compiled) {
    // A plain bound: policies are few and small, but a long fuzzing or audit run must not grow memory forever.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    compiled = compile(pattern);
    cache.set(pattern, compiled);
  }
  return compiled;
}

/** Whether a value matches an IAM wildcard pattern. */
export function wildcardMatches(pattern: string, value: string): boolean {
  return wildcardPattern(pattern).matches(value);
}

/** Whether a pattern holds a wildcard (`*` or `?` that is not written as `${*}` / `${?}`). */
export function hasWildcard(pattern: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return false;
  return tokenize(pattern).some((token) => token === STAR || token === ANY_ONE);
}

/**
 * A policy value as literal text: `${*}`, `${?}` and `${$}` become `*`, `?` and `$`; every other character is itself.
 * This is how `StringEquals` and the other exact operators read a value.
 */
export function literalText(value: string): string {
  return value.includes('${') ? value.replace(/\$\{([*?$])\}/g, '$1') : value;
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    const escaped = pattern[i + 2];
    if (char === '$' && pattern[i + 1] === '{' && (escaped === '*' || escaped === '?' || escaped === '$')
      && pattern[i + 3] === '}') {
      tokens.push(escaped);
      i += 3;
    } else if (char === '*') {
      tokens.push(STAR);
    } else if (char === '?') {
      tokens.push(ANY_ONE);
    } else {
      tokens.push(char);
    }
  }
  return tokens;
}

function compile(pattern: string): WildcardPattern {
  const segments: Segment[] = [];
  let text = '';
  let anyAt: boolean[] = [];
  let hasAny = false;
  const flush = () => {
    segments.push(hasAny ? { text, anyAt } : { text });
    text = '';
    anyAt = [];
    hasAny = false;
  };
  for (const token of tokenize(pattern)) {
    if (token === STAR) {
      flush();
    } else if (token === ANY_ONE) {
      text += '?';
      anyAt.push(true);
      hasAny = true;
    } else {
      text += token;
      for (let i = 0; i < token.length; i++) anyAt.push(false);
    }
  }
  flush();

  if (segments.length === 1) {
    const only = segments[0];
    if (!only.anyAt) return { matches: (value) => value === only.text };
    return { matches: (value) => value.length === only.text.length && segmentAt(value, only, 0) };
  }
  const first = segments[0];
  const last = segments[segments.length - 1];
  const middle = segments.slice(1, -1).filter((segment) => segment.text.length > 0);
  const minLength = segments.reduce((sum, segment) => sum + segment.text.length, 0);
  return {
    matches(value: string): boolean {
      if (value.length < minLength) return false;
      if (!segmentAt(value, first, 0)) return false;
      const lastStart = value.length - last.text.length;
      if (!segmentAt(value, last, lastStart)) return false;
      let position = first.text.length;
      for (const segment of middle) {
        const found = findSegment(value, segment, position);
        if (found < 0 || found + segment.text.length > lastStart) return false;
        position = found + segment.text.length;
      }
      return position <= lastStart;
    },
  };
}

/** Whether a segment matches the value at a position. */
function segmentAt(value: string, segment: Segment, position: number): boolean {
  if (!segment.anyAt) return value.startsWith(segment.text, position);
  if (position < 0 || position + segment.text.length > value.length) return false;
  for (let i = 0; i < segment.text.length; i++) {
    if (!segment.anyAt[i] && value.charCodeAt(position + i) !== segment.text.charCodeAt(i)) return false;
  }
  return true;
}

/** The leftmost position at or after `from` where the segment matches, or -1. */
function findSegment(value: string, segment: Segment, from: number): number {
  if (!segment.anyAt) return value.indexOf(segment.text, from);
  for (let position = from; position + segment.text.length <= value.length; position++) {
    if (segmentAt(value, segment, position)) return position;
  }
  return -1;
}
