/**
 * Section "process": what `cdk synth` of a small app costs a user, Node's start, every module load and the synth
 * together, in a fresh process with no warm-up (synth-one.ts with BENCH_WARMUP=0). Ours loads the compiled package
 * (lib/, bundled as published) rather than the transpile of src/ the synth section loads, since module loading is
 * what this section is about. Both stack environments: a region makes code run that an environment-agnostic stack
 * never reaches (a stack's partition is read from its region), and it once cost about 150 ms of aws-cdk-lib's region
 * facts that plain roles never load.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runChild } from '../lib/child';
import { BenchConfig, REPO_DIR } from '../lib/config';
import { medianRange, SectionReport, table, TargetResult, times } from '../lib/report';
import { median, pairedRatio, ratio, summarize } from '../lib/stats';
import { VARIANTS } from '../lib/variants';
import type { SynthResult } from '../synth-one';

const ROLES = 10;
const BASELINE = 'plain-role';
const OURS = 'deploy-role';
/** An environment-agnostic stack, and one with an account and a commercial region. */
const REGIONS: readonly (string | undefined)[] = [undefined, 'eu-west-1'];
const TARGET = 1.1;

export async function appProcessSection(config: BenchConfig): Promise<SectionReport> {
  const title = `Whole process: load, construct and synth of ${ROLES} roles`;
  const lib = path.join(REPO_DIR, 'lib', 'index.js');
  if (!fs.existsSync(lib)) {
    const reason = 'lib/ is missing: run `npx projen compile` first';
    return { title, body: [`Not measured: ${reason}.`], targets: [{ target: targetText(undefined), measured: reason }] };
  }
  const repetitions = config.synthRepetitions * 3;
  const samples = new Map<string, SynthResult[]>();
  const key = (variant: string, region: string | undefined) => `${variant}@${region ?? 'agnostic'}`;
  for (let rep = 0; rep < repetitions; rep++) {
    for (const region of REGIONS) {
      for (const variant of VARIANTS) {
        const env = { BENCH_WARMUP: '0', BENCH_LIB: lib, ...(region ? { BENCH_STACK_REGION: region } : {}) };
        const result = await runChild<SynthResult>('synth-one.ts', [variant.name, String(ROLES)], { env });
        if (result.unavailable || result.processMs === undefined) throw new Error(`${variant.name}: ${result.unavailable ?? 'no processMs'}`);
        if (!samples.has(key(variant.name, region))) samples.set(key(variant.name, region), []);
        samples.get(key(variant.name, region))!.push(result);
      }
    }
    progress(`process rep ${rep + 1}/${repetitions}`);
  }

  const body = [
    `\`node bench/out/build/bench/synth-one.js <variant> ${ROLES}\` with BENCH_WARMUP=0, BENCH_LIB=lib/index.js ` +
    '(ours as published, bundled) and BENCH_STACK_REGION for the stack with an environment (account 123456789012): ' +
    'wall and CPU time from the start of the process (Node\'s own start included) to the end of `app.synth()`. ' +
    `Median (min-max) of ${repetitions} runs; variants and environments alternate within each repetition; "paired" is ` +
    'the median of each repetition\'s own ratio to the plain role of the same repetition.',
    '',
  ];
  const targets: TargetResult[] = [];
  for (const region of REGIONS) {
    const wall = new Map(VARIANTS.map((v) => [v.name, median(samples.get(key(v.name, region))!.map((r) => r.processMs!))]));
    const cpu = new Map(VARIANTS.map((v) => [v.name, median(samples.get(key(v.name, region))!.map((r) => r.processCpuMs!))]));
    const baseline = samples.get(key(BASELINE, region))!.map((r) => r.processMs!);
    const paired = (name: string) => pairedRatio(samples.get(key(name, region))!.map((r) => r.processMs!), baseline);
    body.push(`### ${region ? `Stack in ${region}` : 'Environment-agnostic stack'}`, '', table(
      ['Variant', 'Process ms', 'vs plain', 'paired', 'Process CPU ms', 'vs plain'],
      VARIANTS.map((v) => {
        const results = samples.get(key(v.name, region))!;
        return [`\`${v.name}\``,
          medianRange(summarize(results.map((r) => r.processMs!))), times(ratio(wall.get(v.name)!, wall.get(BASELINE)!)), times(paired(v.name)),
          medianRange(summarize(results.map((r) => r.processCpuMs!))), times(ratio(cpu.get(v.name)!, cpu.get(BASELINE)!))];
      })), '');
    const wallRatio = ratio(wall.get(OURS)!, wall.get(BASELINE)!);
    const cpuRatio = ratio(cpu.get(OURS)!, cpu.get(BASELINE)!);
    targets.push({
      target: targetText(region), measured: `${times(wallRatio)} wall (paired ${times(paired(OURS))}), ${times(cpuRatio)} CPU`, met: wallRatio <= TARGET,
    });
  }
  return { title, body, targets };
}

function targetText(region: string | undefined): string {
  return `Whole process (\`cdk synth\` of ${ROLES} roles, ${region ? `stack in ${region}` : 'environment-agnostic'}) at most ` +
    `${TARGET.toFixed(2)}x plain \`iam.Role\``;
}

function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}
