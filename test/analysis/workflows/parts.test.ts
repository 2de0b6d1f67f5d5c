/**
 * The parts of the workflow reader: filter patterns (against a reference implementation), matrix expansion,
 * expressions, job conditions, and files that are not workflows.
 */
import * as fc from 'fast-check';
import { resolveText } from '../../../src/analysis/workflows/expressions';
import { FilterList, FilterPattern } from '../../../src/analysis/workflows/filter-pattern';
import { mayRun } from '../../../src/analysis/workflows/job-condition';
import { readWorkflow } from '../../../src/analysis/workflows/read-workflow';

/** GitHub's filter syntax as a regular expression, for small inputs only (the reference, not the product). */
function referenceRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?' || c === '+') {
      out += c;
    } else {
      out += c.replace(/[.^$|(){}[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^(?:${out})$`, 's');
}

describe('filter patterns', () => {
  test.each([
    ['main', 'main', true],
    ['main', 'mains', false],
    ['release/*', 'release/v1', true],
    ['release/*', 'release/v1/hotfix', false],
    ['release/**', 'release/v1/hotfix', true],
    ['v[0-9]+.[0-9]+', 'v12.3', true],
    ['v[0-9]+.[0-9]+', 'v.3', false],
    ['feature-?x', 'featurex', true],
    ['feature-?x', 'feature-x', true],
    ['*', 'a/b', false],
    ['**', 'a/b', true],
  ])('%s matches %s: %s', (pattern, text, expected) => {
    expect(FilterPattern.of(pattern).matches(text)).toBe(expected);
  });

  test('the last matching pattern decides; negation excludes', () => {
    const list = new FilterList(['release/**', '!release/**-alpha']);
    expect(list.includes('release/v1')).toBe(true);
    expect(list.includes('release/v1-alpha')).toBe(false);
    expect(list.examples()).toEqual(['release/x/x', 'release/z9/z9']);
  });

  test('agrees with a regular-expression reference on generated patterns and texts', () => {
    const piece = fc.constantFrom('a', 'b', '/', '*', '**', 'a?', 'b+', '-');
    fc.assert(fc.property(fc.array(piece, { maxLength: 6 }), fc.stringMatching(/^[ab/-]{0,8}$/), (pieces, text) => {
      const pattern = pieces.join('');
      expect(FilterPattern.of(pattern).matches(text)).toBe(referenceRegex(pattern).test(text));
    }), { numRuns: 3000 });
  });

  test("a pattern's example text is matched by it", () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('a', '/', '*', '**', 'b?', 'c+', '[0-9]'), { maxLength: 8 }), (pieces) => {
      const pattern = FilterPattern.of(pieces.join(''));
      expect(pattern.matches(pattern.example())).toBe(true);
    }), { numRuns: 1000 });
  });

  test('linear in the text: a long hostile text against many stars is decided by walking it once', () => {
    const pattern = FilterPattern.of('*a*a*a*a*a*a*a*a*a*a*b');
    // 200,000 characters: a backtracking matcher would not finish; the automaton walks it once.
    expect(pattern.matches('a'.repeat(200_000))).toBe(false);
  });
});

describe('matrix expansion', () => {
  const read = (matrix: string) => readWorkflow('m.yml', '.github/workflows/m.yml', `on: push\njobs:\n  j:\n    strategy:\n      matrix:\n${matrix}\n    steps: []\n`).jobs[0].matrix!;

  test('cross product, exclude, then include (extending legs it fits, else a leg of its own)', () => {
    const matrix = read([
      '        os: [linux, mac]',
      '        env: [staging, production]',
      '        exclude:',
      '          - os: mac',
      '            env: production',
      '        include:',
      '          - env: production',
      '            region: us-east-1',
      '          - env: sandbox',
    ].join('\n'));
    expect(matrix.legs).toEqual([
      { os: 'linux', env: 'staging' },
      { os: 'linux', env: 'production', region: 'us-east-1' },
      { os: 'mac', env: 'staging' },
      { env: 'sandbox' },
    ]);
  });

  test("the documentation's example: include entries extend only the cross product's combinations", () => {
    const matrix = read([
      '        fruit: [apple, pear]',
      '        animal: [cat, dog]',
      '        include:',
      '          - color: green',
      '          - color: pink',
      '            animal: cat',
      '          - fruit: apple',
      '            shape: circle',
      '          - fruit: banana',
      '          - fruit: banana',
      '            animal: cat',
    ].join('\n'));
    expect(matrix.legs).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
  });

  test('a matrix of include entries only: each is a leg', () => {
    expect(read('        include:\n          - env: a\n          - env: b').legs).toEqual([{ env: 'a' }, { env: 'b' }]);
  });

  test('a matrix from an expression is unknown, and says why', () => {
    const workflow = readWorkflow('m.yml', '.github/workflows/m.yml', 'on: push\njobs:\n  j:\n    strategy:\n      matrix: ${{ fromJSON(needs.a.outputs.m) }}\n');
    expect(workflow.jobs[0].matrix!.unknown).toMatch(/not a static mapping/);
  });
});

describe('expressions', () => {
  const context = { matrix: { env: 'prod' }, inputs: { target: ['a', 'b'] }, vars: { ROLE: 'arn:x' }, env: { STAGE: '${{ matrix.env }}' } };

  test.each([
    ['${{ matrix.env }}', ['prod'], []],
    ['deploy-${{ inputs.target }}', ['deploy-a', 'deploy-b'], []],
    ['${{ github.event.inputs.target }}', ['a', 'b'], []],
    ['${{ vars.ROLE }}', ['arn:x'], []],
    ["${{ vars['ROLE'] }}", ['arn:x'], []],
    ['${{ env.STAGE }}', ['prod'], []],
    ["${{ inputs.missing || 'staging' }}", ['staging'], ['inputs.missing']],
    ["${{ github.ref == 'refs/heads/main' && 'production' || 'staging' }}", ['production', 'staging'], []],
    ['${{ needs.plan.outputs.env }}', [], ['needs.plan.outputs.env']],
    ['${{ format(\'{0}\', matrix.env) }}', [], ["format('{0}', matrix.env)"]],
  ])('%s', (text, values, unresolved) => {
    expect(resolveText(text, context)).toEqual({ values, unresolved });
  });
});

describe('job conditions', () => {
  const push = (ref: string) => ({ event: 'push', ref });
  test.each([
    ["github.ref == 'refs/heads/main'", push('refs/heads/main'), true],
    ["github.ref == 'refs/heads/main'", push('refs/heads/dev'), false],
    ["${{ github.ref == 'REFS/HEADS/MAIN' }}", push('refs/heads/main'), true],
    ["github.event_name == 'workflow_dispatch' || github.actor == 'x'", push('refs/heads/dev'), true],
    ["github.event_name == 'workflow_dispatch' && github.actor == 'x'", push('refs/heads/dev'), false],
    ["startsWith(github.ref, 'refs/tags/v')", push('refs/tags/v1'), true],
    ["startsWith(github.ref, 'refs/tags/v')", push('refs/heads/v1'), false],
    ["!(github.ref_type == 'tag')", push('refs/tags/v1'), false],
    ['success() && needs.a.result == \'success\'', push('refs/heads/x'), true],
    ["github.ref_name == 'main' &&", push('refs/heads/x'), true],
  ])('%s for %j: %s', (condition, run, expected) => {
    expect(mayRun(condition, run)).toBe(expected);
  });
});

describe('files that are not workflows', () => {
  test('malformed YAML: a problem with line and column, no exception', () => {
    const workflow = readWorkflow('bad.yml', '.github/workflows/bad.yml', 'on: push\njobs:\n  a: [\n');
    expect(workflow.problems[0]).toMatchObject({ id: 'WorkflowYamlInvalid', severity: 'error', line: 4 });
    expect(workflow.problems[0].column).toBeDefined();
  });

  test.each([
    ['a sequence', '- a\n- b\n', 'WorkflowNotMapping'],
    ['no on', 'jobs: {}\n', 'WorkflowNotMapping'],
    ['an empty file', '', 'WorkflowNotMapping'],
    ['two documents', 'on: push\njobs: {}\n---\non: push\n', 'WorkflowMultipleDocuments'],
    ['an unknown event', 'on: pushh\njobs: {}\n', 'UnknownEvent'],
    ['a duplicate key', 'on: push\non: pull_request\njobs: {}\n', 'WorkflowYamlInvalid'],
    ['id-token: read', 'on: push\npermissions:\n  id-token: read\njobs: {}\n', 'PermissionsInvalid'],
  ])('%s', (_, text, id) => {
    expect(readWorkflow('w.yml', '.github/workflows/w.yml', text).problems.map((p) => p.id)).toContain(id);
  });

  test('`on` is a key, not a boolean (YAML 1.2)', () => {
    expect(readWorkflow('w.yml', '.github/workflows/w.yml', 'on: [push, workflow_dispatch]\njobs: {}\n').triggers.map((t) => t.event)).toEqual(['push', 'workflow_dispatch']);
  });

  test('aliases are resolved; an alias bomb is cut off', () => {
    const alias = readWorkflow('w.yml', '.github/workflows/w.yml', 'on: push\nperms: &p\n  id-token: write\npermissions: *p\njobs: {}\n');
    expect(alias.permissions?.idToken).toBe('write');
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const bomb = readWorkflow('w.yml', '.github/workflows/w.yml', `on: push\n${levels.join('\n')}\njobs: {}\n`);
    expect(bomb.problems.map((p) => p.id)).toContain('WorkflowTooLarge');
  });
});
