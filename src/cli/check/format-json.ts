/**
 * `check --format json`: `{"jobs": [...], "roles": [...], "problems": [...], "counts": {...}}`, the fields of
 * issue 11 kept stable (`workflow`, `job`, `line`, `roleToAssume`, `role`, `verdict`, `subjects`, `audience`, `causes`).
 */
import { causeCounts } from './report-causes';
import { CheckReport } from '../../analysis/workflows/types';

/** The report as JSON text, ending with a newline. */
export function formatCheckJson(report: CheckReport): string {
  return JSON.stringify({ ...report, counts: causeCounts(report) }, null, 2) + '\n';
}
