/**
 * GitHub Actions filter patterns (`on.push.branches`, `tags`, `branches-ignore`, ...): `*` any characters but `/`,
 * `**` any characters, `?` zero or one of the preceding character, `+` one or more of it, `[...]` one character of a
 * set or range, `\` escapes, and a leading `!` in a list negates (the last matching pattern decides).
 *
 * Matched by simulating the pattern's automaton over the text, one set of states per character: linear in the
 * text for a given pattern, whatever the pattern holds (no backtracking).
 *
 * Source: docs.github.com, "Workflow syntax for GitHub Actions", "Filter pattern cheat sheet".
 */

/** One step of a pattern: a test of one character, taken once, at most once, or any number of times. */
interface Step {
  readonly test: (c: string) => boolean;
  readonly min: 0 | 1;
  readonly repeat: boolean;
  /** How the step is written, to instantiate the pattern as an example text. */
  readonly example: string;
  /** Whether the step tests for one given character. */
  readonly literal?: boolean;
}

/** A compiled filter pattern. */
export class FilterPattern {
  /** Compiles one pattern as written (without a leading `!`). */
  public static of(pattern: string): FilterPattern {
    return new FilterPattern(pattern, compile(pattern));
  }

  private constructor(public readonly source: string, private readonly steps: readonly Step[]) {}

  /** Whether the whole text matches. */
  public matches(text: string): boolean {
    let states = this.closure(new Set([0]));
    for (const c of text) {
      const next = new Set<number>();
      for (const state of states) {
        const step = this.steps[state];
        if (step === undefined || !step.test(c)) continue;
        next.add(step.repeat ? state : state + 1);
        if (step.repeat) next.add(state + 1);
      }
      if (next.size === 0) return false;
      states = this.closure(next);
    }
    return states.has(this.steps.length);
  }

  /** Whether the pattern matches only one text (no wildcard or set). */
  public get isLiteral(): boolean {
    return this.steps.every((step) => step.min === 1 && !step.repeat && step.literal === true);
  }

  /**
   * A text the pattern matches: each wildcard replaced by `filler` (a `**` by `filler/filler`, so that both kinds of
   * star are exercised), each optional character kept.
   */
  public example(filler = 'x'): string {
    return this.steps.map((step) => {
      if (!step.repeat) return step.example;
      if (step.example === '**') return `${filler}/${filler}`;
      if (step.example === '*') return filler;
      // The repetition of a `+`: the character is already written once.
      return '';
    }).join('');
  }

  private closure(states: Set<number>): Set<number> {
    const out = new Set(states);
    const queue = [...states];
    while (queue.length > 0) {
      const state = queue.pop()!;
      const step = this.steps[state];
      if (step !== undefined && step.min === 0 && !out.has(state + 1)) {
        out.add(state + 1);
        queue.push(state + 1);
      }
    }
    return out;
  }
}

function literal(c: string): Step {
  return { test: (x) => x === c, min: 1, repeat: false, example: c, literal: true };
}

function compile(pattern: string): Step[] {
  const chars = [...pattern];
  const steps: Step[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') {
      if (chars[i + 1] === '*') {
        steps.push({ test: () => true, min: 0, repeat: true, example: '**' });
        i++;
      } else {
        steps.push({ test: (x) => x !== '/', min: 0, repeat: true, example: '*' });
      }
    } else if ((c === '?' || c === '+') && steps.length > 0 && steps[steps.length - 1].min === 1 && !steps[steps.length - 1].repeat) {
      const previous = steps[steps.length - 1];
      if (c === '?') {
        steps[steps.length - 1] = { ...previous, min: 0, literal: false };
      } else {
        // One or more: the character once, then any number of times more.
        steps.push({ test: previous.test, min: 0, repeat: true, example: `${previous.example}+` });
      }
    } else if (c === '[') {
      const end = chars.indexOf(']', i + 1);
      if (end < 0) {
        steps.push(literal('['));
        continue;
      }
      const set = chars.slice(i + 1, end);
      steps.push({ test: charSet(set), min: 1, repeat: false, example: set[0] ?? '' });
      i = end;
    } else if (c === '\\' && i + 1 < chars.length) {
      i++;
      steps.push(literal(chars[i]));
    } else {
      steps.push(literal(c));
    }
  }
  return steps;
}

/** `[abc]`, `[0-9]`, `[a-zA-Z]`: one character of the set or of a range. */
function charSet(set: readonly string[]): (c: string) => boolean {
  const singles = new Set<string>();
  const ranges: Array<[string, string]> = [];
  for (let i = 0; i < set.length; i++) {
    if (set[i + 1] === '-' && i + 2 < set.length) {
      ranges.push([set[i], set[i + 2]]);
      i += 2;
    } else {
      singles.add(set[i]);
    }
  }
  return (c) => singles.has(c) || ranges.some(([from, to]) => c >= from && c <= to);
}

/**
 * A list of filter patterns as GitHub reads it: a text is included when the last pattern that matches it is not
 * negated (`!pattern`); with only negated patterns nothing is included.
 */
export class FilterList {
  private readonly entries: ReadonlyArray<{ readonly negated: boolean; readonly pattern: FilterPattern }>;

  constructor(public readonly patterns: readonly string[]) {
    this.entries = patterns.map((p) => (p.startsWith('!')
      ? { negated: true, pattern: FilterPattern.of(p.slice(1)) }
      : { negated: false, pattern: FilterPattern.of(p) }));
  }

  /** Whether the list includes the text. */
  public includes(text: string): boolean {
    let included = false;
    for (const entry of this.entries) {
      if (entry.pattern.matches(text)) included = !entry.negated;
    }
    return included;
  }

  /** Whether any pattern of the list matches the text (as `branches-ignore` reads it). */
  public anyMatches(text: string): boolean {
    return this.entries.some((entry) => entry.pattern.matches(text));
  }

  /**
   * Example texts of the positive patterns: a literal as written, a wildcard pattern instantiated with two fillers, so
   * that a name a policy carves out with one of them (`release/x*`) does not stand for all the names.
   */
  public examples(): string[] {
    return [...new Set(this.entries.filter((e) => !e.negated).flatMap((e) => [e.pattern.example('x'), e.pattern.example('z9')]))];
  }

  /** Whether every positive pattern is a literal (the list names its texts one by one). */
  public get onlyLiterals(): boolean {
    return this.entries.every((e) => !e.negated && e.pattern.isLiteral);
  }
}
