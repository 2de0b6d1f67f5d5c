/**
 * Reads CloudTrail records from the files `explain --cloudtrail` is given, one file at a time and line by line (a log
 * directory can be hundreds of megabytes): `aws cloudtrail lookup-events` output (`{"Events":[{"CloudTrailEvent":
 * "<json>"}]}`), log files as delivered to S3 (`{"Records":[...]}`, also `.json.gz`), CloudWatch Logs
 * `filter-log-events` output (`{"events":[{"message":"<json>"}]}`), and JSON lines of any of these or of records.
 * Bad input gets a message naming the file (and line), never a stack trace.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CliError } from '../cli-error';
import { printable } from '../output/printable';

const EXPECTED = 'CloudTrail records: `aws cloudtrail lookup-events` output ({"Events": [...]}), log files as delivered to S3 ' +
  '({"Records": [...]}, also .json.gz), CloudWatch Logs `filter-log-events` output ({"events": [...]}), or JSON lines';

/** Files a directory contributes: what CloudTrail and the AWS CLI write. */
const RECORD_FILE = /\.(json|jsonl|ndjson|log)(\.gz)?$|\.gz$/i;

/** The files to read for the paths given, directories walked in name order. */
export function cloudTrailFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (path: string, top: boolean) => {
    let stat;
    try {
      stat = statSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file or directory' : code ?? (err as Error).message}; expected ${EXPECTED}`);
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name), false);
    } else if (top || RECORD_FILE.test(path)) {
      files.push(path);
    }
  };
  for (const path of paths) walk(path, true);
  if (files.length === 0) throw new CliError(`${paths.join(', ')} holds no .json, .json.gz or .jsonl files: expected ${EXPECTED}`);
  return files;
}

/** Calls `onRecord` for every record of the file, in order; throws CliError for what cannot be read. */
export async function readCloudTrailFile(path: string, onRecord: (record: unknown) => void): Promise<void> {
  const lines = createInterface({ input: await openText(path), crlfDelay: Infinity });
  // JSON lines when the first non-blank line is a whole JSON value; otherwise one (pretty-printed) document.
  let mode: 'unknown' | 'lines' | 'document' = 'unknown';
  let document: string[] = [];
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (mode === 'document') {
        document.push(line);
        continue;
      }
      if (line.trim() === '') continue;
      const value = tryParse(line);
      if (mode === 'unknown') {
        mode = value === undefined ? 'document' : 'lines';
        if (mode === 'document') {
          document.push(line);
          continue;
        }
      }
      if (value === undefined) throw new CliError(`${path} line ${lineNumber} is not JSON (${printable(line, 60)}): expected ${EXPECTED}`);
      recordsOf(value.parsed, path, onRecord);
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${path} cannot be read: ${describeReadError(err)}; expected ${EXPECTED}`);
  }
  if (mode === 'unknown') throw new CliError(`${path} is empty: expected ${EXPECTED}`);
  if (mode === 'document') {
    const text = document.join('\n');
    document = [];
    const value = tryParse(text);
    if (value === undefined) throw new CliError(`${path} is not JSON or JSON lines: expected ${EXPECTED}`);
    recordsOf(value.parsed, path, onRecord);
  }
}

async function openText(path: string): Promise<Readable> {
  const head = await firstBytes(path, 2);
  const file = createReadStream(path);
  if (head[0] !== 0x1f || head[1] !== 0x8b) return file;
  const gunzip = createGunzip();
  file.on('error', (err) => gunzip.destroy(err));
  return file.pipe(gunzip);
}

function firstBytes(path: string, count: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stream = createReadStream(path, { start: 0, end: count - 1 });
    stream.on('data', (chunk) => chunks.push(chunk as Buffer));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', (err) => reject(new CliError(`cannot read ${path}: ${describeReadError(err)}; expected ${EXPECTED}`)));
  });
}

function describeReadError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(String((err as Error)?.message))) return 'the gzip data is truncated';
  if (code === 'Z_DATA_ERROR') return 'the gzip data is corrupt';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return printable(err instanceof Error ? err.message : String(err), 120);
}

function tryParse(text: string): { parsed: unknown } | undefined {
  try {
    return { parsed: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The records a parsed value holds, in any of the accepted shapes. */
function recordsOf(value: unknown, path: string, onRecord: (record: unknown) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) recordsOf(item, path, onRecord);
    return;
  }
  if (value === null || typeof value !== 'object') {
    throw new CliError(`${path} holds ${value === null ? 'null' : `a ${typeof value}`} where a record was expected: expected ${EXPECTED}`);
  }
  const object = value as { [key: string]: unknown };
  if (Array.isArray(object.Records)) {
    for (const record of object.Records) onRecord(record);
  } else if (Array.isArray(object.Events)) {
    object.Events.forEach((event, index) => onRecord(embedded(event, 'CloudTrailEvent', `${path} Events[${index}]`)));
  } else if (Array.isArray(object.events)) {
    object.events.forEach((event, index) => onRecord(embedded(event, 'message', `${path} events[${index}]`)));
  } else if ('eventName' in object || 'eventVersion' in object) {
    onRecord(object);
  } else {
    const keys = Object.keys(object).slice(0, 5).map((key) => printable(key, 40)).join(', ');
    throw new CliError(`${path}: unrecognized input (an object with keys ${keys || 'none'}): expected ${EXPECTED}`);
  }
}

/** A record embedded as JSON text in a field (`CloudTrailEvent`, `message`), or given as an object. */
function embedded(event: unknown, field: string, where: string): unknown {
  const inner = event !== null && typeof event === 'object' ? (event as { [key: string]: unknown })[field] : undefined;
  if (inner !== null && typeof inner === 'object') return inner;
  if (typeof inner !== 'string') throw new CliError(`${where} has no "${field}": expected ${EXPECTED}`);
  const parsed = tryParse(inner);
  if (parsed === undefined) throw new CliError(`${where}.${field} is not JSON (${printable(inner, 60)}): expected ${EXPECTED}`);
  return parsed.parsed;
}
