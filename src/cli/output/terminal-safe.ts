/**
 * What the commands write to stdout, made safe for a terminal and for a CI log, whatever the inputs held. Reports
 * quote trust policies, token claims and workflow files, which anyone who can open a pull request may have written:
 *
 * - a terminal runs the escape sequences in text (clear the screen, set the window title, write a link, move the
 *   cursor back over a verdict with a carriage return), and bidirectional overrides reorder what it shows;
 * - GitHub Actions runs a line of a step's output that begins with `::` (after any white space) as a workflow command
 *   (`::error ...::`, `::add-mask::`, `::stop-commands::`), and `##[name]` anywhere in a line as one of the older
 *   form, so a value holding a newline then `::error::` would forge an annotation in the job that runs `check`.
 *
 * So every control character but the newline and the tab is written as an escape (`\u001b`), as are the
 * bidirectional controls (`\u202e`), and each workflow command gets its first character escaped (`\u003a:error::`,
 * `\u0023#[error]`), also when it is split between two writes. The escapes are JSON's: in the JSON and SARIF reports, where such a character can only stand
 * inside a string (JSON.stringify leaves C1 controls and bidirectional ones raw), the document still parses to the same
 * values. The one exception is the colour Style writes itself (style.ts), on a stream that gets colour. Renderers
 * escape values as well (`printable`), so that a newline in a value does not start a line at all; this is the net
 * under them.
 *
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import { OutputStream } from '../io';

// The sequences Style writes (style.ts): bold, dim and their end; red, green, yellow, cyan and their end.
const STYLE_SEQUENCE = /^\u001b\[(?:1|2|22|31|32|33|36|39)m/;
// C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_ALL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// The runner's two command forms (actions/runner, src/Runner.Common/ActionCommand.cs): `::name ...::data` at the start
// of a line after any white space (TryParseV2 trims it with .NET's TrimStart, Unicode spaces included), and
// `##[name ...]data` anywhere in a line (TryParse looks for the prefix with IndexOf).
const V2_COMMAND = /(?:^|\n)[^\S\n]*::/g;
const V1_COMMAND = /##\[/g;
// What the progress lines on stderr write before each update (audit, explain --cloudtrail), on a terminal only.
const ERASE_LINE = '\u001b[2K';
// What of the current line, written already, could still begin a `::` command: white space, then at most one ":".
const LINE_START_SO_FAR = /^[^\S\n]*:?$/;

/** Where a stream stands between writes: what decides whether the next text continues a command. */
export interface SafeState {
  /** The current line so far when it could still begin a `::` command (white space, maybe one ":"); else undefined. */
  readonly lineStart: string | undefined;
  /** The last two characters written, for a `##[` split between writes. */
  readonly lastTwo: string;
}

/** A stream's state before anything is written: at the start of a line. */
export const STREAM_START: SafeState = { lineStart: '', lastTwo: '' };

/**
 * The text with every unsafe character escaped (Style's colour kept when `colour`) and every workflow command broken,
 * written at the start of a stream.
 */
export function terminalSafe(text: string, colour: boolean): string {
  return safeText(text, colour, STREAM_START).text;
}

/**
 * `terminalSafe` for text that follows what `state` describes, with the state after it. A command that begins in
 * text written before and ends in this one is broken by escaping its first character in this text. `progress`: keep
 * the carriage return and erase-line sequence a progress line on a terminal is rewritten with (stderr only).
 */
export function safeText(text: string, colour: boolean, state: SafeState, progress = false): { text: string; state: SafeState } {
  let safe = text;
  if (UNSAFE.test(safe)) {
    safe = safe.replace(UNSAFE_ALL, (char, offset: number) => {
      if (colour && char === '\u001b' && STYLE_SEQUENCE.test(safe.slice(offset, offset + 5))) return char;
      if (progress && (char === '\r' || (char === '\u001b' && safe.startsWith(ERASE_LINE, offset)))) return char;
      return escaped(char);
    });
  }
  const breaks: number[] = [];
  // Each pattern is matched on the text with what it needs of the text before (a line start that is not one: "x").
  const before = state.lineStart ?? 'x';
  if (safe.includes(':')) breaks.push(...commandStarts(V2_COMMAND, before, safe, 2));
  if (safe.includes('#') || safe.includes('[')) breaks.push(...commandStarts(V1_COMMAND, state.lastTwo, safe, 3));
  for (const at of [...new Set(breaks)].sort((a, b) => b - a)) safe = `${safe.slice(0, at)}${escaped(safe[at])}${safe.slice(at + 1)}`;
  return { text: safe, state: stateAfter(safe, state) };
}

/**
 * Where in `text` to break each command the pattern finds in `before + text`: its first character that is in `text`
 * (the ones before it are written already). `length`: how many characters of the match make the command's prefix.
 */
function commandStarts(pattern: RegExp, before: string, text: string, length: number): number[] {
  const combined = before + text;
  const starts: number[] = [];
  for (const match of combined.matchAll(pattern)) {
    const prefixAt = match.index! + match[0].length - length;
    starts.push(Math.max(prefixAt, before.length) - before.length);
  }
  return starts;
}

function stateAfter(written: string, state: SafeState): SafeState {
  const newline = written.lastIndexOf('\n');
  const line = newline >= 0 ? written.slice(newline + 1) : state.lineStart === undefined ? undefined : state.lineStart + written;
  return {
    lineStart: line !== undefined && LINE_START_SO_FAR.test(line) ? line : undefined,
    lastTwo: (state.lastTwo + written).slice(-2),
  };
}

/** A character as JSON writes it escaped: readable in text, and still the same value inside a JSON string. */
function escaped(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A stream that writes what it is given through `terminalSafe`, keeping track of where lines begin across writes.
 * Colour passes when the stream gets it (`useColour`): on a pipe or a CI log every escape sequence is escaped.
 */
export function terminalSafeStream(stream: OutputStream, colour: boolean, progress = false): OutputStream {
  let state = STREAM_START;
  return {
    isTTY: stream.isTTY,
    write(text: string): unknown {
      const safe = safeText(text, colour, state, progress);
      state = safe.state;
      return stream.write(safe.text);
    },
  };
}
