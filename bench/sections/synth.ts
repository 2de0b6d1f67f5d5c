/**
 * Sections 1 and 2: synth time and peak memory, each measurement a fresh process (synth-one.ts).
 *
 * Section 1 runs the variants in turn within each repetition (A B C A B C ...), so that a slow spell of the machine
 * hits every variant alike, and compares each variant's median with the plain `iam.Role` of the same run.
 */
import { runChild } from '../lib/child';
import { BenchConfig } from '../lib/config';
import { medianRange, SectionReport, table, TargetResult, times } from '../lib/report';
import { median, pairedRatio, ratio, summarize } from '../lib/stats';
import { MATRIX_VARIANT, VARIANTS } from '../lib/variants';
import type { SynthResult } from '../synth-one';

const BASELINE = 'plain-role';

/** Median wall and CPU ms of each variant at one size. */
interface SizeMedians {
  readonly n: number;
  readonly ms: Map<string, number>;
  readonly cpu: Map<string, number>;
  /** Median of each repetition's wall-time ratio to the plain role of the same repetition. */
  readonly paired: Map<string, number>;
}
const OURS = 'deploy-role';

// Below this many roles a timed synth takes tens of milliseconds and a run's spread is wider than the gap between the
// variants (36-103 ms at 10 roles on 3 December): such sizes are cheap, so they get more repetitions.
const SMALL = 100;
const SMALL_FACTOR = 3;

/** Repetitions at a size: `BENCH_REPS`, times three for small stacks. */
function repetitionsAt(config: BenchConfig, n: number): number {
  return n <= SMALL ? config.synthRepetitions * SMALL_FACTOR : config.synthRepetitions;
}
const COMPETITOR = 'github-oidc';

export async function synthSection(config: BenchConfig, medians: { [key: string]: number }): Promise<SectionReport> {
  const body: string[] = [
    'Construct + `app.synth()` of one stack (validation included), timed inside a fresh Node process after module ' +
    'loading and a one-role warm-up app (bench/README.md says why); peak RSS is the whole process (`process.resourceUsage().maxRSS`, module loading included). ' +
    `Median (min-max) of ${config.synthRepetitions} repetitions (${SMALL_FACTOR} times as many up to ${SMALL} roles, where ` +
    'a run\'s spread is wider than the gap between variants); variants alternate within each repetition. ' +
    '"vs plain" is the ratio of medians to the plain `iam.Role` of the same run; "paired" the median of each ' +
    'repetition\'s own ratio to the plain role run next to it (steadier on a noisy machine; targets use the ratio of medians). CPU ms is the process\'s CPU time ' +
    '(user + system) over the same part: it does not grow while other processes hold the CPU, so on a busy machine ' +
    'its ratios are the better estimate. Targets are judged on wall time.',
    '',
    ...VARIANTS.map((v) => `- \`${v.name}\`: ${v.description}`),
    '',
  ];
  const unavailable = new Map<string, string>();
  const firstPolicies = new Map<string, unknown>();
  const bySize: SizeMedians[] = [];
  let largest: SizeMedians | undefined;

  for (const n of config.sizes) {
    const samples = new Map<string, SynthResult[]>();
    const repetitions = repetitionsAt(config, n);
    for (let rep = 0; rep < repetitions; rep++) {
      for (const variant of VARIANTS) {
        if (unavailable.has(variant.name)) continue;
        let result: SynthResult;
        try {
          result = await runChild<SynthResult>('synth-one.ts', [variant.name, String(n)]);
        } catch (err) {
          // A variant that fails to synth (say, a construct mid-change) is reported; the others are still measured.
          const message = err instanceof Error ? err.message : String(err);
          unavailable.set(variant.name, `failed at ${n} roles: ${message.split('\n').slice(0, 12).join(' / ')}`);
          progress(`synth n=${n} ${variant.name} FAILED`);
          continue;
        }
        if (result.unavailable) {
          unavailable.set(variant.name, result.unavailable);
          continue;
        }
        progress(`synth n=${n} rep ${rep + 1}/${repetitions} ${variant.name}: ${result.ms!.toFixed(0)} ms, ${result.maxRssMiB!.toFixed(0)} MiB`);
        if (!samples.has(variant.name)) samples.set(variant.name, []);
        samples.get(variant.name)!.push(result);
        if (!firstPolicies.has(variant.name)) firstPolicies.set(variant.name, result.firstTrustPolicy);
      }
    }
    const msMedian = mediansOf(samples, (r) => r.ms!);
    const cpuMedian = mediansOf(samples, (r) => r.cpuMs!);
    const rssMedian = mediansOf(samples, (r) => r.maxRssMiB!);
    for (const [name, ms] of msMedian) medians[`${name}@${n}`] = ms;
    const baseline = samples.get(BASELINE);
    const paired = new Map([...samples.entries()]
      .filter(([, results]) => baseline !== undefined && results.length === baseline.length)
      .map(([name, results]) => [name, pairedRatio(results.map((r) => r.ms!), baseline!.map((r) => r.ms!))]));
    const rows = [...samples.entries()].map(([name, results]) => {
      const vs = (table_: Map<string, number>) => table_.has(BASELINE) ? times(ratio(table_.get(name)!, table_.get(BASELINE)!)) : 'n/a';
      return [`\`${name}\``,
        medianRange(summarize(results.map((r) => r.ms!))), vs(msMedian), paired.has(name) ? times(paired.get(name)!) : 'n/a',
        medianRange(summarize(results.map((r) => r.cpuMs!))), vs(cpuMedian),
        medianRange(summarize(results.map((r) => r.maxRssMiB!))), vs(rssMedian),
        String(results[0].roles), String(results[0].maxResourcesPerStack)];
    });
    body.push(`### ${n} roles`, '', table(
      ['Variant', 'Synth ms', 'vs plain', 'paired', 'CPU ms', 'vs plain', 'Peak RSS MiB', 'vs plain', 'Roles', 'Resources in stack'], rows), '');
    largest = { n, ms: msMedian, cpu: cpuMedian, paired };
    bySize.push(largest);
  }
  body.push(...marginalCost(bySize));

  for (const [name, reason] of unavailable) body.push(`- \`${name}\` not measured: ${reason}.`);
  body.push(...equivalenceNotes(firstPolicies));
  const smallest = bySize.length > 1 ? bySize[0] : undefined;
  return { title: 'Synth: one stack of N roles', body, targets: [...(smallest ? synthTargets(smallest, unavailable, false) : []), ...synthTargets(largest, unavailable, true)] };
}

/**
 * The cost of one more role, (median at the largest N - median at the smallest N) / (difference in N): what is left
 * once the app's fixed costs (the provider, the stack, the manifest) cancel out.
 */
function marginalCost(bySize: SizeMedians[]): string[] {
  if (bySize.length < 2) return [];
  const small = bySize.reduce((a, b) => (b.n < a.n ? b : a));
  const large = bySize.reduce((a, b) => (b.n > a.n ? b : a));
  const perRole = (of: (sizes: SizeMedians) => Map<string, number>, name: string) =>
    (of(large).get(name)! - of(small).get(name)!) / (large.n - small.n);
  const names = [...large.ms.keys()].filter((name) => small.ms.has(name));
  const vs = (of: (sizes: SizeMedians) => Map<string, number>, name: string) => {
    const baseline = names.includes(BASELINE) ? perRole(of, BASELINE) : undefined;
    return baseline !== undefined && baseline > 0 ? times(ratio(perRole(of, name), baseline)) : 'n/a';
  };
  return [
    `Marginal cost of one role, (median at ${large.n} - median at ${small.n}) / ${large.n - small.n}, which cancels the ` +
    'fixed costs of the app (stack, provider, manifest):',
    '',
    table(['Variant', 'ms per role', 'vs plain', 'CPU ms per role', 'vs plain'], names.map((name) => [`\`${name}\``,
      perRole((s) => s.ms, name).toFixed(2), vs((s) => s.ms, name),
      perRole((s) => s.cpu, name).toFixed(2), vs((s) => s.cpu, name)])),
    '',
  ];
}

/** The median of each variant's samples. */
function mediansOf(samples: Map<string, SynthResult[]>, value: (result: SynthResult) => number): Map<string, number> {
  return new Map([...samples.entries()].map(([name, results]) => [name, median(results.map(value))]));
}

/** Issue 14: at most 1.10x the plain role at the smallest and the largest size; no slower than the competitor at the largest. */
function synthTargets(largest: SizeMedians | undefined, unavailable: Map<string, string>, withCompetitor: boolean): TargetResult[] {
  const at = largest ? ` at ${largest.n} roles` : '';
  const note = unavailable.get(OURS) ?? 'not run';
  const compare = (other: string) => {
    const wall = largest?.ms.get(OURS) !== undefined && largest.ms.get(other) !== undefined
      ? ratio(largest.ms.get(OURS)!, largest.ms.get(other)!) : undefined;
    const cpu = largest?.cpu.get(OURS) !== undefined && largest.cpu.get(other) !== undefined
      ? ratio(largest.cpu.get(OURS)!, largest.cpu.get(other)!) : undefined;
    const paired = other === BASELINE ? largest?.paired.get(OURS) : undefined;
    const pairedText = paired === undefined ? '' : ` (paired ${times(paired)})`;
    return { wall, text: wall === undefined ? note : `${times(wall)} wall${pairedText}, ${times(cpu!)} CPU${at}` };
  };
  const overhead = compare(BASELINE);
  const vsCompetitor = compare(COMPETITOR);
  const size = largest ? `${largest.n} roles` : 'N roles';
  return [
    {
      target: `\`GitHubDeployRole\` synth at most 1.10x the plain \`iam.Role\` at ${size}`,
      measured: overhead.text,
      met: overhead.wall === undefined ? undefined : overhead.wall <= 1.10,
    },
    ...(withCompetitor ? [{
      target: `\`GitHubDeployRole\` synth no slower than aws-cdk-github-oidc at ${size}`,
      measured: vsCompetitor.text,
      met: vsCompetitor.wall === undefined ? undefined : vsCompetitor.wall <= 1,
    }] : []),
  ];
}

/** Whether the variants really synthesized the same conditions for role 0 (a benchmark of unequal work is void). */
function equivalenceNotes(policies: Map<string, unknown>): string[] {
  const conditions = new Map([...policies].map(([name, policy]) => [name, conditionsOf(policy)]));
  const baseline = conditions.get(BASELINE);
  if (baseline === undefined) return [];
  const lines = ['', 'Trust conditions of role 0 compared with the plain `iam.Role` (operator, key, values; principal ignored):', ''];
  for (const [name, value] of conditions) {
    if (name === BASELINE) continue;
    const same = value === baseline;
    const sameIgnoringOperator = value.replace(/StringLike|StringEquals/g, 'String') === baseline.replace(/StringLike|StringEquals/g, 'String');
    lines.push(`- \`${name}\`: ${same ? 'identical' : sameIgnoringOperator ? 'same keys and values, different operator (StringLike vs StringEquals)' : `**different**: \`${value}\` vs \`${baseline}\``}`);
  }
  return lines;
}

function conditionsOf(policy: unknown): string {
  const statements: any[] = (policy as any)?.Statement ?? [];
  const entries: string[] = [];
  for (const statement of statements) {
    for (const [operator, block] of Object.entries<any>(statement.Condition ?? {})) {
      for (const [key, values] of Object.entries<any>(block)) {
        entries.push(`${operator} ${key}=${[values].flat().map(String).sort().join(',')}`);
      }
    }
  }
  return entries.sort().join('; ');
}

/** Section 2: GitHubDeployRoles over repositories x environments, spread across stacks. */
export async function matrixSection(config: BenchConfig, medians: { [key: string]: number }): Promise<SectionReport> {
  const n = config.matrixRepositories;
  const title = `Synth: \`GitHubDeployRoles\`, ${n} repositories x 3 environments`;
  const results: SynthResult[] = [];
  for (let rep = 0; rep < config.matrixRepetitions; rep++) {
    const result = await runChild<SynthResult>('synth-one.ts', [MATRIX_VARIANT.name, String(n)]);
    if (result.unavailable) {
      return { title, body: [`Not measured: ${result.unavailable}.`], targets: [] };
    }
    progress(`matrix ${n}x3 rep ${rep + 1}/${config.matrixRepetitions}: ${result.ms!.toFixed(0)} ms, ${result.maxRssMiB!.toFixed(0)} MiB`);
    results.push(result);
  }
  const ms = summarize(results.map((r) => r.ms!));
  const cpu = summarize(results.map((r) => r.cpuMs!));
  medians[`${MATRIX_VARIANT.name}@${n}`] = ms.median;
  const rss = summarize(results.map((r) => r.maxRssMiB!));
  const first = results[0];
  return {
    title,
    body: [
      `${MATRIX_VARIANT.description}. Construct + synth of the whole app in a fresh process; median (min-max) of ` +
      `${results.length} runs.`,
      '',
      table(['Synth ms', 'ms per role', 'CPU ms', 'Peak RSS MiB', 'Stacks', 'Roles', 'Most resources in one stack'], [[
        medianRange(ms), (ms.median / first.roles!).toFixed(2), medianRange(cpu), medianRange(rss),
        String(first.stacks), String(first.roles), String(first.maxResourcesPerStack),
      ]]),
    ],
    targets: [],
  };
}

function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}
