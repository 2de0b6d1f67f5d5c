import { normalizeClaims } from '../../src/cli/token/claims';
import { decodeJwt, expiryNote, extractJwt } from '../../src/cli/token/jwt';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HEADER = { alg: 'RS256', typ: 'JWT', kid: 'k1' };
const PAYLOAD = { sub: 'repo:acme/web:ref:refs/heads/main', aud: 'sts.amazonaws.com', exp: 1700000000, ref_protected: false };
const JWT = `${b64(HEADER)}.${b64(PAYLOAD)}.c2lnbmF0dXJl`;

describe('decodeJwt', () => {
  test('decodes the header and the payload without verifying the signature', () => {
    expect(decodeJwt(JWT, '--token')).toEqual({ header: HEADER, payload: PAYLOAD });
  });

  test('decodes base64url characters that plain base64 would not (- and _)', () => {
    // GIVEN a payload whose encoding holds '-' or '_'
    const payload = { sub: '>>>???' };
    const encoded = b64(payload);
    expect(encoded).toMatch(/[-_]/);
    expect(decodeJwt(`${b64(HEADER)}.${encoded}.x`, 't').payload).toEqual(payload);
  });

  test.each([
    ['abc', /--token: not a JWT \(1 part separated by "."\): expected header\.payload\.signature/],
    ['a.b', /not a JWT \(2 parts/],
    ['a.b.c.d.e', /an encrypted token \(JWE, 5 parts\)/],
    [`${b64(HEADER)}.not base64!.x`, /the JWT payload is not base64url/],
    [`${b64(HEADER)}.${Buffer.from('not json').toString('base64url')}.x`, /the JWT payload does not decode to JSON/],
    [`${b64(HEADER)}.${b64([1, 2])}.x`, /the JWT payload decodes to an array: expected a JSON object/],
    [`.${b64(PAYLOAD)}.x`, /not a JWT/],
  ])('%s is refused', (token, message) => {
    expect(() => decodeJwt(token, '--token')).toThrow(message);
  });
});

describe('extractJwt', () => {
  test.each([
    [`  ${JWT}\n`],
    [`Bearer ${JWT}`],
    [JSON.stringify({ count: 1, value: JWT })],
  ])('finds the token in %#', (text) => {
    expect(extractJwt(text, 'file')).toBe(JWT);
  });

  test.each([
    ['{"sub": "x"}', /a JSON object without a "value" string: .*for a claims object use --claims/],
    ['{oops', /starts with "\{" but is not JSON/],
  ])('%s is refused', (text, message) => {
    expect(() => extractJwt(text, 'file')).toThrow(message);
  });
});

describe('expiryNote', () => {
  test('notes a token that has expired, and only then', () => {
    expect(expiryNote({ exp: 1700000000 }, new Date(1700000001000))).toMatch(/^the token expired at 2023-11-14T22:13:20\.000Z: STS would refuse it \(ExpiredTokenException\)/);
    expect(expiryNote({ exp: 1700000000 }, new Date(1699999999000))).toBeUndefined();
    expect(expiryNote({}, new Date())).toBeUndefined();
    expect(expiryNote({ exp: 'soon' }, new Date())).toBeUndefined();
  });
});

describe('normalizeClaims', () => {
  test('keeps strings, writes numbers and booleans as text, unwraps one-element arrays, and lists what it leaves out', () => {
    const { claims, ignored } = normalizeClaims({ sub: 's', exp: 17, ref_protected: false, aud: ['a'], groups: ['x', 'y'], nested: { a: 1 }, gone: null }, 'c.json');
    expect(claims).toEqual({ sub: 's', exp: '17', ref_protected: 'false', aud: 'a' });
    expect(ignored).toEqual(['groups (2 values; GitHub\'s claims hold one)', 'nested (an object)']);
  });

  test.each([
    [[], /c\.json: holds an array: expected a JSON object of token claims/],
    ['text', /holds a string/],
    [null, /holds null/],
    [{}, /c\.json: holds no claims: expected at least "sub", "aud" and "iss"/],
  ])('%j is refused', (value, message) => {
    expect(() => normalizeClaims(value, 'c.json')).toThrow(message);
  });
});
