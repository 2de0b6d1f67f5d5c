/**
 * Findings as readable text, shared by `audit` and `explain`: severity, rule ID and message on one line, the fix
 * under it.
 */
import { printable } from './printable';
import { Style } from './style';
import { FindingSeverity, TrustPolicyFinding } from '../../analysis/validate/finding';

/** Lines for a list of findings, each prefixed with `indent`. */
export function findingLines(findings: readonly TrustPolicyFinding[], indent: string, style: Style): string[] {
  const lines: string[] = [];
  for (const finding of findings) {
    const severity = finding.severity.padEnd(7);
    const coloured = finding.severity === FindingSeverity.ERROR ? style.red(severity)
      : finding.severity === FindingSeverity.WARNING ? style.yellow(severity) : style.cyan(severity);
    // Most messages name their statement already; say which one when they do not.
    const where = finding.statementIndex !== undefined && !namesStatement(finding.message, finding.statementIndex)
      ? `statement ${finding.statementIndex}: ` : '';
    // A message quotes the policy's values: each stays on its line, whatever the values hold.
    lines.push(`${indent}${coloured}  ${style.bold(finding.ruleId)}  ${where}${printable(finding.message)}`);
    lines.push(`${indent}${' '.repeat(9)}${style.dim('fix:')} ${printable(finding.fix)}`);
  }
  return lines;
}

/** Whether a message says `statement N` (any case, not `statement N0`). Plain string search: audits print thousands. */
function namesStatement(message: string, index: number): boolean {
  const lower = message.toLowerCase();
  const needle = `statement ${index}`;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
    const next = lower.charCodeAt(at + needle.length);
    if (!(next >= 48 && next <= 57)) return true;
  }
  return false;
}

/** `2 errors, 1 warning, 0 infos`. */
export function countsText(errors: number, warnings: number, infos: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}`;
}
