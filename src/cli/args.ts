/**
 * A thin layer over `node:util` `parseArgs` that turns its errors into one-line messages naming the flag and what
 * the command accepts (no dependency: the CLI must start as fast as plain `node`).
 */
import { parseArgs } from 'node:util';
import { CliError } from './cli-error';

/** One flag of a command. */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  /** Placeholder shown in messages and help, e.g. `FILE`. */
  readonly value?: string;
  readonly short?: string;
  /** Allowed values of a string flag. */
  readonly choices?: readonly string[];
}

/** The flags of a command, by long name. */
export type FlagSpecs = { readonly [name: string]: FlagSpec };

/** Parsed flags and positionals of one command. */
export interface ParsedArgs {
  readonly flags: { readonly [name: string]: string | boolean | undefined };
  readonly positionals: string[];
}

/**
 * Parses `argv` (without the command name) against `specs`; throws CliError for an unknown flag, a flag without its
 * value, a value outside `choices`, or a positional argument where the command takes none.
 */
export function parseCommandArgs(command: string, argv: string[], specs: FlagSpecs, allowPositionals: boolean): ParsedArgs {
  const options: { [name: string]: { type: 'string' | 'boolean'; short?: string } } = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new CliError(describeParseError(command, argv, specs, err as NodeJS.ErrnoException));
  }
  const flags = parsed.values as { [name: string]: string | boolean | undefined };
  for (const [name, spec] of Object.entries(specs)) {
    const value = flags[name];
    if (typeof value === 'string' && spec.choices && !spec.choices.includes(value)) {
      throw new CliError(`${command}: --${name} ${JSON.stringify(value)} is not accepted: expected one of ${spec.choices.join(', ')}`);
    }
  }
  return { flags, positionals: parsed.positionals };
}

/** The value of a string flag, or undefined. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** Whether a boolean flag was given. */
export function booleanFlag(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true;
}

function describeParseError(command: string, argv: string[], specs: FlagSpecs, err: NodeJS.ErrnoException): string {
  const known = Object.entries(specs).map(([name, spec]) => (spec.value ? `--${name} ${spec.value}` : `--${name}`)).join(', ');
  // parseArgs quotes the offending token in its message, e.g. "Unknown option '--foo'".
  const token = /'(-[^']*)'/.exec(err.message)?.[1] ?? argv.find((arg) => arg.startsWith('-')) ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${command}: unknown option ${token}: expected one of ${known} (see \`github-deploy-roles help ${command}\`)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const name = token.replace(/^-+/, '').split(/[ =]/)[0];
      const spec = specs[name] ?? Object.entries(specs).find(([, s]) => s.short === name)?.[1];
      return spec?.type === 'boolean'
        ? `${command}: option --${name} takes no value`
        : `${command}: option ${token.split(' ')[0]} needs a value${spec?.value ? `: ${spec.value}` : ''}`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `${command}: unexpected argument ${JSON.stringify(/'([^']*)'/.exec(err.message)?.[1] ?? '')}: ${command} takes only options (${known})`;
    default:
      return `${command}: ${err.message.split('\n')[0]}`;
  }
}
