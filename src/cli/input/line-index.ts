/**
 * Line numbers of offsets in a text, for SARIF regions: the line starts are computed once per file, then each
 * lookup is a binary search, so locating every role of a large template stays linear.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** The 1-based line of a 0-based offset. */
  public lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = Math.floor((low + high + 1) / 2);
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  /**
   * The offset of the first object key `"key":` at or after `from`, or -1. A string value with the same text is
   * skipped: a key is followed by optional spaces and a colon.
   */
  public offsetOfKey(key: string, from = 0): number {
    const needle = JSON.stringify(key);
    for (let at = this.text.indexOf(needle, from); at >= 0; at = this.text.indexOf(needle, at + 1)) {
      let next = at + needle.length;
      while (next < this.text.length && /\s/.test(this.text[next])) next++;
      if (this.text[next] === ':') return at;
    }
    return -1;
  }

  /**
   * The offset of the first YAML mapping key `key:` (bare or quoted, at the start of a line after its indentation)
   * at or after `from`, or -1.
   */
  public offsetOfYamlKey(key: string, from = 0): number {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^[ \\t]*(?:${escaped}|"${escaped}"|'${escaped}')[ \\t]*:`, 'gm');
    pattern.lastIndex = from;
    const match = pattern.exec(this.text);
    return match ? match.index + match[0].length - match[0].trimStart().length : -1;
  }

  /** The 1-based line of the first object key `"key":` at or after `from`, or undefined. */
  public lineOfKey(key: string, from = 0): number | undefined {
    const offset = this.offsetOfKey(key, from);
    return offset < 0 ? undefined : this.lineAt(offset);
  }
}
