import { generatePolicies } from '../../../bench/generate/policies';
import { parsePolicy } from '../../../src/analysis/policy/document';
import { TrustPolicyValidator, validateParsedPolicy } from '../../../src/analysis/validate/validator';

describe('validateParsedPolicy (the audit reads a policy once)', () => {
  test('finds exactly what validate finds, on every shape of generated policy', () => {
    const policies = generatePolicies(2000, { seed: 7 });
    const kinds = new Set(policies.map((p) => p.kind));
    expect(kinds.size).toBeGreaterThan(10);
    for (const { document } of policies) {
      const providerUrls = { GitHubProvider: 'https://token.actions.githubusercontent.com' };
      expect(validateParsedPolicy(document, parsePolicy(document, { providerUrls }), { providerUrls }))
        .toEqual(TrustPolicyValidator.validate(document, { providerUrls }));
    }
  });
});
