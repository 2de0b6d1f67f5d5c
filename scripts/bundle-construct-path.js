#!/usr/bin/env node
/**
 * Joins the compiled modules a synth loads into one file, lib/construct-path.js, so that Node reads, resolves and
 * compiles one file instead of about seventy: requiring the package and a GitHubDeployRole took about 56 ms of module
 * loading, most of it per file, and about 28 ms from one file (issue 14).
 *
 * Which modules: those that `require('./lib').GitHubDeployRole` and `.GitHubDeployRoles` load, found by loading them
 * in a child process. Each is bundled once (esbuild keeps every module in its own lazily run function, so modules
 * run in the order they are first required, as before), and its file in lib/ becomes a one-line stub that returns
 * the bundled module's exports: code that requires lib/model/issuer.js gets the same GitHubIssuer class as the
 * constructs, never a second copy. A module of lib/ outside that set stays where it is and is required from the
 * bundle as from any other file; packages (aws-cdk-lib, constructs, yaml) are never bundled.
 *
 * Runs after `jsii` (which rewrites every file of lib/) and scripts/lazy-index.js; on a lib/ it has bundled already,
 * it does nothing. Usage: node scripts/bundle-construct-path.js lib
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const BUNDLE = 'construct-path.js';
const STUB_MARK = '// Bundled into construct-path.js';
// The exports whose modules a synth loads.
const SYNTH_EXPORTS = ['GitHubDeployRole', 'GitHubDeployRoles'];

/** The files of `lib` (relative, with "/") that requiring the package and reading `exports` loads. */
function modulesLoadedBy(lib, exports) {
  const script = [
    `const root = ${JSON.stringify(path.resolve(lib))};`,
    'const pkg = require(root);',
    `for (const name of ${JSON.stringify(exports)}) if (pkg[name] === undefined) throw new Error('no export ' + name);`,
    'const files = Object.keys(require.cache).filter((f) => f.startsWith(root + require("path").sep))',
    '  .map((f) => require("path").relative(root, f).split(require("path").sep).join("/"));',
    'process.stdout.write(JSON.stringify(files));',
  ].join('\n');
  const files = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  return files.filter((file) => file !== 'index.js').sort();
}

/** The stub that replaces a bundled module's file. */
function stubFor(file) {
  const up = path.posix.relative(path.posix.dirname(file), '.') || '.';
  return `"use strict";\n${STUB_MARK} (scripts/bundle-construct-path.js): the module's exports, shared with every other user.\n` +
    `module.exports = require(${JSON.stringify(`${up}/${BUNDLE}`)}).modules[${JSON.stringify(file)}];\n`;
}

/** The source of the bundle's entry: a getter per module, which runs the module on first read. */
function entrySource(files) {
  return `exports.modules = {\n${files.map((file) =>
    `  get ${JSON.stringify(file)}() { return require(${JSON.stringify(`./${file}`)}); },`).join('\n')}\n};\n`;
}

function isStub(file) {
  return fs.readFileSync(file, 'utf8').includes(STUB_MARK);
}

/**
 * Bundles the modules that reading `exports` of the package at `lib` loads; `anchor` is one of them, by which a lib/
 * bundled already is recognized. Returns the bundled files, or undefined when it was bundled already.
 */
async function bundle(lib, { exports = SYNTH_EXPORTS, anchor = 'constructs/deploy-role.js' } = {}) {
  const root = path.resolve(lib);
  if (isStub(path.join(root, anchor))) {
    process.stdout.write(`${lib}: bundled already\n`);
    return undefined;
  }
  const files = modulesLoadedBy(root, exports);
  if (!files.includes(anchor)) throw new Error(`bundle-construct-path: reading ${exports.join(', ')} did not load ${anchor}`);
  const inBundle = new Set(files.map((file) => path.join(root, file)));
  const entry = path.join(root, '.construct-path-entry.js');
  fs.writeFileSync(entry, entrySource(files));
  try {
    // eslint-disable-next-line import/no-extraneous-dependencies
    await require('esbuild').build({
      entryPoints: [entry],
      outfile: path.join(root, BUNDLE),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      packages: 'external',
      // No source map: an inline one (with the sources) doubled the file and a third of the time saved went into
      // reading it. Each module keeps its function names, under a comment naming its file.
      sourcemap: false,
      logLevel: 'warning',
      plugins: [{
        name: 'outside-the-construct-path',
        setup(build) {
          // A module of lib/ that a synth does not load stays a file of its own, required from the bundle.
          build.onResolve({ filter: /^\.\.?\// }, (args) => {
            const resolved = resolveFile(path.resolve(args.resolveDir, args.path));
            if (resolved === undefined || inBundle.has(resolved) || resolved === entry) return undefined;
            if (!resolved.startsWith(root + path.sep)) throw new Error(`bundle-construct-path: ${args.path} from ${args.importer} is outside ${lib}`);
            return { path: `./${path.relative(root, resolved).split(path.sep).join('/')}`, external: true };
          });
        },
      }],
    });
  } finally {
    fs.rmSync(entry, { force: true });
  }
  for (const file of files) fs.writeFileSync(path.join(root, file), stubFor(file));
  process.stdout.write(`${lib}/${BUNDLE}: ${files.length} modules a synth loads, in one file\n`);
  return files;
}

function resolveFile(candidate) {
  for (const file of [candidate, `${candidate}.js`, path.join(candidate, 'index.js')]) {
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return undefined;
}

module.exports = { bundle, stubFor, entrySource };

if (require.main === module) {
  const lib = process.argv[2];
  if (!lib) {
    process.stderr.write('usage: node scripts/bundle-construct-path.js lib\n');
    process.exit(2);
  }
  bundle(lib).catch((err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  });
}
