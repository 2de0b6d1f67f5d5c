/**
 * The workflow files `check --workflows` names: files, or directories whose `.yml`/`.yaml` files are read (not
 * their subdirectories: GitHub runs no workflow from one). Each is read into the model; a file that cannot be read
 * at all is a CliError (exit 2), a file that is not a workflow is a problem in the report.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Workflow } from '../../analysis/workflows/model';
import { readWorkflow, repositoryPath } from '../../analysis/workflows/read-workflow';
import { CliError } from '../cli-error';
import { readTextFile } from '../input/json-file';

const WORKFLOW_FILE = /\.ya?ml$/i;

/** Reads every workflow file under the given paths, each once, in a stable order. */
export function readWorkflowFiles(paths: readonly string[]): Workflow[] {
  const files: string[] = [];
  for (let path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CliError(`--workflows ${path}: ${code === 'ENOENT' ? 'no such file or directory' : code ?? (err as Error).message}; expected workflow files or a directory of them (.github/workflows)`);
    }
    if (isDirectory) {
      // A repository's root: its workflows are under .github/workflows.
      const nested = join(path, '.github', 'workflows');
      if (!readdirSync(path).some((name) => WORKFLOW_FILE.test(name)) && isDirectoryPath(nested)) path = nested;
      const found = readdirSync(path).filter((name) => WORKFLOW_FILE.test(name)).sort().map((name) => join(path, name))
        .filter((file) => statSync(file).isFile());
      if (found.length === 0) throw new CliError(`--workflows ${path}: no .yml or .yaml file in the directory`);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return [...new Set(files)].map((file) => readWorkflow(file, repositoryPath(file), readTextFile(file, 'a GitHub Actions workflow file (YAML)')));
}

function isDirectoryPath(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
