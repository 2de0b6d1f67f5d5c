/**
 * Section 3: throughput of `TrustPolicyValidator.validate` and `TrustPolicyEvaluator.evaluate` over generated
 * policies (analysis-throughput.ts), in one fresh process after a warm-up pass.
 */
import type { Measured, ThroughputResult } from '../analysis-throughput';
import { runChild } from '../lib/child';
import { BenchConfig } from '../lib/config';
import { medianRange, SectionReport, table, TargetResult, thousands } from '../lib/report';
import { summarize } from '../lib/stats';

const TARGET_PER_SECOND = 50_000;

export async function analysisSection(config: BenchConfig): Promise<SectionReport> {
  const result = await runChild<ThroughputResult>('analysis-throughput.ts', [String(config.policies), String(config.analysisPasses)]);
  const rows: string[][] = [];
  const targets: TargetResult[] = [];
  if (result.parse && !('unavailable' in result.parse)) {
    const perSecond = summarize(result.parse.perSecond);
    rows.push(['`parsePolicy` (the shared reader both run first; no target)', medianRange(perSecond),
      medianRange(summarize(result.parse.perCpuSecond)), (1e6 / perSecond.median).toFixed(1), `${thousands(result.parse.checksum)} statements`]);
  }
  for (const [label, measured] of [['`TrustPolicyValidator.validate`', result.validate], ['`TrustPolicyEvaluator.evaluate`', result.evaluate]] as const) {
    if (!measured || 'unavailable' in measured) {
      const reason = measured && 'unavailable' in measured ? measured.unavailable : 'not run';
      rows.push([label, reason, '', '', '']);
      targets.push({ target: `${label}: at least ${thousands(TARGET_PER_SECOND)} policies/s`, measured: reason });
      continue;
    }
    const perSecond = summarize(measured.perSecond);
    const perCpuSecond = summarize(measured.perCpuSecond);
    progress(`${label}: ${thousands(perSecond.median)} policies/s`);
    rows.push([label, medianRange(perSecond), medianRange(perCpuSecond), (1e6 / perSecond.median).toFixed(1), checksumNote(label, measured)]);
    targets.push({
      target: `${label}: at least ${thousands(TARGET_PER_SECOND)} policies/s`,
      measured: `${thousands(perSecond.median)} policies/s (${thousands(perCpuSecond.median)} per CPU second)`,
      met: perSecond.median >= TARGET_PER_SECOND,
    });
  }
  const mix = Object.entries(result.kinds).sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ${n}`).join(', ');
  return {
    title: `Analysis throughput over ${thousands(result.policies)} policies`,
    body: [
      `In-process, one fresh process, after one untimed warm-up pass; median (min-max) over ${config.analysisPasses} ` +
      'timed passes of policies per second. Evaluation tokens are simulated with `GitHubToken.simulate` before ' +
      'timing: each policy meets a token of its own repository, every fourth a token of another one. Policies per CPU ' +
      'second divide by the process\'s CPU time instead of wall time: steadier on a busy machine.',
      '',
      `Policy mix (generate/policies.ts, seeded): ${mix}. Principals: plain ARNs in three partitions, CDK's ` +
      '`Fn::Join`, and `Ref` to a provider in the template; 5% given as JSON text, 3% URL-encoded.',
      '',
      table(['Operation', 'Policies/s', 'Policies per CPU second', 'µs per policy (median)', 'Work done per pass'], rows),
    ],
    targets,
  };
}

function checksumNote(label: string, measured: Exclude<Measured, { unavailable: string }>): string {
  return label.includes('validate') ? `${thousands(measured.checksum)} findings` : `${thousands(measured.checksum)} allowed`;
}

function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}
