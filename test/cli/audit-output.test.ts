/**
 * audit writes its report a role at a time (src/cli/audit/format-json.ts, format-text.ts, io.ts): the pieces must
 * add up to the document a single JSON.stringify would write, and be written in few, bounded writes.
 */
import { jsonChunks } from '../../src/cli/audit/format-json';
import { textChunks } from '../../src/cli/audit/format-text';
import { auditRoles, AuditReport } from '../../src/cli/audit/report';
import { rolesOfFile } from '../../src/cli/input/roles';
import { writeInPieces } from '../../src/cli/io';
import { makeStyle } from '../../src/cli/output/style';

const GITHUB = 'token.actions.githubusercontent.com';

function role(sub: string, roleName: string) {
  return {
    RoleName: roleName,
    Arn: `arn:aws:iam::123456789012:role/${roleName}`,
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${GITHUB}` },
        Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: sub } },
      }],
    },
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
    // the head, "[", the two roles, "]", the end
    expect(pieces).toHaveLength(6);
    expect(JSON.parse(pieces.join('')).roles.map((r: { roleName: string }) => r.roleName)).toEqual(['deploy-0', 'deploy-1']);
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

describe('writeInPieces', () => {
  test('writes everything, in order, in writes of about 64 KiB', () => {
    const writes: string[] = [];
    const pieces = Array.from({ length: 1000 }, (_, index) => `${String(index).padStart(4, '0')}${'x'.repeat(996)}`);
    writeInPieces({ write: (text: string) => writes.push(text) }, pieces);
    expect(writes.join('')).toBe(pieces.join(''));
    expect(writes.length).toBe(Math.ceil(1000 * 1000 / (64 * 1024)));
    expect(writes.slice(0, -1).every((text) => text.length >= 64 * 1024 && text.length < 64 * 1024 + 1000)).toBe(true);
  });

  test('a short text is one write; nothing is no write', () => {
    const writes: string[] = [];
    writeInPieces({ write: (text: string) => writes.push(text) }, ['a', 'b']);
    writeInPieces({ write: (text: string) => writes.push(text) }, []);
    expect(writes).toEqual(['ab']);
  });
});
