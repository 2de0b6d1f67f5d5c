/**
 * The length of a policy's compact JSON, with each CloudFormation expression counted as its shortest plausible text
 * (the partition as "aws", the account as 12 digits, anything else as nothing): what `PolicySizeExceeded` compares
 * with the quota.
 *
 * The length is `JSON.stringify(copy).length`, where the copy replaces each expression with that text. Making the copy
 * and its JSON was most of the rule's time, so the length is counted by walking the document instead; whatever the
 * walk does not count exactly as JSON.stringify would (a `toJSON` method, an array of another class, a BigInt, more
 * than 64 levels) makes it step aside for the copy.
 */
import { jsonWritesAsIs } from './text';
import { flattenIntrinsic } from '../policy/principal';

/** The compact JSON length, and how many expressions it counts at their shortest. */
export interface CompactSize {
  readonly size: number;
  readonly intrinsics: number;
}

// The shortest text each pseudo parameter resolves to; other expressions count as nothing (a lower bound).
const SHORTEST: { [placeholder: string]: string } = {
  '${AWS.Partition}': 'aws',
  '${AWS.AccountId}': '000000000000',
  '${AWS.URLSuffix}': 'amazonaws.com',
};

const MAX_DEPTH = 64;

/** Thrown inside the walk for what only the copy measures exactly. */
const UNUSUAL = Symbol('unusual');

/** Throws what JSON.stringify throws (a BigInt, a cycle), or for a document nested deeper than 64 levels. */
export function compactSize(document: unknown): CompactSize {
  if (!hasInheritedToJson()) {
    const state = { intrinsics: 0 };
    try {
      const size = lengthOf(document, state, 0);
      if (size !== undefined) return { size, intrinsics: state.intrinsics };
    } catch (err) {
      if (err !== UNUSUAL) throw err;
    }
  }
  const state = { intrinsics: 0 };
  return { size: JSON.stringify(withShortestExpressions(document, state, 0)).length, intrinsics: state.intrinsics };
}

// Nobody defines these, but if someone did, JSON.stringify would call them on every object of the copy.
function hasInheritedToJson(): boolean {
  return typeof (Object.prototype as { toJSON?: unknown }).toJSON === 'function'
    || typeof (Array.prototype as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * What `JSON.stringify(withShortestExpressions(value))` adds for this value, as JSON.stringify counts it; undefined
 * for what it leaves out (undefined, functions, symbols: left out of objects, `null` in arrays).
 */
function lengthOf(value: unknown, state: { intrinsics: number }, depth: number): number | undefined {
  if (depth > MAX_DEPTH) throw UNUSUAL;
  switch (typeof value) {
    case 'string': return stringLength(value);
    case 'number': return Number.isFinite(value) ? String(value).length : 'null'.length;
    case 'boolean': return value ? 'true'.length : 'false'.length;
    case 'undefined':
    case 'function':
    case 'symbol': return undefined;
    case 'bigint': throw UNUSUAL;
  }
  if (value === null) return 'null'.length;
  if (Array.isArray(value)) {
    // The copy is `value.map(...)`, a plain array only when the value is one.
    if (value.constructor !== Array) throw UNUSUAL;
    let length = value.length === 0 ? 2 : value.length + 1; // brackets and commas
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      length += typeof item === 'string' ? stringLength(item) : lengthOf(item, state, depth + 1) ?? 'null'.length;
    }
    return length;
  }
  // What is left is an object (the switch returned for every other type).
  const object = value as { [key: string]: unknown };
  const keys = Object.keys(object);
  if (isExpression(keys)) {
    state.intrinsics += 1;
    return stringLength(shortestText(object));
  }
  let length = 2; // braces
  let members = 0;
  for (const key of keys) {
    // The copy keeps the key, and JSON.stringify would call it if it is a function.
    if (key === 'toJSON') throw UNUSUAL;
    // Most members are text: measured here, one call fewer for each of them (most synths run this unoptimized).
    const item = object[key];
    const member = typeof item === 'string' ? stringLength(item) : lengthOf(item, state, depth + 1);
    if (member === undefined) continue;
    length += stringLength(key) + 1 + member;
    members += 1;
  }
  return members > 1 ? length + members - 1 : length;
}

function stringLength(text: string): number {
  return jsonWritesAsIs(text) ? text.length + 2 : JSON.stringify(text).length;
}

/** The document with each CloudFormation expression replaced by its shortest plausible text. */
function withShortestExpressions(value: unknown, state: { intrinsics: number }, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new Error('too deep');
  if (Array.isArray(value)) return value.map((item) => withShortestExpressions(item, state, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (isExpression(keys)) {
    state.intrinsics += 1;
    return shortestText(value);
  }
  const result: { [key: string]: unknown } = {};
  for (const key of keys) {
    const resolved = withShortestExpressions((value as { [key: string]: unknown })[key], state, depth + 1);
    // An assignment to `__proto__` would set the prototype instead of copying the key; defining it is slow, though.
    if (key === '__proto__') Object.defineProperty(result, key, { value: resolved, enumerable: true });
    else result[key] = resolved;
  }
  return result;
}

/** Whether an object with these keys is a CloudFormation expression (`Ref` or `Fn::...`). */
function isExpression(keys: string[]): boolean {
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function shortestText(expression: object): string {
  const text = flattenIntrinsic(expression) ?? '';
  return text.replace(/\$\{[^}]*\}/g, (placeholder) => SHORTEST[placeholder] ?? '');
}
