/**
 * IAM condition operators: one pure comparison per operator family, over one token value and one policy value.
 * How several values, missing keys, negation, `...IfExists` and set qualifiers combine is conditions.ts's job.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { literalText, wildcardMatches } from './wildcard';

/** The operator families of the IAM condition grammar. */
export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** One condition operator, without set qualifier and `IfExists`. */
export interface OperatorSpec {
  /** The operator as AWS spells it, e.g. `StringNotLike`. */
  readonly name: string;
  readonly family: OperatorFamily;
  /**
   * Whether it is a negated matching operator (`StringNotEquals`, `NotIpAddress`, ...): true when no policy value
   * matches, and true when the key is missing.
   */
  readonly negated: boolean;
  /** Why a policy value cannot be used with this operator, or undefined when it can. */
  readonly checkValue: (expected: string) => string | undefined;
  /** Whether a token value matches one policy value under the operator's positive form. */
  readonly test: (actual: string, expected: string) => boolean;
  /** The positive comparison in words, e.g. `equals`, `matches`. */
  readonly verb: string;
  /** Its negation in words, e.g. `does not equal`. */
  readonly notVerb: string;
}

const anyValue = (): undefined => undefined;

const equalsExactly = (actual: string, expected: string) => actual === literalText(expected);
const equalsIgnoringCase = (actual: string, expected: string) =>
  actual.toLowerCase() === literalText(expected).toLowerCase();
const matchesPattern = (actual: string, expected: string) => wildcardMatches(expected, actual);

// IAM's numbers: integers and decimals, optionally signed.
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
function parseNumber(text: string): number | undefined {
  return NUMBER.test(text.trim()) ? Number(text) : undefined;
}

// IAM's dates: ISO 8601 (W3C profile) or seconds since the epoch.
function parseDate(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
  const time = Date.parse(trimmed);
  return Number.isNaN(time) ? undefined : time;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** An IPv4 address as a number from 0 to 2^32 - 1. */
function parseIpv4(text: string): number | undefined {
  const match = IPV4.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
}
/** An IPv4 address or CIDR range as its block size and the block's number: addresses in it share that number. */
function parseCidr(text: string): { size: number; block: number } | undefined {
  const [address, bits, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const base = parseIpv4(address);
  const prefix = bits === undefined ? 32 : /^\d{1,2}$/.test(bits) ? Number(bits) : NaN;
  if (base === undefined || !(prefix >= 0 && prefix <= 32)) return undefined;
  const size = 2 ** (32 - prefix);
  return { size, block: Math.floor(base / size) };
}

// An ARN has six colon-separated parts; the resource part may itself hold colons.
function splitArn(text: string): string[] | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
// ArnEquals and ArnLike behave alike: each part is compared on its own, `*` and `?` not crossing a colon.
function arnMatches(actual: string, expected: string): boolean {
  const actualParts = splitArn(actual);
  const expectedParts = splitArn(expected);
  if (!actualParts || !expectedParts) return false;
  return expectedParts.every((part, i) => wildcardMatches(part, actualParts[i]));
}

function compareNumbers(compare: (actual: number, expected: number) => boolean) {
  return (actual: string, expected: string) => {
    const a = parseNumber(actual);
    const e = parseNumber(expected);
    return a !== undefined && e !== undefined && compare(a, e);
  };
}
function compareDates(compare: (actual: number, expected: number) => boolean) {
  return (actual: string, expected: string) => {
    const a = parseDate(actual);
    const e = parseDate(expected);
    return a !== undefined && e !== undefined && compare(a, e);
  };
}
const numberValue = (expected: string) => (parseNumber(expected) === undefined ? 'is not a number' : undefined);
const dateValue = (expected: string) =>
  (parseDate(expected) === undefined ? 'is not an ISO 8601 date or a number of seconds since the epoch' : undefined);
const boolValue = (expected: string) =>
  (/^(true|false)$/i.test(expected) ? undefined : 'is neither "true" nor "false"');
const ipValue = (expected: string) => (parseCidr(expected) ? undefined
  : expected.includes(':') ? 'is an IPv6 address or range, which this evaluator does not compare'
    : 'is not an IPv4 address or CIDR range');
const arnValue = (expected: string) => (splitArn(expected) ? undefined : 'is not an ARN (arn:partition:service:region:account:resource)');
const inRange = (actual: string, expected: string) => {
  const address = parseIpv4(actual);
  const range = parseCidr(expected);
  return address !== undefined && range !== undefined && Math.floor(address / range.size) === range.block;
};

function spec(name: string, family: OperatorFamily, negated: boolean, test: OperatorSpec['test'],
  verb: string, notVerb: string, checkValue: OperatorSpec['checkValue'] = anyValue): OperatorSpec {
  return { name, family, negated, test, verb, notVerb, checkValue };
}

const OPERATORS: readonly OperatorSpec[] = [
  spec('StringEquals', 'String', false, equalsExactly, 'equals', 'does not equal'),
  spec('StringNotEquals', 'String', true, equalsExactly, 'equals', 'does not equal'),
  spec('StringEqualsIgnoreCase', 'String', false, equalsIgnoringCase, 'equals (ignoring case)', 'does not equal (even ignoring case)'),
  spec('StringNotEqualsIgnoreCase', 'String', true, equalsIgnoringCase, 'equals (ignoring case)', 'does not equal (even ignoring case)'),
  spec('StringLike', 'String', false, matchesPattern, 'matches', 'does not match'),
  spec('StringNotLike', 'String', true, matchesPattern, 'matches', 'does not match'),
  spec('NumericEquals', 'Numeric', false, compareNumbers((a, e) => a === e), 'equals', 'does not equal', numberValue),
  spec('NumericNotEquals', 'Numeric', true, compareNumbers((a, e) => a === e), 'equals', 'does not equal', numberValue),
  spec('NumericLessThan', 'Numeric', false, compareNumbers((a, e) => a < e), 'is less than', 'is not less than', numberValue),
  spec('NumericLessThanEquals', 'Numeric', false, compareNumbers((a, e) => a <= e), 'is at most', 'is not at most', numberValue),
  spec('NumericGreaterThan', 'Numeric', false, compareNumbers((a, e) => a > e), 'is greater than', 'is not greater than', numberValue),
  spec('NumericGreaterThanEquals', 'Numeric', false, compareNumbers((a, e) => a >= e), 'is at least', 'is not at least', numberValue),
  spec('DateEquals', 'Date', false, compareDates((a, e) => a === e), 'is the date', 'is not the date', dateValue),
  spec('DateNotEquals', 'Date', true, compareDates((a, e) => a === e), 'is the date', 'is not the date', dateValue),
  spec('DateLessThan', 'Date', false, compareDates((a, e) => a < e), 'is before', 'is not before', dateValue),
  spec('DateLessThanEquals', 'Date', false, compareDates((a, e) => a <= e), 'is at or before', 'is not at or before', dateValue),
  spec('DateGreaterThan', 'Date', false, compareDates((a, e) => a > e), 'is after', 'is not after', dateValue),
  spec('DateGreaterThanEquals', 'Date', false, compareDates((a, e) => a >= e), 'is at or after', 'is not at or after', dateValue),
  spec('Bool', 'Bool', false, equalsIgnoringCase, 'is', 'is not', boolValue),
  spec('BinaryEquals', 'Binary', false, equalsExactly, 'equals', 'does not equal'),
  spec('IpAddress', 'IpAddress', false, inRange, 'is in', 'is not in', ipValue),
  spec('NotIpAddress', 'IpAddress', true, inRange, 'is in', 'is not in', ipValue),
  spec('ArnEquals', 'Arn', false, arnMatches, 'matches the ARN', 'does not match the ARN', arnValue),
  spec('ArnLike', 'Arn', false, arnMatches, 'matches the ARN', 'does not match the ARN', arnValue),
  spec('ArnNotEquals', 'Arn', true, arnMatches, 'matches the ARN', 'does not match the ARN', arnValue),
  spec('ArnNotLike', 'Arn', true, arnMatches, 'matches the ARN', 'does not match the ARN', arnValue),
  spec('Null', 'Null', false, () => false, 'is', 'is not', boolValue),
];

const BY_NAME = new Map(OPERATORS.map((operator) => [operator.name.toLowerCase(), operator]));

/** IAM's condition operators by base name (no `ForAllValues:` / `ForAnyValue:`, no `IfExists`), as AWS spells them. */
export const OPERATOR_NAMES: readonly string[] = OPERATORS.map((operator) => operator.name);

/**
 * The operator of a base name (no qualifier, no `IfExists`), looked up without regard to case; undefined when IAM
 * has no such operator.
 */
export function findOperator(baseOperator: string): OperatorSpec | undefined {
  return BY_NAME.get(baseOperator.toLowerCase());
}
