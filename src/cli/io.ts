/**
 * What a command may touch besides the files it reads: where it writes and the environment it looks at. Passed in
 * so that commands can be run in-process by tests too.
 */

/** A stream the command writes to. */
export interface OutputStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** The command's surroundings. */
export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
}

/** The real process's streams and environment. */
export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, now: () => new Date() };
}
