/** Small helpers for finding messages. */

/** The text with its first letter upper-cased: `statement 0` starts a sentence as `Statement 0`. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A value in double quotes, JSON-escaped, as messages quote policy text. */
export function quote(text: string): string {
  // Most quoted text is printable ASCII without `"` or `\`, which JSON writes as it is: no call into the serializer
  // (an audit quotes a few values per finding, for tens of thousands of findings).
  return jsonWritesAsIs(text) ? `"${text}"` : JSON.stringify(text);
}

/**
 * Whether JSON writes the text as it is between its quotes: printable ASCII but `"` (0x22) and `\` (0x5c). Anything
 * else is left to JSON itself.
 */
export function jsonWritesAsIs(text: string): boolean {
  return WRITTEN_AS_IS.test(text);
}

const WRITTEN_AS_IS = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
