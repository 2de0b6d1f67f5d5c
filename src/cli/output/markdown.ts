/**
 * Text made safe for a GitHub-flavoured Markdown table cell: no line breaks, `|` escaped, HTML and backticks
 * neutralized, so that a value from a policy or workflow (which anyone could write) cannot break the table or
 * inject markup into a step summary.
 */

/** One line of text for a table cell. */
export function markdownCell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/`/g, '\\`');
}
