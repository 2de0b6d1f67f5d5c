/**
 * `check --format sarif`: SARIF 2.1.0 whose results point into the workflow files, so that GitHub code scanning
 * annotates the line to change (the permissions block, the environment, the trigger, role-to-assume).
 */
import { relative, sep } from 'node:path';
import { CHECK_CAUSES } from '../../analysis/workflows/cause-catalogue';
import { CheckReport } from '../../analysis/workflows/types';
import { TOOL_NAME, TOOL_URL, toolVersion } from '../version';
import { allCauses } from './report-causes';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** The report as SARIF JSON, ending with a newline. */
export function formatCheckSarif(report: CheckReport, cwd: string = process.cwd()): string {
  const index = new Map(CHECK_CAUSES.map((kind, i) => [kind.id, i]));
  const results = allCauses(report).map((cause) => ({
    ruleId: cause.id,
    ...(index.has(cause.id) ? { ruleIndex: index.get(cause.id) } : {}),
    level: LEVEL[cause.severity],
    message: { text: cause.fix ? `${cause.message} Fix: ${cause.fix}` : cause.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: relative(cwd, cause.file).split(sep).join('/') },
        region: { startLine: Math.max(1, cause.line) },
      },
    }],
  }));
  const document = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: TOOL_NAME,
          version: toolVersion(),
          informationUri: TOOL_URL,
          rules: CHECK_CAUSES.map((kind) => ({
            id: kind.id,
            name: kind.id,
            shortDescription: { text: kind.title },
            fullDescription: { text: kind.explanation },
            defaultConfiguration: { level: LEVEL[kind.severity] },
          })),
        },
      },
      results,
    }],
  };
  return JSON.stringify(document, null, 2) + '\n';
}
