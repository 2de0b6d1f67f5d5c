/**
 * A pure function's answers kept for the texts it is asked about again, in memory that stays bounded: an audit of an
 * organization reads the same `sub` values in account after account (the same repositories deployed everywhere, a
 * StackSet's roles), and a synth the same subjects in many roles.
 *
 * Bounded twice: only texts up to `maxTextLength` are kept (a hostile 40,000-character value is answered, not kept),
 * and past `maxEntries` the memo starts again empty (cheaper than tracking which answer was used last, and the
 * repeats of an audit come close together, within an account's export). The answers are shared between callers:
 * they must be treated as read-only.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 */
export class BoundedMemo<T> {
  private readonly answers = new Map<string, T>();

  constructor(private readonly maxEntries: number, private readonly maxTextLength: number) {}

  /** `compute()`'s answer for `key`, kept from an earlier call with the same key when it is short enough to keep. */
  public get(key: string, compute: () => T): T {
    if (key.length > this.maxTextLength) return compute();
    const known = this.answers.get(key);
    if (known !== undefined) return known;
    const answer = compute();
    if (this.answers.size >= this.maxEntries) this.answers.clear();
    this.answers.set(key, answer);
    return answer;
  }

  /** How many answers are kept now. */
  public get size(): number {
    return this.answers.size;
  }
}
