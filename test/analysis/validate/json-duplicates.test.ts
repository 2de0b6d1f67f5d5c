import * as fc from 'fast-check';
import { findDuplicateKeys } from '../../../src/analysis/validate/json-duplicates';

describe('findDuplicateKeys', () => {
  test('finds a key written twice, with where it is and what the last one replaced', () => {
    expect(findDuplicateKeys('{"a":[{"b":1,"c":{"x":1},"c":{"y":2}}]}')).toEqual([{ path: ['a', 0], key: 'c', dropped: { x: 1 } }]);
  });

  test('compares keys after unescaping, as JSON.parse does', () => {
    expect(findDuplicateKeys('{"\\u0061":1,"a":2}').map((d) => d.key)).toEqual(['a']);
  });

  test('reads "__proto__" as a plain key', () => {
    expect(findDuplicateKeys('{"__proto__":{"a":1},"__proto__":2}')).toEqual([{ path: [], key: '__proto__', dropped: { a: 1 } }]);
  });

  test.each([['not JSON', '{"a":'], ['empty', ''], ['deep nesting', '['.repeat(10_000)]])('returns no duplicates for %s instead of throwing', (_name, text) => {
    expect(findDuplicateKeys(text)).toEqual([]);
  });

  test('property: a key written twice in any object is found, with the value the second one drops', () => {
    // GIVEN a JSON object nested in a JSON document, whose text repeats one of its keys with another value
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), (first, second, others, key) => {
      const object = `{${JSON.stringify(key)}:${JSON.stringify(first)},${JSON.stringify({ ...others, [key]: second }).slice(1)}`;
      const text = `{"Statement":[${object}]}`;
      // WHEN scanned
      const duplicates = findDuplicateKeys(text);
      // THEN the repeated key is reported where it is, with the first value
      expect(duplicates).toContainEqual({ path: ['Statement', 0], key, dropped: JSON.parse(JSON.stringify(first)) });
    }));
  });

  test('property: no duplicates in what JSON.stringify writes, and it never throws on any text', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(findDuplicateKeys(JSON.stringify(value))).toEqual([]);
    }));
    fc.assert(fc.property(fc.string(), (text) => {
      expect(Array.isArray(findDuplicateKeys(text))).toBe(true);
    }));
  });
});
