/**
 * `check --format sarif`: SARIF 2.1.0 whose results point into the workflow files, so that GitHub code scanning
 * annotates the line to change (the permissions block, the environment, the trigger, role-to-assume).
 */
import { relative, sep } from 'node:path';
import { allCauses } from './report-causes';
import { CHECK_CAUSES } from '../../analysis/workflows/cause-catalogue';
import { CheckReport } from '../../analysis/workflows/types';
import { sarifDocument } from '../output/sarif';

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
  const rules = CHECK_CAUSES.map((kind) => ({ id: kind.id, title: kind.title, explanation: kind.explanation, level: LEVEL[kind.severity] }));
  return sarifDocument(rules, results);
}
