/* eslint-disable no-bitwise */ // mulberry32 is defined by 32-bit integer arithmetic.
/**
 * A seeded pseudo-random generator (mulberry32), so that every run of a benchmark measures the same inputs and two
 * runs can be compared.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  public next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, bound). */
  public int(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** One element of a non-empty list. */
  public pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** One key of a table of weights, with probability proportional to its weight. */
  public weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }
}
