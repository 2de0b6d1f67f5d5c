/**
 * Sections 1 and 2: synth time and peak memory, each measurement a fresh process (synth-one.ts).
 *
 * Section 1 runs the variants in turn within each repetition (A B C A B C ...), so that a slow spell of the machine
 * hits every variant alike, and compares each variant's median with the plain `iam.Role` of the same run.
 */
import { runChild } from '../lib/child';
import { BenchConfig } from '../lib/config';
import { medianRange, SectionReport, table, TargetResult, times } from '../lib/report';
import { median, ratio, summarize } from '../lib/stats';
import { MATRIX_VARIANT, VARIANTS } from '../lib/variants';
import type { SynthResult } from '../synth-one';

const BASELINE = 'plain-role';
const OURS = 'deploy-role';
const COMPETITOR = 'github-oidc';

/** Medians of the largest size, for the profile section to pick the slowest of our variants. */
export interface SynthMedians {
  readonly [variantAndSize: string]: number;
}

export async function synthSection(config: BenchConfig, medians: { [key: string]: number }): Promise<SectionReport> {
  const body: string[] = [
    'Construct + `app.synth()` of one stack (validation included), timed inside a fresh Node process after module ' +
    'loading and a one-role warm-up app (bench/README.md says why); peak RSS is the whole process (`process.resourceUsage().maxRSS`, module loading included). ' +
    `Median (min-max) of ${config.synthRepetitions} repetitions; variants alternate within each repetition. ` +
    '"vs plain" is the ratio of medians to the plain `iam.Role` of the same run.',
    '',
    ...VARIANTS.map((v) => `- \`${v.name}\`: ${v.description}`),
    '',
  ];
  const unavailable = new Map<string, string>();
  const firstPolicies = new Map<string, unknown>();
  let largest: { n: number; ms: Map<string, number> } | undefined;

  for (const n of config.sizes) {
    const samples = new Map<string, SynthResult[]>();
    for (let rep = 0; rep < config.synthRepetitions; rep++) {
      for (const variant of VARIANTS) {
        if (unavailable.has(variant.name)) continue;
        const result = await runChild<SynthResult>('synth-one.ts', [variant.name, String(n)]);
        if (result.unavailable) {
          unavailable.set(variant.name, result.unavailable);
          continue;
        }
        progress(`synth n=${n} rep ${rep + 1}/${config.synthRepetitions} ${variant.name}: ${result.ms!.toFixed(0)} ms, ${result.maxRssMiB!.toFixed(0)} MiB`);
        if (!samples.has(variant.name)) samples.set(variant.name, []);
        samples.get(variant.name)!.push(result);
        if (!firstPolicies.has(variant.name)) firstPolicies.set(variant.name, result.firstTrustPolicy);
      }
    }
    const msMedian = new Map<string, number>();
    const rssMedian = new Map<string, number>();
    for (const [name, results] of samples) {
      msMedian.set(name, median(results.map((r) => r.ms!)));
      rssMedian.set(name, median(results.map((r) => r.maxRssMiB!)));
      medians[`${name}@${n}`] = msMedian.get(name)!;
    }
    const rows = [...samples.entries()].map(([name, results]) => {
      const ms = summarize(results.map((r) => r.ms!));
      const rss = summarize(results.map((r) => r.maxRssMiB!));
      const vs = (table_: Map<string, number>) => table_.has(BASELINE) ? times(ratio(table_.get(name)!, table_.get(BASELINE)!)) : 'n/a';
      return [`\`${name}\``, medianRange(ms), vs(msMedian), medianRange(rss), vs(rssMedian),
        String(results[0].roles), String(results[0].maxResourcesPerStack)];
    });
    body.push(`### ${n} roles`, '', table(
      ['Variant', 'Synth ms', 'vs plain', 'Peak RSS MiB', 'vs plain', 'Roles', 'Resources in stack'], rows), '');
    largest = { n, ms: msMedian };
  }

  for (const [name, reason] of unavailable) body.push(`- \`${name}\` not measured: ${reason}.`);
  body.push(...equivalenceNotes(firstPolicies));
  return { title: 'Synth: one stack of N roles', body, targets: synthTargets(largest, unavailable) };
}

function synthTargets(largest: { n: number; ms: Map<string, number> } | undefined, unavailable: Map<string, string>): TargetResult[] {
  const at = largest ? ` (measured at ${largest.n} roles)` : '';
  const ours = largest?.ms.get(OURS);
  const baseline = largest?.ms.get(BASELINE);
  const competitor = largest?.ms.get(COMPETITOR);
  const note = unavailable.get(OURS) ?? 'not run';
  const overhead = ours !== undefined && baseline !== undefined ? ratio(ours, baseline) : undefined;
  const vsCompetitor = ours !== undefined && competitor !== undefined ? ratio(ours, competitor) : undefined;
  return [
    {
      target: '`GitHubDeployRole` synth at most 1.15x the plain `iam.Role` at 450 roles',
      measured: overhead === undefined ? note : `${times(overhead)}${at}`,
      met: overhead === undefined ? undefined : overhead <= 1.15,
    },
    {
      target: '`GitHubDeployRole` synth no slower than aws-cdk-github-oidc at 450 roles',
      measured: vsCompetitor === undefined ? note : `${times(vsCompetitor)} of aws-cdk-github-oidc${at}`,
      met: vsCompetitor === undefined ? undefined : vsCompetitor <= 1,
    },
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
  medians[`${MATRIX_VARIANT.name}@${n}`] = ms.median;
  const rss = summarize(results.map((r) => r.maxRssMiB!));
  const first = results[0];
  return {
    title,
    body: [
      `${MATRIX_VARIANT.description}. Construct + synth of the whole app in a fresh process; median (min-max) of ` +
      `${results.length} runs.`,
      '',
      table(['Synth ms', 'ms per role', 'Peak RSS MiB', 'Stacks', 'Roles', 'Most resources in one stack'], [[
        medianRange(ms), (ms.median / first.roles!).toFixed(2), medianRange(rss),
        String(first.stacks), String(first.roles), String(first.maxResourcesPerStack),
      ]]),
    ],
    targets: [],
  };
}

function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}
