/**
 * Runs the real command line, spawned as users run it (`node --import tsx src/cli/main.ts ...` from the repository
 * root, since lib/ is not built on a fresh clone), several at a time to keep the suite quick.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');

/** A fixture's path relative to the root, as a user would type it. */
export const fixture = (name: string) => join('test', 'cli', 'fixtures', name);

/** What one run printed and returned. */
export interface CliRun {
  readonly args: string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI once. Colour is left to the CLI: stdout is a pipe here, so it must print none. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: undefined, GITHUB_DEPLOY_ROLES_DEBUG: undefined, ...env },
      maxBuffer: 64 * 1024 * 1024,
    }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ args, code, stdout, stderr });
    });
  });
}

/** Runs several command lines, at most `parallel` at a time, returning the runs in order. */
export async function runAll(argsList: string[][], parallel = 4): Promise<CliRun[]> {
  const results: CliRun[] = new Array(argsList.length);
  let next = 0;
  const worker = async () => {
    while (next < argsList.length) {
      const index = next++;
      results[index] = await runCli(argsList[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, argsList.length) }, worker));
  return results;
}
