/**
 * Runs the command line in this process (`main` with string streams): quicker than spawning it (run-cli.ts), for
 * tests that run it many times.
 */
import { Io } from '../../src/cli/io';
import { main } from '../../src/cli/main';

/** What one run printed and returned. */
export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command line once; `stderrTTY` makes stderr look like a terminal (progress lines). */
export async function runInProcess(argv: string[], stderrTTY = false): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => { stdout += text; } },
    stderr: { isTTY: stderrTTY, write: (text: string) => { stderr += text; } },
    env: {},
    now: () => new Date(0),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
