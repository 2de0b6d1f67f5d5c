/**
 * One synth measurement, run in a fresh process by the runner (transpiled, see lib/build.ts), or by hand:
 * `node --import tsx bench/synth-one.ts <variant> <n>`.
 *
 * Loads the variant's modules and synthesizes a one-role warm-up app first (aws-cdk-lib requires most of its
 * modules lazily, on first use: that is module loading, not synth; BENCH_WARMUP=0 turns the warm-up off), then times constructing the app and `app.synth()` (validation
 * included), and
 * prints one JSON line: elapsed ms, peak RSS, resource counts and the first role's trust policy (so the runner can
 * check that the variants really build the same policy). With BENCH_CPU_PROFILE=<file>, it also writes a CPU
 * profile of the timed part only.
 *
 * With BENCH_STACK_REGION=<region>, the stacks get that region and account 123456789012 (environment-agnostic
 * otherwise). With BENCH_WARMUP=0 it also prints `processMs` and `processCpuMs`: from the process's start (Node's own
 * start and every module load included) to the end of `app.synth()`, what a `cdk synth` of the app costs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startProfile } from './lib/profiler';
import { findVariant } from './lib/variants';

export interface SynthResult {
  readonly variant: string;
  readonly n: number;
  /** Set when the variant's code does not exist yet; nothing was measured. */
  readonly unavailable?: string;
  readonly ms?: number;
  /**
   * CPU time (user + system, all threads of the process) of the same part: unlike `ms`, it does not grow while other
   * processes hold the CPU, so it is the steadier number on a busy machine.
   */
  readonly cpuMs?: number;
  /**
   * Wall and CPU time from the start of the process to the end of the synth; only without the warm-up app (which
   * they would include).
   */
  readonly processMs?: number;
  readonly processCpuMs?: number;
  /** Peak resident set size of the whole process, in MiB. */
  readonly maxRssMiB?: number;
  readonly stacks?: number;
  readonly roles?: number;
  readonly maxResourcesPerStack?: number;
  readonly firstTrustPolicy?: unknown;
}

async function main(): Promise<void> {
  const [variantName, nText] = process.argv.slice(2);
  const n = Number(nText);
  if (!variantName || !Number.isSafeInteger(n) || n <= 0) {
    throw new Error('usage: node --import tsx bench/synth-one.ts <variant> <roles>');
  }
  const variant = findVariant(variantName);
  const build = await variant.load();
  if (typeof build === 'string') {
    print({ variant: variantName, n, unavailable: build });
    return;
  }
  // require, not import(): bench/lib/variants.ts says why.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { App }: typeof import('aws-cdk-lib') = require('aws-cdk-lib');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  // As `cdk synth` runs an app (path metadata on), less the CDK::Metadata resource so stacks stay under 500.
  const newApp = (dir: string) => new App({ outdir: dir, analyticsReporting: false, context: { 'aws:cdk:enable-path-metadata': true } });
  if (process.env.BENCH_WARMUP !== '0') {
    const warmup = newApp(path.join(outdir, 'warmup'));
    build(warmup, 1, stackEnvironment());
    warmup.synth();
  }
  const profile = process.env.BENCH_CPU_PROFILE ? await startProfile() : undefined;

  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const app = newApp(path.join(outdir, 'measured'));
  build(app, n, stackEnvironment());
  const assembly = app.synth();
  const cpu = process.cpuUsage(cpuStart);
  const end = performance.now();
  const ms = end - start;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const whole = process.cpuUsage();
  const processTimes = process.env.BENCH_WARMUP === '0'
    ? { processMs: end, processCpuMs: (whole.user + whole.system) / 1000 } : {};

  if (profile) await profile.stopAndWrite(process.env.BENCH_CPU_PROFILE!);
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  let roles = 0;
  let maxResourcesPerStack = 0;
  let firstTrustPolicy: unknown;
  for (const stack of assembly.stacks) {
    const resources = Object.values<any>(stack.template.Resources ?? {});
    maxResourcesPerStack = Math.max(maxResourcesPerStack, resources.length);
    for (const resource of resources) {
      if (resource.Type !== 'AWS::IAM::Role') continue;
      roles++;
      firstTrustPolicy ??= resource.Properties.AssumeRolePolicyDocument;
    }
  }
  fs.rmSync(outdir, { recursive: true, force: true });
  if (maxResourcesPerStack > 500) {
    throw new Error(`${variantName} ${n}: a stack holds ${maxResourcesPerStack} resources, over CloudFormation's 500`);
  }
  const stacks = assembly.stacks.length;
  print({ variant: variantName, n, ms, cpuMs, ...processTimes, maxRssMiB, stacks, roles, maxResourcesPerStack, firstTrustPolicy });
}

/** The stacks' environment: BENCH_STACK_REGION and a fixed account, or none. */
function stackEnvironment(): { account: string; region: string } | undefined {
  const region = process.env.BENCH_STACK_REGION;
  return region ? { account: '123456789012', region } : undefined;
}

function print(result: SynthResult): void {
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
