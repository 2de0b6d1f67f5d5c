/**
 * Text made safe for a GitHub-flavoured Markdown table cell: no line breaks, `|` escaped, HTML neutralized, and the
 * punctuation that starts inline markup (code, links, images, emphasis, strikethrough) escaped, so that a value from a
 * policy or workflow (which anyone could write) cannot break the table or inject markup into a step summary: no
 * `![ALLOWED](https://...)` image, no `[link](...)` dressed as a verdict. A backslash escape shows the character
 * itself, so the value reads as written.
 */

/** One line of text for a table cell. */
export function markdownCell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`|[\]!*_~]/g, '\\$&').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
