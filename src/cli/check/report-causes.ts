/**
 * Every cause of a check report in one list (jobs, roles, unreadable files), and their counts by severity, which
 * decide the exit code.
 */
import { CheckCause, CheckReport } from '../../analysis/workflows/types';
import { FailOn } from '../audit/report';

/** All causes of the report, each once. */
export function allCauses(report: CheckReport): CheckCause[] {
  return [...report.problems, ...report.jobs.flatMap((j) => j.causes), ...report.roles.flatMap((r) => r.causes)];
}

/** Counts by severity. */
export function causeCounts(report: CheckReport): { errors: number; warnings: number; infos: number } {
  const causes = allCauses(report);
  return {
    errors: causes.filter((c) => c.severity === 'error').length,
    warnings: causes.filter((c) => c.severity === 'warning').length,
    infos: causes.filter((c) => c.severity === 'info').length,
  };
}

/** Whether the report fails at `failOn`: a cause at or above it, or a job that is not allowed. */
export function checkFails(report: CheckReport, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const counts = causeCounts(report);
  return counts.errors > 0 || (failOn === 'warning' && (counts.warnings > 0 || report.jobs.some((j) => j.verdict !== 'allowed')));
}
