/**
 * `github-deploy-roles audit`: every role in the inputs that trusts a GitHub OIDC provider, with what it trusts and
 * the rule findings of its trust policy.
 */
import { booleanFlag, FlagSpecs, parseCommandArgs, stringFlag } from '../args';
import { CliError, ExitCode } from '../cli-error';
import { formatJson } from './format-json';
import { formatMarkdown } from './format-markdown';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import { parseRepositoryList } from './inventory';
import { auditRoles, FailOn, failsAt, Inventory } from './report';
import { readTextFile } from '../input/json-file';
import { loadInput } from '../input/load';
import { RoleInput } from '../input/roles';
import { Io } from '../io';
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

  const roles: RoleInput[] = [];
  for (const path of args.positionals) {
    // push one by one: spreading a 10,000-role array into push() can exceed the call stack's argument limit.
    for (const role of loadInput(path).roles) roles.push(role);
  }
  const report = auditRoles(args.positionals, roles, inventory);
  const showPolicies = booleanFlag(args, 'show-policies');
  const format = stringFlag(args, 'format') ?? 'text';
  const output = format === 'json' ? formatJson(report, { showPolicies, inventoryFile: inventoryPath })
    : format === 'sarif' ? formatSarif(report)
      : format === 'markdown' ? formatMarkdown(report)
        : formatText(report, { showPolicies, style: makeStyle(useColour(io.stdout, io.env)) });
  io.stdout.write(output);
  return failsAt(report.counts, (stringFlag(args, 'fail-on') ?? 'error') as FailOn) ? ExitCode.FINDINGS : ExitCode.OK;
}
