import { UNACKNOWLEDGEABLE_RULE_IDS } from '../../analysis/acknowledgements';
import { TrustPolicyValidator } from '../../analysis/validate/validator';
import { fail } from '../../model/errors';
import type { TrustAcknowledgement } from '../acknowledgements';

/** Shortest reason accepted: long enough to say why (cdk-nag asks the same of its suppressions). */
const MIN_REASON_LENGTH = 10;
const RULE_ID = /^[A-Z][A-Za-z0-9]{0,99}$/;

/** Checks one acknowledgement and returns a clean copy of it. */
export function checkAcknowledgement(acknowledgement: TrustAcknowledgement, field = 'acknowledgement'): TrustAcknowledgement {
  if (acknowledgement === null || typeof acknowledgement !== 'object') {
    fail(field, acknowledgement, 'an object with ruleId and reason');
  }
  const { ruleId, reason, value } = acknowledgement;
  if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) {
    fail(`${field} ruleId`, ruleId, 'a rule ID in PascalCase, e.g. "PullRequestSubject"');
  }
  // Any rule of the catalogue can be acknowledged (an org-wide read-only role is a deliberate `repo:acme/*`), except
  // findings that are facts rather than choices: an unreadable policy, or one IAM will refuse to store. Checking
  // against the catalogue also catches a misspelled ID, which would otherwise acknowledge nothing.
  const rule = TrustPolicyValidator.rules().find((candidate) => candidate.ruleId === ruleId);
  if (!rule || UNACKNOWLEDGEABLE_RULE_IDS.includes(ruleId)) {
    const acknowledgeable = TrustPolicyValidator.rules().map((candidate) => candidate.ruleId)
      .filter((id) => !UNACKNOWLEDGEABLE_RULE_IDS.includes(id));
    fail(`${field} ruleId`, ruleId, rule
      ? `a rule that describes a choice; ${ruleId} describes a policy that cannot be deployed or read, which must be fixed`
      : `the ID of a rule: ${acknowledgeable.join(', ')}`);
  }
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    fail(`${field} reason for ${ruleId}`, reason,
      `a reason of at least ${MIN_REASON_LENGTH} characters saying why the choice is deliberate; it is recorded in the template`);
  }
  if (value !== undefined && (typeof value !== 'string' || value === '')) {
    fail(`${field} value for ${ruleId}`, value, 'the value the finding quotes, e.g. "repo:acme/*", or no value');
  }
  return value === undefined ? { ruleId, reason: reason.trim() } : { ruleId, reason: reason.trim(), value };
}

/** A copy of a list of acknowledgements, each checked. */
export function checkAcknowledgements(value: unknown): TrustAcknowledgement[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail('acknowledgements', value, 'a list of { ruleId, reason, value? }');
  return value.map((item, index) => checkAcknowledgement(item, `acknowledgements[${index}]`));
}
