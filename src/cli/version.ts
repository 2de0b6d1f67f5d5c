/**
 * The package's name and version, read from package.json next to `src/` and `lib/` alike (both sit two levels
 * below it), only when a command needs them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The tool's name in output and SARIF. */
export const TOOL_NAME = 'github-deploy-roles';

/** Where users read about the tool and its rules. */
export const TOOL_URL = 'https://github.com/cdk-github-deploy-roles/cdk-github-deploy-roles';

let cached: string | undefined;

/** The package version, or `0.0.0` when package.json cannot be read. */
export function toolVersion(): string {
  if (cached === undefined) {
    try {
      cached = String(JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version ?? '0.0.0');
    } catch {
      cached = '0.0.0';
    }
  }
  return cached;
}
