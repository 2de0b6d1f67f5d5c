/**
 * Texts kept in order until they can be written, in memory that does not grow with their number: past a limit they
 * go to a temporary file, read back in order when iterated. `audit --format json` keeps each role's text until the
 * summary, which comes first in the document, is known: held in memory that was about 3.3 times the input of an
 * organization's 100,000 roles, and grew with the roles without bound.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { CliError } from '../cli-error';

/** Where and when texts spill; the defaults suit the command line, tests set small ones. */
export interface SpilledTextsOptions {
  /** Characters kept in memory before they are written to the file. @default 8 MiB worth */
  readonly memoryLimit?: number;
  /** The directory the temporary directory is made in. @default os.tmpdir() */
  readonly directory?: string;
  /** Bytes read back at a time. @default 1 MiB */
  readonly readSize?: number;
}

// Separates the texts in the file: JSON text never holds a raw NUL (JSON.stringify writes U+0000 as "\u0000").
const SEPARATOR = '\0';

/**
 * An ordered list of texts without NUL characters. Iterate it once, after the last `push`; `dispose` removes the
 * temporary file (always call it, in a `finally`). When no temporary file can be made, the texts stay in memory.
 */
export class SpilledTexts implements Iterable<string> {
  private readonly memoryLimit: number;
  private readonly directory: string;
  private readonly readSize: number;
  private buffered: string[] = [];
  private bufferedSize = 0;
  private file?: { readonly dir: string; readonly fd: number };
  private spillFailed = false;

  constructor(options: SpilledTextsOptions = {}) {
    this.memoryLimit = options.memoryLimit ?? 8 * 2 ** 20;
    this.directory = options.directory ?? tmpdir();
    this.readSize = options.readSize ?? 2 ** 20;
  }

  /** Adds a text at the end. */
  public push(text: string): void {
    if (text.includes(SEPARATOR)) throw new Error('SpilledTexts: a text holds a NUL character, which separates texts');
    this.buffered.push(text);
    this.bufferedSize += text.length + 1;
    if (this.bufferedSize >= this.memoryLimit && !this.spillFailed) this.spill();
  }

  /** Whether texts went to a temporary file (for tests). */
  public get spilled(): boolean {
    return this.file !== undefined;
  }

  /** The texts in the order pushed: those in the file first, then those still in memory. */
  public *[Symbol.iterator](): Iterator<string> {
    if (this.file) {
      const decoder = new StringDecoder('utf8');
      const chunk = Buffer.allocUnsafe(this.readSize);
      let rest = '';
      let position = 0;
      for (;;) {
        const read = readSync(this.file.fd, chunk, 0, chunk.length, position);
        if (read === 0) break;
        position += read;
        const texts = (rest + decoder.write(chunk.subarray(0, read))).split(SEPARATOR);
        rest = texts.pop()!;
        yield* texts;
      }
      rest += decoder.end();
      // Every text in the file ends with a separator: nothing is left over.
      if (rest !== '') throw new Error('SpilledTexts: the temporary file ends inside a text');
    }
    yield* this.buffered;
  }

  /** Removes the temporary file, if one was made. */
  public dispose(): void {
    if (!this.file) return;
    const { dir, fd } = this.file;
    this.file = undefined;
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }

  private spill(): void {
    if (!this.file) {
      let dir: string | undefined;
      try {
        dir = mkdtempSync(join(this.directory, 'github-deploy-roles-'));
        this.file = { dir, fd: openSync(join(dir, 'texts'), 'w+', 0o600) };
      } catch {
        // No temporary file (a read-only or full disk): keep the texts in memory, as without one.
        if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
        this.spillFailed = true;
        return;
      }
    }
    const bytes = Buffer.from(this.buffered.join(SEPARATOR) + SEPARATOR, 'utf8');
    try {
      // A write may take fewer bytes than given: write until all are in.
      for (let offset = 0; offset < bytes.length;) offset += writeSync(this.file.fd, bytes, offset, bytes.length - offset);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      throw new CliError(`cannot write the report's temporary file in ${this.file.dir} (${code}): set TMPDIR to a directory with room for it`);
    }
    this.buffered = [];
    this.bufferedSize = 0;
  }
}
