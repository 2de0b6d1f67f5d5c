import { fixture, runAll, CliRun } from './run-cli';

jest.setTimeout(120_000);

// Each bad input: the arguments, and what the one-line message must say (the file or flag, and what was expected).
const CASES: [string, string[], RegExp][] = [
  ['a missing file', ['audit', fixture('nope.json')], /cannot read test\/cli\/fixtures\/nope\.json: no such file or directory; expected .*aws iam get-account-authorization-details/],
  ['invalid JSON', ['audit', fixture('invalid.json')], /test\/cli\/fixtures\/invalid\.json is not valid JSON.*: expected /],
  ['an unknown shape', ['audit', fixture('unknown-shape.json')], /unknown-shape\.json: unrecognized input \(got an object with keys hello, items\): expected /],
  ['an empty export', ['audit', fixture('empty-export.json')], /empty-export\.json holds no roles \(RoleDetailList is empty\)/],
  ['a directory without templates', ['audit', 'test/cli'], /test\/cli is a directory without \.json, \.yaml or \.yml files: expected a cdk\.out directory, or a directory of IAM exports \(one per account\) or CloudFormation templates/],
  ['an unknown flag', ['audit', fixture('get-role.json'), '--colour'], /audit: unknown option --colour: expected one of --format text\|json\|sarif/],
  ['a bad --format', ['audit', fixture('get-role.json'), '--format', 'xml'], /audit: --format "xml" is not accepted: expected one of text, json, sarif/],
  ['audit without input', ['audit'], /audit: missing input: expected one or more files/],
  ['a bad repositories list', ['audit', fixture('get-role.json'), '--repositories', fixture('get-role.json')], /get-role\.json line 1: "\{" is not a repository: expected owner\/name/],
  ['explain without --policy', ['explain', '--repo', 'acme/web'], /explain: missing --policy FILE/],
  ['two token inputs', ['explain', '--policy', fixture('get-role.json'), '--claims', fixture('claims-main.json'), '--repo', 'acme/web'], /give one token input, not --claims and --repo/],
  ['run flags without --repo', ['explain', '--policy', fixture('get-role.json'), '--event', 'push'], /--event describes a run and needs --repo OWNER\/NAME/],
  ['a short ref', ['explain', '--policy', fixture('get-role.json'), '--repo', 'acme/web', '--ref', 'main'], /--ref "main" is not a full ref: expected refs\/heads\/BRANCH.*e\.g\. refs\/heads\/main/],
  ['a malformed repository', ['explain', '--policy', fixture('get-role.json'), '--repo', 'acme'], /--repo "acme": Invalid repository "acme": expected "owner\/name"/],
  ['a bad issuer', ['explain', '--policy', fixture('get-role.json'), '--repo', 'acme/web', '--issuer', 'https://example.com'], /--issuer "https:\/\/example\.com": Invalid issuer url/],
  ['a bad subject format', ['explain', '--policy', fixture('get-role.json'), '--repo', 'acme/web', '--subject-format', 'ids'], /--subject-format "ids" is not accepted: expected one of name, immutable/],
  ['a bad template', ['explain', '--policy', fixture('get-role.json'), '--repo', 'acme/web', '--template', 'context,workflow'], /--template "context,workflow": Invalid include_claim_keys/],
  ['a token that is no JWT', ['explain', '--policy', fixture('get-role.json'), '--token', 'hello'], /--token: not a JWT \(1 part separated by "\."\)/],
  ['claims that are not JSON', ['explain', '--policy', fixture('get-role.json'), '--claims', fixture('token-environment.jwt')], /token-environment\.jwt is not valid JSON.*: expected a JSON object of token claims \(for a JWT use --token-file\)/],
  ['several GitHub roles and no --role', ['explain', '--policy', fixture('template-two-roles.json'), '--repo', 'acme/web'], /template-two-roles\.json holds 2 roles that trust GitHub: pass --role with one of WebRole, ApiRole/],
  ['an unknown --role', ['explain', '--policy', fixture('template-two-roles.json'), '--role', 'Nope', '--repo', 'acme/web'], /--role Nope: no role with that logical ID, name, ARN, construct path or construct ID in .*: expected one of WebRole, ApiRole/],
  ['an unknown command', ['deploy'], /unknown command "deploy": expected explain, audit, check/],
  ['one logical ID in two stacks', ['explain', '--policy', fixture('two-stacks.out'), '--role', 'WebProd', '--repo', 'acme/web'],
    /--role WebProd matches 2 roles in .*two-stacks\.out \(WebProdECE5CB69 in WebEu\/WebProd, WebProdECE5CB69 in WebUs\/WebProd\): pass a construct path/],
  ['binary input', ['audit', fixture('binary.bin')], /binary\.bin is binary, not text: its first bytes are 00 01 02 03 04 05 06 07; expected /],
  ['a gzip file', ['explain', '--policy', fixture('get-role.json.gz'), '--repo', 'acme/web'], /get-role\.json\.gz is binary, not text: its first bytes are 1f 8b .*\(gzip: decompress it first, e\.g\. gunzip -k FILE\)/],
  ['terminal escapes in a file', ['audit', fixture('control-characters.json')], /control-characters\.json is not valid JSON \(Unexpected token .*"Arn": x\\x1b\[2J\\x1b\]0;/],
  ['terminal escapes in a flag', ['explain', '--policy', fixture('get-role.json'), '--role', '\u001b[2Jx', '--repo', 'acme/web'], /--role \\x1b\[2Jx: no role/],
];

describe('bad input (spawned): one line on stderr naming the file or flag, exit code 2, no stack trace', () => {
  let runs: CliRun[];
  beforeAll(async () => {
    runs = await runAll(CASES.map(([, args]) => args));
  });

  test.each(CASES.map(([name, , message], index) => [name, message, index] as const))('%s', (_name, message, index) => {
    const run = runs[index];
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^github-deploy-roles: [^\n]+\n$/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    // whatever the input held, no control character reaches the terminal
    // eslint-disable-next-line no-control-regex
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/);
  });
});

describe('help and version (spawned)', () => {
  let runs: CliRun[];
  beforeAll(async () => {
    runs = await runAll([['--help'], ['help', 'explain'], ['audit', '--help'], ['--version'], []]);
  });

  test('--help lists both commands with examples', () => {
    expect(runs[0].code).toBe(0);
    expect(runs[0].stdout).toContain('github-deploy-roles explain --policy FILE');
    expect(runs[0].stdout).toContain('Examples:');
  });

  test('help explain and audit --help describe their flags', () => {
    expect(runs[1].code).toBe(0);
    expect(runs[1].stdout).toContain('--token-file FILE');
    expect(runs[1].stdout).toContain('--environment NAME');
    expect(runs[2].code).toBe(0);
    expect(runs[2].stdout).toContain('--fail-on error|warning|never');
    expect(runs[2].stdout).toContain('--repositories FILE');
  });

  test('--version prints the package version', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(runs[3].stdout).toBe(`${require('../../package.json').version}\n`);
  });

  test('no command prints the usage on stderr and exits 2', () => {
    expect(runs[4].code).toBe(2);
    expect(runs[4].stdout).toBe('');
    expect(runs[4].stderr).toContain('Usage:');
  });
});
