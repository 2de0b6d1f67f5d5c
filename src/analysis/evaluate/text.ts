/**
 * How values and names are written into explanations, problems and the summary: every sentence stays on one line
 * and says exactly which value it means, whatever characters a policy or token holds.
 */

const QUOTE_LIMIT = 200;
const PLAIN_NAME = /^[\w.:/@*?${}-]{1,200}$/;

/** A value in double quotes (JSON escapes), shortened when very long. */
export function quote(value: string): string {
  return JSON.stringify(value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT - 3)}...` : value);
}

/** A name as written when it is plain (`sub`, `ForAllValues:StringLike`, `aws:SourceIp`), else quoted. */
export function label(name: string): string {
  return PLAIN_NAME.test(name) ? name : quote(name);
}

/** Values as a comma-separated list of quoted values. */
export function list(values: readonly string[]): string {
  return values.length === 0 ? 'no value' : values.map(quote).join(', ');
}
