/**
 * Transpiles src/ and bench/ to JavaScript under bench/out/build/ (esbuild, no type check, about a second), so that
 * the measurement processes run on plain `node` with no loader hook.
 *
 * Why not run them under tsx: aws-cdk-lib calls `require()` at run time, not only at load (its namespaces are lazy
 * getters that require on every access), and under tsx every such call goes through tsx's resolver. That added
 * 10-30% to a synth of 450 roles, more for some variants than others, which is the loader being measured and not
 * the code. BENCH_LOADER=tsx runs the children under tsx anyway, to see the difference.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BENCH_DIR, OUT_DIR, REPO_DIR } from './config';

export const BUILD_DIR = path.join(OUT_DIR, 'build');

/** Whether children run from the build (default) or under tsx. */
export function useTsx(): boolean {
  return process.env.BENCH_LOADER === 'tsx';
}

/** Transpiles every .ts file of src/ and bench/ (but bench/out/) into BUILD_DIR, keeping the layout. */
export async function buildForBenchmark(): Promise<void> {
  // esbuild comes with tsx; imported lazily so that only the runner needs it.
  // eslint-disable-next-line import/no-extraneous-dependencies
  const esbuild = await import('esbuild');
  const entryPoints = [...sources(path.join(REPO_DIR, 'src')), ...sources(BENCH_DIR)];
  fs.rmSync(BUILD_DIR, { recursive: true, force: true });
  esbuild.buildSync({
    entryPoints,
    outdir: BUILD_DIR,
    outbase: REPO_DIR,
    format: 'cjs',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'warning',
  });
}

function sources(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (file !== OUT_DIR) files.push(...sources(file));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      files.push(file);
    }
  }
  return files;
}
