/**
 * Finds the CloudFormation templates of a cloud assembly (`cdk synth -o DIR`): every `*.template.json` in it, and in
 * the nested assemblies that CDK stages write as `assembly-<stage>/`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../cli-error';

// Stages nest assemblies; real apps stay shallow, and a bound keeps a symlink loop from running forever.
const MAX_DEPTH = 8;

/** Paths of the templates under a cdk.out directory, sorted; throws CliError when there are none. */
export function templatesOfAssembly(dir: string): string[] {
  const found: string[] = [];
  collect(dir, 0, found);
  if (found.length === 0) {
    throw new CliError(`${dir} is a directory without *.template.json files: expected a cdk.out directory (cdk synth -o ${dir})`);
  }
  return found;
}

function collect(dir: string, depth: number, found: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new CliError(`cannot read directory ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const names = entries.map((entry) => entry.name).sort();
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  for (const name of names) {
    const entry = byName.get(name)!;
    if (entry.isFile() && name.endsWith('.template.json')) found.push(join(dir, name));
    else if (entry.isDirectory() && name.startsWith('assembly-') && depth < MAX_DEPTH) collect(join(dir, name), depth + 1, found);
  }
}
