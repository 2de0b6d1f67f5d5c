/**
 * `github-deploy-roles audit`: every role in the inputs that trusts a GitHub OIDC provider, with what it trusts and
 * the rule findings of its trust policy.
 */
import { booleanFlag, FlagSpecs, parseCommandArgs, stringFlag } from '../args';
import { CliError, ExitCode } from '../cli-error';
import { jsonChunks } from './format-json';
import { formatMarkdown } from './format-markdown';
import { formatSarif } from './format-sarif';
import { textChunks } from './format-text';
import { parseRepositoryList } from './inventory';
import { Audit, FailOn, failsAt, Inventory } from './report';
import { readTextFile } from '../input/json-file';
import { expandInput, loadInput } from '../input/load';
import { Io, writeInPieces } from '../io';
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
  const inventoryPath = stringFlag(args, 'repositories');
  const inventory: Inventory | undefined = inventoryPath === undefined ? undefined : (() => {
    const text = readTextFile(inventoryPath, 'a list of repositories, one owner/name a line');
    return { file: inventoryPath, text, repositories: parseRepositoryList(text, inventoryPath) };
  })();

  const showPolicies = booleanFlag(args, 'show-policies');
  // One input at a time (an organization's exports, one per account): each is judged as it is read and dropped.
  const units = args.positionals.flatMap(expandInput);
  const audit = new Audit(showPolicies);
  const progress = io.stderr.isTTY === true && units.length > 1;
  units.forEach((unit, index) => {
    audit.add(loadInput(unit).roles);
    if (progress) io.stderr.write(`\r\u001b[2Kread ${index + 1}/${units.length} inputs, ${audit.rolesScanned.toLocaleString('en-US')} roles`);
  });
  if (progress) io.stderr.write('\r\u001b[2K');
  const report = audit.report(args.positionals, inventory);
  const format = stringFlag(args, 'format') ?? 'text';
  const chunks = format === 'json' ? jsonChunks(report, { showPolicies, inventoryFile: inventoryPath })
    : format === 'sarif' ? [formatSarif(report)]
      : format === 'markdown' ? [formatMarkdown(report)]
        : textChunks(report, { showPolicies, style: makeStyle(useColour(io.stdout, io.env)) });
  writeInPieces(io.stdout, chunks);
  return failsAt(report.counts, (stringFlag(args, 'fail-on') ?? 'error') as FailOn) ? ExitCode.FINDINGS : ExitCode.OK;
}
