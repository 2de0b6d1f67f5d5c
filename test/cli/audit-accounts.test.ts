/**
 * `audit` across an organization: a directory of IAM exports, one per account, read one at a time, with findings per
 * account and in total, and a progress line on a terminal.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from './run-in-process';

function role(account: string, name: string, sub: string) {
  return {
    RoleName: name,
    Arn: `arn:aws:iam::${account}:role/${name}`,
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': sub } },
      }],
    },
  };
}

function organization(): string {
  const dir = mkdtempSync(join(tmpdir(), 'org-exports-'));
  const exports: Array<[string, object[]]> = [
    ['111111111111', [role('111111111111', 'deploy-web', 'repo:acme/web:environment:production')]],
    ['222222222222', [role('222222222222', 'deploy-api', 'repo:acme/api:environment:production'), role('222222222222', 'wide-open', 'repo:acme/*')]],
    ['333333333333', [{ RoleName: 'lambda', Arn: 'arn:aws:iam::333333333333:role/lambda', AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } }]],
  ];
  for (const [account, roles] of exports) {
    writeFileSync(join(dir, `${account}.json`), JSON.stringify({ RoleDetailList: roles, UserDetailList: [], GroupDetailList: [], Policies: [] }));
  }
  writeFileSync(join(dir, 'README.txt'), 'not an export: skipped, only .json files are read');
  return dir;
}

const run = runInProcess;

describe('audit of many accounts', () => {
  test('a directory of exports: every account read, findings per account and in total (JSON)', async () => {
    const { code, stdout } = await run(['audit', organization(), '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.summary).toMatchObject({ rolesScanned: 4, githubRoles: 3 });
    expect(report.summary.accounts).toEqual([
      { account: '111111111111', rolesScanned: 1, githubRoles: 1, errors: 0, warnings: 0, infos: 1 },
      { account: '222222222222', rolesScanned: 2, githubRoles: 2, errors: 1, warnings: 0, infos: 1 },
      { account: '333333333333', rolesScanned: 1, githubRoles: 0, errors: 0, warnings: 0, infos: 0 },
    ]);
    expect(report.roles.find((r: any) => r.roleName === 'wide-open').findings[0].ruleId).toBe('SubWildcardRepository');
    // Policies are not kept unless shown: the report does not carry them.
    expect(report.roles[0].trustPolicy).toBeUndefined();
  });

  test('text: a per-account table before the total; a progress line on a terminal only', async () => {
    const dir = organization();
    const terminal = await run(['audit', dir], true);
    expect(terminal.stdout).toMatch(/^Per account \(3\)$/m);
    expect(terminal.stdout).toMatch(/^ {2}222222222222 +2 roles, +2 trust GitHub: 1 error/m);
    expect(terminal.stderr).toContain('read 3/3 inputs, 4 roles');
    const piped = await run(['audit', dir]);
    expect(piped.stderr).toBe('');
  });

  test('--show-policies keeps the policies', async () => {
    const report = JSON.parse((await run(['audit', organization(), '--format', 'json', '--show-policies'])).stdout);
    expect(report.roles[0].trustPolicy.Statement).toHaveLength(1);
  });

  test('a directory with no .json file is bad input naming it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'empty-'));
    const { code, stderr } = await run(['audit', empty]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is a directory without \.json, \.yaml or \.yml files: expected a cdk\.out directory, or a directory of IAM exports \(one per account\) or CloudFormation templates/);
  });
});
