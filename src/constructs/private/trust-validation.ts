import { Token } from 'aws-cdk-lib';
import { FindingSeverity, TrustPolicyFinding } from '../../analysis/validate/finding';
import { TrustPolicyValidator } from '../../analysis/validate/validator';
import { TrustAcknowledgement } from '../acknowledgements';

/**
 * The one place where a construct's synthesized trust policy is judged: by `TrustPolicyValidator`, the same rules
 * that judge hand-written roles, templates and account exports (DESIGN.md). The constructs call
 * `validateTrustPolicy` from `node.addValidation` and turn the result into synth errors, warnings and info.
 */

/** What to judge. */
export interface TrustPolicyCheck {
  /**
   * The trust policy as it will be deployed: resolved, with the provider ARN written as a string in the most
   * conservative (longest) form when the partition or account is not known at synth.
   */
  readonly deployedPolicy: any;
  /** The audience the role pins. */
  readonly audience: string;
  /** The account's trust-policy size quota, in characters of compact JSON. */
  readonly sizeLimit: number;
  /** Acknowledgements recorded on the role. */
  readonly acknowledgements: TrustAcknowledgement[];
}

/** The outcome, ready for `addValidation` and `Annotations`. */
export interface TrustPolicyCheckResult {
  /** Messages that fail the synth. */
  readonly errors: string[];
  /** Unacknowledged warnings: rule ID and message. */
  readonly warnings: { readonly ruleId: string; readonly message: string }[];
  /** Information, including acknowledged warnings with their reasons. */
  readonly infos: string[];
}

/** Rule IDs the constructs refer to (the catalogue is src/analysis/validate/rules). */
export const POLICY_SIZE_EXCEEDED = 'PolicySizeExceeded';

// The validator's fixes speak of policies in general; on a construct, the same fix is a prop.
const CONSTRUCT_FIXES: { [ruleId: string]: string } = {
  [POLICY_SIZE_EXCEEDED]: 'split the subjects across several roles, or raise the account\'s ACLSizePerRole quota in ' +
    'Service Quotas and set trustPolicySizeLimit to the new quota.',
};

/** Judges a role's trust policy. Never throws (the validator reports its own failures as findings). */
export function validateTrustPolicy(check: TrustPolicyCheck): TrustPolicyCheckResult {
  const errors: string[] = [];
  const warnings: { ruleId: string; message: string }[] = [];
  const infos: string[] = [];
  const findings = TrustPolicyValidator.validate(check.deployedPolicy, {
    expectedAudience: Token.isUnresolved(check.audience) ? undefined : check.audience,
    sizeLimit: check.sizeLimit,
  });
  for (const finding of findings) {
    const text = describe(finding);
    if (finding.severity === FindingSeverity.ERROR) {
      // CDK prefixes each validation message with the construct path: `[Stack/Role] <RuleId>: ...`.
      errors.push(text);
    } else if (finding.severity === FindingSeverity.WARNING) {
      const acknowledged = check.acknowledgements.filter((ack) => ack.ruleId === finding.ruleId);
      if (acknowledged.length > 0) {
        infos.push(`${finding.ruleId} acknowledged: ${acknowledged.map((ack) => ack.reason).join('; ')} (${sentence(finding.message)})`);
      } else {
        warnings.push({
          ruleId: finding.ruleId,
          message: `${text} To acknowledge it: acknowledgements: [{ ruleId: '${finding.ruleId}', reason: '...' }] or ` +
            `TrustAcknowledgements.add(role, '${finding.ruleId}', reason).`,
        });
      }
    } else {
      infos.push(text);
    }
  }
  return { errors, warnings, infos };
}

/** `<RuleId>: <message> (value: "<value>") Fix: <fix>`, the value only where the message does not quote it. */
function describe(finding: TrustPolicyFinding): string {
  const value = finding.value !== undefined && !finding.message.includes(finding.value) ? ` (value: ${JSON.stringify(finding.value)})` : '';
  const fix = CONSTRUCT_FIXES[finding.ruleId] ?? finding.fix;
  return `${finding.ruleId}: ${sentence(`${withoutStop(finding.message)}${value}`)} Fix: ${sentence(fix)}`;
}

function withoutStop(text: string): string {
  return text.trim().replace(/\.$/, '');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
