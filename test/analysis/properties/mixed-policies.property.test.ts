/**
 * By attack, across rule boundaries: random trust policies mixing every operator (negated, IfExists, ForAnyValue,
 * ForAllValues, Null, ArnLike, misspelled case), key spellings in any case, variables, immutable and template
 * subjects, several statements (Deny too) and principals; tokens of other repositories (name-only and immutable).
 * Whenever the evaluator admits one, the validator must report an ERROR. (A search of 300,000 such policies found
 * one class, a negated job_workflow_ref alone, now SubMissing; this keeps the search in the suite.)
 */
import fc from 'fast-check';
import { attacker, G, hide, pol, subsInMappings } from './attack-policies';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';

test('no policy admits another repository\'s token without an ERROR', () => {
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, (policy, token) => {
    const options = { providerUrls: { P: `https://${G}` } };
    if (!TrustPolicyEvaluator.evaluate(policy, token, options).allowed) return;
    admitted++;
    const errors = TrustPolicyValidator.validate(policy, options).filter((finding) => finding.severity === 'ERROR');
    expect([policy, token.sub, errors.length > 0]).toEqual([policy, token.sub, true]);
  }), { numRuns: 6000 });
  // the generator does produce admitted tokens: the property is not vacuous
  expect(admitted).toBeGreaterThan(300);
});

// The same attack behind a CloudFormation choice (`hide`: top-level, per statement, NoValue, per Condition block,
// Fn::Select): CloudFormation deploys whichever the stack picks, so the validator must judge every way.
test('no policy admits another repository\'s token without an ERROR, when it is one branch of a CloudFormation condition', () => {
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, hide, (policy, token, hiding) => {
    const options = { providerUrls: { P: `https://${G}` } };
    if (!TrustPolicyEvaluator.evaluate(policy, token, options).allowed) return;
    admitted++;
    const hidden = hiding.hide(policy);
    const errors = TrustPolicyValidator.validate(hidden, options).filter((finding) => finding.severity === 'ERROR');
    expect([hidden, token.sub, errors.length > 0]).toEqual([hidden, token.sub, true]);
  }), { numRuns: 3000 });
  expect(admitted).toBeGreaterThan(150);
});

test('no policy admits another repository\'s token without an ERROR, when its sub values are read from the template\'s mappings', () => {
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, (policy, token) => {
    const options = { providerUrls: { P: `https://${G}` } };
    if (!TrustPolicyEvaluator.evaluate(policy, token, options).allowed) return;
    admitted++;
    const { hidden, templateMappings } = subsInMappings(policy);
    const errors = TrustPolicyValidator.validate(hidden, { ...options, templateMappings }).filter((finding) => finding.severity === 'ERROR');
    expect([hidden, token.sub, errors.length > 0]).toEqual([hidden, token.sub, true]);
  }), { numRuns: 2000 });
  expect(admitted).toBeGreaterThan(100);
});
