import { FindingSeverity, TrustPolicyFinding } from './validate/finding';

/**
 * Acknowledgements: findings a team accepted as deliberate, each with a reason, recorded by `TrustAcknowledgements`
 * in a role's template metadata. Pure, so `cdk synth` (constructs) and `audit` (CLI) honour the same record.
 */

/** A finding acknowledged with a reason, as `TrustAcknowledgements` writes it into a role's template metadata. */
export interface RoleAcknowledgement {
  readonly ruleId: string;
  readonly reason: string;
}

/** The template metadata key under which `TrustAcknowledgements` records acknowledgements. */
export const ACKNOWLEDGEMENTS_METADATA_KEY = 'cdk-github-deploy-roles';

/** The acknowledgements recorded in a resource's `Metadata`, well-formed entries only. */
export function acknowledgementsOf(metadataEntry: unknown): RoleAcknowledgement[] {
  const list = metadataEntry !== null && typeof metadataEntry === 'object' ? (metadataEntry as any).acknowledgements : undefined;
  if (!Array.isArray(list)) return [];
  return list
    .filter((item: any) => item !== null && typeof item === 'object' && typeof item.ruleId === 'string' && typeof item.reason === 'string')
    .map((item: any) => ({ ruleId: item.ruleId, reason: item.reason }));
}

/**
 * Findings that are facts, not choices: acknowledging them would only hide a policy that cannot be read or that IAM
 * refuses to store.
 */
export const UNACKNOWLEDGEABLE_RULE_IDS: readonly string[] = ['PolicyUnreadable', 'PolicySizeExceeded', 'ValidationOptionsInvalid'];

/**
 * Whether an acknowledgement of its rule can cover the finding: not a fact (`UNACKNOWLEDGEABLE_RULE_IDS`), and not a
 * finding that lets repositories of any owner in (`admitsAnyOwner`). Acknowledgements name a rule, not a value: an
 * acknowledgement of `SubWildcardRepository` for an organization-wide `repo:acme/*` would otherwise accept a later
 * `repo:*` without a word.
 */
export function isAcknowledgeable(finding: Pick<TrustPolicyFinding, 'ruleId' | 'admitsAnyOwner'>): boolean {
  return !UNACKNOWLEDGEABLE_RULE_IDS.includes(finding.ruleId) && finding.admitsAnyOwner !== true;
}

/** The reasons of the acknowledgements that cover a finding; empty when none does or none can. */
export function acknowledgingReasons(finding: Pick<TrustPolicyFinding, 'ruleId' | 'admitsAnyOwner'>,
  acknowledgements: readonly RoleAcknowledgement[]): string[] {
  if (!isAcknowledgeable(finding)) return [];
  return acknowledgements.filter((ack) => ack.ruleId === finding.ruleId).map((ack) => ack.reason);
}

/**
 * A finding as an acknowledgement records it: information carrying the reasons, as `cdk synth` shows it, so that
 * the choice stays visible without failing anything; unchanged when nothing acknowledges it or it is a fact
 * (`UNACKNOWLEDGEABLE_RULE_IDS`). The one reading of acknowledgements for `audit` and `explain`.
 */
export function withAcknowledgement(finding: TrustPolicyFinding, acknowledgements: readonly RoleAcknowledgement[] = []): TrustPolicyFinding {
  const reasons = acknowledgingReasons(finding, acknowledgements);
  if (reasons.length === 0) return finding;
  return {
    ...finding,
    severity: FindingSeverity.INFO,
    message: `Acknowledged ${finding.severity.toLowerCase()} (${reasons.join('; ')}): ${finding.message}`,
  };
}
