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

// About what one write of a pipe takes at a time.
const PIECE = 64 * 1024;

/**
 * Writes text made piece by piece (a report, a role at a time) in writes of about 64 KiB: the whole text is never held
 * in memory at once, nor written a line per call.
 */
export function writeInPieces(stream: OutputStream, pieces: Iterable<string>): void {
  let buffered: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    buffered.push(piece);
    size += piece.length;
    if (size >= PIECE) {
      stream.write(buffered.join(''));
      buffered = [];
      size = 0;
    }
  }
  if (size > 0) stream.write(buffered.join(''));
}
