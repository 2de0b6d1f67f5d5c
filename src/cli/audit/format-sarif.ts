/**
 * The audit as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run, the rule catalogue of the
 * validator (plus the CLI's inventory rules) as `tool.driver.rules`, one result per finding.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
import { relative, sep } from 'node:path';
import { CLI_RULES } from './cli-rules';
import { AuditReport, InventoryFinding } from './report';
import { FindingSeverity, TrustPolicyFinding, TrustPolicyRule } from '../../analysis/validate/finding';
import { TrustPolicyValidator } from '../../analysis/validate/validator';
import { RoleInput } from '../input/roles';
import { sarifDocument } from '../output/sarif';

/** SARIF `level` of a severity. */
export function sarifLevel(severity: FindingSeverity): 'error' | 'warning' | 'note' {
  return severity === FindingSeverity.ERROR ? 'error' : severity === FindingSeverity.WARNING ? 'warning' : 'note';
}

/** The report as SARIF JSON, ending with a newline. `cwd` makes artifact URIs relative. */
export function formatSarif(report: AuditReport, cwd: string = process.cwd()): string {
  const rules: TrustPolicyRule[] = [...TrustPolicyValidator.rules(), ...CLI_RULES];
  const ruleIndex = new Map<string, number>();
  rules.forEach((rule, index) => { if (!ruleIndex.has(rule.ruleId)) ruleIndex.set(rule.ruleId, index); });
  const indexOf = (finding: TrustPolicyFinding): number => {
    let index = ruleIndex.get(finding.ruleId);
    if (index === undefined) {
      // A finding whose rule the catalogue lacks still needs a rule entry for the result to be valid.
      index = rules.length;
      rules.push({ ruleId: finding.ruleId, severity: finding.severity, title: finding.ruleId, explanation: finding.message, fix: finding.fix });
      ruleIndex.set(finding.ruleId, index);
    }
    return index;
  };
  const uris = new Map<string, string>(); // one file holds thousands of roles: compute its URI once
  const uri = (file: string) => {
    let found = uris.get(file);
    if (found === undefined) {
      found = relative(cwd, file).split(sep).join('/');
      uris.set(file, found);
    }
    return found;
  };

  const results: object[] = [];
  for (const audited of report.roles) {
    for (const finding of audited.findings) {
      results.push(result(finding, indexOf(finding), roleLocation(audited.role, uri)));
    }
  }
  for (const finding of report.inventoryFindings) {
    results.push(result(finding, indexOf(finding), inventoryLocation(finding, uri)));
  }

  return sarifDocument(rules.map((rule) => ({
    id: rule.ruleId,
    title: rule.title,
    explanation: rule.explanation,
    help: `${rule.explanation}\nFix: ${rule.fix}`,
    level: sarifLevel(rule.severity),
  })), results);
}

function result(finding: TrustPolicyFinding, ruleIndex: number, location: object): object {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: `${finding.message} Fix: ${finding.fix}` },
    locations: [location],
  };
}

function roleLocation(role: RoleInput, uri: (file: string) => string): object {
  const physicalLocation = {
    artifactLocation: { uri: uri(role.file) },
    ...(role.line !== undefined ? { region: { startLine: role.line } } : {}),
  };
  // Account exports hold many roles in one file without a cheap line: the role's name and ARN say which.
  const name = role.logicalId ?? role.roleName;
  const logicalLocations = name === undefined ? undefined : [{
    name,
    fullyQualifiedName: role.arn ?? role.constructPath ?? name,
    kind: 'resource',
  }];
  return logicalLocations ? { physicalLocation, logicalLocations } : { physicalLocation };
}

function inventoryLocation(finding: InventoryFinding, uri: (file: string) => string): object {
  return {
    physicalLocation: {
      artifactLocation: { uri: uri(finding.file) },
      ...(finding.line !== undefined ? { region: { startLine: finding.line } } : {}),
    },
  };
}
