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
 * in memory at once, nor written a line per call. `end` writes what is left.
 */
export class PieceWriter {
  private buffered: string[] = [];
  private size = 0;

  constructor(private readonly stream: OutputStream) {}

  public write(piece: string): void {
    this.buffered.push(piece);
    this.size += piece.length;
    if (this.size >= PIECE) this.flush();
  }

  public end(): void {
    if (this.size > 0) this.flush();
  }

  private flush(): void {
    this.stream.write(this.buffered.join(''));
    this.buffered = [];
    this.size = 0;
  }
}
