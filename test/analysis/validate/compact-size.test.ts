import * as fc from 'fast-check';
import { compactSize } from '../../../src/analysis/validate/compact-size';

// CDK's rendering of `arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com`.
const PROVIDER_ARN_JOIN = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':oidc-provider/token.actions.githubusercontent.com']],
};
const SHORTEST_PROVIDER_ARN = 'arn:aws:iam::000000000000:oidc-provider/token.actions.githubusercontent.com';

describe('compactSize', () => {
  test('property: a JSON value without expressions measures what JSON.stringify writes', () => {
    // GIVEN any JSON value (strings with escapes, lone surrogates and non-ASCII text included)
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      // WHEN measured THEN its length is that of its compact JSON, and nothing is estimated
      expect(compactSize(value)).toEqual({ size: JSON.stringify(value).length, intrinsics: 0 });
    }), { numRuns: 500 });
  });

  test('property: values JSON leaves out or writes as null count as JSON.stringify counts them', () => {
    const odd = fc.constantFrom(undefined, () => 1, Symbol('s'), Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21, 1e-7);
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(odd, fc.array(odd))), (value) => {
      expect(compactSize(value).size).toBe(JSON.stringify(value).length);
    }));
  });

  test('counts each CloudFormation expression at its shortest text, and says how many it estimated', () => {
    // GIVEN a policy whose principal is CDK's Fn::Join and one value a Ref to an unknown parameter
    const document = { Statement: [{ Principal: { Federated: PROVIDER_ARN_JOIN }, Condition: { StringLike: { sub: [{ Ref: 'Subject' }, 'x'] } } }] };
    // WHEN measured
    const measured = compactSize(document);
    // THEN the length is that of the document with the expressions written out at their shortest
    const resolved = { Statement: [{ Principal: { Federated: SHORTEST_PROVIDER_ARN }, Condition: { StringLike: { sub: ['', 'x'] } } }] };
    expect(measured).toEqual({ size: JSON.stringify(resolved).length, intrinsics: 2 });
  });

  test.each([
    ['a class instance (its own keys, as a copy has them)', { a: new Map([[1, 2]]), b: new Date(0), c: Object.assign(Object.create(null), { d: 'e' }) }, '{"a":{},"b":{},"c":{"d":"e"}}'],
    ['a "toJSON" key (kept in the copy, which JSON.stringify then calls)', { a: { toJSON: () => 'xyz', b: 1 } }, '{"a":"xyz"}'],
    ['an array of another class', { a: (class extends Array {}).from(['x']) }, '{"a":["x"]}'],
    ['an array with holes', { a: [, 'x'] }, '{"a":[null,"x"]}'], // eslint-disable-line no-sparse-arrays
  ])('measures %s exactly', (_name, document, expected) => {
    expect(compactSize(document).size).toBe(expected.length);
  });

  test.each([
    ['a BigInt', { a: BigInt(1) }],
    ['nesting deeper than 64 levels', JSON.parse('['.repeat(70) + ']'.repeat(70))],
  ])('throws for %s, as JSON.stringify or the depth limit would', (_name, document) => {
    expect(() => compactSize(document)).toThrow();
  });
});
