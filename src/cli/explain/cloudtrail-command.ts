/**
 * `github-deploy-roles explain --cloudtrail FILE... --policy INPUT`: every denied AssumeRoleWithWebIdentity of the
 * records, grouped into bursts, explained against the roles of the input. Records of other events are skipped and
 * successes counted.
 */
import { explainBurst, ExplainedFailure } from './cloudtrail-diagnosis';
import { readAttempt, WebIdentityAttempt } from '../../analysis/cloudtrail/attempt';
import { failureBursts } from '../../analysis/cloudtrail/bursts';
import { GitHubIssuer } from '../../model/issuer';
import { ExitCode } from '../cli-error';
import { cloudTrailFiles, readCloudTrailFile } from '../input/cloudtrail-files';
import { loadInput } from '../input/load';
import { Io } from '../io';
import { printable } from '../output/printable';

/** What `--format json` prints. */
export interface CloudTrailReport {
  readonly failures: ExplainedFailure[];
  readonly successes: number;
  /** Records of AssumeRoleWithWebIdentity read (GitHub's and other providers'). */
  readonly records: number;
  /** Denied calls through providers that are not GitHub's (EKS, Cognito, ...), left out of `failures`. */
  readonly otherProviders: number;
  /** Records that lack what an explanation needs (no userIdentity), with where they are. */
  readonly unreadable: string[];
}

export async function runCloudTrailExplain(paths: readonly string[], policyPath: string, json: boolean, io: Io): Promise<number> {
  const roles = loadInput(policyPath).roles;
  const attempts: WebIdentityAttempt[] = [];
  let records = 0;
  let successes = 0;
  let otherProviders = 0;
  const unreadable: string[] = [];
  const files = cloudTrailFiles(paths);
  for (const [index, file] of files.entries()) {
    if (files.length > 20 && io.stderr.isTTY) io.stderr.write(`\rgithub-deploy-roles: reading ${index + 1}/${files.length} ${printable(file, 200)}`);
    let position = 0;
    await readCloudTrailFile(file, (record) => {
      position++;
      const attempt = readAttempt(record);
      if (!attempt) return;
      records++;
      if (attempt.succeeded) {
        successes++;
        return;
      }
      if (attempt.sub === undefined && attempt.principalId === undefined) {
        unreadable.push(`${file} record ${position}: no userIdentity, so its sub and aud are unknown`);
        return;
      }
      if (attempt.issuerHostAndPath !== undefined && !GitHubIssuer.tryFromUrl(`https://${attempt.issuerHostAndPath}`)) {
        otherProviders++;
        return;
      }
      attempts.push(attempt);
    });
  }
  if (files.length > 20 && io.stderr.isTTY) io.stderr.write('\n');
  const report: CloudTrailReport = {
    failures: failureBursts(attempts).map((burst) => explainBurst(burst, roles)),
    successes,
    records,
    otherProviders,
    unreadable,
  };
  io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
  return report.failures.length > 0 ? ExitCode.FINDINGS : ExitCode.OK;
}

function renderText(report: CloudTrailReport): string {
  const lines: string[] = [];
  lines.push(`${report.records} AssumeRoleWithWebIdentity record(s): ${report.successes} succeeded, ` +
    `${report.failures.reduce((sum, failure) => sum + failure.count, 0)} denied through GitHub in ${report.failures.length} burst(s)` +
    `${report.otherProviders > 0 ? `, ${report.otherProviders} denied through other providers (not explained)` : ''}.`);
  for (const failure of report.failures) {
    lines.push('');
    const when = failure.first === failure.last ? failure.first ?? 'time unknown' : `${failure.first} .. ${failure.last}`;
    lines.push(`DENIED x${failure.count}  ${when}${failure.runIds.length > 0 ? `  run ${failure.runIds.join(', ')}` : ''}`);
    lines.push(`  sub       ${printable(failure.sub ?? '(not recorded)')}`);
    lines.push(`  aud       ${printable(failure.aud ?? '(not recorded)')}`);
    lines.push(`  role      ${failure.role ?? failure.roleArn ?? '(unknown)'}${failure.guessed ? '  (a guess: the record names no role)' : ''}`);
    if (failure.guessed && failure.candidates.length > 1) {
      for (const candidate of failure.candidates.slice(0, 5)) lines.push(`            candidate ${candidate.role}: ${candidate.why}`);
    }
    lines.push(`  error     ${failure.errorCode ?? '(none)'}${failure.errorMessage ? `: ${printable(failure.errorMessage, 200)}` : ''}`);
    if (failure.failedConditions.length > 0) lines.push(`  failed    ${failure.failedConditions.join(', ')}`);
    if (failure.undecidedConditions.length > 0) {
      lines.push(`  undecided ${failure.undecidedConditions.join(', ')} (cannot be decided from CloudTrail: run explain with the token)`);
    }
    lines.push(`  cause     ${failure.cause.id}${failure.cause.seedCause !== undefined ? ` (cause ${failure.cause.seedCause})` : ''}: ${failure.cause.message}`);
    lines.push(`  fix       ${failure.fix}`);
  }
  for (const note of report.unreadable.slice(0, 10)) lines.push(`note: ${note}`);
  if (report.unreadable.length > 10) lines.push(`note: ... ${report.unreadable.length - 10} more records without userIdentity`);
  return `${lines.join('\n')}\n`;
}
