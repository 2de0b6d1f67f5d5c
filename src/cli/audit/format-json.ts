/**
 * The audit as JSON, for scripts. The shape is stable (a change of it bumps `version`):
 *
 * ```
 * {
 *   "version": 1,
 *   "tool": { "name": "github-deploy-roles", "version": "<package version>" },
 *   "inputs": ["<path given>", ...],
 *   "summary": { "rolesScanned": n, "githubRoles": n, "otherRoles": n, "errors": n, "warnings": n, "infos": n,
 *                "accounts": [{ "account": "<12 digits or (no account)>", "rolesScanned": n, "githubRoles": n,
 *                               "errors": n, "warnings": n, "infos": n }] },
 *   "roles": [{
 *     "file": "<path>", "line"?: n, "logicalId"?: "...", "constructPath"?: "...", "roleName"?: "...", "arn"?: "...",
 *     "issuers": ["https://token.actions.githubusercontent.com"],
 *     "repositories": ["acme/web"], "subjects": ["repo:acme/web:environment:production"],
 *     "findings": [{ "ruleId", "severity": "ERROR"|"WARNING"|"INFO", "message", "fix",
 *                    "statementIndex"?, "conditionKey"?, "value"? }],
 *     "trustPolicy"?: { ... }            (with --show-policies)
 *   }],
 *   "inventory"?: { "file": "<path>", "findings": [{ ...finding, "line"? }] }   (with --repositories)
 * }
 * ```
 */
import { TrustPolicyFinding } from '../../analysis/validate/finding';
import { policyForDisplay } from '../output/policy-text';
import { TOOL_NAME, toolVersion } from '../version';
import { AuditedRole, AuditReport } from './report';

/** The version of the JSON shape. */
export const JSON_REPORT_VERSION = 1;

/** Options of the JSON output. */
export interface JsonOptions {
  readonly showPolicies: boolean;
  /** The `--repositories` file, when given. */
  readonly inventoryFile?: string;
}

/** The report as indented JSON, ending with a newline. */
export function formatJson(report: AuditReport, options: JsonOptions): string {
  const document = {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    inputs: report.inputs,
    summary: {
      rolesScanned: report.rolesScanned,
      githubRoles: report.roles.length,
      otherRoles: report.rolesScanned - report.roles.length,
      ...report.counts,
      accounts: report.accounts,
    },
    roles: report.roles.map((role) => roleJson(role, options.showPolicies)),
    ...(options.inventoryFile !== undefined ? {
      inventory: {
        file: options.inventoryFile,
        findings: report.inventoryFindings.map((finding) => ({ ...findingJson(finding), line: finding.line })),
      },
    } : {}),
  };
  return JSON.stringify(document, null, 2) + '\n';
}

function roleJson(audited: AuditedRole, showPolicies: boolean) {
  const { role } = audited;
  return {
    file: role.file,
    line: role.line,
    logicalId: role.logicalId,
    constructPath: role.constructPath,
    roleName: role.roleName,
    arn: role.arn,
    issuers: audited.issuers,
    repositories: audited.repositories,
    subjects: audited.subjects,
    findings: audited.findings.map(findingJson),
    trustPolicy: showPolicies ? policyForDisplay(role.policy) : undefined,
  };
}

/** A finding with its fields in a fixed order. */
export function findingJson(finding: TrustPolicyFinding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    fix: finding.fix,
    statementIndex: finding.statementIndex,
    conditionKey: finding.conditionKey,
    value: finding.value,
  };
}
