/**
 * The default audit output: one block per role that trusts GitHub, then a summary line.
 */
import { AuditedRole, AuditReport } from './report';
import { immutableRepositoryParts } from '../../model/repository';
import { roleLabel } from '../input/roles';
import { countsText, findingLines } from '../output/findings-text';
import { indentedPolicy } from '../output/policy-text';
import { printable } from '../output/printable';
import { Style } from '../output/style';

/** Options of the text output. */
export interface TextOptions {
  readonly showPolicies: boolean;
  readonly style: Style;
}

/** The report as text ending with a newline, in pieces, a role at a time, so that a large report is written as it is made. */
export function* textChunks(report: AuditReport, options: TextOptions): Generator<string> {
  for (const role of report.roles) yield roleText(role, options);
  yield textEnd(report, options);
}

/** One role's block, with the blank line after it: the audit of an organization writes it as the role is judged. */
export function roleText(audited: AuditedRole, options: TextOptions): string {
  const { role } = audited;
  const { style } = options;
  const label = fieldLabels(style);
  // One string built as it goes: an organization's report is tens of thousands of these.
  // Every value as its input wrote it, on one line (printable): names, ARNs and sub values hold what their authors typed.
  let text = style.bold(printable(roleLabel(role))) + (role.arn ? `  ${style.dim(printable(role.arn))}` : '');
  text += field(label.file, printable(role.line !== undefined ? `${role.file}:${role.line}` : role.file));
  if (role.roleName !== undefined && role.logicalId !== undefined) text += field(label.roleName, printable(role.roleName));
  text += field(label.issuer, printable(audited.issuers.join(', ')) || '-');
  text += field(label.repositories, printable(displayRepositories(audited.repositories)) || '-');
  text += field(label.subjects, printable(audited.subjects.join(', ')) || '-');
  if (options.showPolicies) text += `\n  ${label.trustPolicy}\n${indentedPolicy(role.policy, '    ')}`;
  if (audited.findings.length === 0) text += `\n  ${style.green('no findings')}`;
  else text += `\n${findingLines(audited.findings, '  ', style).join('\n')}`;
  return `${text}\n\n`;
}

/** A field's line, after a newline: its label, then its value, without white space at its end. */
function field(label: string, value: string): string {
  return `\n  ${label} ${value}`.trimEnd();
}

/** The fields' labels padded to one column and styled: made once per style. */
interface FieldLabels {
  readonly file: string;
  readonly roleName: string;
  readonly issuer: string;
  readonly repositories: string;
  readonly subjects: string;
  /** With no value after it: its padding trimmed. */
  readonly trustPolicy: string;
}

const LABELS = new WeakMap<Style, FieldLabels>();

function fieldLabels(style: Style): FieldLabels {
  let labels = LABELS.get(style);
  if (!labels) {
    const padded = (name: string) => style.dim(name.padEnd(13));
    labels = {
      file: padded('file'),
      roleName: padded('role name'),
      issuer: padded('issuer'),
      repositories: padded('repositories'),
      subjects: padded('subjects'),
      trustPolicy: style.dim('trust policy'.padEnd(13)).trimEnd(),
    };
    LABELS.set(style, labels);
  }
  return labels;
}

/** What follows the roles: the inventory's findings, the accounts, and the summary line. */
export function textEnd(report: AuditReport, options: TextOptions): string {
  const { style } = options;
  const out: string[] = [];
  if (report.inventoryFindings.length > 0) {
    out.push(style.bold(`Listed repositories with no role (${report.inventoryFindings[0].file})`));
    out.push(...findingLines(report.inventoryFindings, '  ', style), '');
  }
  if (report.accounts.length > 1) {
    out.push(style.bold(`Per account (${report.accounts.length})`));
    for (const account of report.accounts) {
      out.push(`  ${account.account.padEnd(14)} ${String(account.rolesScanned).padStart(6)} roles, ${String(account.githubRoles).padStart(5)} trust GitHub: ` +
        countsText(account.errors, account.warnings, account.infos));
    }
    out.push('');
  }
  const others = report.rolesScanned - report.githubRoles;
  const summary = `${report.rolesScanned} role${report.rolesScanned === 1 ? '' : 's'} scanned, ` +
    `${report.githubRoles} trust${report.githubRoles === 1 ? 's' : ''} GitHub` +
    `${others > 0 ? ` (${others} other${others === 1 ? '' : 's'} not listed)` : ''}: ` +
    countsText(report.counts.errors, report.counts.warnings, report.counts.infos);
  const colour = report.counts.errors > 0 ? style.red : report.counts.warnings > 0 ? style.yellow : style.green;
  out.push(colour(summary));
  return out.join('\n') + '\n';
}

/**
 * One entry per repository: `acme/web (owner ID 1, repository ID 2)` rather than the name, its immutable form and its
 * `repository_id` pin listed as three repositories.
 */
export function displayRepositories(repositories: string[]): string {
  const idsOf = new Map<string, { owner: string; repository: string }>();
  for (const entry of repositories) {
    const parts = immutableRepositoryParts(entry);
    if (parts) idsOf.set(parts.name, { owner: parts.ownerId, repository: parts.repositoryId });
  }
  const pinnedIds = new Set([...idsOf.values()].map((ids) => `repository_id:${ids.repository}`));
  const shown: string[] = [];
  for (const [name, ids] of idsOf) shown.push(`${name} (owner ID ${ids.owner}, repository ID ${ids.repository})`);
  for (const entry of repositories) {
    if (immutableRepositoryParts(entry) || pinnedIds.has(entry) || idsOf.has(entry)) continue;
    shown.push(entry);
  }
  return shown.join(', ');
}
