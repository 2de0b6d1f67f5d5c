/**
 * An error the user can fix: bad input, an unknown flag, a missing file. The command prints its message as one line
 * on stderr and exits with code 2, without a stack trace.
 */
export class CliError extends Error {
  /** The process exit code for input errors. */
  public static readonly EXIT_CODE = 2;

  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes, the same for both commands. */
export const ExitCode = {
  /** explain: the run may assume the role; audit: no finding at or above `--fail-on`. */
  OK: 0,
  /** explain: the run may not assume the role; audit: findings at or above `--fail-on`. */
  FINDINGS: 1,
  /** Bad input: the command could not run. */
  BAD_INPUT: CliError.EXIT_CODE,
} as const;
