/**
 * The comparisons of each operator family on their own (IAM User Guide, "Condition operators"), and the wildcard
 * matcher under them.
 */
import { findOperator } from '../../../src/analysis/evaluate/operators';
import { hasWildcard, literalText, wildcardMatches } from '../../../src/analysis/evaluate/wildcard';

function compares(operator: string, actual: string, expected: string): boolean {
  const spec = findOperator(operator);
  if (!spec) throw new Error(`no operator ${operator}`);
  return spec.test(actual, expected);
}

describe('wildcard patterns (StringLike)', () => {
  test.each([
    ['* matches any run, including / and :', 'repo:*', 'repo:acme/web:ref:refs/heads/main', true],
    ['* matches nothing', 'main*', 'main', true],
    ['* alone matches the empty string', '*', '', true],
    ['several * in a row act as one', 'a**b', 'ab', true],
    ['? is exactly one character', 'v?.0', 'v1.0', true],
    ['? is not zero characters', 'v?.0', 'v.0', false],
    ['? is not two characters', 'v?.0', 'v10.0', false],
    ['the pattern is anchored at both ends', 'acme', 'xacmex', false],
    ['a literal prefix must match', 'repo:acme/*', 'repo:acmex/web', false],
    ['a literal suffix must match', '*:environment:prod', 'repo:acme/web:environment:prod2', false],
    ['middle segments are found in order', 'a*b*c', 'axxbyyc', true],
    ['middle segments out of order do not match', 'a*c*b', 'axxbyyc', false],
    ['first and last segments may not overlap', 'ab*ba', 'aba', false],
    ['? inside a middle segment', 'x*a?c*y', 'x--abc--y', true],
    ['regex characters are literal', 'a.c', 'abc', false],
    ['brackets are literal, not a class', '[ab]', 'a', false],
    ['${*} is a literal star', 'a${*}', 'a*', true],
    ['${*} is not a wildcard', 'a${*}', 'ab', false],
    ['${?} is a literal question mark', 'a${?}', 'a?', true],
    ['${$} is a literal dollar', '${$}x', '$x', true],
    ['an unclosed ${ is literal text', 'a${*', 'a${xyz', true],
    ['matching is case-sensitive', 'Main', 'main', false],
  ])('%s: %s ~ %s', (_name, pattern, value, expected) => {
    // GIVEN a pattern WHEN a value is matched THEN IAM's wildcard semantics decide
    expect(wildcardMatches(pattern, value)).toBe(expected);
  });

  test('a hostile pattern runs in linear-ish time, not with exponential backtracking', () => {
    // GIVEN a pattern that makes a backtracking regex explode, and a long non-matching value
    const pattern = `${'a*'.repeat(30)}b`;
    const value = 'a'.repeat(5_000);

    // WHEN it is matched THEN it answers false (the run finishing at all is the point)
    expect(wildcardMatches(pattern, value)).toBe(false);
  });

  test.each([
    ['repo:acme/*', true],
    ['v?', true],
    ['repo:acme/${*}', false],
    ['plain', false],
  ])('hasWildcard(%s) is %s', (pattern, expected) => {
    expect(hasWildcard(pattern)).toBe(expected);
  });

  test('literalText turns the escapes into their characters', () => {
    expect(literalText('a${*}b${?}c${$}d${x}')).toBe('a*b?c$d${x}');
  });
});

describe('operator families', () => {
  test.each([
    ['StringEquals', 'abc', 'abc', true],
    ['StringEquals', 'abc', 'ABC', false],
    ['StringEquals', 'a*', 'a*', true],
    ['StringEquals', 'a*', 'a${*}', true],
    ['StringEqualsIgnoreCase', 'abc', 'ABC', true],
    ['StringLike', 'abc', 'a*', true],
    ['NumericEquals', '10', '10.0', true],
    ['NumericEquals', '10', 'ten', false],
    ['NumericGreaterThan', '11', '10', true],
    ['NumericGreaterThanEquals', '10', '10', true],
    ['NumericLessThanEquals', '10', '9', false],
    ['DateLessThan', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z', true],
    ['DateGreaterThan', '1767225600', '2025-12-31T00:00:00Z', true],
    ['DateEquals', '2026-01-01T00:00:00Z', '1767225600', true],
    ['DateEquals', 'yesterday', '1767225600', false],
    ['Bool', 'True', 'true', true],
    ['Bool', 'false', 'true', false],
    ['BinaryEquals', 'QmluYXJ5', 'QmluYXJ5', true],
    ['IpAddress', '192.0.2.17', '192.0.2.0/24', true],
    ['IpAddress', '192.0.3.17', '192.0.2.0/24', false],
    ['IpAddress', '10.1.2.3', '0.0.0.0/0', true],
    ['IpAddress', '192.0.2.17', '192.0.2.17', true],
    ['IpAddress', 'not-an-ip', '192.0.2.0/24', false],
    ['ArnLike', 'arn:aws:iam::123456789012:role/deploy', 'arn:aws:iam::*:role/*', true],
    ['ArnLike', 'arn:aws:iam::123456789012:role/deploy', 'arn:aws:iam::*', false],
    ['ArnEquals', 'arn:aws:s3:::bucket/a:b', 'arn:aws:s3:::bucket/*', true],
    // A wildcard in an ARN part does not cross into the next part.
    ['ArnLike', 'arn:aws:iam::123456789012:role/deploy', 'arn:*:role/deploy', false],
  ])('%s: %s against %s is %s', (operator, actual, expected, result) => {
    // GIVEN an operator's positive comparison WHEN applied THEN it compares as IAM does
    expect(compares(operator, actual, expected)).toBe(result);
  });

  test.each([
    ['StringNotEquals', true],
    ['StringNotEqualsIgnoreCase', true],
    ['StringNotLike', true],
    ['NumericNotEquals', true],
    ['DateNotEquals', true],
    ['NotIpAddress', true],
    ['ArnNotEquals', true],
    ['ArnNotLike', true],
    ['StringEquals', false],
    ['NumericLessThan', false],
    ['Bool', false],
  ])('%s is negated: %s', (operator, negated) => {
    expect(findOperator(operator)?.negated).toBe(negated);
  });

  test.each([
    ['NumericEquals', 'ten', 'is not a number'],
    ['DateLessThan', 'soon', 'is not an ISO 8601 date or a number of seconds since the epoch'],
    ['Bool', 'yes', 'is neither "true" nor "false"'],
    ['IpAddress', '192.0.2.0/33', 'is not an IPv4 address or CIDR range'],
    ['IpAddress', '2001:db8::/32', 'is an IPv6 address or range, which this evaluator does not compare'],
    ['ArnLike', 'role/*', 'is not an ARN (arn:partition:service:region:account:resource)'],
  ])('%s refuses the policy value %s', (operator, value, reason) => {
    expect(findOperator(operator)?.checkValue(value)).toBe(reason);
  });

  test('operator names are found without regard to case, and unknown names are not found', () => {
    expect(findOperator('stringlike')?.name).toBe('StringLike');
    expect(findOperator('StringMatches')).toBeUndefined();
  });
});
