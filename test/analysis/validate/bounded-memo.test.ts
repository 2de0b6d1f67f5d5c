import { BoundedMemo } from '../../../src/analysis/validate/bounded-memo';
import { analyzeSubject } from '../../../src/analysis/validate/subject';

describe('BoundedMemo', () => {
  test('answers a key asked again from memory, without computing it again', () => {
    const memo = new BoundedMemo<number>(10, 100);
    let computed = 0;
    const compute = () => ++computed;
    expect(memo.get('a', compute)).toBe(1);
    expect(memo.get('a', compute)).toBe(1);
    expect(memo.get('b', compute)).toBe(2);
    expect(computed).toBe(2);
  });

  test('keeps no text longer than its limit: such a key is computed each time', () => {
    const memo = new BoundedMemo<number>(10, 4);
    let computed = 0;
    expect(memo.get('abcde', () => ++computed)).toBe(1);
    expect(memo.get('abcde', () => ++computed)).toBe(2);
    expect(memo.size).toBe(0);
    expect(memo.get('abcd', () => ++computed)).toBe(3);
    expect(memo.size).toBe(1);
  });

  test('never holds more than its entries: past them it starts again', () => {
    const memo = new BoundedMemo<number>(3, 100);
    for (let i = 0; i < 10; i++) memo.get(`key${i}`, () => i);
    expect(memo.size).toBeLessThanOrEqual(3);
    // what was dropped is computed again, with the answer of the new call
    expect(memo.get('key0', () => 42)).toBe(42);
  });
});

describe('analyzeSubject, read once per value and reading', () => {
  test('the same value read as a pattern and literally keeps both readings apart', () => {
    const value = 'repo:acme/*:ref:refs/heads/main';
    const asPattern = analyzeSubject(value, { pattern: true, ignoreCase: false });
    const literally = analyzeSubject(value, { pattern: false, ignoreCase: false });
    expect(asPattern.repository.scope).not.toEqual(literally.repository.scope);
    // asked again, each reading gives its own answer back
    expect(analyzeSubject(value, { pattern: true, ignoreCase: false })).toBe(asPattern);
    expect(analyzeSubject(value, { pattern: false, ignoreCase: false })).toBe(literally);
  });

  test('reading with and without case keeps both readings apart', () => {
    const value = 'repo:Acme/Web:REF:refs/heads/main';
    const withCase = analyzeSubject(value, { pattern: false, ignoreCase: false });
    const withoutCase = analyzeSubject(value, { pattern: false, ignoreCase: true });
    expect(withCase.items.map((item) => item.key)).not.toEqual(withoutCase.items.map((item) => item.key));
  });
});
