/**
 * The default audit output: one block per role that trusts GitHub, then a summary line.
 */
import { AuditedRole, AuditReport } from './report';
import { roleLabel } from '../input/roles';
import { countsText, findingLines } from '../output/findings-text';
import { indentedPolicy } from '../output/policy-text';
import { Style } from '../output/style';

/** Options of the text output. */
export interface TextOptions {
  readonly showPolicies: boolean;
  readonly style: Style;
}

/** The report as text, ending with a newline. */
export function formatText(report: AuditReport, options: TextOptions): string {
  const { style } = options;
  const out: string[] = [];
  for (const role of report.roles) out.push(...roleBlock(role, options), '');
  if (report.inventoryFindings.length > 0) {
    out.push(style.bold(`Listed repositories with no role (${report.inventoryFindings[0].file})`));
    out.push(...findingLines(report.inventoryFindings, '  ', style), '');
  }
  const others = report.rolesScanned - report.roles.length;
  const summary = `${report.rolesScanned} role${report.rolesScanned === 1 ? '' : 's'} scanned, ` +
    `${report.roles.length} trust${report.roles.length === 1 ? 's' : ''} GitHub` +
    `${others > 0 ? ` (${others} other${others === 1 ? '' : 's'} not listed)` : ''}: ` +
    countsText(report.counts.errors, report.counts.warnings, report.counts.infos);
  const colour = report.counts.errors > 0 ? style.red : report.counts.warnings > 0 ? style.yellow : style.green;
  out.push(colour(summary));
  return out.join('\n') + '\n';
}

function roleBlock(audited: AuditedRole, { showPolicies, style }: TextOptions): string[] {
  const { role } = audited;
  const lines = [style.bold(roleLabel(role)) + (role.arn ? `  ${style.dim(role.arn)}` : '')];
  const field = (name: string, value: string) => lines.push(`  ${style.dim(name.padEnd(13))} ${value}`.trimEnd());
  field('file', role.line !== undefined ? `${role.file}:${role.line}` : role.file);
  if (role.roleName !== undefined && role.logicalId !== undefined) field('role name', role.roleName);
  field('issuer', audited.issuers.join(', ') || '-');
  field('repositories', audited.repositories.join(', ') || '-');
  field('subjects', audited.subjects.join(', ') || '-');
  if (showPolicies) {
    field('trust policy', '');
    lines.push(indentedPolicy(role.policy, '    '));
  }
  if (audited.findings.length === 0) lines.push(`  ${style.green('no findings')}`);
  else lines.push(...findingLines(audited.findings, '  ', style));
  return lines;
}
