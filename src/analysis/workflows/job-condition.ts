/**
 * A job's `if:` read as far as it decides which runs reach the job: comparisons of `github.event_name`,
 * `github.ref`, `github.ref_name`, `github.ref_type` with literals, `startsWith`/`endsWith`/`contains` on them, and
 * `&&`, `||`, `!`, parentheses. Everything else (`github.actor`, `needs.*`, `success()`) is unknown, and a run is
 * dropped only when the condition is certainly false: the check never narrows on a guess.
 *
 * GitHub compares strings without regard to case ("Expressions", operators). One pass over the text, then a parse
 * of its tokens: linear in the condition's length.
 */

/** What the condition can read of a run. */
export interface RunFacts {
  readonly event: string;
  readonly ref: string;
}

const UNKNOWN = Symbol('unknown');
type Value = string | boolean | typeof UNKNOWN;

interface Token {
  readonly kind: 'str' | 'id' | 'op' | 'num';
  readonly text: string;
}

// Deeper nesting than a real condition has: read as unknown rather than recursing on hostile input.
const MAX_DEPTH = 100;

/** Whether the condition may hold for the run: false only when it certainly does not. */
export function mayRun(condition: string | undefined, run: RunFacts): boolean {
  return condition === undefined || decide(condition, run) !== false;
}

/** Whether the condition certainly holds (true), certainly does not (false), or cannot be told (undefined). */
export function decide(condition: string, run: RunFacts): boolean | undefined {
  const tokens = tokenize(condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1'));
  if (tokens === undefined) return undefined;
  const parser = new Parser(tokens, run);
  const value = parser.parse();
  if (value === UNKNOWN || parser.failed || !parser.atEnd) return undefined;
  const result = truthy(value);
  return result === UNKNOWN ? undefined : result;
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '\'') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        if (text[i] === '\'') {
          if (text[i + 1] === '\'') {
            value += '\'';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ kind: 'str', text: value });
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_.\-*]/.test(text[i])) i++;
      tokens.push({ kind: 'id', text: text.slice(start, i) });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < text.length && /[0-9.]/.test(text[i])) i++;
      tokens.push({ kind: 'num', text: text.slice(start, i) });
    } else {
      const two = text.slice(i, i + 2);
      if (['==', '!=', '&&', '||', '<=', '>='].includes(two)) {
        tokens.push({ kind: 'op', text: two });
        i += 2;
      } else if ('()!,<>[]'.includes(c)) {
        tokens.push({ kind: 'op', text: c });
        i++;
      } else {
        return undefined;
      }
    }
  }
  return tokens;
}

class Parser {
  private at = 0;
  private depth = 0;
  /** Set when the text is not a well-formed expression: then nothing is decided. */
  public failed = false;

  constructor(private readonly tokens: readonly Token[], private readonly run: RunFacts) {}

  public get atEnd(): boolean {
    return this.at >= this.tokens.length;
  }

  public parse(): Value {
    return this.or();
  }

  private or(): Value {
    let left = this.and();
    while (this.take('||')) {
      const right = this.and();
      left = truthy(left) === true || truthy(right) === true ? true
        : truthy(left) === false && truthy(right) === false ? false : UNKNOWN;
    }
    return left;
  }

  private and(): Value {
    let left = this.comparison();
    while (this.take('&&')) {
      const right = this.comparison();
      left = truthy(left) === false || truthy(right) === false ? false
        : truthy(left) === true && truthy(right) === true ? true : UNKNOWN;
    }
    return left;
  }

  private comparison(): Value {
    const left = this.unary();
    for (const op of ['==', '!=', '<', '>', '<=', '>=']) {
      if (this.take(op)) {
        const right = this.unary();
        if (left === UNKNOWN || right === UNKNOWN || (op !== '==' && op !== '!=')) return UNKNOWN;
        const equal = String(left).toLowerCase() === String(right).toLowerCase();
        return op === '==' ? equal : !equal;
      }
    }
    return left;
  }

  private unary(): Value {
    if (this.take('!')) {
      const value = truthy(this.unary());
      return value === UNKNOWN ? UNKNOWN : !value;
    }
    return this.primary();
  }

  private primary(): Value {
    const token = this.tokens[this.at];
    if (token === undefined || ++this.depth > MAX_DEPTH) {
      this.failed = true;
      return UNKNOWN;
    }
    try {
      if (this.take('(')) {
        const value = this.or();
        return this.take(')') ? value : UNKNOWN;
      }
      this.at++;
      if (token.kind === 'str') return token.text;
      if (token.kind === 'num') return token.text;
      if (token.kind !== 'id') return UNKNOWN;
      if (this.take('(')) return this.call(token.text);
      this.skipIndexes();
      return this.context(token.text);
    } finally {
      this.depth--;
    }
  }

  private call(name: string): Value {
    const args: Value[] = [];
    if (!this.take(')')) {
      do args.push(this.or()); while (this.take(','));
      if (!this.take(')')) return UNKNOWN;
    }
    const [a, b] = args;
    if (a === UNKNOWN || b === UNKNOWN || typeof a !== 'string' || typeof b !== 'string') return UNKNOWN;
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    switch (name.toLowerCase()) {
      case 'startswith': return x.startsWith(y);
      case 'endswith': return x.endsWith(y);
      case 'contains': return x.includes(y);
      default: return UNKNOWN;
    }
  }

  /** `github.event.inputs['x']`-style indexes are read over; the value stays unknown. */
  private skipIndexes(): void {
    while (this.take('[')) {
      while (!this.atEnd && !this.take(']')) this.at++;
    }
  }

  private context(path: string): Value {
    const { event, ref } = this.run;
    switch (path.toLowerCase()) {
      case 'true': return true;
      case 'false': return false;
      case 'null': return '';
      case 'github.event_name': return event;
      case 'github.ref': return ref;
      case 'github.ref_name': return ref.replace(/^refs\/(heads|tags)\//, '');
      case 'github.ref_type': return ref.startsWith('refs/tags/') ? 'tag' : 'branch';
      default: return UNKNOWN;
    }
  }

  private take(op: string): boolean {
    const token = this.tokens[this.at];
    if (token?.kind === 'op' && token.text === op) {
      this.at++;
      return true;
    }
    return false;
  }
}

function truthy(value: Value): boolean | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  if (typeof value === 'boolean') return value;
  return value !== '';
}
