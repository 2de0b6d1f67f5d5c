/**
 * `check --format markdown`: a table per workflow file, for `$GITHUB_STEP_SUMMARY` (the first place a GitHub Actions
 * user looks), then the causes with their fixes.
 */
import { allCauses, causeCounts } from './report-causes';
import { CheckReport, JobCheck } from '../../analysis/workflows/types';
import { markdownCell } from '../output/markdown';

const ICON: { [verdict: string]: string } = { allowed: '✅ allowed', partly: '⚠️ partly', denied: '❌ denied', unknown: '❔ unknown' };

/** The report as GitHub-flavoured Markdown. */
export function formatCheckMarkdown(report: CheckReport): string {
  const out: string[] = ['## GitHub deploy roles: workflow check', ''];
  const byFile = new Map<string, JobCheck[]>();
  for (const job of report.jobs) byFile.set(job.workflow, [...(byFile.get(job.workflow) ?? []), job]);
  if (report.jobs.length === 0) out.push('No job runs aws-actions/configure-aws-credentials with role-to-assume.', '');
  for (const [workflow, jobs] of byFile) {
    out.push(`### \`${workflow}\``, '', '| Job | Role | Verdict | sub | Causes |', '| --- | --- | --- | --- | --- |');
    for (const job of jobs) {
      const causes = job.causes.filter((c) => c.severity !== 'info').map((c) => `${c.id} (line ${c.line})`).join(', ') || '-';
      out.push(`| ${markdownCell(job.job)} (line ${job.line}) | ${markdownCell(job.role ?? job.roleToAssume ?? '-')} | ${ICON[job.verdict]} | ${markdownCell(job.subjects.slice(0, 4).join(', ') + (job.subjects.length > 4 ? ', ...' : ''))} | ${markdownCell(causes)} |`);
    }
    out.push('');
  }
  const serious = allCauses(report).filter((c) => c.severity !== 'info');
  if (serious.length > 0) {
    out.push('<details><summary>Causes and fixes</summary>', '');
    for (const cause of serious) {
      out.push(`- **${cause.id}** ${markdownCell(`${cause.file}:${cause.line}`)}: ${markdownCell(cause.message)}`);
      if (cause.fix) {
        // A fence longer than any run of backticks in the fix (which quotes workflow values): the fix cannot close it.
        const fence = '`'.repeat(Math.max(3, ...(cause.fix.match(/`+/g) ?? []).map((run) => run.length + 1)));
        out.push('', `  ${fence}yaml`, ...cause.fix.split('\n').map((line) => `  ${line}`), `  ${fence}`, '');
      }
    }
    out.push('</details>', '');
  }
  const counts = causeCounts(report);
  out.push(`${report.jobs.length} jobs checked: ${counts.errors} errors, ${counts.warnings} warnings, ${counts.infos} notes.`);
  return out.join('\n') + '\n';
}
