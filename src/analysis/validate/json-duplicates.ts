/**
 * Finds keys written twice in one JSON object. `JSON.parse` (and IAM) keep only the last one, so a policy with two
 * `"StringEquals"` blocks in one Condition silently loses the first block's keys (alphagov/govuk-infrastructure
 * PR 879). Only the text shows it: once parsed, the first block is gone.
 */

/** A key written more than once in one object. */
export interface DuplicateKey {
  /** Where the object is, e.g. `['Statement', 0, 'Condition']`. */
  readonly path: (string | number)[];
  readonly key: string;
  /** The value of an earlier occurrence, which the last one replaces. */
  readonly dropped: unknown;
}

// Deeper nesting than any policy has: stop there rather than exhaust the stack on hostile input.
const MAX_DEPTH = 64;

/** Every duplicated key in a JSON text; an empty list when the text is not JSON. Never throws. */
export function findDuplicateKeys(text: string): DuplicateKey[] {
  // Hardly any policy has a duplicate: a scan that only compares keys says so without building the values and paths
  // a finding needs. When it finds one, or cannot read the text, the full scan below reports what it finds.
  if (new KeyScanner(text).hasDuplicateKey() === false) return [];
  const found: DuplicateKey[] = [];
  try {
    const scanner = new Scanner(text, found);
    scanner.value([], 0);
  } catch {
    // Not JSON, or too deep: what was found so far still stands.
  }
  return found;
}

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * The text of each value whose path `wanted` accepts (e.g. every role's `AssumeRolePolicyDocument` in a template), by
 * the path as JSON, so that a reader of the parsed whole can still judge that part as written (its duplicate keys
 * included). Empty when the text is not JSON. Never throws.
 */
export function valueTexts(text: string, wanted: (path: readonly (string | number)[]) => boolean): Map<string, string> {
  const texts = new Map<string, string>();
  try {
    new Scanner(text, [], (path, start, end) => {
      if (wanted(path)) texts.set(JSON.stringify(path), text.slice(start, end));
    }).value([], 0);
  } catch {
    // Not JSON, or too deep: what was read so far still stands.
  }
  return texts;
}

class Scanner {
  private position = 0;

  constructor(private readonly text: string, private readonly found: DuplicateKey[],
    private readonly onValue?: (path: (string | number)[], start: number, end: number) => void) {}

  value(path: (string | number)[], depth: number): unknown {
    if (!this.onValue) return this.read(path, depth);
    this.skipSpace();
    const start = this.position;
    const value = this.read(path, depth);
    this.onValue(path, start, this.position);
    return value;
  }

  private read(path: (string | number)[], depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Error('too deep');
    this.skipSpace();
    const char = this.text[this.position];
    if (char === '{') return this.object(path, depth);
    if (char === '[') return this.array(path, depth);
    if (char === '"') return this.string();
    LITERAL.lastIndex = this.position;
    const match = LITERAL.exec(this.text);
    if (!match) throw new Error(`unexpected ${char} at ${this.position}`);
    this.position += match[0].length;
    return JSON.parse(match[0]);
  }

  private object(path: (string | number)[], depth: number): object {
    this.position += 1;
    const result: { [key: string]: unknown } = {};
    const seen = new Set<string>();
    this.skipSpace();
    if (this.text[this.position] === '}') {
      this.position += 1;
      return result;
    }
    for (;;) {
      this.skipSpace();
      const key = this.string();
      this.expect(':');
      const value = this.value([...path, key], depth + 1);
      if (seen.has(key)) this.found.push({ path, key, dropped: result[key] });
      seen.add(key);
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      this.skipSpace();
      if (this.text[this.position] === ',') {
        this.position += 1;
        continue;
      }
      this.expect('}');
      return result;
    }
  }

  private array(path: (string | number)[], depth: number): unknown[] {
    this.position += 1;
    const result: unknown[] = [];
    this.skipSpace();
    if (this.text[this.position] === ']') {
      this.position += 1;
      return result;
    }
    for (;;) {
      result.push(this.value([...path, result.length], depth + 1));
      this.skipSpace();
      if (this.text[this.position] === ',') {
        this.position += 1;
        continue;
      }
      this.expect(']');
      return result;
    }
  }

  private string(): string {
    STRING.lastIndex = this.position;
    const match = STRING.exec(this.text);
    if (!match) throw new Error(`expected a string at ${this.position}`);
    this.position += match[0].length;
    return JSON.parse(match[0]);
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.position] !== char) throw new Error(`expected ${char} at ${this.position}`);
    this.position += 1;
  }

  private skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text[this.position] ?? '')) this.position += 1;
  }
}

/**
 * The scan of `Scanner` (same grammar, same order, same depth limit) that only tells whether some object repeats a
 * key: `false` when the first JSON value of the text has none, so that `Scanner` would find none either; `true` when
 * one does; `undefined` when the text cannot be read that far.
 */
class KeyScanner {
  private position = 0;

  constructor(private readonly text: string) {}

  hasDuplicateKey(): boolean | undefined {
    try {
      return this.value(0);
    } catch {
      return undefined;
    }
  }

  /** Skips one value; whether it holds a duplicate key. */
  private value(depth: number): boolean {
    if (depth > MAX_DEPTH) throw new Error('too deep');
    this.skipSpace();
    const char = this.text[this.position];
    if (char === '{') return this.object(depth);
    if (char === '[') return this.array(depth);
    if (char === '"') {
      this.string();
      return false;
    }
    LITERAL.lastIndex = this.position;
    const match = LITERAL.exec(this.text);
    if (!match) throw new Error(`unexpected ${char} at ${this.position}`);
    this.position += match[0].length;
    return false;
  }

  private object(depth: number): boolean {
    this.position += 1;
    const seen = new Set<string>();
    this.skipSpace();
    if (this.text[this.position] === '}') {
      this.position += 1;
      return false;
    }
    for (;;) {
      this.skipSpace();
      const key = this.string();
      this.expect(':');
      if (this.value(depth + 1)) return true;
      if (seen.has(key)) return true;
      seen.add(key);
      this.skipSpace();
      if (this.text[this.position] === ',') {
        this.position += 1;
        continue;
      }
      this.expect('}');
      return false;
    }
  }

  private array(depth: number): boolean {
    this.position += 1;
    this.skipSpace();
    if (this.text[this.position] === ']') {
      this.position += 1;
      return false;
    }
    for (;;) {
      if (this.value(depth + 1)) return true;
      this.skipSpace();
      if (this.text[this.position] === ',') {
        this.position += 1;
        continue;
      }
      this.expect(']');
      return false;
    }
  }

  /** Skips a string; its value (unescaped only when it holds an escape: the rest is the text itself). */
  private string(): string {
    STRING.lastIndex = this.position;
    const match = STRING.exec(this.text);
    if (!match) throw new Error(`expected a string at ${this.position}`);
    this.position += match[0].length;
    return match[0].includes('\\') ? JSON.parse(match[0]) : match[0].slice(1, -1);
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.position] !== char) throw new Error(`expected ${char} at ${this.position}`);
    this.position += 1;
  }

  private skipSpace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.position);
      // ' ', '\t', '\n', '\r' (charCodeAt is NaN past the end)
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      this.position += 1;
    }
  }
}
