/**
 * Text from a user's file, made safe to print in a message: control characters (a terminal's escape sequences
 * among them), and characters that are not text at all, are written as `\xNN` / `\u{...}` escapes, and long text is
 * cut. Binary input must never reach a terminal raw.
 */

// C0 and C1 controls, DEL, and the replacement character that invalid UTF-8 decodes to.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]|[\n\r\t]/g;
// eslint-disable-next-line no-control-regex
const HAS_UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\ufffd]/;

/**
 * The text with every unprintable character escaped, cut to at most `max` characters (escapes counted). A value
 * shown this way stays on its line: a newline in it is written `\n`.
 */
export function printable(text: string, max = Number.POSITIVE_INFINITY): string {
  // Reports show hundreds of thousands of values, nearly all of them printable already.
  if (text.length <= max && !HAS_UNPRINTABLE.test(text)) return text;
  const escaped = text.replace(UNPRINTABLE, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    const code = char.codePointAt(0)!;
    return code === 0xfffd ? '\\u{fffd}' : `\\x${code.toString(16).padStart(2, '0')}`;
  });
  return escaped.length > max ? `${escaped.slice(0, Math.max(0, max - 3))}...` : escaped;
}

/**
 * Whether file content is binary rather than text: it holds a NUL byte, or is not valid UTF-8, or more than one in
 * ten of its first 4,096 characters are control characters.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return true;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  let unprintable = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === 0xfffd || (code < 0x20 && code !== 9 && code !== 10 && code !== 13) || code === 0x7f) unprintable++;
  }
  // A cut at 4,096 bytes may split the last character: one replacement character there is not evidence.
  return unprintable > 1 && unprintable * 10 > text.length;
}

/** The first bytes of content in hex, e.g. `1f 8b 08 00`, with what their signature suggests. */
export function describeBytes(bytes: Uint8Array): string {
  const hex = Array.from(bytes.subarray(0, 8), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
  const kind = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (gzip: decompress it first, e.g. gunzip -k FILE)'
    : bytes[0] === 0x50 && bytes[1] === 0x4b ? ' (a zip archive: extract it first)'
      : '';
  return `its first bytes are ${hex}${kind}`;
}
