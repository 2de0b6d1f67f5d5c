/**
 * `audit --format json` keeps each role's text until the summary is known, past a limit in a temporary file
 * (src/cli/output/spilled-texts.ts): the texts must come back whole and in order, and the file must not outlive it.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { jsonChunks, roleJsonText } from '../../src/cli/audit/format-json';
import { auditRoles } from '../../src/cli/audit/report';
import { rolesOfFile } from '../../src/cli/input/roles';
import { SpilledTexts } from '../../src/cli/output/spilled-texts';
import { ACCOUNT, AUD, githubPolicy, SUB } from '../analysis/validate/fixtures';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'spilled-texts-test-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** The texts pushed into a store with these limits, read back, and whether it spilled; the store disposed. */
function roundTrip(texts: string[], memoryLimit: number, readSize: number): { back: string[]; spilled: boolean } {
  const store = new SpilledTexts({ memoryLimit, readSize, directory });
  try {
    texts.forEach((text) => store.push(text));
    return { back: [...store], spilled: store.spilled };
  } finally {
    store.dispose();
  }
}

describe('SpilledTexts', () => {
  test('texts past the limit go to a temporary file and come back in order, that file removed on dispose', () => {
    const store = new SpilledTexts({ memoryLimit: 10, directory });
    ['first text', 'second', '', 'third, still in memory'].forEach((text) => store.push(text));
    expect(store.spilled).toBe(true);
    expect(readdirSync(directory)).toHaveLength(1);
    expect([...store]).toEqual(['first text', 'second', '', 'third, still in memory']);
    store.dispose();
    expect(readdirSync(directory)).toEqual([]);
  });

  test('under the limit nothing is written', () => {
    const { back, spilled } = roundTrip(['a', 'b'], 1000, 16);
    expect(back).toEqual(['a', 'b']);
    expect(spilled).toBe(false);
    expect(readdirSync(directory)).toEqual([]);
  });

  test('property: any texts (multi-byte characters split across reads included) come back as pushed', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 }).map((value) => value.replace(/\0/g, ''));
    fc.assert(fc.property(fc.array(text, { maxLength: 30 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 7 }),
      (texts, memoryLimit, readSize) => {
        expect(roundTrip(texts, memoryLimit, readSize).back).toEqual(texts);
      }), { numRuns: 200 });
  });

  test('a text with a NUL character is refused: it would split in two when read back', () => {
    const store = new SpilledTexts({ directory });
    expect(() => store.push('a\0b')).toThrow(/NUL/);
  });

  test('without a temporary directory the texts stay in memory', () => {
    // a path under a plain file: no temporary directory can be made there, whoever runs the test
    const plain = join(directory, 'plain');
    writeFileSync(plain, '');
    const store = new SpilledTexts({ memoryLimit: 1, directory: plain });
    ['x', 'y'].forEach((value) => store.push(value));
    expect(store.spilled).toBe(false);
    expect([...store]).toEqual(['x', 'y']);
    store.dispose();
    expect(readdirSync(directory)).toEqual(['plain']);
  });

  test('the JSON report made from spilled role texts is the document made from texts in memory', () => {
    // GIVEN an export of four GitHub roles (one with a multi-byte character in its name)
    const value = {
      RoleDetailList: ['repo:acme/web:*', 'repo:acme/*', 'repo:acme/api:environment:production', 'repo:*'].map((sub, index) => ({
        RoleName: `deploy-${index}-\u00e9`,
        Arn: `arn:aws:iam::${ACCOUNT}:role/deploy-${index}`,
        AssumeRolePolicyDocument: githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: sub } }),
      })),
    };
    const report = auditRoles(['export.json'], rolesOfFile({ path: 'export.json', text: JSON.stringify(value), value }));
    const inMemory = [...jsonChunks(report, { showPolicies: false })].join('');
    // WHEN its role texts are kept in a store that spills at once, read back a few bytes at a time
    const store = new SpilledTexts({ memoryLimit: 1, readSize: 5, directory });
    report.roles.forEach((role) => store.push(roleJsonText(role, false)));
    // THEN the document is the same
    expect(store.spilled).toBe(true);
    expect([...jsonChunks({ ...report, roles: [] }, { showPolicies: false }, store)].join('')).toBe(inMemory);
    expect(JSON.parse(inMemory).roles).toHaveLength(4);
    store.dispose();
  });
});
