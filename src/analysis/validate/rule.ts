/**
 * What a rule is, internally: its catalogue entry next to a pure check. The validator stamps each finding with the
 * rule's ID and severity, so a finding can never disagree with the catalogue (and RULES.md, which is rendered from it).
 */
import { TrustPolicyFinding, TrustPolicyRule } from './finding';
import { GitHubStatement } from './github-statement';
import type { TemplateMappings } from '../policy/conditional';
import { ParsedPolicy } from '../policy/document';

/** A finding without its rule ID and severity, which come from the rule. */
export type FindingDraft = Omit<TrustPolicyFinding, 'ruleId' | 'severity'>;

/** The validator's options with their defaults applied. */
export interface ResolvedOptions {
  readonly expectedAudience: string;
  readonly sizeLimit: number;
  readonly providerUrls: { [logicalId: string]: string };
  /** The template's `Mappings`, when given: what `Fn::FindInMap` values can be. */
  readonly mappings?: TemplateMappings;
  /** The role's account, when given as 12 digits. */
  readonly roleAccount?: string;
}

/** What a policy-level rule sees. */
export interface PolicyContext {
  /** The policy as given (object or text). */
  readonly input: unknown;
  readonly policy: ParsedPolicy;
  /** The statements that trust a GitHub OIDC provider. */
  readonly gitHubStatements: GitHubStatement[];
  readonly options: ResolvedOptions;
  /** The options as given, before defaults (to report unusable ones). */
  readonly rawOptions: unknown;
}

/**
 * Which statements a statement rule judges:
 * - `allow-web-identity`: Allow statements that allow `sts:AssumeRoleWithWebIdentity` (what GitHub's token can use);
 * - `allow`: every Allow statement that trusts GitHub (NotAction and extra principals matter whatever the action);
 * - `any`: Deny statements too (a misspelled key makes a Deny as useless as an Allow).
 */
export type StatementScope = 'allow-web-identity' | 'allow' | 'any';

/** A rule judging one statement that trusts GitHub at a time. */
export interface StatementRule {
  readonly kind: 'statement';
  readonly info: TrustPolicyRule;
  readonly scope: StatementScope;
  check(statement: GitHubStatement, options: ResolvedOptions): FindingDraft[];
}

/** A rule judging the whole policy. */
export interface PolicyRule {
  readonly kind: 'policy';
  readonly info: TrustPolicyRule;
  check(context: PolicyContext): FindingDraft[];
}

export type RuleDefinition = StatementRule | PolicyRule;
