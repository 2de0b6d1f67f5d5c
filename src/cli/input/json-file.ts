/**
 * Reads a JSON input file once, with errors that name the file and what the command expected there.
 */
import { readFileSync } from 'node:fs';
import { CliError } from '../cli-error';
import { describeBytes, looksBinary, printable } from '../output/printable';

/** An input file read from disk: its text (for line numbers and duplicate keys) and its parsed value. */
export interface InputFile {
  readonly path: string;
  readonly text: string;
  readonly value: unknown;
  /** How the text is written: JSON (when not given), or YAML (a CloudFormation template, an export made with `--output yaml`). */
  readonly format?: 'json' | 'yaml';
}

/**
 * Reads a text file; throws CliError naming the file when it is missing, a directory, or unreadable.
 *
 * @param expected what the file should hold, for the message, e.g. "a trust policy"
 */
export function readTextFile(path: string, expected: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file'
      : code === 'EISDIR' ? 'it is a directory'
        : code === 'EACCES' ? 'permission denied'
          : (err as Error).message;
    throw new CliError(`cannot read ${path}: ${reason}; expected ${expected}`);
  }
  if (looksBinary(bytes)) throw new CliError(`${path} is binary, not text: ${describeBytes(bytes)}; expected ${expected}`);
  return bytes.toString('utf8');
}

/** Reads and parses a JSON file; throws CliError naming the file and the parse error. */
export function readJsonFile(path: string, expected: string): InputFile {
  const text = readTextFile(path, expected);
  return { path, text, value: parseJsonText(path, text, expected), format: 'json' };
}

/** Parses JSON text read from `path`; throws CliError with the line of the syntax error. */
export function parseJsonText(path: string, text: string, expected: string): unknown {
  // A UTF-8 byte order mark (PowerShell's `> file`) is not JSON but is no reason to refuse the file.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new CliError(`${path} is empty: expected ${expected}`);
  try {
    return JSON.parse(body);
  } catch (err) {
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position ? ` at line ${lineOf(body, Number(position[1]))}` : '';
    // V8 quotes the text around the error, newlines included: keep the message on one short line.
    const first = printable(message.replace(/\s+/g, ' ').trim(), 100);
    throw new CliError(`${path} is not valid JSON${where} (${first}): expected ${expected}`);
  }
}

/** The 1-based line of a 0-based offset in a text. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
