#!/usr/bin/env node
/**
 * The `github-deploy-roles` (alias `cdk-github-deploy-roles`) command line: `explain`, `audit` and `check`.
 *
 * Loads nothing of aws-cdk-lib, and each command's modules only when that command runs, so that it starts about as
 * fast as plain `node`.
 */
import type * as AuditCommand from './audit/command';
import type * as CheckCommand from './check/command';
import { CliError, ExitCode } from './cli-error';
import type * as ExplainCommand from './explain/command';
import type * as HelpTexts from './help';
import { Io, processIo } from './io';
import { printable } from './output/printable';
import { useColour } from './output/style';
import { terminalSafeStream } from './output/terminal-safe';
import type * as Version from './version';

const COMMANDS = ['explain', 'audit', 'check'];

/** Runs the command line; returns the exit code. Never throws. */
export async function main(argv: string[], given: Io = processIo()): Promise<number> {
  // Reports and messages quote what their inputs hold: escape sequences and workflow commands among it must not act
  // (the runner reads commands on stderr too). On a terminal, stderr keeps what its progress lines are rewritten with.
  const io: Io = {
    ...given,
    stdout: terminalSafeStream(given.stdout, useColour(given.stdout, given.env)),
    stderr: terminalSafeStream(given.stderr, useColour(given.stderr, given.env), given.stderr.isTTY === true),
  };
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof CliError) {
      // Messages quote the user's input: never let its control characters reach the terminal raw.
      io.stderr.write(`github-deploy-roles: ${printable(err.message)}\n`);
      return ExitCode.BAD_INPUT;
    }
    // A bug, not bad input: still one line, with the stack only on request.
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`github-deploy-roles: internal error: ${printable(message)}` +
      (io.env.GITHUB_DEPLOY_ROLES_DEBUG ? `\n${(err as Error).stack}` : ' (set GITHUB_DEPLOY_ROLES_DEBUG=1 for details)') + '\n');
    return ExitCode.BAD_INPUT;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    // No command is a usage error: the usage goes to stderr, so that nothing looks like a result.
    io.stderr.write(load<typeof HelpTexts>('./help').MAIN_HELP);
    return ExitCode.BAD_INPUT;
  }
  if (command === '--help' || command === '-h') {
    io.stdout.write(load<typeof HelpTexts>('./help').MAIN_HELP);
    return ExitCode.OK;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${load<typeof Version>('./version').toolVersion()}\n`);
    return ExitCode.OK;
  }
  if (command === 'help') return help(rest[0], io);
  if (rest.includes('--help') || rest.includes('-h')) return help(command, io);
  switch (command) {
    case 'explain':
      return load<typeof ExplainCommand>('./explain/command').runExplain(rest, io);
    case 'audit':
      return load<typeof AuditCommand>('./audit/command').runAudit(rest, io);
    case 'check':
      return load<typeof CheckCommand>('./check/command').runCheck(rest, io);
    default:
      throw new CliError(`unknown command ${JSON.stringify(command)}: expected ${COMMANDS.join(', ')} (see github-deploy-roles --help)`);
  }
}

function help(topic: string | undefined, io: Io): number {
  const texts = load<typeof HelpTexts>('./help');
  if (topic === undefined) io.stdout.write(texts.MAIN_HELP);
  else if (topic === 'explain') io.stdout.write(texts.EXPLAIN_HELP);
  else if (topic === 'audit') io.stdout.write(texts.AUDIT_HELP);
  else if (topic === 'check') io.stdout.write(texts.CHECK_HELP);
  else throw new CliError(`help: unknown command ${JSON.stringify(topic)}: expected ${COMMANDS.join(', ')}`);
  return ExitCode.OK;
}

/**
 * Loads a module when it is first needed: a command's modules (and the analysis code they import) are only read
 * when that command runs. `import()` would do the same, but under CommonJS it goes through the ESM loader.
 */
function load<T>(path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as T;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    // exitCode rather than exit(): lets a large report drain to a pipe before the process ends.
    process.exitCode = code;
  });
}
