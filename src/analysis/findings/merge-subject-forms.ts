/**
 * A role that trusts a repository by name and by its immutable IDs (`repo:acme/web:...` and
 * `repo:acme@1/web@2:...`, the default while repositories move to immutable subjects) gets every per-value finding
 * twice. For people reading a report, one finding that names both forms says the same with half the lines.
 * Presentation only: `TrustPolicyValidator` keeps reporting each value.
 */
import { TrustPolicyFinding } from '../validate/finding';

// repo:<owner>@<owner id>/<name>@<repository id>:<context>
const IMMUTABLE_SUB = /^repo:([^@/:]+)@\d+\/([^@/:]+)@\d+:(.*)$/;

/** The findings with each immutable-form twin folded into its name-only finding. */
export function mergeSubjectForms(findings: readonly TrustPolicyFinding[]): TrustPolicyFinding[] {
  // Most roles trust one form only: without an immutable value there is nothing to fold, nor keys to build.
  if (!findings.some((finding) => finding.value !== undefined && finding.value.includes('@'))) return [...findings];
  const byKey = new Map<string, number>();
  findings.forEach((finding, index) => {
    if (finding.value !== undefined) byKey.set(keyOf(finding, finding.value), index);
  });
  const folded = new Map<number, string>();
  const twins = new Set<number>();
  findings.forEach((finding, index) => {
    const match = finding.value === undefined ? null : IMMUTABLE_SUB.exec(finding.value);
    if (!match) return;
    const nameOnly = byKey.get(keyOf(finding, `repo:${match[1]}/${match[2]}:${match[3]}`));
    if (nameOnly === undefined || folded.has(nameOnly)) return;
    folded.set(nameOnly, finding.value!);
    twins.add(index);
  });
  return findings.flatMap((finding, index) => {
    if (twins.has(index)) return [];
    const immutable = folded.get(index);
    return immutable === undefined ? [finding]
      : [{ ...finding, message: `${finding.message} The same holds for the immutable form ${JSON.stringify(immutable)}.` }];
  });
}

function keyOf(finding: TrustPolicyFinding, value: string): string {
  return JSON.stringify([finding.ruleId, finding.severity, finding.statementIndex, finding.conditionKey, value]);
}
