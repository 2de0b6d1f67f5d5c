/**
 * audit writes its report a role at a time (src/cli/audit/format-json.ts, format-text.ts, io.ts): the pieces must
 * add up to the document a single JSON.stringify would write, and be written in few, bounded writes.
 */
import { jsonChunks } from '../../src/cli/audit/format-json';
import { textChunks } from '../../src/cli/audit/format-text';
import { Audit, AuditedRole, auditRoles, AuditReport } from '../../src/cli/audit/report';
import { rolesOfFile } from '../../src/cli/input/roles';
import { PieceWriter } from '../../src/cli/io';
import { makeStyle } from '../../src/cli/output/style';
import { ACCOUNT, AUD, githubPolicy, SUB } from '../analysis/validate/fixtures';

/** An account export's entry for a role trusting this sub value. */
function role(sub: string, roleName: string) {
  return {
    RoleName: roleName,
    Arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
    AssumeRolePolicyDocument: githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: sub } }),
  };
}

/** An audit of an account export with a service role and a GitHub role per subject. */
function reportOf(subjects: string[], inventory?: string[]): AuditReport {
  const service = {
    RoleName: 'lambda-exec',
    Arn: 'arn:aws:iam::123456789012:role/lambda-exec',
    AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }] },
  };
  const value = { RoleDetailList: [service, ...subjects.map((sub, index) => role(sub, `deploy-${index}`))] };
  const roles = rolesOfFile({ path: 'export.json', text: JSON.stringify(value), value });
  return auditRoles(['export.json'], roles, inventory ? { file: 'repos.txt', text: inventory.join('\n'), repositories: inventory } : undefined);
}

const REPORTS: { [name: string]: () => AuditReport } = {
  'no GitHub role': () => reportOf([]),
  'roles with findings (some fields undefined)': () => reportOf(['repo:acme/web:*', 'repo:acme/*', 'repo:acme/api:environment:production']),
  'with an inventory': () => reportOf(['repo:acme/web:ref:refs/heads/main'], ['acme/web', 'acme/docs']),
};

describe('the JSON report in pieces', () => {
  test.each(Object.keys(REPORTS))('%s: the same characters as JSON.stringify of the whole document', (name) => {
    const text = [...jsonChunks(REPORTS[name](), { showPolicies: false, inventoryFile: name === 'with an inventory' ? 'repos.txt' : undefined })].join('');
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  test('one piece per role, between the head and the end', () => {
    const report = reportOf(['repo:acme/web:*', 'repo:acme/api:*']);
    const pieces = [...jsonChunks(report, { showPolicies: false })];
    // the head, each role (the first opening the list), the list's end, the document's end
    expect(pieces).toHaveLength(5);
    expect(JSON.parse(pieces.join('')).roles.map((r: { roleName: string }) => r.roleName)).toEqual(['deploy-0', 'deploy-1']);
  });
});

describe('an audit that hands each role over instead of keeping it', () => {
  test('the same roles in the same order, the same counts and accounts, nothing kept', () => {
    // GIVEN the roles of two exports
    const subjects = [['repo:acme/web:*', 'repo:acme/*'], ['repo:*', 'repo:acme/api:environment:production', 'repo:acme/api:pull_request']];
    const inputs = subjects.map((list, index) => {
      const value = { RoleDetailList: list.map((sub, i) => ({ ...role(sub, `r${index}-${i}`), Arn: `arn:aws:iam::${String(index + 1).repeat(12)}:role/r${index}-${i}` })) };
      return rolesOfFile({ path: `${index}.json`, text: JSON.stringify(value), value });
    });

    // WHEN audited keeping the roles, and handing them over
    const kept = new Audit(false);
    const handed: AuditedRole[] = [];
    const streamed = new Audit(false, (audited) => handed.push(audited));
    for (const roles of inputs) {
      kept.add(roles);
      streamed.add(roles);
    }
    const keptReport = kept.report(['a']);
    const streamedReport = streamed.report(['a']);

    // THEN the handed-over roles are the kept ones, and the report counts them alike without keeping them
    expect(handed).toEqual(keptReport.roles);
    expect(handed.map((audited) => audited.role.roleName)).toEqual(['r0-0', 'r0-1', 'r1-0', 'r1-1', 'r1-2']);
    expect(streamedReport.roles).toEqual([]);
    expect(streamedReport.githubRoles).toBe(5);
    expect(streamedReport.counts).toEqual(keptReport.counts);
    expect(streamedReport.counts.errors).toBeGreaterThan(0);
    expect(streamedReport.accounts).toEqual(keptReport.accounts);
    expect(streamedReport.accounts.map((account) => account.account)).toEqual(['111111111111', '222222222222']);
  });

  test('an inventory needs the roles kept', () => {
    const streamed = new Audit(false, () => undefined);
    expect(() => streamed.report(['a'], { file: 'repos.txt', text: 'acme/web', repositories: ['acme/web'] })).toThrow(/inventory needs the roles kept/);
  });
});

describe('the text report in pieces', () => {
  test('a block per role, then the summary', () => {
    const pieces = [...textChunks(reportOf(['repo:acme/web:*', 'repo:acme/*']), { showPolicies: false, style: makeStyle(false) })];
    expect(pieces).toHaveLength(3);
    expect(pieces[0]).toMatch(/^deploy-0/);
    expect(pieces[2]).toMatch(/^3 roles scanned, 2 trust GitHub \(1 other not listed\): /);
    expect(pieces.join('').endsWith('\n')).toBe(true);
  });
});

describe('PieceWriter', () => {
  test('writes everything, in order, in writes of about 64 KiB', () => {
    const writes: string[] = [];
    const pieces = Array.from({ length: 1000 }, (_, index) => `${String(index).padStart(4, '0')}${'x'.repeat(996)}`);
    const out = new PieceWriter({ write: (text: string) => writes.push(text) });
    pieces.forEach((piece) => out.write(piece));
    out.end();
    expect(writes.join('')).toBe(pieces.join(''));
    expect(writes.length).toBe(Math.ceil(1000 * 1000 / (64 * 1024)));
    expect(writes.slice(0, -1).every((text) => text.length >= 64 * 1024 && text.length < 64 * 1024 + 1000)).toBe(true);
  });

  test('a short text is one write; nothing is no write', () => {
    const writes: string[] = [];
    const short = new PieceWriter({ write: (text: string) => writes.push(text) });
    short.write('a');
    short.write('b');
    short.end();
    new PieceWriter({ write: (text: string) => writes.push(text) }).end();
    expect(writes).toEqual(['ab']);
  });
});
