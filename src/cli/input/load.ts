/**
 * Reads the inputs named on the command line (files or cdk.out directories), each once, into roles.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * The inputs one command-line path stands for: a file; a cdk.out directory (it has a manifest or templates); or a
 * directory of exports, one per account, whose `.json` files are read one by one.
 */
export function expandInput(path: string): string[] {
  let entries: string[];
  try {
    if (!statSync(path).isDirectory()) return [path];
    entries = readdirSync(path);
  } catch {
    return [path]; // loadInput names the problem
  }
  if (entries.includes('manifest.json') || entries.some((name) => name.endsWith('.template.json') || name.startsWith('assembly-'))) return [path];
  const files = entries.filter((name) => name.toLowerCase().endsWith('.json')).sort().map((name) => join(path, name));
  if (files.length === 0) {
    throw new CliError(`${path} is a directory without .json files: expected a cdk.out directory or a directory of IAM exports (one per account)`);
  }
  return files;
}

/** Reads an input file; a file holding a URL-encoded policy (as IAM returns it) is decoded first. */
export function readJsonInput(path: string): JsonFile {
  const raw = readTextFile(path, EXPECTED_ROLE_INPUT);
  const text = /^\s*%7B/i.test(raw) ? decodePolicyText(raw) : raw;
  return { path, text, value: parseJsonText(path, text, EXPECTED_ROLE_INPUT) };
}
