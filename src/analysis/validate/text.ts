/** Small helpers for finding messages. */

/** The text with its first letter upper-cased: `statement 0` starts a sentence as `Statement 0`. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A value in double quotes, JSON-escaped, as messages quote policy text. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
