import { generatePolicies } from '../../../bench/generate/policies';
import { policyChoices } from '../../../src/analysis/policy/conditional';
import { parsePolicy } from '../../../src/analysis/policy/document';
import { gitHubStatements } from '../../../src/analysis/validate/github-statement';
import { TrustPolicyValidator, validateParsedPolicy } from '../../../src/analysis/validate/validator';

const G = 'token.actions.githubusercontent.com';
const providerUrls = { GitHubProvider: `https://${G}` };

/** The policy read as the audit reads it (auditRole in src/cli/audit/report.ts). */
function reading(document: unknown, mappings?: unknown) {
  const parsed = parsePolicy(document, { providerUrls });
  return { parsed, statements: gitHubStatements(parsed), choices: policyChoices(parsed, document, mappings as any) };
}

function statement(sub: unknown) {
  return {
    Effect: 'Allow',
    Principal: { Federated: { Ref: 'GitHubProvider' } },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { [`${G}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${G}:sub`]: sub } },
  };
}

describe('validateParsedPolicy (the audit reads a policy once)', () => {
  test('finds exactly what validate finds, on every shape of generated policy', () => {
    const policies = generatePolicies(2000, { seed: 7 });
    const kinds = new Set(policies.map((p) => p.kind));
    expect(kinds.size).toBeGreaterThan(10);
    for (const { document } of policies) {
      expect(validateParsedPolicy(document, reading(document), { providerUrls }))
        .toEqual(TrustPolicyValidator.validate(document, { providerUrls }));
    }
  });

  // The reading carries the policy's CloudFormation choices: the validator judges each variant from them, as it does
  // when it finds them itself; a Mappings given as a list is no Mappings section to either.
  test.each([
    ['an Fn::If between a narrow and an open sub', { Statement: [statement({ 'Fn::If': ['IsProd', 'repo:acme/web:ref:refs/heads/main', 'repo:*'] })] }, undefined],
    ['an Fn::FindInMap of the template\'s mappings', { Statement: [statement({ 'Fn::FindInMap': ['Subs', { Ref: 'Stage' }, 'Sub'] })] },
      { Subs: { dev: { Sub: 'repo:acme/web:*' }, prod: { Sub: 'repo:acme/*' } } }],
    ['an Fn::FindInMap with Mappings given as a list', { Statement: [statement({ 'Fn::FindInMap': ['Subs', 'dev', 'Sub'] })] }, []],
    ['no choice at all', { Statement: [statement('repo:*')] }, undefined],
  ])('%s', (_name, document, mappings) => {
    const options = { providerUrls, templateMappings: mappings as any };
    const expected = TrustPolicyValidator.validate(document, options);
    expect(expected.some((finding) => finding.severity === 'ERROR')).toBe(true);
    expect(validateParsedPolicy(document, reading(document, mappings), options)).toEqual(expected);
  });
});
