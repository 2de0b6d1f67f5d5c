/**
 * The modules a synth loads are read from one file, lib/construct-path.js (scripts/bundle-construct-path.js); their
 * files in lib/ return the bundled exports, so that every user of a module shares one copy of it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { bundle } = require('../../scripts/bundle-construct-path.js') as {
  bundle: (lib: string, options?: { exports?: string[]; anchor?: string }) => Promise<string[] | undefined>;
};

const ROOT = join(__dirname, '..', '..');

/** A package whose export A loads a.js and b.js; a.js loads c.js only when called, and c.js shares b.js. */
function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'construct-path-'));
  const log = 'globalThis.ran = (globalThis.ran || []).concat';
  writeFileSync(join(dir, 'index.js'), 'Object.defineProperty(exports, "A", { enumerable: true, get: () => require("./a").A });\n');
  writeFileSync(join(dir, 'a.js'), `${log}("a");\nconst b = require("./b");\n` +
    'exports.A = { b, later: () => require("./c") };\n');
  writeFileSync(join(dir, 'b.js'), `${log}("b");\nexports.B = class B {};\n`);
  writeFileSync(join(dir, 'c.js'), `${log}("c");\nexports.b = require("./b");\n`);
  return dir;
}

function run(script: string): any {
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

describe('the construct path in one file', () => {
  test('the modules an export loads are bundled; their files share the bundled copy; the others stay files', async () => {
    // GIVEN a package, WHEN bundled for its export A
    const dir = fixture();
    const files = await bundle(dir, { exports: ['A'], anchor: 'a.js' });

    // THEN a.js and b.js are in the bundle, c.js (loaded later, by a call) is not
    expect(files).toEqual(['a.js', 'b.js']);
    expect(readFileSync(join(dir, 'b.js'), 'utf8')).toMatch(/require\("\.\/construct-path\.js"\)\.modules\["b\.js"\]/);
    expect(readFileSync(join(dir, 'c.js'), 'utf8')).toContain('require("./b")');
    // AND modules run once, in the order first required, and every user sees one B
    const out = run(`const pkg = require(${JSON.stringify(dir)}); void pkg.A; const atExport = [...globalThis.ran];` +
      `const c = pkg.A.later(); const direct = require(${JSON.stringify(join(dir, 'b.js'))});` +
      'console.log(JSON.stringify({ atExport, ran: globalThis.ran, shared: c.b === pkg.A.b && direct === pkg.A.b }));');
    expect(out).toEqual({ atExport: ['a', 'b'], ran: ['a', 'b', 'c'], shared: true });
  });

  test('a package bundled already is left as it is', async () => {
    const dir = fixture();
    await bundle(dir, { exports: ['A'], anchor: 'a.js' });
    const bundled = readFileSync(join(dir, 'construct-path.js'), 'utf8');
    expect(await bundle(dir, { exports: ['A'], anchor: 'a.js' })).toBeUndefined();
    expect(readFileSync(join(dir, 'construct-path.js'), 'utf8')).toBe(bundled);
  });

  // The built package exists after `npx projen compile` (CI compiles before testing).
  (existsSync(join(ROOT, 'lib', 'construct-path.js')) ? test : test.skip)('the built package: a synth reads the index and one file; classes are one copy for the constructs and the CLI', () => {
    const out = run([
      `process.chdir(${JSON.stringify(ROOT)});`,
      "const lib = require('./lib'); void lib.GitHubDeployRole; void lib.GitHubDeployRoles;",
      "const fs = require('fs');",
      "const read = Object.keys(require.cache).filter((f) => f.includes('/lib/') && !f.includes('node_modules') && !fs.readFileSync(f, 'utf8').includes('// Bundled into'));",
      "const same = lib.GitHubIssuer === require('./lib/model/issuer.js').GitHubIssuer",
      "  && lib.TrustPolicyValidator === require('./lib/analysis/validate/validator.js').TrustPolicyValidator;",
      "console.log(JSON.stringify({ read: read.map((f) => f.slice(f.lastIndexOf('/lib/') + 1)).sort(), same }));",
    ].join('\n'));
    expect(out).toEqual({ read: ['lib/construct-path.js', 'lib/index.js'], same: true });
  });
});
