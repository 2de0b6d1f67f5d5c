#!/usr/bin/env node
/**
 * Rewrites the compiled package index (lib/index.js) so that each module behind an export is required when the
 * export is first read, not when the package is: `require('cdk-github-deploy-roles')` then loads what the program
 * uses (a synth with GitHubDeployRole does not load the monitoring, organization or workflow modules, nor the
 * aws-cdk-lib modules they import). aws-cdk-lib's own index is lazy the same way.
 *
 * TypeScript compiles `export { X } from './x'` to `var x_1 = require("./x");` plus a getter returning `x_1.X`;
 * each such require becomes a memoized function called from the getters. Anything else in the file is kept as is;
 * a require this script does not recognize, or an index with none, fails the build (the shape changed: look here).
 *
 * Usage: node scripts/lazy-index.js lib/index.js
 */
'use strict';
const fs = require('node:fs');

const REQUIRE = /^var (\w+) = require\("(\.[^"]+)"\);$/;

/** The lazy form of a compiled index's source. */
function lazyIndex(source) {
  const lines = source.split('\n');
  const names = [];
  const out = lines.map((line) => {
    const match = REQUIRE.exec(line);
    if (!match) {
      if (/\brequire\(/.test(line)) throw new Error(`lazy-index: unrecognized require in the index: ${line}`);
      return line;
    }
    const [, name, path] = match;
    names.push(name);
    return `var ${name}; function $${name}() { return ${name} !== undefined ? ${name} : (${name} = require("${path}")); }`;
  });
  if (names.length === 0) throw new Error('lazy-index: no `var x_1 = require("./x");` line in the index');
  const joined = out.join('\n');
  let rewritten = joined;
  for (const name of names) {
    // Only inside the getters: `return x_1.X;` becomes `return $x_1().X;`.
    rewritten = rewritten.split(`return ${name}.`).join(`return $${name}().`);
  }
  for (const name of names) {
    const eager = new RegExp(`(^|[^$\\w])${name}\\.`, 'm');
    if (eager.test(rewritten.replace(new RegExp(`var ${name};.*$`, 'm'), ''))) {
      throw new Error(`lazy-index: ${name} is used outside a getter; the index cannot be made lazy safely`);
    }
  }
  return rewritten;
}

module.exports = { lazyIndex };

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node scripts/lazy-index.js lib/index.js\n');
    process.exit(2);
  }
  const source = fs.readFileSync(file, 'utf8');
  if (source.includes('function $')) {
    process.stdout.write(`${file} is lazy already\n`);
  } else {
    fs.writeFileSync(file, lazyIndex(source));
    process.stdout.write(`${file}: exports load their modules on first use\n`);
  }
}
