/**
 * What a benchmark run measures and how often, from environment variables (see bench/README.md).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository: the nearest folder up holding .projenrc.ts (this file also runs transpiled, from bench/out/build). */
export const REPO_DIR = findRepository(__dirname);
export const BENCH_DIR = path.join(REPO_DIR, 'bench');
/** Generated inputs, CPU profiles and quick-mode results (gitignored). */
export const OUT_DIR = path.join(BENCH_DIR, 'out');

export const SECTIONS = ['synth', 'matrix', 'process', 'analysis', 'cli', 'profile'] as const;
export type Section = typeof SECTIONS[number];

export interface BenchConfig {
  readonly quick: boolean;
  readonly sections: readonly Section[];
  /** Roles per stack in section 1. */
  readonly sizes: readonly number[];
  /** Repetitions of each synth cell (each a fresh process). */
  readonly synthRepetitions: number;
  /** Repositories of the GitHubDeployRoles matrix (times 3 environments). */
  readonly matrixRepositories: number;
  readonly matrixRepetitions: number;
  /** Policies per analysis pass, and timed passes after the warm-up. */
  readonly policies: number;
  readonly analysisPasses: number;
  /** Cold starts of each command, and audit runs. */
  readonly coldStarts: number;
  readonly auditRoles: number;
  readonly auditRuns: number;
  /** Where the report goes. */
  readonly resultsFile: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  const sections = env.BENCH_SECTIONS ? list(env.BENCH_SECTIONS, 'BENCH_SECTIONS').map(asSection) : [...SECTIONS];
  return {
    quick,
    sections,
    sizes: env.BENCH_SIZES ? list(env.BENCH_SIZES, 'BENCH_SIZES').map((s) => positive('BENCH_SIZES', s)) : quick ? [10, 100] : [10, 100, 450],
    synthRepetitions: count(env, 'BENCH_REPS', quick ? 2 : 7),
    matrixRepositories: count(env, 'BENCH_MATRIX_REPOS', quick ? 30 : 150),
    matrixRepetitions: count(env, 'BENCH_MATRIX_REPS', quick ? 1 : 5),
    policies: count(env, 'BENCH_POLICIES', 10_000),
    analysisPasses: count(env, 'BENCH_PASSES', quick ? 3 : 15),
    coldStarts: count(env, 'BENCH_COLD_STARTS', quick ? 5 : 21),
    auditRoles: count(env, 'BENCH_AUDIT_ROLES', 10_000),
    auditRuns: count(env, 'BENCH_AUDIT_RUNS', quick ? 2 : 7),
    // Quick numbers must not overwrite the committed full results.
    resultsFile: env.BENCH_RESULTS ?? (quick ? path.join(OUT_DIR, 'RESULTS.quick.md') : path.join(BENCH_DIR, 'RESULTS.md')),
  };
}

function findRepository(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.projenrc.ts')) && fs.existsSync(path.join(dir, 'bench'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository (a folder with .projenrc.ts) above ${from}`);
  }
}

function list(value: string, name: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (items.length === 0) throw new Error(`${name}: expected a comma-separated list, got ${JSON.stringify(value)}`);
  return items;
}

function asSection(value: string): Section {
  if (!(SECTIONS as readonly string[]).includes(value)) {
    throw new Error(`BENCH_SECTIONS: unknown section ${JSON.stringify(value)}; expected some of ${SECTIONS.join(', ')}`);
  }
  return value as Section;
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  return value === undefined || value === '' ? fallback : positive(name, value);
}

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name}: expected a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}
