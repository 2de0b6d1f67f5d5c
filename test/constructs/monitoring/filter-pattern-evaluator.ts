/**
 * A test-side evaluator of CloudWatch Logs JSON filter patterns, for the subset the monitor writes:
 * `{ <expr> }` with `&&`, `||`, parentheses and `$.a.b = "value"` comparisons, where `*` in a value is a wildcard.
 * Semantics as the CloudWatch Logs User Guide ("Using filter patterns to match terms in JSON log events") describes
 * them: a selector that names no field (or a null or non-string value) does not match a string comparison; `"*"`
 * matches any value of a field that is present.
 *
 * Written from the documentation, independently of the code under test, so that the test asks what CloudWatch
 * would count rather than what the code meant to write.
 */

type Node = { kind: 'and'; left: Node; right: Node } | { kind: 'or'; left: Node; right: Node } | { kind: 'compare'; path: string[]; value: string };

/** Whether the pattern matches the JSON event. */
export function filterPatternMatches(pattern: string, event: unknown): boolean {
  const trimmed = pattern.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) throw new Error(`not a JSON filter pattern: ${pattern}`);
  const parser = new Parser(trimmed.slice(1, -1));
  const node = parser.expression();
  parser.end();
  return evaluate(node, event);
}

function evaluate(node: Node, event: unknown): boolean {
  if (node.kind === 'and') return evaluate(node.left, event) && evaluate(node.right, event);
  if (node.kind === 'or') return evaluate(node.left, event) || evaluate(node.right, event);
  let value: unknown = event;
  for (const key of node.path) {
    value = value !== null && typeof value === 'object' ? (value as { [key: string]: unknown })[key] : undefined;
  }
  if (typeof value !== 'string') return false;
  return glob(node.value).test(value);
}

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

class Parser {
  private position = 0;

  constructor(private readonly text: string) {}

  public expression(): Node {
    let left = this.conjunction();
    while (this.take('||')) left = { kind: 'or', left, right: this.conjunction() };
    return left;
  }

  public end(): void {
    this.space();
    if (this.position !== this.text.length) throw new Error(`unexpected ${this.text.slice(this.position)}`);
  }

  private conjunction(): Node {
    let left = this.term();
    while (this.take('&&')) left = { kind: 'and', left, right: this.term() };
    return left;
  }

  private term(): Node {
    if (this.take('(')) {
      const inner = this.expression();
      if (!this.take(')')) throw new Error(`expected ) at ${this.position}`);
      return inner;
    }
    this.space();
    const selector = /^\$((?:\.[A-Za-z0-9_]+)+)/.exec(this.text.slice(this.position));
    if (!selector) throw new Error(`expected a selector at ${this.text.slice(this.position, this.position + 20)}`);
    this.position += selector[0].length;
    if (!this.take('=')) throw new Error(`expected = at ${this.position}`);
    this.space();
    const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(this.text.slice(this.position));
    if (!quoted) throw new Error(`expected a quoted value at ${this.position}`);
    this.position += quoted[0].length;
    return { kind: 'compare', path: selector[1].slice(1).split('.'), value: quoted[1].replace(/\\(.)/g, '$1') };
  }

  private take(token: string): boolean {
    this.space();
    if (!this.text.startsWith(token, this.position)) return false;
    this.position += token.length;
    return true;
  }

  private space(): void {
    while (this.text[this.position] === ' ') this.position++;
  }
}
