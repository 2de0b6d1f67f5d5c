/**
 * Hot spots: CPU profiles of the slowest of the library's synth variants and of the analysis passes, written to
 * bench/out/profiles/ (open them in Chrome DevTools), summarized by self time, by the library's own functions'
 * inclusive time, and by area.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ThroughputResult } from '../analysis-throughput';
import { runChild, timeCommand } from '../lib/child';
import { BenchConfig, OUT_DIR, REPO_DIR } from '../lib/config';
import { ProfileSummary, summarizeProfile } from '../lib/cpuprofile';
import { SAMPLING_INTERVAL_US } from '../lib/profiler';
import { SectionReport, table } from '../lib/report';
import { MATRIX_VARIANT, VARIANTS } from '../lib/variants';
import type { SynthResult } from '../synth-one';
import { auditArguments, CLI, cliAvailable, writeAccountExport } from './cli';

const PROFILE_DIR = path.join(OUT_DIR, 'profiles');

export async function profileSection(config: BenchConfig, medians: { [key: string]: number }): Promise<SectionReport> {
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const body: string[] = [
    'V8 sampling profiles (200 µs), written to ' +
    `\`${path.relative(REPO_DIR, PROFILE_DIR)}/\`: of synth and analysis, the timed part only (started after module ` +
    'loading, through the inspector, the same profiler as `node --cpu-prof`); of `audit`, the whole process. ' +
    '"Self" is time in the function itself; "inclusive" adds what it calls (aws-cdk-lib work it triggers included).',
    '',
  ];

  const slowest = slowestOfOurs(config, medians);
  {
    const file = path.join(PROFILE_DIR, `synth-${slowest.variant}-${slowest.n}.cpuprofile`);
    const result = await runChild<SynthResult>('synth-one.ts', [slowest.variant, String(slowest.n)], { env: { BENCH_CPU_PROFILE: file } });
    body.push(...result.unavailable
      ? [`Synth of \`${slowest.variant}\` not profiled: ${result.unavailable}.`, '']
      : describe(`Synth of \`${slowest.variant} ${slowest.n}\` (the slowest of the library's variants measured)`, file));
  }

  const prefix = path.join(PROFILE_DIR, 'analysis');
  const throughput = await runChild<ThroughputResult>('analysis-throughput.ts', [String(config.policies), '3'], { env: { BENCH_CPU_PROFILE: prefix } });
  for (const operation of ['validate', 'evaluate'] as const) {
    const measured = throughput[operation];
    body.push(...measured && !('unavailable' in measured)
      ? describe(`\`${operation}\` over ${config.policies} policies, 3 passes`, `${prefix}-${operation}.cpuprofile`)
      : [`\`${operation}\` not profiled: ${measured && 'unavailable' in measured ? measured.unavailable : 'not run'}.`, '']);
  }
  body.push(...profileAudit(config));
  return { title: 'Hot spots (CPU profiles)', body, targets: [] };
}

/** `audit` of the account export under `node --cpu-prof`: the whole process, as a user runs it. */
function profileAudit(config: BenchConfig): string[] {
  if (!cliAvailable()) return [`\`audit\` not profiled: ${CLI} is missing.`, ''];
  const dir = path.join(PROFILE_DIR, 'audit');
  fs.rmSync(dir, { recursive: true, force: true });
  const exportFile = writeAccountExport(config.auditRoles);
  timeCommand(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, `--cpu-prof-interval=${SAMPLING_INTERVAL_US}`, ...auditArguments(exportFile)]);
  const file = fs.readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  return file
    ? describe(`\`audit\` of ${config.auditRoles} roles (\`node --cpu-prof\`, whole process)`, path.join(dir, file))
    : ['`audit`: node --cpu-prof wrote no profile.', ''];
}

/** Our variant with the highest median synth time (the largest stack, in practice). */
function slowestOfOurs(config: BenchConfig, medians: { [key: string]: number }): { variant: string; n: number } {
  const ours = [...VARIANTS.filter((v) => v.ours), MATRIX_VARIANT].map((v) => v.name);
  let slowest: { variant: string; n: number; ms: number } | undefined;
  for (const [key, ms] of Object.entries(medians)) {
    const [variant, n] = key.split('@');
    if (ours.includes(variant) && (!slowest || ms > slowest.ms)) slowest = { variant, n: Number(n), ms };
  }
  // Synth sections not run in this invocation: profile the main construct at the largest size.
  return slowest ?? { variant: 'deploy-role', n: Math.max(...config.sizes) };
}

function describe(title: string, file: string): string[] {
  if (!fs.existsSync(file)) return [`### ${title}`, '', 'No profile was written.', ''];
  const summary: ProfileSummary = summarizeProfile(file);
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
  return [
    `### ${title}`,
    '',
    `Profile: \`${path.relative(REPO_DIR, file)}\`, ${summary.totalMs.toFixed(0)} ms sampled.`,
    '',
    'By area (self time):',
    '',
    table(['Area', 'ms', 'Share'], summary.areas.slice(0, 10).map((a) => [a.area, a.ms.toFixed(0), pct(a.share)])),
    '',
    'Top functions by self time:',
    '',
    table(['Function', 'Area', 'Self ms', 'Share'], summary.topSelf.map((f) => [`\`${f.function}\``, f.area, f.ms.toFixed(1), pct(f.share)])),
    '',
    ...(summary.oursInclusive.length > 0 ? [
      'The library\'s own functions by inclusive time:',
      '',
      table(['Function', 'Inclusive ms', 'Share'], summary.oursInclusive.map((f) => [`\`${f.function}\``, f.ms.toFixed(1), pct(f.share)])),
      '',
    ] : []),
  ];
}
