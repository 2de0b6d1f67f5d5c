import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { makeStyle, useColour } from '../../src/cli/output/style';

const ROOT = join(__dirname, '..', '..');

/** Every module `main.ts` can load, following relative imports and requires, with the packages each one imports. */
function moduleGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string) => {
    if (graph.has(file)) return;
    // Comments out: docstring examples show `import ... from 'cdk-github-deploy-roles'` for users.
    const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const specifiers = [...source.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]);
    graph.set(file, specifiers.filter((specifier) => !specifier.startsWith('.')));
    for (const specifier of specifiers.filter((s) => s.startsWith('.'))) {
      const base = resolve(dirname(file), specifier);
      const target = [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
      if (target) visit(target);
    }
  };
  visit(entry);
  return graph;
}

describe('the command line loads no CDK code', () => {
  const graph = moduleGraph(join(ROOT, 'src', 'cli', 'main.ts'));

  test('no module it loads imports aws-cdk-lib, constructs, or the package index (which does)', () => {
    // GIVEN every module reachable from main.ts
    const files = [...graph.keys()].map((file) => relative(ROOT, file));
    expect(files).toContain(join('src', 'analysis', 'validate', 'validator.ts'));

    // THEN only Node's own modules are imported from packages (and the bundled YAML parser, by the workflow reader
    // and the reader of YAML template text alone, each loading it when it reads YAML), and src/index.ts is not reached
    const importers = [...graph.entries()].filter(([, names]) => names.some((name) => !isBuiltin(name)));
    expect(importers.map(([file, names]) => [relative(ROOT, file), names.filter((name) => !isBuiltin(name))])
      .map(([file, names]) => [file, [...new Set(names)]]).sort()).toEqual([
      [join('src', 'analysis', 'template', 'template-text.ts'), ['yaml']],
      [join('src', 'analysis', 'workflows', 'yaml-tree.ts'), ['yaml']],
    ]);
    expect(files).not.toContain(join('src', 'index.ts'));
    expect(files.filter((file) => file.startsWith(join('src', 'constructs')))).toEqual([]);
  });

  test('main.ts starts with the node shebang', () => {
    expect(readFileSync(join(ROOT, 'src', 'cli', 'main.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('colour', () => {
  test.each([
    [true, {}, true],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, {}, false],
    [undefined, {}, false],
  ])('a stream with isTTY %s and env %j is coloured: %s', (isTTY, env, expected) => {
    expect(useColour({ isTTY }, env)).toBe(expected);
  });

  test('the plain style leaves text alone; the colour style wraps it in ANSI codes', () => {
    expect(makeStyle(false).red('x')).toBe('x');
    expect(makeStyle(true).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});
