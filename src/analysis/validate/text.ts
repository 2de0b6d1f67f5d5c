/** Small helpers for finding messages. */

/** The text with its first letter upper-cased: `statement 0` starts a sentence as `Statement 0`. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A value in double quotes, JSON-escaped, as messages quote policy text. */
export function quote(text: string): string {
  // Most quoted text is printable ASCII without `"` or `\`, which JSON writes as it is: no call into the serializer
  // (an audit quotes a few values per finding, for tens of thousands of findings).
  return PRINTABLE_UNESCAPED.test(text) ? `"${text}"` : JSON.stringify(text);
}

// Printable ASCII but `"` (0x22) and `\` (0x5c).
const PRINTABLE_UNESCAPED = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
