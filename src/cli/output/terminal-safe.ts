/**
 * What the commands write to stdout, made safe for a terminal and for a CI log, whatever the inputs held. Reports
 * quote trust policies, token claims and workflow files, which anyone who can open a pull request may have written:
 *
 * - a terminal runs the escape sequences in text (clear the screen, set the window title, write a link, move the
 *   cursor back over a verdict with a carriage return), and bidirectional overrides reorder what it shows;
 * - GitHub Actions runs a line of a step's output that begins with `::` (after blanks) as a workflow command
 *   (`::error ...::`, `::add-mask::`, `::stop-commands::`) and treats `##[` lines as its own markup, so a value
 *   holding a newline then `::error::` would forge an annotation in the job that runs `check`.
 *
 * So every control character but the newline and the tab is written as an escape (`\u001b`), as are the
 * bidirectional controls (`\u202e`), and a line that would begin a workflow command gets its first character escaped
 * (`\u003a:error::`). The escapes are JSON's: in the JSON and SARIF reports, where such a character can only stand
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
// A line that GitHub Actions reads as a command or as its markup: `::name ...::` or `##[name]`, after blanks.
const COMMAND_LINE = /(^|\n)([ \t]*)(::|##\[)/g;

/**
 * The text with every unsafe character escaped (Style's colour kept when `colour`), and workflow-command lines
 * broken. `atLineStart`: whether the text begins a line (the previous write ended with a newline, or nothing was
 * written yet).
 */
export function terminalSafe(text: string, colour: boolean, atLineStart = true): string {
  let safe = text;
  if (UNSAFE.test(safe)) {
    safe = safe.replace(UNSAFE_ALL, (char, offset: number) => {
      if (colour && char === '\u001b' && STYLE_SEQUENCE.test(safe.slice(offset, offset + 5))) return char;
      return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
  }
  if (safe.includes('::') || safe.includes('##[')) {
    safe = safe.replace(COMMAND_LINE, (line, newline: string, blanks: string, command: string, offset: number) => {
      if (offset === 0 && newline === '' && !atLineStart) return line;
      return `${newline}${blanks}\\u${command.charCodeAt(0).toString(16).padStart(4, '0')}${command.slice(1)}`;
    });
  }
  return safe;
}

/**
 * A stream that writes what it is given through `terminalSafe`, keeping track of where lines begin across writes.
 * Colour passes when the stream gets it (`useColour`): on a pipe or a CI log every escape sequence is escaped.
 */
export function terminalSafeStream(stream: OutputStream, colour: boolean): OutputStream {
  let atLineStart = true;
  return {
    isTTY: stream.isTTY,
    write(text: string): unknown {
      if (text.length === 0) return stream.write(text);
      const safe = terminalSafe(text, colour, atLineStart);
      atLineStart = text.endsWith('\n');
      return stream.write(safe);
    },
  };
}
