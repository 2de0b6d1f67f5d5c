import { FindingSeverity, TrustPolicyFinding } from './validate/finding';

/**
 * Acknowledgements: findings a team accepted as deliberate, each with a reason, recorded by `TrustAcknowledgements`
 * in a role's template metadata. Pure, so `cdk synth` (constructs) and `audit` (CLI) honour the same record.
 */

/** A finding acknowledged with a reason, as `TrustAcknowledgements` writes it into a role's template metadata. */
export interface RoleAcknowledgement {
  readonly ruleId: string;
  readonly reason: string;
  /** The one value it accepts (`TrustPolicyFinding.value`), when it names one; else every value of the rule but those of `VALUE_BOUND_RULE_IDS`. */
  readonly value?: string;
}

/** The template metadata key under which `TrustAcknowledgements` records acknowledgements. */
export const ACKNOWLEDGEMENTS_METADATA_KEY = 'cdk-github-deploy-roles';

/** The acknowledgements recorded in a resource's `Metadata`, well-formed entries only. */
export function acknowledgementsOf(metadataEntry: unknown): RoleAcknowledgement[] {
  const list = metadataEntry !== null && typeof metadataEntry === 'object' ? (metadataEntry as any).acknowledgements : undefined;
  if (!Array.isArray(list)) return [];
  return list
    .filter((item: any) => item !== null && typeof item === 'object' && typeof item.ruleId === 'string' && typeof item.reason === 'string')
    .map((item: any) => (typeof item.value === 'string'
      ? { ruleId: item.ruleId, reason: item.reason, value: item.value }
      : { ruleId: item.ruleId, reason: item.reason }));
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

/**
 * Rules whose findings each say, by their value, which repositories get in, so that accepting one is accepting its
 * value: an acknowledgement covers such a finding only when it names that value. Without it, one acknowledgement of
 * `SubWildcardRepository` written for an organization-wide `repo:acme/*` also accepted `repo:evilcorp/*` (every
 * repository of another owner), in the same role or after any later change of it; so did one of
 * `SubWildcardImmutableId` for `repo:acme@1/*` with `repo:evil@*` beside it, and one of
 * `JobWorkflowRefWithoutRepository` for acme's reusable workflow with another owner's. Each of these rules reports
 * one finding per value.
 */
export const VALUE_BOUND_RULE_IDS: readonly string[] = ['SubWildcardRepository', 'SubWildcardImmutableId', 'JobWorkflowRefWithoutRepository'];

/** Whether only an acknowledgement naming the finding's value can cover it (`VALUE_BOUND_RULE_IDS`). */
export function needsValueAcknowledgement(finding: Pick<TrustPolicyFinding, 'ruleId'>): boolean {
  return VALUE_BOUND_RULE_IDS.includes(finding.ruleId);
}

/**
 * The reasons of the acknowledgements that cover a finding; empty when none does or none can. An acknowledgement
 * that names a value covers only findings of that value; one that names none, every finding of its rule but those of
 * `VALUE_BOUND_RULE_IDS`.
 */
export function acknowledgingReasons(finding: Pick<TrustPolicyFinding, 'ruleId' | 'admitsAnyOwner' | 'value'>,
  acknowledgements: readonly RoleAcknowledgement[]): string[] {
  if (!isAcknowledgeable(finding)) return [];
  const valueBound = needsValueAcknowledgement(finding);
  return acknowledgements
    .filter((ack) => ack.ruleId === finding.ruleId && (ack.value === undefined ? !valueBound : ack.value === finding.value))
    .map((ack) => ack.reason);
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
