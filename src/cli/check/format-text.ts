/**
 * `check`'s text output: per workflow file, each job that assumes a role with its verdict, the subjects its runs
 * mint and the causes with their lines and fixes; then what the roles trust beyond the jobs.
 */
import { causeCounts } from './report-causes';
import { CheckCause, CheckReport, JobCheck } from '../../analysis/workflows/types';
import { printable } from '../output/printable';
import { Style } from '../output/style';

const MARK: { [verdict: string]: string } = { allowed: 'ALLOWED', partly: 'PARTLY', denied: 'DENIED', unknown: 'UNKNOWN' };

/** The report as text. */
export function formatCheckText(report: CheckReport, style: Style): string {
  const lines: string[] = [];
  const byFile = new Map<string, JobCheck[]>();
  for (const job of report.jobs) byFile.set(job.file, [...(byFile.get(job.file) ?? []), job]);
  if (report.jobs.length === 0) lines.push('No job of these workflows runs aws-actions/configure-aws-credentials with role-to-assume.');
  for (const [file, jobs] of byFile) {
    lines.push(style.bold(printable(file)));
    for (const job of jobs) {
      const verdict = job.verdict === 'allowed' ? style.green(MARK.allowed) : job.verdict === 'unknown' ? style.yellow(MARK.unknown) : style.red(MARK[job.verdict]);
      // The workflow's values as written, each on its line: a pull request may have written them.
      lines.push(`  ${verdict}  job ${printable(job.job)} (line ${job.line})${job.via ? ` via ${printable(job.via)}` : ''}`);
      lines.push(`    role-to-assume: ${printable(job.roleToAssume ?? '-')}${job.role ? `  ->  ${printable(job.role)}` : ''}`);
      if (job.subjects.length > 0) lines.push(`    sub: ${printable(job.subjects.join(', '))}`);
      lines.push(`    aud: ${printable(job.audience)}`);
      for (const cause of job.causes) lines.push(...causeLines(cause, style, '    '));
    }
    lines.push('');
  }
  const roleCauses = report.roles.flatMap((r) => r.causes);
  if (roleCauses.length > 0) {
    lines.push(style.bold('Roles'));
    for (const cause of roleCauses) lines.push(...causeLines(cause, style, '  '));
    lines.push('');
  }
  if (report.problems.length > 0) {
    lines.push(style.bold('Workflow files'));
    for (const cause of report.problems) lines.push(...causeLines(cause, style, '  '));
    lines.push('');
  }
  const counts = causeCounts(report);
  const verdicts = ['allowed', 'partly', 'denied', 'unknown'].map((v) => `${report.jobs.filter((j) => j.verdict === v).length} ${v}`).join(', ');
  lines.push(`${report.jobs.length} job${report.jobs.length === 1 ? '' : 's'} checked: ${verdicts}; ${counts.errors} errors, ${counts.warnings} warnings, ${counts.infos} notes`);
  return lines.join('\n') + '\n';
}

function causeLines(cause: CheckCause, style: Style, indent: string): string[] {
  const tag = cause.severity === 'error' ? style.red('error') : cause.severity === 'warning' ? style.yellow('warning') : style.dim('note');
  const out = [`${indent}${tag} ${cause.id} ${style.dim(printable(`${cause.file}:${cause.line}`))}`, `${indent}  ${printable(cause.message)}`];
  if (cause.fix) out.push(...cause.fix.split('\n').map((line, i) => `${indent}  ${i === 0 ? 'fix: ' : '     '}${line}`));
  return out;
}
