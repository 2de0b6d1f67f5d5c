/**
 * `check --vars FILE`: the values of `vars.X`, `secrets.X` and `env.X` the workflow files read. A JSON object of
 * names to text (`{"AWS_ROLE_ARN": "arn:aws:iam::..."}`), or the list `gh variable list --json name,value` prints.
 * GitHub environment variables go under `"environment:<name>"` (a `:` is never part of a variable name):
 * `{"environment:production": {"AWS_ROLE_ARN": "arn:aws:iam::..."}}`.
 */
import { CliError } from '../cli-error';
import { parseJsonText, readTextFile } from '../input/json-file';

const EXPECTED = 'a JSON object of names to values, e.g. {"AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/deploy"}, or the output of `gh variable list --json name,value`';

/** The variables of a `--vars` file: the repository's, and each environment's. */
export interface VarsFile {
  readonly vars: { [name: string]: string };
  readonly environmentVars: { [environment: string]: { [name: string]: string } };
}

/** Reads the variables file. */
export function readVarsFile(path: string): VarsFile {
  const value = parseJsonText(path, readTextFile(path, EXPECTED), EXPECTED);
  const out: { [name: string]: string } = {};
  const environmentVars: { [environment: string]: { [name: string]: string } } = {};
  if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      if (entry === null || typeof entry !== 'object' || typeof entry.name !== 'string' || typeof entry.value !== 'string') {
        throw new CliError(`${path}: entry ${index} is not {"name": "...", "value": "..."}: expected ${EXPECTED}`);
      }
      out[entry.name] = entry.value;
    });
    return { vars: out, environmentVars };
  }
  if (value === null || typeof value !== 'object') throw new CliError(`${path}: expected ${EXPECTED}`);
  for (const [name, text] of Object.entries(value as object)) {
    const environment = /^environment:(.+)$/.exec(name)?.[1];
    if (environment !== undefined) {
      environmentVars[environment] = readVarsFileObject(path, name, text);
    } else if (typeof text !== 'string') {
      throw new CliError(`${path}: ${name} is ${JSON.stringify(text)}, not text: expected ${EXPECTED}`);
    } else {
      out[name] = text;
    }
  }
  return { vars: out, environmentVars };
}

function readVarsFileObject(path: string, key: string, value: unknown): { [name: string]: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError(`${path}: "${key}" is ${JSON.stringify(value)}: expected an object of that environment's variables`);
  }
  const out: { [name: string]: string } = {};
  for (const [name, text] of Object.entries(value)) {
    if (typeof text !== 'string') throw new CliError(`${path}: ${key}.${name} is ${JSON.stringify(text)}, not text: expected ${EXPECTED}`);
    out[name] = text;
  }
  return out;
}
