import { FindingSeverity } from '../../analysis/validate/finding';
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
  const { ruleId, reason } = acknowledgement;
  if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) {
    fail(`${field} ruleId`, ruleId, 'a rule ID in PascalCase, e.g. "PullRequestSubject"');
  }
  // Only warnings can be acknowledged: an error means the policy admits what it should not, whatever the reason.
  // Checking against the catalogue also catches a misspelled ID, which would otherwise acknowledge nothing.
  const warnings = TrustPolicyValidator.rules().filter((rule) => rule.severity === FindingSeverity.WARNING).map((rule) => rule.ruleId);
  if (!warnings.includes(ruleId)) {
    const known = TrustPolicyValidator.rules().find((rule) => rule.ruleId === ruleId);
    fail(`${field} ruleId`, ruleId, known
      ? `the ID of a warning; ${ruleId} is ${known.severity === FindingSeverity.ERROR ? 'an error, which must be fixed' : 'information only'}`
      : `the ID of a warning rule: ${warnings.join(', ')}`);
  }
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    fail(`${field} reason for ${ruleId}`, reason,
      `a reason of at least ${MIN_REASON_LENGTH} characters saying why the choice is deliberate; it is recorded in the template`);
  }
  return { ruleId, reason: reason.trim() };
}

/** A copy of a list of acknowledgements, each checked. */
export function checkAcknowledgements(value: unknown): TrustAcknowledgement[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail('acknowledgements', value, 'a list of { ruleId, reason }');
  return value.map((item, index) => checkAcknowledgement(item, `acknowledgements[${index}]`));
}
