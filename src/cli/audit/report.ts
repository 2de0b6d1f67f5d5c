/**
 * The audit itself: reads each role's trust policy once, keeps the roles that trust a GitHub provider (or whose
 * policy cannot be read), validates them with the shared rules, and counts the rest.
 */
import { REPOSITORY_NOT_IN_INVENTORY, REPOSITORY_WITHOUT_ROLE } from './cli-rules';
import { compareWithInventory } from './inventory';
import { plainTrustScope, trustScope, TrustScope } from './scope';
import { withAcknowledgement } from '../../analysis/acknowledgements';
import { mergeSubjectForms } from '../../analysis/findings/merge-subject-forms';
import { policyChoices } from '../../analysis/policy/conditional';
import { decodePolicyText, parsePolicy } from '../../analysis/policy/document';
import { FindingSeverity, TrustPolicyFinding } from '../../analysis/validate/finding';
import { GitHubStatement, gitHubStatements, variantGitHubStatements } from '../../analysis/validate/github-statement';
import { readPlainPolicy, readPlainPolicyText } from '../../analysis/validate/plain-policy';
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
  /** How many roles trust GitHub (or could not be read). */
  readonly githubRoles: number;
  /**
   * Those roles, in input order; empty when the audit handed each to its caller as it was judged instead of keeping
   * it (`Audit` with `onRole`).
   */
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
 * they are to be shown). With `onRole`, each judged role goes to the caller at once and is not kept at all: an
 * organization's report is then written as it is read, in memory that does not grow with the roles.
 */
export class Audit {
  private readonly audited: AuditedRole[] = [];
  private scanned = 0;
  private github = 0;
  private readonly byAccount = new Map<string, MutableAccount>();
  private readonly totals = { errors: 0, warnings: 0, infos: 0 };

  constructor(private readonly keepPolicies: boolean, private readonly onRole?: (audited: AuditedRole) => void) {}

  /** Judges the roles of one input. */
  public add(roles: readonly RoleInput[]): void {
    this.scanned += roles.length;
    for (const role of roles) {
      const account = this.accountOf(roleAccountOf(role) ?? NO_ACCOUNT);
      account.rolesScanned += 1;
      const audited = auditRole(role);
      if (!audited) continue;
      this.github += 1;
      account.githubRoles += 1;
      for (const finding of audited.findings) {
        count(this.totals, finding);
        count(account, finding);
      }
      const kept = this.keepPolicies ? audited : { ...audited, role: { ...audited.role, policy: undefined, mappings: undefined } };
      if (this.onRole) this.onRole(kept);
      else this.audited.push(kept);
    }
  }

  /** How many roles have been read. */
  public get rolesScanned(): number {
    return this.scanned;
  }

  /**
   * The report of everything added. An inventory adds findings to the roles that name repositories it does not list,
   * so it needs the roles kept (no `onRole`).
   */
  public report(inputs: string[], inventory?: Inventory): AuditReport {
    if (inventory && this.onRole) throw new Error('Audit: an inventory needs the roles kept (no onRole)');
    const report: AuditReport = {
      inputs,
      rolesScanned: this.scanned,
      githubRoles: this.github,
      roles: this.audited,
      inventoryFindings: [],
      counts: { ...this.totals },
      accounts: [...this.byAccount.keys()].sort().map((account) => ({ ...this.byAccount.get(account)! })),
    };
    return inventory ? withInventory(report, inventory) : report;
  }

  private accountOf(account: string): MutableAccount {
    let summary = this.byAccount.get(account);
    if (!summary) {
      summary = { account, rolesScanned: 0, githubRoles: 0, errors: 0, warnings: 0, infos: 0 };
      this.byAccount.set(account, summary);
    }
    return summary;
  }
}

type MutableAccount = { -readonly [K in keyof AccountSummary]: AccountSummary[K] };

function count(counts: { errors: number; warnings: number; infos: number }, finding: TrustPolicyFinding): void {
  if (finding.severity === FindingSeverity.ERROR) counts.errors++;
  else if (finding.severity === FindingSeverity.WARNING) counts.warnings++;
  else counts.infos++;
}

/** What the per-account summary calls roles without an ARN (templates, bare policies). */
export const NO_ACCOUNT = '(no account)';

/**
 * The role judged, when it trusts GitHub (or its policy cannot be read); undefined otherwise. `readPlain` false reads
 * every policy the general way, its findings by the rules (what the property test compares the plain reading with).
 * Internal.
 */
export function auditRole(role: RoleInput, readPlain = true): AuditedRole | undefined {
  // IAM returns policies URL-encoded: decode once for both readers, and keep the text (not an object) so that
  // the rules can still see duplicate keys, which parsing drops.
  const policy = typeof role.policy === 'string' ? decodePolicyText(role.policy) : role.policy;
  const options = { providerUrls: role.providerUrls, templateMappings: role.mappings, roleAccount: roleAccountOf(role) };
  // The policy GitHubDeployRole writes, as most deploy roles have it: its findings and what it trusts in one reading,
  // with the validator's own shortcut (for text, of what it parses to, when no key is written twice in it, which only
  // the rules see).
  const plainObject = readPlain && typeof policy !== 'string' ? readPlainPolicy(policy, options) : undefined;
  if (plainObject) return judged(role, plainTrustScope(plainObject), plainObject.findings);
  const parsed = parsePolicy(policy, { providerUrls: role.providerUrls });
  const plainText = readPlain && typeof policy === 'string' ? readPlainPolicyText(parsed, options) : undefined;
  if (plainText) return judged(role, plainTrustScope(plainText), plainText.findings);
  const unreadable = parsed.statements.length === 0 && parsed.problems.length > 0;
  // Found once, for the list of what the role trusts and for the rules.
  const statements = gitHubStatements(parsed);
  // With CloudFormation choices, the GitHub statements of each way the template can deploy the policy (too many to
  // list: none, and the validator reports it).
  const choices = policyChoices(parsed, policy, role.mappings);
  const variants = choices && variantGitHubStatements(choices.variants ?? [], role.providerUrls ?? {});
  const scope = variants ? mergedScope(variants.map(trustScope)) : trustScope(statements);
  // A role the rules judge as trusting GitHub is listed, a statement trusting "*" included (issue 10); with
  // CloudFormation choices, when any way of deploying it does.
  const trusts = (found: readonly GitHubStatement[][]) => found.some((list) => list.length > 0);
  if (!unreadable && scope.issuers.length === 0 && !parsed.statements.some((statement) => statement.issuer)
    && !(variants && trusts(variants))) return undefined;
  // The policy as read above (its statements and choices too), not a second reading of it.
  return judged(role, scope, validateParsedPolicy(policy, { parsed, statements, choices }, options));
}

/** The audited role: what it trusts, and its findings with the subject forms merged and its acknowledgements applied. */
function judged(role: RoleInput, scope: TrustScope, findings: TrustPolicyFinding[]): AuditedRole {
  return { role, ...scope, findings: mergeSubjectForms(findings).map((finding) => withAcknowledgement(finding, role.acknowledgements)) };
}

/** What several variants of a policy trust, together. */
function mergedScope(scopes: TrustScope[]): TrustScope {
  const union = (pick: (scope: TrustScope) => string[]) => [...new Set(scopes.flatMap(pick))];
  return { issuers: union((scope) => scope.issuers), subjects: union((scope) => scope.subjects), repositories: union((scope) => scope.repositories) };
}

/** The report with the inventory's findings: on the roles that name unlisted repositories, and its own. */
function withInventory(report: AuditReport, inventory: Inventory): AuditReport {
  const audited = report.roles;
  const inventoryFindings: InventoryFinding[] = [];
  const comparison = compareWithInventory(audited.map((role) => role.repositories), inventory.repositories);
  const counts = { ...report.counts };
  const accounts = new Map(report.accounts.map((account) => [account.account, { ...account }]));
  comparison.unlisted.forEach((repositories, index) => {
    for (const repository of repositories) {
      const finding = unlistedFinding(repository, inventory.file);
      audited[index].findings.push(finding);
      count(counts, finding);
      count(accounts.get(roleAccountOf(audited[index].role) ?? NO_ACCOUNT)!, finding);
    }
  });
  const lineOf = new Map<string, number>();
  inventory.text.split(/\r?\n/).forEach((text, index) => {
    const name = text.replace(/#.*$/, '').trim();
    if (!lineOf.has(name)) lineOf.set(name, index + 1);
  });
  for (const repository of comparison.withoutRole) {
    const finding: InventoryFinding = {
      ruleId: REPOSITORY_WITHOUT_ROLE.ruleId,
      severity: REPOSITORY_WITHOUT_ROLE.severity,
      message: `${repository} is listed in ${inventory.file} but no audited role trusts it.`,
      fix: REPOSITORY_WITHOUT_ROLE.fix,
      value: repository,
      file: inventory.file,
      line: lineOf.get(repository),
    };
    inventoryFindings.push(finding);
    count(counts, finding);
  }
  return { ...report, inventoryFindings, counts, accounts: [...accounts.values()] };
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

/** The `--fail-on` levels. */
export type FailOn = 'error' | 'warning' | 'never';

/** Whether the report has findings at or above `failOn`. */
export function failsAt(counts: SeverityCounts, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return counts.errors > 0 || (failOn === 'warning' && counts.warnings > 0);
}
