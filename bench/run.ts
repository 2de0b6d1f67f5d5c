/**
 * The benchmark runner: `npx projen bench` (or `npx tsx bench/run.ts`). Runs the sections chosen by the BENCH_*
 * environment variables (bench/README.md), prints the report and writes it to bench/RESULTS.md
 * (bench/out/RESULTS.quick.md in quick mode).
 */
import * as path from 'node:path';
import { buildForBenchmark, useTsx } from './lib/build';
import { loadConfig, REPO_DIR, Section } from './lib/config';
import { othersShareBySection, setSection } from './lib/interference';
import { machineInfo, sampleActivity } from './lib/machine';
import { renderReport, SectionReport, writeReport } from './lib/report';
import { analysisSection } from './sections/analysis';
import { appProcessSection } from './sections/app-process';
import { cliSection } from './sections/cli';
import { profileSection } from './sections/profile';
import { matrixSection, synthSection } from './sections/synth';

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const machine = machineInfo();
  progress('sampling machine activity (3 s)...');
  const before = await sampleActivity();
  if (!useTsx()) {
    progress('transpiling src/ and bench/ to bench/out/build (esbuild)...');
    await buildForBenchmark();
  }
  // Median synth times by `variant@n`, for the profile section to pick the slowest of ours.
  const medians: { [key: string]: number } = {};
  const runners: Record<Section, () => Promise<SectionReport>> = {
    synth: () => synthSection(config, medians),
    matrix: () => matrixSection(config, medians),
    process: () => appProcessSection(config),
    analysis: () => analysisSection(config),
    cli: () => cliSection(config),
    profile: () => profileSection(config, medians),
  };
  const sections: SectionReport[] = [];
  let failed = false;
  for (const section of config.sections) {
    progress(`section ${section}...`);
    setSection(section);
    try {
      sections.push(await runners[section]());
    } catch (err) {
      // One broken section (say, a construct that fails to synth) should not hide the others' numbers.
      failed = true;
      const message = err instanceof Error ? err.message : String(err);
      progress(`section ${section} FAILED: ${message}`);
      sections.push({ title: `${section}: FAILED`, body: ['```', message, '```'], targets: [] });
    }
  }
  const after = await sampleActivity();
  const envSettings = Object.entries(process.env).filter(([key]) => key.startsWith('BENCH_')).map(([k, v]) => `${k}=${v} `).join('');
  const markdown = renderReport({
    command: `${envSettings}npx projen bench`,
    date: new Date(started),
    durationMs: Date.now() - started,
    quick: config.quick,
    machine,
    before,
    after,
    interference: othersShareBySection(),
    settings: `sizes ${config.sizes.join(', ')}; ${config.synthRepetitions} synth repetitions (x3 up to 100 roles); matrix ` +
      `${config.matrixRepositories} repositories x 3, ${config.matrixRepetitions} runs; ${config.policies} policies, ` +
      `${config.analysisPasses} passes; ${config.coldStarts} cold starts; audit of ${config.auditRoles} roles, ` +
      `${config.auditRuns} runs; sections ${config.sections.join(', ')}; measurement processes run ` +
      `${useTsx() ? 'under tsx (BENCH_LOADER=tsx)' : 'on plain node from an esbuild transpile (bench/out/build)'}`,
    sections,
  });
  writeReport(config.resultsFile, markdown);
  process.stdout.write(`${markdown}\n`);
  progress(`written to ${path.relative(REPO_DIR, config.resultsFile)}`);
  if (failed) process.exitCode = 1;
}

function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
