import { Stack, Token } from 'aws-cdk-lib/core';
import { acknowledgingReasons, needsValueAcknowledgement, UNACKNOWLEDGEABLE_RULE_IDS } from '../../analysis/acknowledgements';
import { mergeSubjectForms } from '../../analysis/findings/merge-subject-forms';
import { ProviderUrls } from '../../analysis/policy/principal';
import { compactSize } from '../../analysis/validate/compact-size';
import { FindingSeverity, TrustPolicyFinding } from '../../analysis/validate/finding';
import { TrustPolicyValidator } from '../../analysis/validate/validator';
import { TrustAcknowledgement } from '../acknowledgements';
import { cdkRuleId, hasCdkValidations } from './cdk-validations';
import { DeployedPolicy } from './deployed-form';

/**
 * The one place where a construct's synthesized trust policy is judged: by `TrustPolicyValidator`, the same rules
 * that judge hand-written roles, templates and account exports (DESIGN.md). The constructs call
 * `validateTrustPolicy` from `node.addValidation` and turn the result into synth errors, warnings and info.
 */

/** What to judge. */
export interface TrustPolicyCheck {
  /**
   * The trust policy as it will be deployed: resolved, with the provider ARN written as a string in the most
   * conservative (longest) form when the partition or account is not known at synth (see deployed-form.ts).
   */
  readonly deployedPolicy: DeployedPolicy;
  /** The audience the role must pin; undefined for the validator's default. */
  readonly audience?: string;
  /** Issuer URLs of the OIDC providers of the role's template, by logical ID. */
  readonly providerUrls?: ProviderUrls;
  /** The account's trust-policy size quota, in characters of compact JSON. */
  readonly sizeLimit: number;
  /** The template's `Mappings`, when the policy reads one (`Fn::FindInMap`). */
  readonly templateMappings?: { [map: string]: unknown };
  /** Acknowledgements recorded on the role. */
  readonly acknowledgements: TrustAcknowledgement[];
  /** The role's account when the stack's is written out (not a token): a provider of another account is reported. */
  readonly roleAccount?: string;
}

/** The outcome, ready for `addValidation` and `Annotations`. */
export interface TrustPolicyCheckResult {
  /** Messages that fail the synth. */
  readonly errors: string[];
  /** Unacknowledged warnings: rule ID and message. */
  readonly warnings: { readonly ruleId: string; readonly message: string }[];
  /** Acknowledged findings with their reasons: shown on the role, so the choice stays visible where it was made. */
  readonly infos: string[];
  /** Findings of INFO rules: gathered per stack (stack-notes.ts), one annotation per rule however many roles. */
  readonly notes: TrustNote[];
}

/** One INFO finding of a role. */
export interface TrustNote {
  readonly ruleId: string;
  /** The finding as a role's own message would say it: `<RuleId>: <message> Fix: <fix>`. */
  readonly text: string;
  /** The value it is about, e.g. the `sub` value trusted by name only. */
  readonly value?: string;
}

/** Rule IDs the constructs refer to (the catalogue is src/analysis/validate/rules). */
export const POLICY_SIZE_EXCEEDED = 'PolicySizeExceeded';

// The validator's fixes speak of policies in general; on a construct, the same fix is a prop.
const CONSTRUCT_FIXES: { [ruleId: string]: string } = {
  [POLICY_SIZE_EXCEEDED]: 'split the subjects across several roles, or raise the account\'s ACLSizePerRole quota in ' +
    'Service Quotas and set trustPolicySizeLimit to the new quota.',
};

/** The account of a stack when it is written out (an env with an account), for `TrustPolicyCheck.roleAccount`. */
export function literalAccount(stack: Stack): string | undefined {
  const account = stack.account;
  return !Token.isUnresolved(account) && /^\d{12}$/.test(account) ? account : undefined;
}

/** Judges a role's trust policy. Never throws (the validator reports its own failures as findings). */
export function validateTrustPolicy(check: TrustPolicyCheck): TrustPolicyCheckResult {
  const errors: string[] = [];
  const warnings: { ruleId: string; message: string }[] = [];
  const infos: string[] = [];
  const notes: TrustNote[] = [];
  const acknowledgedRules = new Set<string>();
  const findings = TrustPolicyValidator.validate(check.deployedPolicy.document, {
    expectedAudience: check.audience === undefined || Token.isUnresolved(check.audience) ? undefined : check.audience,
    providerUrls: check.providerUrls,
    sizeLimit: check.sizeLimit,
    templateMappings: check.templateMappings,
    roleAccount: check.roleAccount,
  });
  const { assumedPartition: assumed, shortestDocument } = check.deployedPolicy;
  for (const original of mergeSubjectForms(findings)) {
    // Where the size depends on a partition the stack does not know, say which one was counted; when the policy
    // fits in the shortest partition, it may well deploy: a warning, not an error.
    const partitionDecides = original.ruleId === POLICY_SIZE_EXCEEDED && assumed !== undefined;
    const fitsShortest = partitionDecides && fitsIn(shortestDocument, check.sizeLimit);
    const finding = partitionDecides ? {
      ...original,
      severity: fitsShortest ? FindingSeverity.WARNING : original.severity,
      message: `${withoutStop(original.message)} (the provider ARN counted in partition "${assumed}", the longest, since ` +
        `this stack's partition is not known at synth${fitsShortest ? '; in partition "aws" it fits' : ''}: give the stack ` +
        'an env with its region to count it exactly).',
    } : original;
    // Facts, and findings that let any owner in, are never acknowledged, whatever metadata a template was given by hand.
    const reasons = acknowledgingReasons(finding, check.acknowledgements);
    if (reasons.length > 0) {
      // Recorded in the template with its reason; shown as information so the choice stays visible, once per rule
      // (a role trusting both subject forms has the same finding for each).
      if (acknowledgedRules.has(finding.ruleId)) continue;
      acknowledgedRules.add(finding.ruleId);
      infos.push(withRuleId(`${finding.ruleId} (${finding.severity.toLowerCase()}) acknowledged: ` +
        `${reasons.join('; ')} [${sentence(finding.message)}]`, finding.ruleId));
    } else if (finding.severity === FindingSeverity.ERROR) {
      // CDK prefixes each validation message with the construct path: `[Stack/Role] <RuleId>: ...`.
      errors.push(`${describe(finding)} ${acknowledgeHint(finding, check.acknowledgements)}`);
    } else if (finding.severity === FindingSeverity.WARNING) {
      warnings.push({ ruleId: finding.ruleId, message: withRuleId(`${describe(finding)} ${acknowledgeHint(finding, check.acknowledgements)}`, finding.ruleId) });
    } else {
      notes.push(noteOf(finding));
    }
  }
  return { errors, warnings, infos, notes };
}

/**
 * How to acknowledge a deliberate choice, in the one way the user's aws-cdk-lib offers: CDK's own
 * `Validations.acknowledge` where it exists (the ID the CDK CLI also prints), else `TrustAcknowledgements`. Facts (an
 * unreadable or oversized policy) can only be fixed.
 */
function acknowledgeHint(finding: TrustPolicyFinding, acknowledgements: readonly TrustAcknowledgement[]): string {
  const ruleId = finding.ruleId;
  if (UNACKNOWLEDGEABLE_RULE_IDS.includes(ruleId)) return '';
  if (finding.admitsAnyOwner) {
    const written = acknowledgements.some((ack) => ack.ruleId === ruleId);
    return `Anyone on GitHub could assume the role, so no acknowledgement accepts it${written ? ` (the role's acknowledgement of ${ruleId} does not)` : ''}.`;
  }
  if (needsValueAcknowledgement(finding)) {
    // Which repositories get in is the choice: accepted value by value, never by rule (CDK's acknowledgements name a rule).
    if (finding.value === undefined) return 'Its value is not text (a CloudFormation expression), so no acknowledgement can name it: fix it.';
    const value = finding.value;
    const unbound = acknowledgements.some((ack) => ack.ruleId === ruleId && ack.value === undefined);
    return `To accept it as deliberate, record why for this value: TrustAcknowledgements.add(role, '${ruleId}', reason, ` +
      `${JSON.stringify(value)}) (GitHubDeployRole: acknowledgements: [{ ruleId: '${ruleId}', reason: '...', value: ` +
      `${JSON.stringify(value)} }])${unbound ? `; the role's acknowledgement of ${ruleId} names no value, and covers none of its findings` : ''}.`;
  }
  if (hasCdkValidations()) {
    return `To accept it as deliberate, record why: Validations.of(role).acknowledge({ id: '${cdkRuleId(ruleId)}', ` +
      'reason: \'...\' }).';
  }
  return `To accept it as deliberate, record why: TrustAcknowledgements.add(role, '${ruleId}', reason) ` +
    `(GitHubDeployRole: acknowledgements: [{ ruleId: '${ruleId}', reason: '...' }]).`;
}

/**
 * The rule's CDK ID at the end of an annotation, `(cdk-github-deploy-roles::RuleId)`: the CDK CLI reads it there
 * and prints it as the ID to acknowledge, instead of a generic `Annotation::warning-annotation` that would silence
 * every plain warning of the construct without a reason.
 */
export function withRuleId(message: string, ruleId: string): string {
  return `${message} (${cdkRuleId(ruleId)})`;
}

/**
 * An INFO finding as a note, its text written when first read: a stack of many roles with the same note prints the
 * rule once with the roles' values, so most notes' texts are never read (describe took about 4 ms of a 450-role synth in a profile).
 */
function noteOf(finding: TrustPolicyFinding): TrustNote {
  let text: string | undefined;
  return {
    ruleId: finding.ruleId,
    get text() {
      return (text ??= describe(finding));
    },
    ...(finding.value !== undefined ? { value: finding.value } : {}),
  };
}

/** `<RuleId>: <message> (value: "<value>") Fix: <fix>`, the value only where the message does not quote it. */
export function describe(finding: TrustPolicyFinding): string {
  const value = finding.value !== undefined && !finding.message.includes(finding.value) ? ` (value: ${JSON.stringify(finding.value)})` : '';
  const fix = CONSTRUCT_FIXES[finding.ruleId] ?? finding.fix;
  return `${finding.ruleId}: ${sentence(`${withoutStop(finding.message)}${value}`)} Fix: ${sentence(fix)}`;
}

/** Whether a document's compact JSON fits the quota (the measure `PolicySizeExceeded` uses). */
function fitsIn(document: unknown, limit: number): boolean {
  try {
    return compactSize(document).size <= limit;
  } catch {
    return false;
  }
}

function withoutStop(text: string): string {
  return text.trim().replace(/\.$/, '');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
