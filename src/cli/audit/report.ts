/**
 * The audit itself: reads each role's trust policy once, keeps the roles that trust a GitHub provider (or whose
 * policy cannot be read), validates them with the shared rules, and counts the rest.
 */
import { REPOSITORY_NOT_IN_INVENTORY, REPOSITORY_WITHOUT_ROLE } from './cli-rules';
import { compareWithInventory } from './inventory';
import { trustScope } from './scope';
import { withAcknowledgement } from '../../analysis/acknowledgements';
import { mergeSubjectForms } from '../../analysis/findings/merge-subject-forms';
import { decodePolicyText, parsePolicy } from '../../analysis/policy/document';
import { FindingSeverity, TrustPolicyFinding } from '../../analysis/validate/finding';
import { gitHubStatements } from '../../analysis/validate/github-statement';
import { validateParsedPolicy } from '../../analysis/validate/validator';
import { roleAccountOf, RoleInput } from '../input/roles';

/** The audit of one account. */
export interface AccountSummary extends SeverityCounts {
  /** The 12-digit account, or `(no account)` for roles without an ARN. */
  readonly account: string;
  readonly rolesScanned: number;
  readonly githubRoles: number;
}

/** One audited role: a role that trusts GitHub, or whose trust policy could not be read. */
export interface AuditedRole {
  readonly role: RoleInput;
  readonly issuers: string[];
  readonly repositories: string[];
  readonly subjects: string[];
  readonly findings: TrustPolicyFinding[];
}

/** A finding about the inventory rather than a role: a listed repository no role trusts. */
export interface InventoryFinding extends TrustPolicyFinding {
  /** The `--repositories` file. */
  readonly file: string;
  /** The 1-based line of the repository in it. */
  readonly line?: number;
}

/** Counts by severity. */
export interface SeverityCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** The result of an audit. */
export interface AuditReport {
  /** The paths given on the command line. */
  readonly inputs: string[];
  /** Every role read, GitHub or not. */
  readonly rolesScanned: number;
  /** Roles that trust GitHub (or could not be read), in input order. */
  readonly roles: AuditedRole[];
  /** Findings about the `--repositories` list itself. */
  readonly inventoryFindings: InventoryFinding[];
  readonly counts: SeverityCounts;
  /** Per account (from the roles' ARNs): roles read, GitHub roles and their findings. */
  readonly accounts: AccountSummary[];
}

/** The `--repositories` list, when given. */
export interface Inventory {
  readonly file: string;
  readonly text: string;
  readonly repositories: string[];
}

/** Audits roles; linear in the number of roles (each policy is parsed for its scope, then validated). */
export function auditRoles(inputs: string[], roles: RoleInput[], inventory?: Inventory): AuditReport {
  const audit = new Audit(true);
  audit.add(roles);
  return audit.report(inputs, inventory);
}

/**
 * An audit fed input by input, so that many exports (an organization's accounts) are read one at a time: each file's
 * roles are judged as it is read, and only what the report needs stays in memory (not the trust policies, unless
 * they are to be shown).
 */
export class Audit {
  private readonly audited: AuditedRole[] = [];
  private scanned = 0;
  private readonly scannedByAccount = new Map<string, number>();

  constructor(private readonly keepPolicies: boolean) {}

  /** Judges the roles of one input. */
  public add(roles: readonly RoleInput[]): void {
    this.scanned += roles.length;
    for (const role of roles) {
      const account = roleAccountOf(role) ?? NO_ACCOUNT;
      this.scannedByAccount.set(account, (this.scannedByAccount.get(account) ?? 0) + 1);
      const audited = auditRole(role);
      if (audited) this.audited.push(this.keepPolicies ? audited : { ...audited, role: { ...audited.role, policy: undefined } });
    }
  }

  /** How many roles have been read. */
  public get rolesScanned(): number {
    return this.scanned;
  }

  /** The report of everything added. */
  public report(inputs: string[], inventory?: Inventory): AuditReport {
    return finishReport(inputs, this.scanned, this.audited, this.scannedByAccount, inventory);
  }
}

/** What the per-account summary calls roles without an ARN (templates, bare policies). */
export const NO_ACCOUNT = '(no account)';

/** The role judged, when it trusts GitHub (or its policy cannot be read); undefined otherwise. */
function auditRole(role: RoleInput): AuditedRole | undefined {
  // IAM returns policies URL-encoded: decode once for both readers, and keep the text (not an object) so that
  // the rules can still see duplicate keys, which parsing drops.
  const policy = typeof role.policy === 'string' ? decodePolicyText(role.policy) : role.policy;
  const parsed = parsePolicy(policy, { providerUrls: role.providerUrls });
  const unreadable = parsed.statements.length === 0 && parsed.problems.length > 0;
  // Found once, for the list of what the role trusts and for the rules.
  const statements = gitHubStatements(parsed);
  const scope = trustScope(statements);
  // A role the rules judge as trusting GitHub is listed, a statement trusting "*" included (issue 10).
  if (!unreadable && scope.issuers.length === 0 && !parsed.statements.some((statement) => statement.issuer)) return undefined;
  // The policy as read above, not a second reading of it.
  const findings = validateParsedPolicy(policy, parsed, { providerUrls: role.providerUrls }, statements);
  return { role, ...scope, findings: mergeSubjectForms(findings).map((finding) => withAcknowledgement(finding, role.acknowledgements)) };
}

function finishReport(inputs: string[], rolesScanned: number, audited: AuditedRole[], scannedByAccount: Map<string, number>,
  inventory?: Inventory): AuditReport {

  const inventoryFindings: InventoryFinding[] = [];
  if (inventory) {
    const comparison = compareWithInventory(audited.map((role) => role.repositories), inventory.repositories);
    comparison.unlisted.forEach((repositories, index) => {
      for (const repository of repositories) audited[index].findings.push(unlistedFinding(repository, inventory.file));
    });
    const lineOf = new Map<string, number>();
    inventory.text.split(/\r?\n/).forEach((text, index) => {
      const name = text.replace(/#.*$/, '').trim();
      if (!lineOf.has(name)) lineOf.set(name, index + 1);
    });
    for (const repository of comparison.withoutRole) {
      inventoryFindings.push({
        ruleId: REPOSITORY_WITHOUT_ROLE.ruleId,
        severity: REPOSITORY_WITHOUT_ROLE.severity,
        message: `${repository} is listed in ${inventory.file} but no audited role trusts it.`,
        fix: REPOSITORY_WITHOUT_ROLE.fix,
        value: repository,
        file: inventory.file,
        line: lineOf.get(repository),
      });
    }
  }

  return {
    inputs,
    rolesScanned,
    roles: audited,
    inventoryFindings,
    counts: countFindings(audited, inventoryFindings),
    accounts: accountSummaries(audited, scannedByAccount),
  };
}

/** Roles and findings per account (from the roles' ARNs), in account order. */
function accountSummaries(audited: readonly AuditedRole[], scannedByAccount: Map<string, number>): AccountSummary[] {
  const byAccount = new Map<string, AuditedRole[]>();
  for (const role of audited) {
    const account = roleAccountOf(role.role) ?? NO_ACCOUNT;
    const list = byAccount.get(account);
    if (list) list.push(role);
    else byAccount.set(account, [role]);
  }
  return [...scannedByAccount.keys()].sort().map((account) => {
    const roles = byAccount.get(account) ?? [];
    return { account, rolesScanned: scannedByAccount.get(account)!, githubRoles: roles.length, ...countFindings(roles, []) };
  });
}

function unlistedFinding(repository: string, file: string): TrustPolicyFinding {
  const pattern = /[*?]/.test(repository);
  return {
    ruleId: REPOSITORY_NOT_IN_INVENTORY.ruleId,
    severity: REPOSITORY_NOT_IN_INVENTORY.severity,
    message: pattern
      ? `The role trusts the pattern ${repository}, which matches no repository in ${file}.`
      : `The role trusts ${repository}, which is not in ${file}: if it was renamed or deleted, whoever registers the ` +
        'name next gets the same name-only sub and can assume the role (namespace recycling).',
    fix: REPOSITORY_NOT_IN_INVENTORY.fix,
    value: repository,
  };
}

function countFindings(roles: AuditedRole[], extra: TrustPolicyFinding[]): SeverityCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  const count = (finding: TrustPolicyFinding) => {
    if (finding.severity === FindingSeverity.ERROR) errors++;
    else if (finding.severity === FindingSeverity.WARNING) warnings++;
    else infos++;
  };
  roles.forEach((role) => role.findings.forEach(count));
  extra.forEach(count);
  return { errors, warnings, infos };
}

/** The `--fail-on` levels. */
export type FailOn = 'error' | 'warning' | 'never';

/** Whether the report has findings at or above `failOn`. */
export function failsAt(counts: SeverityCounts, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return counts.errors > 0 || (failOn === 'warning' && counts.warnings > 0);
}
