/**
 * Reads the inputs named on the command line (files or cdk.out directories), each once, into roles.
 */
import { statSync } from 'node:fs';
import { decodePolicyText } from '../../analysis/policy/document';
import { CliError } from '../cli-error';
import { templatesOfAssembly } from './cdk-out';
import { JsonFile, parseJsonText, readTextFile } from './json-file';
import { RoleInput, rolesOfFile } from './roles';
import { EXPECTED_ROLE_INPUT } from './shapes';

/** The roles of one input path and the files read for it. */
export interface LoadedInput {
  readonly path: string;
  readonly files: string[];
  readonly roles: RoleInput[];
}

/** Reads one input path: a JSON file of any accepted shape, or a cdk.out directory. */
export function loadInput(path: string): LoadedInput {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file or directory' : code ?? (err as Error).message}; expected ${EXPECTED_ROLE_INPUT}`);
  }
  if (isDirectory) {
    const files = templatesOfAssembly(path);
    const roles = files.flatMap((file) => rolesOfFile(readJsonInput(file), false));
    return { path, files, roles };
  }
  return { path, files: [path], roles: rolesOfFile(readJsonInput(path)) };
}

/** Reads an input file; a file holding a URL-encoded policy (as IAM returns it) is decoded first. */
export function readJsonInput(path: string): JsonFile {
  const raw = readTextFile(path, EXPECTED_ROLE_INPUT);
  const text = /^\s*%7B/i.test(raw) ? decodePolicyText(raw) : raw;
  return { path, text, value: parseJsonText(path, text, EXPECTED_ROLE_INPUT) };
}
