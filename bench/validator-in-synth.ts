/**
 * How much of a `GitHubDeployRole` synth the trust-policy validator takes: the lever of issue 14's synth targets.
 * One measurement, by hand (after `npx projen bench` or `BENCH_QUICK=1 npx projen bench`, which transpile to
 * bench/out/build/):
 *
 *   node bench/out/build/bench/validator-in-synth.js <roles> timed     # synth, and the validator's share of it
 *   node bench/out/build/bench/validator-in-synth.js <roles> skipped   # the same synth with the validator finding nothing
 *
 * Run the two alternately, several times each, and compare medians: `timed` adds two clock reads per role, `skipped`
 * is the synth without the validator's work (a measurement only; the library never skips it). Like synth-one.ts, a
 * one-role app is synthesized first, so module loading is not timed. Prints one JSON line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { environmentName, repositoryName } from './generate/names';

async function main(): Promise<void> {
  const [rolesText, mode] = process.argv.slice(2);
  const roles = Number(rolesText);
  if (!Number.isSafeInteger(roles) || roles <= 0 || (mode !== 'timed' && mode !== 'skipped')) {
    throw new Error('usage: node bench/out/build/bench/validator-in-synth.js <roles> <timed|skipped>');
  }
  const { App, Stack } = await import('aws-cdk-lib');
  const lib: any = await import('../src/index.js');
  const { TrustPolicyValidator } = await import('../src/analysis/validate/validator.js');
  let validatorMs = 0;
  let policies = 0;
  const validate = TrustPolicyValidator.validate;
  (TrustPolicyValidator as any).validate = mode === 'skipped' ? () => [] : (...args: Parameters<typeof validate>) => {
    const start = performance.now();
    try {
      return validate(...args);
    } finally {
      validatorMs += performance.now() - start;
      policies++;
    }
  };
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-validator-'));
  const synth = (n: number, dir: string) => {
    const app = new App({ outdir: path.join(outdir, dir), analyticsReporting: false, context: { 'aws:cdk:enable-path-metadata': true } });
    const stack = new Stack(app, 'BenchStack');
    const provider = lib.GitHubOidcProvider.forAccount(stack);
    for (let i = 0; i < n; i++) {
      const { owner, name } = repositoryName(i);
      new lib.GitHubDeployRole(stack, `Role${i}`, {
        provider, repository: lib.GitHubRepository.of(owner, name), subjects: [lib.SubjectClaim.environment(environmentName(i))],
      });
    }
    app.synth();
  };
  synth(1, 'warmup');
  validatorMs = 0;
  policies = 0;
  const start = performance.now();
  synth(roles, 'measured');
  const synthMs = performance.now() - start;
  fs.rmSync(outdir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ roles, mode, synthMs, validatorMs, policies, validatorShare: validatorMs / synthMs })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
