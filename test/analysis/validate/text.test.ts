import fc from 'fast-check';
import { quote } from '../../../src/analysis/validate/text';

describe('quote', () => {
  test('is JSON.stringify of the text, for any text (printable ASCII, quotes, backslashes, control characters, surrogates)', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\ud800', ' ', '~') }));
    fc.assert(fc.property(text, (value) => {
      expect(quote(value)).toBe(JSON.stringify(value));
    }), { numRuns: 5000 });
    for (const value of ['', 'repo:acme/web:*', 'a"b', 'a\\b', '\n', '\u007f', 'é']) expect(quote(value)).toBe(JSON.stringify(value));
  });
});
