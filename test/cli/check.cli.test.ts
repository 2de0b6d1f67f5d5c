/**
 * `github-deploy-roles check`, spawned as users run it: the JSON contract of issue 11, SARIF into workflow lines,
 * the markdown summary, exit codes, and bad input.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, ROOT, runAll } from './run-cli';

const REAL = fixture('workflows/real-configure-aws-credentials');
const realArgs = ['check', '--workflows', `${REAL}/.github/workflows`, '--roles', `${REAL}/packaging-role.json`,
  '--repo', 'aws-actions/configure-aws-credentials', '--vars', `${REAL}/vars.json`];
const ACME = fixture('workflows/acme-web/.github/workflows');
// A copy of acme-web's workflows outside any git checkout.
const OUTSIDE_GIT = mkdtempSync(join(tmpdir(), 'check-no-git-'));
copyFileSync(join(ROOT, ACME, 'deploy.yml'), join(OUTSIDE_GIT, 'deploy.yml'));
// Roles as a directory of files (a get-role output and a bare trust policy).
const ROLES_DIR = mkdtempSync(join(tmpdir(), 'check-roles-'));
copyFileSync(join(ROOT, fixture('get-role.json')), join(ROLES_DIR, 'deploy-web.json'));
copyFileSync(join(ROOT, fixture('policy-environment.json')), join(ROLES_DIR, 'production.json'));

describe('check', () => {
  let runs: Awaited<ReturnType<typeof runAll>>;
  beforeAll(async () => {
    runs = await runAll([
      [...realArgs, '--format', 'json'],
      [...realArgs, '--format', 'sarif'],
      [...realArgs, '--format', 'markdown'],
      ['check', '--workflows', ACME, '--roles', fixture('get-role.json'), '--repo', 'acme/web'],
      ['check', '--workflows', ACME, '--roles', fixture('policy-environment.json'), fixture('get-role.json'), '--repo', 'acme/web', '--format', 'json'],
      ['check', '--workflows', ACME, '--repo', 'acme/web'],
      ['check', '--workflows', fixture('workflows/none'), '--roles', fixture('get-role.json'), '--repo', 'acme/web'],
      ['check', '--workflows', fixture('workflows/broken'), '--roles', fixture('get-role.json'), '--repo', 'acme/web', '--format', 'json'],
      ['check', '--workflows', ACME, '--roles', fixture('get-role.json'), '--repo', 'acme/web', '--vars', fixture('invalid.json')],
      ['check', '--workflows', ACME, '--roles', fixture('get-role.json'), '--repo', 'not a repo'],
      ['check', '--workflows', ACME, '--roles', fixture('get-role.json'), '--repo', 'acme/web', '--bogus'],
      ['help', 'check'],
      ['check', '--workflows', fixture('workflows/acme-web'), '--roles', fixture('get-role.json'), '--repo', 'acme/web', '--format', 'json'],
      ['check', '--workflows', ACME, '--roles', fixture('get-role.json'), '--format', 'json'],
      ['check', '--workflows', OUTSIDE_GIT, '--roles', fixture('account-export.json'), fixture('get-role.json'), '--format', 'json'],
      ['check', '--workflows', ACME, '--roles', ROLES_DIR, '--repo', 'acme/web', '--format', 'json'],
    ]);
  }, 120_000);

  test('--format json: one entry per job with the fields of the contract', () => {
    const [json] = runs;
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    const verdicts = Object.fromEntries(report.jobs.map((j: any) => [j.job, j.verdict]));
    expect(verdicts).toEqual({ 'approved_pr': 'denied', 'dependabot': 'partly', 'package': 'partly', 'release-please': 'partly' });
    const pkg = report.jobs.find((j: any) => j.job === 'package');
    expect(pkg).toMatchObject({
      workflow: '.github/workflows/package-dist.yml',
      line: 12,
      roleToAssume: 'arn:aws:iam::111122223333:role/packaging',
      role: 'packaging',
      audience: 'sts.amazonaws.com',
    });
    expect(pkg.subjects).toContain('repo:aws-actions/configure-aws-credentials:ref:refs/heads/main');
    const cause = pkg.causes.find((c: any) => c.id === 'SubjectNotTrusted');
    expect(cause).toMatchObject({ severity: 'error', line: 9 });
    expect(cause.message).toMatch(/^workflow_dispatch on a branch other than main/);
    // The review event mints pull_request, which a role trusting main does not admit.
    expect(report.jobs.find((j: any) => j.job === 'approved_pr').subjects).toEqual(['repo:aws-actions/configure-aws-credentials:pull_request']);
    expect(report.roles[0].role).toBe('packaging');
  });

  test('--format sarif: results point at workflow lines', () => {
    const sarif = JSON.parse(runs[1].stdout);
    const results = sarif.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    const location = results.find((r: any) => r.ruleId === 'SubjectNotTrusted').locations[0].physicalLocation;
    expect(location.artifactLocation.uri).toMatch(/^test\/cli\/fixtures\/workflows\/real-configure-aws-credentials\/\.github\/workflows\/.+\.yml$/);
    expect(location.region.startLine).toBeGreaterThan(0);
    expect(sarif.runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual(expect.arrayContaining(['IdTokenPermissionMissing', 'RoleTrustsMoreThanWorkflowsUse']));
  });

  test('--format markdown: a table per workflow for the step summary', () => {
    const md = runs[2].stdout;
    expect(md).toContain('### `.github/workflows/package-dist.yml`');
    expect(md).toContain('| Job | Role | Verdict | sub | Causes |');
    expect(md).toMatch(/\| package \(line 12\) \| packaging \| ⚠️ partly \|/);
  });

  test('a job the role admits: exit 0 and the text report says allowed', () => {
    const clean = runs[3];
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/ALLOWED {2}job deploy \(line 11\)/);
    expect(clean.stdout).toContain('role-to-assume: arn:aws:iam::123456789012:role/deploy-web  ->  deploy-web');
  });

  test('the ARN picks its role among several', () => {
    const report = JSON.parse(runs[4].stdout);
    expect(report.jobs[0].role).toBe('deploy-web');
    expect(report.jobs[0].verdict).toBe('allowed');
  });

  test('bad input: exit 2 with one line naming the input', () => {
    const [, , , , , noRoles, noDir, broken, badVars, badRepo, bogus] = runs;
    expect(noRoles.code).toBe(2);
    expect(noRoles.stderr).toMatch(/missing --roles INPUT/);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/--workflows test\/cli\/fixtures\/workflows\/none: no such file or directory/);
    expect(badVars.code).toBe(2);
    expect(badVars.stderr).toMatch(/invalid\.json/);
    expect(badRepo.code).toBe(2);
    expect(badRepo.stderr).toMatch(/--repo "not a repo"/);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/unknown option --bogus/);
    for (const run of [noRoles, noDir, badVars, badRepo, bogus]) expect(run.stderr.trim().split('\n')).toHaveLength(1);
    // Malformed YAML is a finding with its line and column, not a crash.
    expect(broken.code).toBe(1);
    const problem = JSON.parse(broken.stdout).problems[0];
    expect(problem).toMatchObject({ id: 'WorkflowYamlInvalid', severity: 'error', line: 4 });
  });

  test('a repository root as --workflows reads its .github/workflows', () => {
    expect(runs[12].code).toBe(0);
    expect(JSON.parse(runs[12].stdout).jobs.map((j: any) => j.workflow)).toEqual(['.github/workflows/deploy.yml']);
  });

  test('without --repo: the one repository the roles name', () => {
    const [named, ambiguous] = runs.slice(13);
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout).jobs[0].subjects).toEqual(['repo:acme/web:ref:refs/heads/main']);
    // Roles of several repositories do not tell, and workflows outside any git checkout have no remote to ask.
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/missing --repo OWNER\/NAME: .*neither the roles nor the git remote "origin" tell/);
  });

  test('--roles DIR reads each file of the directory', () => {
    const report = JSON.parse(runs[15].stdout);
    expect(report.jobs[0]).toMatchObject({ role: 'deploy-web', verdict: 'allowed' });
  });

  test('help check', () => {
    expect(runs[11].code).toBe(0);
    expect(runs[11].stdout).toContain('github-deploy-roles check: will each workflow job get the role it names?');
  });
});
