import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { policyReadings } from '../../../src/analysis/evaluate/readings';

const G = 'token.actions.githubusercontent.com';
const SUB = `${G}:sub`;
const ARN = `arn:aws:iam::123456789012:oidc-provider/${G}`;
const evil = { iss: `https://${G}`, aud: 'sts.amazonaws.com', sub: 'repo:evil/x:ref:refs/heads/main', repository: 'evil/x' };
const web = { ...evil, sub: 'repo:acme/web:ref:refs/heads/main', repository: 'acme/web' };

const policy = (condition: object, principal: unknown = ARN, more: object[] = []) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: principal }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }, ...more],
});
const admittedUnder = (document: unknown, token: { [claim: string]: string }) => policyReadings(document)
  .filter((reading) => TrustPolicyEvaluator.evaluate(reading.document, token).allowed).map((reading) => reading.description);

describe('policyReadings', () => {
  test('a policy that leaves nothing open has one reading, as written, the document itself', () => {
    const document = policy({ StringEquals: { [SUB]: 'repo:acme/web:ref:refs/heads/main' } });
    expect(policyReadings(document)).toEqual([{ description: 'as written', document }]);
  });

  test.each([
    ['an operator in another case, passed over', { StringLIKE: { [SUB]: 'repo:acme/web:*' } }, ARN, 'whose operator is not written as AWS spells one'],
    ['an operator with white space after it, passed over', { 'StringLike ': { [SUB]: 'repo:acme/web:*' } }, ARN, 'whose operator is not written as AWS spells one'],
    ['a sub with an empty list of values, ignored', { StringLike: { [SUB]: [] } }, ARN, 'with each condition that has an empty list of values ignored'],
    ['a key written twice in different case, the loose spelling kept', { StringLike: { [SUB]: 'repo:acme/web:*', [SUB.toUpperCase()]: 'repo:*' } }, ARN,
      'with only the last spelling'],
    ['a provider ARN in capitals, matched', { StringLike: { [SUB]: 'repo:*' } }, ARN.toUpperCase(), 'with provider ARNs matched without regard to case'],
    ['a wildcard principal, matched as a pattern', {}, 'arn:aws:iam::123456789012:oidc-provider/*', 'with provider ARNs matched'],
    ['a wildcard principal that is no ARN, matched as a pattern', {}, `*:oidc-provider/${G}`, 'with provider ARNs matched'],
    ['a wildcard principal with white space around it, matched as a pattern', {}, ' arn:aws:iam::123456789012:oidc-provider/* ', 'with provider ARNs matched'],
    ['a spaced principal, trimmed', {}, ` ${ARN}`, 'with white space trimmed from principals and actions'],
  ])('another repository\'s run is refused as written, admitted under a reading: %s', (_name, condition, principal, reading) => {
    const document = policy(condition, principal);
    expect(TrustPolicyEvaluator.evaluate(document, evil).allowed).toBe(false);
    const admitted = admittedUnder(document, evil);
    expect(admitted.length).toBeGreaterThan(0);
    expect(admitted.some((description) => description.includes(reading))).toBe(true);
  });

  test.each([
    ['every enterprise of github.com', `arn:aws:iam::123456789012:oidc-provider/${G}/*`, `${G}/acme`],
    ['enterprises whose slug starts with acm', `arn:aws:iam::123456789012:oidc-provider/${G}/acm*`, `${G}/acme`],
    ['every GHE.com enterprise', 'arn:aws:iam::123456789012:oidc-provider/token.actions.*.ghe.com', 'token.actions.octo.ghe.com'],
  ])('a pattern of enterprise providers (%s) is matched as the provider of the enterprise its keys name', (_name, principal, issuer) => {
    const document = policy({ StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${issuer}:sub`]: 'repo:*' } }, principal);
    const token = { ...evil, iss: `https://${issuer}` };
    expect(TrustPolicyEvaluator.evaluate(document, token).allowed).toBe(false);
    expect(admittedUnder(document, token)).toEqual(['with provider ARNs matched without regard to case or Region, and wildcards in them as patterns']);
    // A token of another enterprise the pattern covers carries its own issuer's keys, which the conditions do not name.
    expect(admittedUnder(document, { ...token, iss: `https://${issuer.replace(/acme|octo/, 'other')}` })).toEqual([]);
  });

  test('readings combine: a trimmed key makes a negated condition bite, so a spaced principal alone trimmed admits', () => {
    // As written the principal names no provider; trimmed, it does, and the spaced key of the Deny-like negation is void
    // unless it is trimmed too. Only the combination "principal trimmed, key as written" admits the attacker.
    const document = policy({ StringEquals: { [`${G}:aud`]: 'sts.amazonaws.com' }, StringNotLike: { [` ${SUB}`]: 'repo:evil/*' }, StringLike: { [SUB]: 'repo:*' } },
      ` ${ARN}`);
    const admitted = admittedUnder(document, evil);
    expect(admitted).toEqual(['with white space trimmed from principals and actions']);
  });

  test('a key with white space: as written the own repository is refused too, trimmed it is admitted', () => {
    const document = policy({ StringEquals: { [` ${SUB}`]: 'repo:acme/web:ref:refs/heads/main' } });
    expect(TrustPolicyEvaluator.evaluate(document, web).allowed).toBe(false);
    expect(admittedUnder(document, web)).toEqual(['with white space trimmed from condition operators and keys']);
  });

  test('choices of a template are read too: the whole document, a statement, or a condition block behind Fn::If', () => {
    const loose = policy({ StringLIKE: { [SUB]: 'repo:acme/web:*' } });
    for (const document of [
      { 'Fn::If': ['IsProd', policy({ StringEquals: { [SUB]: 'repo:acme/web:ref:refs/heads/main' } }), loose] },
      { Version: '2012-10-17', Statement: [{ 'Fn::If': ['IsProd', loose.Statement[0], { Ref: 'AWS::NoValue' }] }] },
      policy({ 'Fn::If': ['IsProd', { StringLIKE: { [SUB]: 'repo:acme/web:*' } }, { StringEquals: { [SUB]: 'repo:acme/web:ref:refs/heads/main' } }] }),
    ]) {
      const readings = policyReadings(document);
      expect(readings.map((reading) => reading.description)).toEqual(['as written', expect.stringContaining('not written as AWS spells one')]);
      expect(JSON.stringify(readings[1].document)).not.toContain('StringLIKE');
    }
  });

  test('open questions multiply: each combination of the other readings, the evaluator\'s first', () => {
    const document = policy({ StringLIKE: { [SUB]: 'repo:acme/web:*', [SUB.toUpperCase()]: 'repo:acme/web:*' }, StringLike: { [SUB]: [] } });
    const descriptions = policyReadings(document).map((reading) => reading.description);
    // empty lists (2 ways) x operators (2) x a key written twice (3: both, first, last)
    expect(descriptions).toHaveLength(12);
    expect(descriptions[0]).toBe('as written');
    expect(new Set(descriptions).size).toBe(12);
  });

  test.each([['text', 'not a policy'], ['null', null], ['a number', 7], ['no statements', { Version: '2012-10-17' }],
    ['statements that are not objects', { Statement: [1, 'x', null] }], ['a condition that is not an object', policy([] as any)]])(
    '%s: read as written only, without throwing', (_name, document) => {
      expect(policyReadings(document)).toEqual([{ description: 'as written', document }]);
    });

  test('the caller\'s document is never changed', () => {
    const document = policy({ StringLIKE: { [` ${SUB}`]: ['repo:*'], [SUB]: [] } }, ` ${ARN.toUpperCase()}`);
    const before = JSON.stringify(document);
    expect(policyReadings(document).length).toBeGreaterThan(1);
    expect(JSON.stringify(document)).toBe(before);
  });
});

test('a condition operator or key named "__proto__" stays a name in a rewritten reading', () => {
  const conditions = JSON.parse(`{"__proto__ ": {"x": 1}, "StringLike": {"__proto__": "a", " ${SUB}": "repo:acme/web:*"}}`);
  const trimmed = policyReadings(policy(conditions)).find((reading) => reading.description === 'with white space trimmed from condition operators and keys')!;
  const rewritten = (trimmed.document as any).Statement[0].Condition;
  expect(Object.getPrototypeOf(rewritten)).toBe(Object.prototype);
  expect(Object.keys(rewritten)).toEqual(['__proto__', 'StringLike']);
  expect(Object.keys(rewritten.StringLike)).toEqual(['__proto__', SUB]);
});
