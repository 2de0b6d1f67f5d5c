/**
 * ANSI colour for text output: only on a terminal and only when NO_COLOR is unset (https://no-color.org), so that
 * pipes, files and CI logs get plain text.
 */

/** Whether to colour text written to a stream. */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** Colour functions; identity functions when colour is off. */
export interface Style {
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const plain = (text: string) => text;
const ansi = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

/** A style that colours (or not). */
export function makeStyle(colour: boolean): Style {
  if (!colour) return { red: plain, yellow: plain, green: plain, cyan: plain, dim: plain, bold: plain };
  return { red: ansi(31, 39), yellow: ansi(33, 39), green: ansi(32, 39), cyan: ansi(36, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
}
