/**
 * Properties that must hold for every input: the evaluator never throws and always answers in its contract's shape,
 * negated operators are the negation of their positive forms, and the wildcard matcher agrees with a reference.
 */
import fc from 'fast-check';
import { GITHUB, GITHUB_PROVIDER_ARN, key, trustPolicy } from './helpers';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { EvaluationDecision, TrustPolicyEvaluation } from '../../../src/analysis/evaluate/types';
import { wildcardMatches } from '../../../src/analysis/evaluate/wildcard';
import { GitHubIssuer } from '../../../src/model/issuer';

const OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericLessThan', 'DateGreaterThan', 'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress',
  'ArnLike', 'ArnNotEquals', 'Null',
];
const CLAIMS = ['sub', 'aud', 'environment', 'ref', 'repository', 'repository_id', 'event_name', 'workflow', 'Sub', 'iss'];

const operatorName = fc.oneof(
  fc.tuple(fc.constantFrom('', 'ForAnyValue:', 'ForAllValues:', 'forallvalues:'), fc.constantFrom(...OPERATORS),
    fc.constantFrom('', 'IfExists')).map(([qualifier, operator, suffix]) => `${qualifier}${operator}${suffix}`),
  fc.string(),
);
const conditionKey = fc.oneof(
  fc.constantFrom(...CLAIMS).map(key),
  fc.constantFrom('aws:SourceIp', `${GITHUB}/acme-corp:sub`, 'accounts.google.com:sub', 'TOKEN.ACTIONS.GITHUBUSERCONTENT.COM:SUB'),
  fc.string(),
);
const patternText = fc.stringMatching(/^[a-z:/*?${}.-]{0,12}$/);
const policyValue = fc.oneof(patternText, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const policyValues = fc.oneof(policyValue, fc.array(policyValue, { maxLength: 4 }));
const condition = fc.dictionary(operatorName, fc.oneof(fc.dictionary(conditionKey, policyValues, { maxKeys: 3 }), fc.jsonValue({ maxDepth: 1 })),
  { maxKeys: 3 });
const principal = fc.oneof(
  fc.constant({ Federated: GITHUB_PROVIDER_ARN }),
  fc.constant({ Federated: `arn:aws:iam::1:oidc-provider/${GITHUB}/acme-corp` }),
  fc.constant('*'),
  fc.constant({ AWS: '*' }),
  fc.constant({ Federated: { Ref: 'Provider' } }),
  fc.constant({ Federated: [GITHUB_PROVIDER_ARN, { 'Fn::GetAtt': ['Provider', 'Arn'] }] }),
  fc.jsonValue({ maxDepth: 2 }),
);
const statement = fc.record({
  Sid: fc.string(),
  Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), fc.jsonValue({ maxDepth: 1 })),
  Principal: principal,
  NotPrincipal: principal,
  Action: fc.oneof(fc.constantFrom('sts:AssumeRoleWithWebIdentity', 'sts:*', '*', 'sts:AssumeRole'), fc.jsonValue({ maxDepth: 1 })),
  NotAction: fc.constantFrom('sts:AssumeRole', 'sts:*'),
  Condition: fc.oneof(condition, fc.jsonValue({ maxDepth: 2 })),
}, { requiredKeys: ['Effect'] });
const policyShaped = fc.record({
  Version: fc.constant('2012-10-17'),
  Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })),
});
const inForm = (policy: fc.Arbitrary<unknown>) => fc.tuple(policy, fc.constantFrom('object', 'json', 'url-encoded')).map(([document, form]) =>
  form === 'object' ? document : form === 'json' ? JSON.stringify(document) : encodeURIComponent(JSON.stringify(document) ?? ''));
const claimsLike = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...CLAIMS), fc.string()), fc.oneof(patternText, fc.jsonValue({ maxDepth: 2 }), fc.anything()),
    { maxKeys: 8 }),
  fc.anything(),
);
const optionsLike = fc.oneof(
  fc.constant(undefined),
  fc.record({
    issuer: fc.constantFrom(GitHubIssuer.GITHUB_COM, GitHubIssuer.enterprise('acme-corp'), undefined, 'https://token.actions.githubusercontent.com'),
    action: fc.oneof(fc.constant('sts:AssumeRoleWithWebIdentity'), fc.string()),
    providerUrls: fc.oneof(fc.constant({ Provider: `https://${GITHUB}` }), fc.jsonValue({ maxDepth: 1 })),
  }, { requiredKeys: [] }),
  fc.anything(),
);

/** What every answer satisfies: the contract's shape, a decision that follows the statements, one-line sentences. */
function expectWellFormed(result: TrustPolicyEvaluation): void {
  expect(Object.values(EvaluationDecision)).toContain(result.decision);
  expect(result.allowed).toBe(result.decision === EvaluationDecision.ALLOWED);
  const applying = result.statements.filter((s) => s.applies);
  if (applying.some((s) => s.effect === 'Deny')) expect(result.decision).toBe(EvaluationDecision.EXPLICIT_DENY);
  else if (applying.some((s) => s.effect === 'Allow')) expect(result.decision).toBe(EvaluationDecision.ALLOWED);
  else expect(result.decision).toBe(EvaluationDecision.IMPLICIT_DENY);
  for (const s of result.statements) {
    expect(s.applies).toBe(s.principalMatched && s.actionMatched && s.conditions.every((c) => c.matched));
    for (const c of s.conditions) {
      expect(typeof c.explanation).toBe('string');
      expect(c.explanation).not.toMatch(/[\r\n]/);
      expect(c.expected.every((value) => typeof value === 'string')).toBe(true);
    }
  }
  expect(result.summary).not.toMatch(/[\r\n]/);
  expect(result.problems.every((problem) => typeof problem === 'string')).toBe(true);
  // The catch-all is a last resort: no input should reach it.
  expect(result.problems.join('\n')).not.toMatch(/the evaluation failed/);
}

describe('TrustPolicyEvaluator properties', () => {
  test('never throws on arbitrary JSON policies and arbitrary claims', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.anything(), (policy, token) => {
      expectWellFormed(TrustPolicyEvaluator.evaluate(policy, token as any));
    }), { numRuns: 300 });
  });

  test('never throws on arbitrary values of any type as policy, claims and options', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), fc.anything(), (policy, token, options) => {
      expectWellFormed(TrustPolicyEvaluator.evaluate(policy, token as any, options as any));
    }), { numRuns: 300 });
  });

  test('never throws on policy-shaped input with random operators, keys, values and principals, in every form', () => {
    fc.assert(fc.property(inForm(policyShaped), claimsLike, optionsLike, (policy, token, options) => {
      expectWellFormed(TrustPolicyEvaluator.evaluate(policy, token as any, options as any));
    }), { numRuns: 500 });
  });

  test('a negated string operator is the negation of its positive form on a present claim, and true on a missing one', () => {
    const pairs: Array<[string, string]> = [
      ['StringEquals', 'StringNotEquals'], ['StringLike', 'StringNotLike'], ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'],
    ];
    const values = fc.array(patternText, { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(fc.constantFrom(...pairs), values, fc.option(patternText, { nil: undefined }),
      ([positive, negated], written, sub) => {
        // GIVEN the same values under the positive and the negated operator
        const token: { [claim: string]: string } = sub === undefined ? {} : { sub };
        const matched = (operator: string) =>
          TrustPolicyEvaluator.evaluate(trustPolicy({ [operator]: { [key('sub')]: written } }), token).statements[0].conditions[0].matched;

        // THEN on a present claim one is the other's negation ("not any of"), and on a missing claim the negated one holds
        if (sub === undefined) {
          expect([matched(positive), matched(negated)]).toEqual([false, true]);
        } else {
          expect(matched(negated)).toBe(!matched(positive));
        }
      }), { numRuns: 300 });
  });

  test('the wildcard matcher agrees with a reference regular expression', () => {
    // Over an alphabet without regex metacharacters but `*` and `?`, the reference regex is a direct translation.
    const reference = (pattern: string, value: string) =>
      new RegExp(`^${[...pattern].map((char) => (char === '*' ? '[\\s\\S]*' : char === '?' ? '[\\s\\S]' : char)).join('')}$`).test(value);
    const small = fc.stringMatching(/^[ab:/*?]{0,10}$/);
    fc.assert(fc.property(small, fc.stringMatching(/^[ab:/*?]{0,12}$/), (pattern, value) => {
      expect(wildcardMatches(pattern, value)).toBe(reference(pattern, value));
    }), { numRuns: 2_000 });
  });
});
