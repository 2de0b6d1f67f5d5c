/**
 * The few statistics the report uses. Medians rather than means: a benchmark on a shared machine has outliers on
 * the slow side (another process, a GC pause), and the median ignores them while the mean does not.
 */

/** Median, minimum and maximum of a sample. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

/** The middle value of the sorted sample; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  requireValues(values);
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median, minimum and maximum. */
export function summarize(values: readonly number[]): Summary {
  requireValues(values);
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), count: values.length };
}

/** How many times larger `value` is than `baseline` (1.10 means 10% more). */
export function ratio(value: number, baseline: number): number {
  if (!(baseline > 0)) throw new Error(`ratio: the baseline must be a positive number, got ${baseline}`);
  return value / baseline;
}

/**
 * The median of the ratios of paired samples, `values[i] / baselines[i]`: with variants alternating within each
 * repetition, a pair ran side by side, so a slow spell of the machine scales both and cancels in their ratio, where a
 * ratio of medians takes each median from different moments. Reported beside the ratio of medians, not instead of it.
 */
export function pairedRatio(values: readonly number[], baselines: readonly number[]): number {
  if (values.length !== baselines.length) throw new Error(`pairedRatio: ${values.length} values against ${baselines.length} baselines`);
  return median(values.map((value, i) => ratio(value, baselines[i])));
}

function requireValues(values: readonly number[]): void {
  if (values.length === 0) throw new Error('statistics of an empty sample');
  const bad = values.find((value) => !Number.isFinite(value));
  if (bad !== undefined) throw new Error(`statistics of a sample holding ${bad}`);
}
