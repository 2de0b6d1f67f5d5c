/**
 * The compiled index loads each export's module on first use (scripts/lazy-index.js), so that requiring the package
 * costs what the program uses.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lazyIndex } = require('../../scripts/lazy-index.js') as { lazyIndex: (source: string) => string };

const ROOT = join(__dirname, '..', '..');
const COMPILED = [
  '"use strict";',
  'Object.defineProperty(exports, "__esModule", { value: true });',
  'exports.B = exports.A = void 0;',
  'var a_1 = require("./a");',
  'Object.defineProperty(exports, "A", { enumerable: true, get: function () { return a_1.A; } });',
  'var b_1 = require("./b");',
  'Object.defineProperty(exports, "B", { enumerable: true, get: function () { return b_1.B; } });',
  '',
].join('\n');

describe('lazy index', () => {
  test('a module is required when its export is first read, once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lazy-index-'));
    writeFileSync(join(dir, 'index.js'), lazyIndex(COMPILED));
    writeFileSync(join(dir, 'a.js'), 'globalThis.loaded = (globalThis.loaded || []).concat("a"); exports.A = "a";');
    writeFileSync(join(dir, 'b.js'), 'globalThis.loaded = (globalThis.loaded || []).concat("b"); exports.B = "b";');
    const script = `const m = require(${JSON.stringify(join(dir, 'index.js'))}); const before = globalThis.loaded || [];` +
      'const values = [m.B, m.B]; console.log(JSON.stringify({ before, values, after: globalThis.loaded, keys: Object.keys(m) }));';
    expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))).toEqual({
      before: [], values: ['b', 'b'], after: ['b'], keys: ['A', 'B'],
    });
  });

  test('an index of another shape fails the build instead of passing through eager', () => {
    expect(() => lazyIndex('"use strict";\nconst x = require("./x");\nexports.X = x.X;\n')).toThrow(/unrecognized require/);
    expect(() => lazyIndex('"use strict";\n')).toThrow(/no `var x_1 = require/);
    expect(() => lazyIndex('var a_1 = require("./a");\nexports.A = a_1.A;\n')).toThrow(/a_1 is used outside a getter/);
  });

  // The built package exists after `npx projen compile` (CI compiles before testing); a fresh clone's `npm test` has
  // no lib/ to look at.
  (existsSync(join(ROOT, 'lib', 'index.js')) ? test : test.skip)('the built package: a synth with GitHubDeployRole loads no monitoring, organization or workflow module', () => {
    const script = [
      "const lib = require('./lib');",
      'const atRequire = Object.keys(require.cache).length;',
      'void lib.GitHubDeployRole;',
      'const files = Object.keys(require.cache);',
      "console.log(JSON.stringify({ atRequire, heavy: files.filter((f) => /aws-cloudwatch|aws-logs|aws-sns|aws-organizations|aws-cloudformation|node_modules\\/yaml\\/|lib\\/analysis\\/workflows|lib\\/cli\\//.test(f)), role: files.some((f) => f.endsWith('lib/constructs/deploy-role.js')) }));",
    ].join('\n');
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
    expect(out).toEqual({ atRequire: 1, heavy: [], role: true });
  });
});
