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

/**
 * The report as indented JSON ending with a newline, in pieces, a role at a time, so that an organization's report
 * is written as it is made instead of held whole in memory (the text of 70,000 roles with their findings is larger
 * than their trust policies were). The same characters as `JSON.stringify` of the whole document with an indent of 2.
 */
export function* jsonChunks(report: AuditReport, options: JsonOptions,
  roleTexts: Iterable<string> = report.roles.map((role) => roleJsonText(role, options.showPolicies))): Generator<string> {
  const head = JSON.stringify({
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    inputs: report.inputs,
    summary: {
      rolesScanned: report.rolesScanned,
      githubRoles: report.githubRoles,
      otherRoles: report.rolesScanned - report.githubRoles,
      ...report.counts,
      accounts: report.accounts,
    },
  }, null, 2);
  // The head without its closing "\n}", then the roles as the second level of the document.
  yield `${head.slice(0, -2)},\n  "roles": `;
  let first = true;
  for (const text of roleTexts) {
    yield `${first ? '[\n' : ',\n'}    ${text}`;
    first = false;
  }
  yield first ? '[]' : '\n  ]';
  if (options.inventoryFile !== undefined) {
    const inventory = JSON.stringify({
      inventory: {
        file: options.inventoryFile,
        findings: report.inventoryFindings.map((finding) => ({ ...findingJson(finding), line: finding.line })),
      },
    }, null, 2);
    // `{\n  "inventory": ...\n}` without its braces.
    yield `,\n${inventory.slice(2, -2)}`;
  }
  yield '\n}\n';
}

/**
 * One role of the report as it stands in the document (indented for its place in `roles`), for `jsonChunks`: the
 * audit of an organization turns each role into this text as it is judged, and keeps only the text.
 */
export function roleJsonText(audited: AuditedRole, showPolicies: boolean): string {
  return indented(JSON.stringify(roleJson(audited, showPolicies), null, 2), '    ');
}

/**
 * JSON text placed deeper: every line after the first indented (JSON strings hold no raw line breaks). One native
 * replace, not a split into lines and a join: about twice as fast on a role's text.
 */
function indented(json: string, indent: string): string {
  return json.replace(/\n/g, `\n${indent}`);
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
