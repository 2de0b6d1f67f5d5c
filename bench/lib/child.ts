/**
 * Runs one measurement in a fresh Node process, so that no JIT warm-up, cache or heap growth carries over from
 * one measurement to the next. The child prints its result as one JSON line, the last line of its stdout.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { BUILD_DIR, useTsx } from './build';
import { BENCH_DIR, REPO_DIR } from './config';
import { metered, meteredAsync } from './interference';

export interface ChildOptions {
  /** Extra environment variables for the child. */
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the child after this long. @default 10 minutes */
  readonly timeoutMs?: number;
}

/**
 * Runs `bench/<script>.ts` with arguments and returns its JSON result: from the transpiled build (build.ts), or under
 * tsx with BENCH_LOADER=tsx.
 */
export async function runChild<T>(script: string, args: readonly string[], options: ChildOptions = {}): Promise<T> {
  return meteredAsync(() => spawnChild<T>(script, args, options));
}

async function spawnChild<T>(script: string, args: readonly string[], options: ChildOptions): Promise<T> {
  const nodeArgs = useTsx()
    ? ['--import', 'tsx', path.join(BENCH_DIR, script)]
    : [path.join(BUILD_DIR, 'bench', script.replace(/\.ts$/, '.js'))];
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: REPO_DIR,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const command = `node ${nodeArgs.map((arg) => path.relative(REPO_DIR, arg) || arg).join(' ')} ${args.join(' ')}`;
  if (code !== 0) {
    throw new Error(`${command} exited with ${code}:\n${tail(stderr || stdout)}`);
  }
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as T;
  } catch {
    throw new Error(`${command} printed no JSON result line:\n${tail(stdout)}\n${tail(stderr)}`);
  }
}

/** Wall time of one run of a command, in milliseconds, spawned and waited for synchronously. */
export function timeCommand(command: string, args: readonly string[], acceptedExitCodes: readonly number[] = [0]): number {
  return timeCommandOutput(command, args, acceptedExitCodes).ms;
}

/** `timeCommand`, with what the command printed. */
export function timeCommandOutput(
  command: string, args: readonly string[], acceptedExitCodes: readonly number[] = [0],
): { ms: number; stdout: string } {
  const { result, elapsed } = metered(() => {
    const start = process.hrtime.bigint();
    const spawned = spawnSync(command, args, { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 2 ** 20 });
    return { result: spawned, elapsed: Number(process.hrtime.bigint() - start) / 1e6 };
  });
  if (result.error) throw result.error;
  if (result.status === null || !acceptedExitCodes.includes(result.status)) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}:\n${tail(String(result.stderr || result.stdout))}`);
  }
  return { ms: elapsed, stdout: String(result.stdout) };
}

function tail(text: string, lines = 25): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}
