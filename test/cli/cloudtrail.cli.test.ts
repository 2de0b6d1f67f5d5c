/**
 * explain --cloudtrail (issue 12), spawned: the three record shapes and JSON lines, each failure explained against
 * an IAM export, and bad input named. Fixtures: test/cli/fixtures/cloudtrail (each file records its source).
 */
import { CliRun, fixture, runAll } from './run-cli';

jest.setTimeout(120_000);

const ROLES = fixture('cloudtrail/roles.json');
const logs = (name: string) => fixture(`cloudtrail/records/${name}`);
const json = (run: CliRun) => JSON.parse(run.stdout);

describe('explain --cloudtrail (spawned)', () => {
  const cases = {
    lookupEvents: ['explain', '--cloudtrail', logs('lookup-events.json'), '--policy', ROLES, '--format', 'json'],
    s3: ['explain', '--cloudtrail', logs('s3-delivered.json.gz'), '--policy', ROLES, '--format', 'json'],
    cloudWatch: ['explain', '--cloudtrail', logs('filter-log-events.json'), '--policy', ROLES, '--format', 'json'],
    jsonLines: ['explain', '--cloudtrail', logs('records.jsonl'), '--policy', ROLES, '--format', 'json'],
    directory: ['explain', '--cloudtrail', fixture('cloudtrail/records'), '--policy', ROLES, '--format', 'json'],
    several: ['explain', '--cloudtrail', logs('lookup-events.json'), logs('records.jsonl'), '--policy', ROLES],
    text: ['explain', '--cloudtrail', logs('lookup-events.json'), '--policy', ROLES],
    truncated: ['explain', '--cloudtrail', fixture('cloudtrail/truncated.json.gz'), '--policy', ROLES],
    notRecords: ['explain', '--cloudtrail', ROLES, '--policy', ROLES],
    noPolicy: ['explain', '--cloudtrail', logs('lookup-events.json')],
    withToken: ['explain', '--cloudtrail', logs('lookup-events.json'), '--policy', ROLES, '--repo', 'acme/web'],
    missing: ['explain', '--cloudtrail', fixture('cloudtrail/nope.json'), '--policy', ROLES],
  };
  const runs: { [name in keyof typeof cases]: CliRun } = {} as any;

  beforeAll(async () => {
    const names = Object.keys(cases) as (keyof typeof cases)[];
    const results = await runAll(names.map((name) => cases[name]));
    names.forEach((name, i) => { runs[name] = results[i]; });
  });

  test('lookup-events: the 12 retries of one job are one failure, the role (null in the record) guessed and ranked', () => {
    const report = json(runs.lookupEvents);
    expect(runs.lookupEvents.code).toBe(1);
    expect(report).toMatchObject({ successes: 1, records: 14, otherProviders: 1 });
    expect(report.failures).toHaveLength(1);
    const [failure] = report.failures;
    expect(failure).toMatchObject({
      sub: 'repo:J-xy@68347443/tf-platform-lab@1355558109:ref:refs/heads/neg/assume-apply',
      aud: 'sts.amazonaws.com',
      roleArn: null,
      role: 'github-actions-terraform-plan',
      guessed: true,
      count: 12,
      first: '2026-10-05T22:04:52Z',
      last: '2026-10-05T22:05:58Z',
      runIds: ['37380120461'],
      failedConditions: ['token.actions.githubusercontent.com:sub'],
      cause: { id: 'OTHER_REF' },
    });
    expect(failure.candidates.map((c: any) => c.role)).toEqual(['github-actions-terraform-plan', 'github-actions-terraform-apply']);
    expect(failure.fix).toContain('add "repo:J-xy@68347443/tf-platform-lab@1355558109:ref:refs/heads/neg/assume-apply"');
  });

  test('S3 delivery (.json.gz): the role the record names, and an environment job against a branch policy', () => {
    const [failure] = json(runs.s3).failures;
    expect(failure).toMatchObject({
      roleArn: 'arn:aws:iam::964291633585:role/github-actions-terraform-plan', guessed: false, count: 3, cause: { id: 'ENVIRONMENT_SUBJECT' },
    });
  });

  test('CloudWatch Logs: a missing provider is cause 2, an audience the provider lacks cause 5', () => {
    const causes = json(runs.cloudWatch).failures.map((f: any) => [f.cause.id, f.cause.seedCause]);
    expect(causes).toEqual([['PROVIDER_MISSING', 2], ['AUDIENCE_NOT_IN_PROVIDER', 5]]);
  });

  test('JSON lines: a name-only sub against an immutable policy; a record without userIdentity is named, not guessed', () => {
    const report = json(runs.jsonLines);
    expect(report.failures.map((f: any) => f.cause.id)).toEqual(['NAME_ONLY_SUBJECT']);
    expect(report.unreadable).toEqual([expect.stringMatching(/records\.jsonl record 3: no userIdentity/)]);
  });

  test('a directory and several files are read whole', () => {
    expect(json(runs.directory).failures).toHaveLength(5);
    expect(runs.several.stdout).toMatch(/^17 AssumeRoleWithWebIdentity record\(s\): 1 succeeded, 14 denied through GitHub in 2 burst\(s\), 1 denied through other providers/);
  });

  test('the text form shows the burst, the guess and the fix', () => {
    expect(runs.text.stdout).toMatch(/DENIED x12 {2}2026-10-05T22:04:52Z \.\. 2026-10-05T22:05:58Z {2}run 37380120461/);
    expect(runs.text.stdout).toContain('(a guess: the record names no role)');
    expect(runs.text.stdout).toMatch(/ {2}fix {7}statement 0: add /);
  });

  test.each<[keyof typeof cases, RegExp]>([
    ['truncated', /truncated\.json\.gz cannot be read: the gzip data is truncated; expected CloudTrail records/],
    ['notRecords', /roles\.json: unrecognized input \(an object with keys _source, RoleDetailList\): expected CloudTrail records/],
    ['noPolicy', /explain --cloudtrail: missing --policy INPUT/],
    ['withToken', /explain --cloudtrail takes the tokens from the records: --repo does not apply/],
    ['missing', /cannot read test\/cli\/fixtures\/cloudtrail\/nope\.json: no such file or directory/],
  ])('bad input %s: one line, exit 2, no stack', (name, message) => {
    const run = runs[name];
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^github-deploy-roles: [^\n]+\n$/);
  });
});
