/**
 * Section 4: the command line, run from the compiled lib/ as users run it. Cold start of `--help` against
 * `node -e 0` (the floor any Node command pays), alternating, `audit` of a synthetic account export, and `check`
 * of generated workflow files against an export of roles.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateAuthorizationDetails } from '../generate/authorization-details';
import { writeCheckInputs } from '../generate/workflows';
import { timeCommand, timeCommandOutput } from '../lib/child';
import { BenchConfig, OUT_DIR, REPO_DIR } from '../lib/config';
import { medianRange, SectionReport, table, TargetResult, thousands } from '../lib/report';
import { median, pairedRatio, ratio, summarize } from '../lib/stats';

/** The compiled command (`npx projen compile`); BENCH_CLI points elsewhere, e.g. at bench/out/build/src/cli/main.js. */
export const CLI = process.env.BENCH_CLI ?? path.join('lib', 'cli', 'main.js');
const COLD_START_TARGET_MS = 100;
const AUDIT_TARGET_MS = 1000;
const CHECK_TARGET_MS = 1000;
const CHECK_WORKFLOWS = 200;
const CHECK_ROLES = 450;
const PRINT_CPU = 'const u=process.cpuUsage();process.stdout.write(String((u.user+u.system)/1000))';

export async function cliSection(config: BenchConfig): Promise<SectionReport> {
  const title = 'Command line';
  const coldTarget = `CLI cold start (\`--help\`) within ${COLD_START_TARGET_MS} ms of \`node -e 0\``;
  const auditTarget = `\`audit\` of ${thousands(config.auditRoles)} roles under 1 s`;
  if (!cliAvailable()) {
    const reason = `${CLI} is missing: run \`npx projen compile\` first (or set BENCH_CLI, see bench/README.md)`;
    return { title, body: [`Not measured: ${reason}.`], targets: [{ target: coldTarget, measured: reason }, { target: auditTarget, measured: reason }] };
  }
  const body: string[] = [
    `From \`${CLI}\`${CLI === path.join('lib', 'cli', 'main.js') ? ' (compiled, as the published package runs)' : ''}: wall time ` +
    'of the whole process including Node\'s own start, measured by the runner around a synchronous spawn.',
    '',
  ];
  const stale = staleness();
  if (stale) body.push(`> ${stale}`, '');

  // Cold start: one untimed run of each first, so both read their files from the page cache.
  const node = process.execPath;
  timeCommand(node, ['-e', '0']);
  timeCommand(node, [CLI, '--help']);
  const floor: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < config.coldStarts; i++) {
    floor.push(timeCommand(node, ['-e', '0']));
    help.push(timeCommand(node, [CLI, '--help']));
  }
  const floorSummary = summarize(floor);
  const helpSummary = summarize(help);
  const overhead = helpSummary.median - floorSummary.median;
  progress(`cold start: node -e 0 ${floorSummary.median.toFixed(0)} ms, --help ${helpSummary.median.toFixed(0)} ms`);

  // Package load, as a program that uses the package pays it: require the index, and read the export a synth uses
  // first, against aws-cdk-lib/aws-iam and its Role (aws-cdk-lib's index is lazy: the class read is what loads).
  // Each also prints the CPU time of its whole process (Node's start included): steadier than wall time on a machine
  // where one cold start of about 0.1 s is often longer than the difference being measured.
  const loadOurs = ['-e', `require('./lib').GitHubDeployRole;${PRINT_CPU}`];
  const loadIam = ['-e', `require('aws-cdk-lib/aws-iam').Role;${PRINT_CPU}`];
  timeCommand(node, loadOurs);
  timeCommand(node, loadIam);
  const ours: number[] = [];
  const iam: number[] = [];
  const oursCpu: number[] = [];
  const iamCpu: number[] = [];
  for (let i = 0; i < config.coldStarts; i++) {
    const a = timeCommandOutput(node, loadOurs);
    const b = timeCommandOutput(node, loadIam);
    ours.push(a.ms);
    oursCpu.push(Number(a.stdout));
    iam.push(b.ms);
    iamCpu.push(Number(b.stdout));
  }
  const oursSummary = summarize(ours);
  const iamSummary = summarize(iam);
  const loadRatio = ratio(oursSummary.median, iamSummary.median);
  const loadCpuRatio = ratio(median(oursCpu), median(iamCpu));
  const loadPaired = pairedRatio(ours, iam);
  progress(`load: ours ${oursSummary.median.toFixed(0)} ms, aws-iam ${iamSummary.median.toFixed(0)} ms`);

  const exportFile = writeAccountExport(config.auditRoles);
  const auditArgs = auditArguments(exportFile);
  timeCommand(node, auditArgs);
  const audit: number[] = [];
  for (let i = 0; i < config.auditRuns; i++) audit.push(timeCommand(node, auditArgs));
  const auditSummary = summarize(audit);
  progress(`audit: ${auditSummary.median.toFixed(0)} ms`);

  const inputs = writeCheckInputs(path.join(OUT_DIR, 'check'), CHECK_WORKFLOWS, CHECK_ROLES);
  const checkArgs = [CLI, 'check', '--workflows', path.relative(REPO_DIR, inputs.workflowsDir), '--roles',
    path.relative(REPO_DIR, inputs.rolesFile), '--repo', inputs.repository, '--format', 'json', '--fail-on', 'never'];
  timeCommand(node, checkArgs);
  const check: number[] = [];
  for (let i = 0; i < config.auditRuns; i++) check.push(timeCommand(node, checkArgs));
  const checkSummary = summarize(check);
  progress(`check: ${checkSummary.median.toFixed(0)} ms`);

  body.push(
    table(['Command', 'Wall ms', 'Runs'], [
      ['`node -e 0`', medianRange(floorSummary), String(floor.length)],
      ['`node -e "require(\'./lib\').GitHubDeployRole"` (package load)', medianRange(oursSummary), String(ours.length)],
      ['`node -e "require(\'aws-cdk-lib/aws-iam\').Role"`', medianRange(iamSummary), String(iam.length)],
      ['CPU time of those two whole processes (printed by each as it ends)', `${medianRange(summarize(oursCpu))} vs ${medianRange(summarize(iamCpu))}`, String(ours.length)],
      [`\`node ${CLI} --help\``, medianRange(helpSummary), String(help.length)],
      [`\`node ${auditArgs.join(' ')}\` (${(fs.statSync(exportFile).size / 2 ** 20).toFixed(1)} MiB)`, medianRange(auditSummary), String(audit.length)],
      [`\`check\` of ${CHECK_WORKFLOWS} workflow files (a matrix of 2 environments, 2 triggers each) x ${CHECK_ROLES} roles`, medianRange(checkSummary), String(check.length)],
    ]),
    '',
    `Cold start overhead of the CLI over bare Node: ${overhead.toFixed(0)} ms (difference of medians; ` +
    `${ratio(helpSummary.median, floorSummary.median).toFixed(2)}x). The export is generated by ` +
    'generate/authorization-details.ts: one account, a third service roles, the rest GitHub roles of every scoping, ' +
    '5% of documents URL-encoded.',
  );
  const targets: TargetResult[] = [
    { target: coldTarget, measured: `+${overhead.toFixed(0)} ms`, met: overhead <= COLD_START_TARGET_MS },
    {
      target: 'Package load (`require(\'./lib\').GitHubDeployRole`) <= 1.2x `require(\'aws-cdk-lib/aws-iam\').Role`',
      measured: `${loadRatio.toFixed(2)}x wall (paired ${loadPaired.toFixed(2)}x), ${loadCpuRatio.toFixed(2)}x CPU`,
      met: loadRatio <= 1.2,
    },
    { target: auditTarget, measured: `${auditSummary.median.toFixed(0)} ms`, met: auditSummary.median < AUDIT_TARGET_MS },
    { target: `\`check\` of ${CHECK_WORKFLOWS} workflow files x ${CHECK_ROLES} roles under 1 s`, measured: `${checkSummary.median.toFixed(0)} ms`, met: checkSummary.median < CHECK_TARGET_MS },
  ];
  return { title, body, targets };
}

/** Whether the command to time exists. */
export function cliAvailable(): boolean {
  return fs.existsSync(path.resolve(REPO_DIR, CLI));
}

/** Writes the synthetic account export (deterministic, a second or so) and returns its path. */
export function writeAccountExport(roles: number): string {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const exportFile = path.join(OUT_DIR, `authorization-details-${roles}.json`);
  fs.writeFileSync(exportFile, JSON.stringify(generateAuthorizationDetails(roles), null, 2));
  return exportFile;
}

/** `<cli> audit <export> --fail-on never`: findings are expected, so any exit code but 0 is a failure of the run. */
export function auditArguments(exportFile: string): string[] {
  return [CLI, 'audit', path.relative(REPO_DIR, exportFile), '--fail-on', 'never'];
}

/** A warning when lib/ was compiled before the last change to the sources the CLI runs. */
function staleness(): string | undefined {
  const compiled = fs.statSync(path.resolve(REPO_DIR, CLI)).mtimeMs;
  const newest = newestMtime(path.join(REPO_DIR, 'src'));
  if (newest.mtime <= compiled) return undefined;
  return `lib/ is older than src/ (${path.relative(REPO_DIR, newest.file)} changed after the last compile): these ` +
    'numbers are of the previous build; run `npx projen compile` for current ones.';
}

function newestMtime(dir: string): { file: string; mtime: number } {
  let newest = { file: dir, mtime: 0 };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestMtime(file) : { file, mtime: fs.statSync(file).mtimeMs };
    if (candidate.mtime > newest.mtime) newest = candidate;
  }
  return newest;
}

function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}
