import { CliRun, fixture, runAll } from './run-cli';

jest.setTimeout(120_000);

const SEVERITIES = ['ERROR', 'WARNING', 'INFO'];

function expectNoStack(run: CliRun): void {
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m);
}

describe('audit (spawned)', () => {
  const cases = {
    accountText: ['audit', fixture('account-export.json'), '--repositories', fixture('repositories.txt')],
    allShapesJson: ['audit', fixture('cdk-app.out'), fixture('list-roles.json'), fixture('get-role.json'), fixture('get-role-encoded.json'),
      fixture('policy-environment.json'), fixture('template-one-role.json'), '--format', 'json', '--fail-on', 'never'],
    sarif: ['audit', fixture('account-export.json'), fixture('template-two-roles.json'), '--format', 'sarif'],
    sarifInventory: ['audit', fixture('get-role.json'), '--repositories', fixture('repositories.txt'), '--format', 'sarif', '--fail-on', 'never'],
    showPolicies: ['audit', fixture('cdk-app.out'), '--show-policies'],
    failOnWarningJson: ['audit', fixture('get-role.json'), '--format', 'json', '--fail-on', 'warning'],
    failOnErrorJson: ['audit', fixture('get-role.json'), '--format', 'json'],
    failOnNever: ['audit', fixture('account-export.json'), '--fail-on', 'never'],
    markdown: ['audit', fixture('account-export.json'), '--format', 'markdown'],
  };
  const runs: { [name in keyof typeof cases]: CliRun } = {} as any;

  beforeAll(async () => {
    const names = Object.keys(cases) as (keyof typeof cases)[];
    const results = await runAll(names.map((name) => cases[name]));
    names.forEach((name, index) => { runs[name] = results[index]; });
  });

  test('markdown: one table row per GitHub role, the findings with their fixes, for the step summary', () => {
    const { stdout, code } = runs.markdown;
    expect(code).toBe(1);
    expect(stdout).toContain('| Role | Repositories | Subjects | Findings |');
    expect(stdout).toMatch(/^\| deploy-web-prod \| acme\/web \| repo:acme\/web:environment:production \| /m);
    // The cell's source escapes the markup characters (markdown.ts): it renders as acme/*.
    expect(stdout).toMatch(/^\| deploy-any-acme \| acme\/\\\* \| .* \| ❌ error: .*SubWildcardRepository/m);
    expect(stdout).toMatch(/^- \*\*SubWildcardRepository\*\* \(deploy-any-acme\): .* Fix: /m);
    expect(stdout).not.toContain('lambda-exec');
  });

  test('text: each GitHub role with issuer, repositories, subjects and findings; other roles counted; a summary line', () => {
    const run = runs.accountText;
    const { stdout } = run;
    // the export holds 5 roles, one of them a Lambda role
    for (const role of ['deploy-web-prod', 'deploy-any-acme', 'broken-policy', 'deploy-old-repo']) expect(stdout).toMatch(new RegExp(`^${role}  arn:aws:iam::123456789012:role/${role}$`, 'm'));
    expect(stdout).not.toContain('lambda-exec');
    expect(stdout).toMatch(/^ {2}issuer +https:\/\/token\.actions\.githubusercontent\.com$/m);
    expect(stdout).toMatch(/^ {2}repositories +acme\/\*$/m);
    expect(stdout).toMatch(/^ {2}subjects +repo:acme\/web:environment:production$/m);
    // the unreadable policy is reported, not skipped
    expect(stdout).toMatch(/^ {2}ERROR +PolicyUnreadable +/m);
    // the repository not in the inventory (namespace recycling)
    expect(stdout).toMatch(/WARNING +RepositoryNotInInventory +The role trusts acme\/old-repo, which is not in .*repositories\.txt/);
    // summary: counts agree with the finding lines printed
    const count = (severity: string) => (stdout.match(new RegExp(`^ {2}${severity} +\\w+ `, 'gm')) ?? []).length;
    const summary = /^5 roles scanned, 4 trust GitHub \(1 other not listed\): (\d+) errors?, (\d+) warnings?, (\d+) infos?$/m.exec(stdout);
    expect(summary).not.toBeNull();
    expect(summary!.slice(1).map(Number)).toEqual(SEVERITIES.map(count));
    expect(run.code).toBe(count('ERROR') > 0 ? 1 : 0);
    expect(count('ERROR')).toBeGreaterThan(0);
    expect(stdout).not.toContain('\u001b[');
  });

  test('json: every input shape at once, in a stable documented shape', () => {
    const run = runs.allShapesJson;
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.version).toBe(1);
    expect(report.tool.name).toBe('github-deploy-roles');
    expect(report.inputs).toHaveLength(6);
    // cdk.out: 3 roles (one Lambda); list-roles: 2 (one Lambda); get-role x2; policy; template: 2 (one Lambda)
    expect(report.summary.rolesScanned).toBe(3 + 2 + 1 + 1 + 1 + 2);
    expect(report.summary.githubRoles).toBe(report.roles.length);
    expect(report.summary.otherRoles).toBe(3);
    const all = report.roles.flatMap((role: any) => role.findings);
    SEVERITIES.forEach((severity, index) => {
      expect(report.summary[['errors', 'warnings', 'infos'][index]]).toBe(all.filter((f: any) => f.severity === severity).length);
    });
    const byId = (id: string) => report.roles.find((role: any) => role.logicalId === id || role.roleName === id);
    // a provider referenced by Ref or GetAtt in the same template resolves to its issuer
    expect(byId('DeployRole').issuers).toEqual(['https://token.actions.githubusercontent.com']);
    expect(byId('WebDeployRoleABCD1234')).toMatchObject({
      constructPath: 'App/WebDeploy/Role/Resource',
      repositories: ['acme/web'],
      subjects: ['repo:acme/web:environment:production'],
    });
    expect(byId('ApiDeployRole5678').file).toMatch(/assembly-Prod[\\/]ProdApi\.template\.json$/);
    expect(byId('deploy-web').arn).toBe('arn:aws:iam::123456789012:role/deploy-web');
    expect(report.roles.some((role: any) => role.file.endsWith('policy-environment.json'))).toBe(true);
    for (const finding of all) {
      expect(Object.keys(finding).slice(0, 4)).toEqual(['ruleId', 'severity', 'message', 'fix']);
      expect(SEVERITIES).toContain(finding.severity);
    }
    expect(report.roles[0].trustPolicy).toBeUndefined();
  });

  test('sarif: version, schema, rules from the catalogue, results with rule IDs among them and locations', () => {
    const run = runs.sarif;
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(Array.isArray(sarif.runs)).toBe(true);
    expect(sarif.runs).toHaveLength(1);
    const [sarifRun] = sarif.runs;
    expect(sarifRun.tool.driver.name).toBe('github-deploy-roles');
    const ruleIds = sarifRun.tool.driver.rules.map((rule: any) => rule.id);
    expect(ruleIds).toContain('PolicyUnreadable');
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(sarifRun.results.length).toBeGreaterThan(0);
    for (const result of sarifRun.results) {
      expect(typeof result.message.text).toBe('string');
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(ruleIds).toContain(result.ruleId);
      expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note', 'none']).toContain(result.level);
      expect(typeof result.locations[0].physicalLocation.artifactLocation.uri).toBe('string');
    }
    // an account export's role is named by a logical location; a template's role has a line
    const unreadable = sarifRun.results.find((result: any) => result.ruleId === 'PolicyUnreadable');
    expect(unreadable.level).toBe('error');
    expect(unreadable.locations[0].logicalLocations[0]).toEqual({
      name: 'broken-policy', fullyQualifiedName: 'arn:aws:iam::123456789012:role/broken-policy', kind: 'resource',
    });
    const templateResult = sarifRun.results.find((result: any) => result.locations[0].physicalLocation.artifactLocation.uri === 'test/cli/fixtures/template-two-roles.json');
    expect(templateResult.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(run.code).toBe(sarifRun.results.some((result: any) => result.level === 'error') ? 1 : 0);
  });

  test('sarif with --repositories: a listed repository without role is a note at its line of the list', () => {
    const run = runs.sarifInventory;
    expect(run.code).toBe(0);
    const [sarifRun] = JSON.parse(run.stdout).runs;
    const result = sarifRun.results.find((r: any) => r.ruleId === 'RepositoryWithoutRole');
    expect(result.level).toBe('note');
    expect(result.message.text).toContain('acme/api is listed in');
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'test/cli/fixtures/repositories.txt' }, region: { startLine: 3 } });
    expect(sarifRun.tool.driver.rules.map((rule: any) => rule.id)).toEqual(expect.arrayContaining(['RepositoryWithoutRole', 'RepositoryNotInInventory']));
    expect(sarifRun.results.some((r: any) => r.ruleId === 'RepositoryNotInInventory')).toBe(false);
  });

  test('--show-policies prints each trust policy under its role', () => {
    const run = runs.showPolicies;
    expect(run.stdout).toMatch(/^ {2}trust policy\n {4}\{\n {6}"Version": "2012-10-17",/m);
    expect(run.stdout).toContain('"Ref": "GitHubOidcProvider1234"');
    expect(run.stdout).toMatch(/^3 roles scanned, 2 trust GitHub \(1 other not listed\)/m);
  });

  test('--fail-on sets the exit code from the findings', () => {
    const counts = (run: CliRun) => JSON.parse(run.stdout).summary;
    const warning = counts(runs.failOnWarningJson);
    expect(runs.failOnWarningJson.code).toBe(warning.errors + warning.warnings > 0 ? 1 : 0);
    const error = counts(runs.failOnErrorJson);
    expect(runs.failOnErrorJson.code).toBe(error.errors > 0 ? 1 : 0);
    // the account export has errors, yet --fail-on never exits 0
    expect(runs.failOnNever.code).toBe(0);
    expect(runs.failOnNever.stdout).toMatch(/: [1-9]\d* errors?,/);
    Object.values(runs).forEach(expectNoStack);
  });
});
