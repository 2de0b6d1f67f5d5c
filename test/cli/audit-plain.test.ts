/**
 * The audit reads a policy of the plain shape once, through plain-policy.ts (`readPlainPolicy`), instead of parsing it
 * for what it trusts and handing that reading to the validator. What it lists and finds must be what the general reading
 * lists and finds, for every role whose policy is in the shape or at its edges.
 */
import fc from 'fast-check';
import { decodePolicyText, parsePolicy } from '../../src/analysis/policy/document';
import { readPlainPolicy, readPlainPolicyText } from '../../src/analysis/validate/plain-policy';
import { auditRole, auditRoles } from '../../src/cli/audit/report';
import { RoleInput, roleAccountOf } from '../../src/cli/input/roles';
import { document, G } from '../analysis/validate/plain-policy-shapes';

/** The keys of a policy's first StringEquals block (if it has one) in the order `order` sorts them. */
function withBlockOrder(policy: any, order: number[]): any {
  const block = policy?.Statement?.[0]?.Condition?.StringEquals;
  if (block === null || typeof block !== 'object' || Array.isArray(block)) return policy;
  const keys = Object.keys(block);
  const ranked = keys.map((key, index) => ({ key, rank: order[index % order.length] ?? 0, index }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  const reordered = Object.fromEntries(ranked.map(({ key }) => [key, block[key]]));
  const statement = { ...policy.Statement[0], Condition: { ...policy.Statement[0].Condition, StringEquals: reordered } };
  return { ...policy, Statement: [statement, ...policy.Statement.slice(1)] };
}

/**
 * The policy as an export or a template may give it: an object, JSON text, URL-encoded JSON text (as IAM returns it),
 * or text that writes a key twice (which only the rules see, so the plain reading must leave it to them).
 */
function inForm(policy: unknown, form: 'object' | 'json' | 'url-encoded' | 'duplicate key'): unknown {
  const text = JSON.stringify(policy);
  if (form === 'object' || text === undefined) return policy;
  if (form === 'json') return text;
  if (form === 'url-encoded') return encodeURIComponent(text);
  return text.startsWith('{') ? `{"Version":"2012-10-17",${text.slice(1)}` : text;
}

const role = fc.record({
  policy: fc.tuple(document, fc.array(fc.nat(5), { minLength: 4, maxLength: 4 }),
    fc.constantFrom('object' as const, 'json' as const, 'url-encoded' as const, 'duplicate key' as const))
    .map(([policy, order, form]) => inForm(withBlockOrder(policy, order), form)),
  arn: fc.constantFrom(undefined, 'arn:aws:iam::123456789012:role/deploy', 'arn:aws:iam::210987654321:role/deploy',
    'arn:aws-us-gov:iam::210987654321:role/deploy', 'not an arn'),
  providerUrls: fc.constantFrom(undefined, { GitHubProvider: `https://${G}` }),
  mappings: fc.constantFrom(undefined, { M: { a: { b: 'c' } } }),
  acknowledgements: fc.constantFrom(undefined, [{ ruleId: 'RepositoryIdNotPinned', reason: 'the repository is not renamed' }],
    [{ ruleId: 'SubWildcardRepository', reason: 'every repository of acme' }]),
}).map((parts): RoleInput => {
  const input: { [key: string]: unknown } = { file: 'export.json', shape: 'authorization-details', roleName: 'deploy' };
  for (const [key, value] of Object.entries(parts)) if (value !== undefined) input[key] = value;
  return input as unknown as RoleInput;
});

const optionsOf = (input: RoleInput) => ({ providerUrls: input.providerUrls, templateMappings: input.mappings, roleAccount: roleAccountOf(input) });

describe('audit: a policy of the plain shape read once', () => {
  test('lists what the general reading lists and finds what it finds (issuers, subjects, repositories in order, findings)', () => {
    let plainObjects = 0;
    let plainTexts = 0;
    let runs = 0;
    fc.assert(fc.property(role, (input) => {
      runs++;
      if (typeof input.policy !== 'string') {
        if (readPlainPolicy(input.policy, optionsOf(input)) !== undefined) plainObjects++;
      } else if (readPlainPolicyText(parsePolicy(decodePolicyText(input.policy)), optionsOf(input)) !== undefined) {
        plainTexts++;
      }
      expect(auditRole(input)).toEqual(auditRole(input, false));
    }), { numRuns: Number(process.env.PLAIN_RUNS ?? 4000) });
    // Not vacuous: a share of the roles take the plain reading, as objects and as text. Objects are one form in four:
    // 24 to 45 of 4,000 in six runs (mean about 34), texts 52 to 91; floors far below both, so the seed never trips them.
    expect(plainObjects).toBeGreaterThan(runs / 400);
    expect(plainTexts).toBeGreaterThan(runs / 200);
    // 4,000 roles, a third of them parsed from text: more than jest's 5 s on a loaded machine.
  }, 120_000);

  test('a plain role with its IDs pinned lists its one repository with the pin, in the order the keys are written', () => {
    const block = {
      [`${G}:repository_id`]: '456789',
      [`${G}:aud`]: 'sts.amazonaws.com',
      [`${G}:repository_owner_id`]: '1844662',
      [`${G}:sub`]: ['repo:acme/web:environment:production', 'repo:acme@1844662/web@456789:environment:production'],
    };
    const policy = {
      Version: '2012-10-17',
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: block },
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` },
      }],
    };
    const input = { file: 'export.json', shape: 'authorization-details', roleName: 'deploy', policy } as unknown as RoleInput;
    expect(readPlainPolicy(policy, optionsOf(input))).toBeDefined();
    const report = auditRoles(['export.json'], [input]);
    expect(report.roles).toHaveLength(1);
    expect(report.roles[0]).toMatchObject({
      issuers: [`https://${G}`],
      subjects: block[`${G}:sub`],
      repositories: ['repository_id:456789', 'acme/web', 'acme@1844662/web@456789'],
      findings: [],
    });
  });

  test('a policy given as text that writes a key twice is read the general way (only the text shows it)', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${G}:aud`]: 'sts.amazonaws.com', [`${G}:sub`]: 'repo:acme/web:environment:production' } },
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` },
      }],
    }).replace(`"${G}:sub"`, `"${G}:sub":"repo:*","${G}:sub"`);
    const input = { file: 'export.json', shape: 'authorization-details', roleName: 'deploy', policy: text } as unknown as RoleInput;
    const audited = auditRole(input);
    expect(audited?.findings.map((finding) => finding.ruleId)).toContain('DuplicateJsonKey');
    expect(audited).toEqual(auditRole(input, false));
  });
});
