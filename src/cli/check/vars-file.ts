/**
 * `check --vars FILE`: the values of `vars.X`, `secrets.X` and `env.X` the workflow files read. A JSON object of
 * names to text (`{"AWS_ROLE_ARN": "arn:aws:iam::..."}`), or the list `gh variable list --json name,value` prints.
 */
import { CliError } from '../cli-error';
import { parseJsonText, readTextFile } from '../input/json-file';

const EXPECTED = 'a JSON object of names to values, e.g. {"AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/deploy"}, or the output of `gh variable list --json name,value`';

/** Reads the variables file. */
export function readVarsFile(path: string): { [name: string]: string } {
  const value = parseJsonText(path, readTextFile(path, EXPECTED), EXPECTED);
  const out: { [name: string]: string } = {};
  if (Array.isArray(value)) {
    value.forEach((entry, index) => {
      if (entry === null || typeof entry !== 'object' || typeof entry.name !== 'string' || typeof entry.value !== 'string') {
        throw new CliError(`${path}: entry ${index} is not {"name": "...", "value": "..."}: expected ${EXPECTED}`);
      }
      out[entry.name] = entry.value;
    });
    return out;
  }
  if (value === null || typeof value !== 'object') throw new CliError(`${path}: expected ${EXPECTED}`);
  for (const [name, text] of Object.entries(value as object)) {
    if (typeof text !== 'string') throw new CliError(`${path}: ${name} is ${JSON.stringify(text)}, not text: expected ${EXPECTED}`);
    out[name] = text;
  }
  return out;
}
