/**
 * `github-deploy-roles audit`: every role in the inputs that trusts a GitHub OIDC provider, with what it trusts and
 * the rule findings of its trust policy.
 */
import { booleanFlag, FlagSpecs, ParsedArgs, parseCommandArgs, stringFlag } from '../args';
import { CliError, ExitCode } from '../cli-error';
import { jsonChunks, roleJsonText } from './format-json';
import { formatMarkdown } from './format-markdown';
import { formatSarif } from './format-sarif';
import { roleText, textChunks, textEnd } from './format-text';
import { parseRepositoryList } from './inventory';
import { Audit, AuditedRole, FailOn, failsAt, Inventory } from './report';
import { readTextFile } from '../input/json-file';
import { expandInput, loadInput } from '../input/load';
import { Io, PieceWriter } from '../io';
import { SpilledTexts } from '../output/spilled-texts';
import { makeStyle, useColour } from '../output/style';

/** The flags of `audit`. */
export const AUDIT_FLAGS: FlagSpecs = {
  'format': { type: 'string', value: 'text|json|sarif|markdown', choices: ['text', 'json', 'sarif', 'markdown'] },
  'fail-on': { type: 'string', value: 'error|warning|never', choices: ['error', 'warning', 'never'] },
  'repositories': { type: 'string', value: 'FILE' },
  'show-policies': { type: 'boolean' },
  'help': { type: 'boolean', short: 'h' },
};

/** Runs `audit`; returns the exit code (0 clean, 1 findings at or above --fail-on, 2 bad input via CliError). */
export function runAudit(argv: string[], io: Io): number {
  const args = parseCommandArgs('audit', argv, AUDIT_FLAGS, true);
  if (args.positionals.length === 0) {
    throw new CliError('audit: missing input: expected one or more files (IAM exports, templates, trust policies) or cdk.out directories');
  }
  // Text is written role by role as the inputs are read; JSON keeps each role as its text until the summary, which
  // comes first, is known (in a temporary file past a few MiB). SARIF, Markdown and an inventory (which adds findings
  // to roles) need the roles kept.
  const out = new PieceWriter(io.stdout);
  const jsonRoles = new SpilledTexts();
  try {
    return auditInputs(args, io, out, jsonRoles);
  } finally {
    jsonRoles.dispose();
  }
}

function auditInputs(args: ParsedArgs, io: Io, out: PieceWriter, jsonRoles: SpilledTexts): number {
  const inventoryPath = stringFlag(args, 'repositories');
  const inventory: Inventory | undefined = inventoryPath === undefined ? undefined : (() => {
    const text = readTextFile(inventoryPath, 'a list of repositories, one owner/name a line');
    return { file: inventoryPath, text, repositories: parseRepositoryList(text, inventoryPath) };
  })();
  const showPolicies = booleanFlag(args, 'show-policies');
  const format = stringFlag(args, 'format') ?? 'text';
  const textOptions = { showPolicies, style: makeStyle(useColour(io.stdout, io.env)) };
  const onRole = inventory !== undefined ? undefined
    : format === 'text' ? (audited: AuditedRole) => out.write(roleText(audited, textOptions))
      : format === 'json' ? (audited: AuditedRole) => jsonRoles.push(roleJsonText(audited, showPolicies))
        : undefined;

  // One input at a time (an organization's exports, one per account): each is judged as it is read and dropped.
  const units = args.positionals.flatMap(expandInput);
  const audit = new Audit(showPolicies, onRole);
  // On a terminal, roles written as they are read are progress enough (and a progress line would land among them).
  const progress = io.stderr.isTTY === true && units.length > 1 && !(onRole && format === 'text' && io.stdout.isTTY === true);
  try {
    units.forEach((unit, index) => {
      audit.add(loadInput(unit).roles);
      if (progress) io.stderr.write(`\r\u001b[2Kread ${index + 1}/${units.length} inputs, ${audit.rolesScanned.toLocaleString('en-US')} roles`);
    });
  } catch (err) {
    // An input that cannot be read ends the audit: the roles judged before it are shown, then the error.
    out.end();
    throw err;
  }
  if (progress) io.stderr.write('\r\u001b[2K');
  const report = audit.report(args.positionals, inventory);
  const jsonOptions = { showPolicies, inventoryFile: inventoryPath };
  const rest = format === 'json' ? jsonChunks(report, jsonOptions, onRole ? jsonRoles : undefined)
    : format === 'sarif' ? [formatSarif(report)]
      : format === 'markdown' ? [formatMarkdown(report)]
        : onRole ? [textEnd(report, textOptions)] : textChunks(report, textOptions);
  for (const piece of rest) out.write(piece);
  out.end();
  return failsAt(report.counts, (stringFlag(args, 'fail-on') ?? 'error') as FailOn) ? ExitCode.FINDINGS : ExitCode.OK;
}
