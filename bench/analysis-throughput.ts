/**
 * Throughput of the trust-policy analysis, in a fresh process (run by the runner, or by hand:
 * `node --import tsx bench/analysis-throughput.ts <policies> <passes>`). Generates the policies and the token claims first (untimed), runs one warm-up pass, then
 * times `passes` passes of `TrustPolicyValidator.validate` and of `TrustPolicyEvaluator.evaluate` over every
 * policy, and prints one JSON line with policies per second of each pass. With BENCH_CPU_PROFILE=<prefix>, writes
 * `<prefix>-<operation>.cpuprofile` of each operation's timed passes.
 */
import { environmentName, repositoryName } from './generate/names';
import { generatePolicies, GeneratedPolicy, PROVIDER_URLS } from './generate/policies';
import { startProfile } from './lib/profiler';
import { parsePolicy } from '../src/analysis/policy/document';

export interface ThroughputResult {
  readonly policies: number;
  /** Policies of each kind, to show the mix. */
  readonly kinds: { [kind: string]: number };
  /** The shared reader alone (src/analysis/policy/document.ts), which both of the others run first. */
  readonly parse?: Measured;
  readonly validate?: Measured;
  readonly evaluate?: Measured;
}

export type Measured =
  | { readonly unavailable: string }
  | {
    /** Policies per second of each timed pass. */
    readonly perSecond: number[];
    /** Policies per second of CPU time of each pass: steadier than `perSecond` when other processes hold the CPU. */
    readonly perCpuSecond: number[];
    /** Statements (parse), findings (validate) or allowed decisions (evaluate) per pass: proof the work was done, and the same each pass. */
    readonly checksum: number;
  };

async function main(): Promise<void> {
  const count = positive(process.argv[2], 'policies');
  const passes = positive(process.argv[3], 'passes');
  const lib: any = await import('../src/index.js');
  const policies = generatePolicies(count);
  const kinds: { [kind: string]: number } = {};
  for (const policy of policies) kinds[policy.kind] = (kinds[policy.kind] ?? 0) + 1;

  const result: ThroughputResult = {
    policies: count,
    kinds,
    parse: await measure('parse', passes, policies, (policy) => parsePolicy(policy.document, { providerUrls: PROVIDER_URLS }).statements.length),
    validate: typeof lib.TrustPolicyValidator?.validate === 'function'
      ? await measure('validate', passes, policies, (policy) =>
        lib.TrustPolicyValidator.validate(policy.document, { providerUrls: PROVIDER_URLS }).length)
      : { unavailable: 'TrustPolicyValidator is not exported from src/index.ts yet' },
    evaluate: typeof lib.TrustPolicyEvaluator?.evaluate === 'function' && typeof lib.GitHubToken?.simulate === 'function'
      ? await measureEvaluate(lib, passes, policies)
      : { unavailable: 'TrustPolicyEvaluator / GitHubToken are not exported from src/index.ts yet' },
  };
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

/**
 * Each policy is evaluated against a token of the repository it names, and every fourth one against a token of the
 * next repository, so both the matching and the failing paths run. Tokens are simulated before timing.
 */
async function measureEvaluate(lib: any, passes: number, policies: GeneratedPolicy[]): Promise<Measured> {
  const claims = policies.map((policy) => {
    const index = policy.repositoryIndex % 4 === 3 ? policy.repositoryIndex + 1 : policy.repositoryIndex;
    const { owner, name } = repositoryName(index);
    return lib.GitHubToken.simulate({
      repository: lib.GitHubRepository.of(owner, name),
      environment: environmentName(index),
      issuer: policy.issuerUrl ? lib.GitHubIssuer.fromUrl(policy.issuerUrl) : undefined,
    });
  });
  const options = { providerUrls: PROVIDER_URLS };
  return measure('evaluate', passes, policies, (policy, i) =>
    lib.TrustPolicyEvaluator.evaluate(policy.document, claims[i], options).allowed ? 1 : 0);
}

async function measure(operation: string, passes: number, policies: GeneratedPolicy[],
  run: (policy: GeneratedPolicy, index: number) => number): Promise<Measured> {
  const pass = () => {
    let checksum = 0;
    for (let i = 0; i < policies.length; i++) checksum += run(policies[i], i);
    return checksum;
  };
  const checksum = pass(); // warm-up: lets the JIT compile the hot paths before timing
  const profilePrefix = process.env.BENCH_CPU_PROFILE;
  const profile = profilePrefix ? await startProfile() : undefined;
  const perSecond: number[] = [];
  const perCpuSecond: number[] = [];
  for (let p = 0; p < passes; p++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const again = pass();
    const cpu = process.cpuUsage(cpuStart);
    const seconds = (performance.now() - start) / 1000;
    perCpuSecond.push(policies.length / ((cpu.user + cpu.system) / 1e6));
    if (again !== checksum) throw new Error(`pass ${p} gave checksum ${again}, the warm-up ${checksum}: the analysis is not deterministic`);
    perSecond.push(policies.length / seconds);
  }
  if (profile) await profile.stopAndWrite(`${profilePrefix}-${operation}.cpuprofile`);
  return { perSecond, perCpuSecond, checksum };
}

function positive(text: string | undefined, name: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`usage: analysis-throughput.ts <policies> <passes>; bad ${name} ${JSON.stringify(text)}`);
  return n;
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
