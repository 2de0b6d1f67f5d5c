/**
 * `audit --format markdown`: one table of the GitHub roles (what each trusts, its worst finding) and the findings
 * with their fixes, for `$GITHUB_STEP_SUMMARY`.
 */
import { AuditReport } from './report';
import { FindingSeverity } from '../../analysis/validate/finding';
import { roleLabel } from '../input/roles';
import { markdownCell } from '../output/markdown';

const ICON: { [severity: string]: string } = {
  [FindingSeverity.ERROR]: '❌ error',
  [FindingSeverity.WARNING]: '⚠️ warning',
  [FindingSeverity.INFO]: 'ℹ️ note',
};

/** The report as GitHub-flavoured Markdown. */
export function formatMarkdown(report: AuditReport): string {
  const out = ['## GitHub deploy roles: trust policy audit', ''];
  if (report.roles.length === 0) {
    out.push(`No role of the ${report.rolesScanned} scanned trusts a GitHub OIDC provider.`, '');
  } else {
    out.push('| Role | Repositories | Subjects | Findings |', '| --- | --- | --- | --- |');
    for (const audited of report.roles) {
      const severities = [FindingSeverity.ERROR, FindingSeverity.WARNING, FindingSeverity.INFO];
      const worst = severities.find((s) => audited.findings.some((f) => f.severity === s));
      const findings = worst === undefined ? '✅ none' : `${ICON[worst]}: ${audited.findings.map((f) => f.ruleId).join(', ')}`;
      out.push(`| ${markdownCell(roleLabel(audited.role))} | ${markdownCell(audited.repositories.join(', ') || '-')} | ${markdownCell(audited.subjects.join(', ') || '-')} | ${markdownCell(findings)} |`);
    }
    out.push('');
  }
  const serious = report.roles.flatMap((audited) => audited.findings.filter((f) => f.severity !== FindingSeverity.INFO).map((f) => ({ audited, f })));
  if (serious.length > 0) {
    out.push('<details><summary>Findings and fixes</summary>', '');
    for (const { audited, f } of serious) out.push(`- **${f.ruleId}** (${markdownCell(roleLabel(audited.role))}): ${markdownCell(f.message)} Fix: ${markdownCell(f.fix)}`);
    out.push('', '</details>', '');
  }
  if (report.accounts.length > 1) {
    out.push('| Account | Roles | GitHub roles | Errors | Warnings | Notes |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const a of report.accounts) out.push(`| ${a.account} | ${a.rolesScanned} | ${a.githubRoles} | ${a.errors} | ${a.warnings} | ${a.infos} |`);
    out.push('');
  }
  const { errors, warnings, infos } = report.counts;
  out.push(`${report.githubRoles} GitHub roles of ${report.rolesScanned} scanned: ${errors} errors, ${warnings} warnings, ${infos} notes.`);
  return out.join('\n') + '\n';
}
