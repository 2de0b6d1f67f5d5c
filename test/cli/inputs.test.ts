import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrustPolicyValidator } from '../../src/analysis/validate/validator';
import { parseCommandArgs } from '../../src/cli/args';
import { CliError } from '../../src/cli/cli-error';
import { templatesOfAssembly } from '../../src/cli/input/cdk-out';
import { parseJsonText } from '../../src/cli/input/json-file';
import { LineIndex } from '../../src/cli/input/line-index';
import { loadInput } from '../../src/cli/input/load';
import { roleLabel, rolesOfFile } from '../../src/cli/input/roles';
import { describeShape, detectShape } from '../../src/cli/input/shapes';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string) => join(FIXTURES, name);
const STATEMENT = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };

describe('detectShape', () => {
  test.each([
    [{ RoleDetailList: [], UserDetailList: [] }, 'account-authorization-details'],
    [{ Roles: [] }, 'list-roles'],
    [{ Role: { RoleName: 'x' } }, 'get-role'],
    [{ AWSTemplateFormatVersion: '2010-09-09', Resources: {} }, 'cloudformation-template'],
    [{ Version: '2012-10-17', Statement: [STATEMENT] }, 'trust-policy'],
    [{ Statement: STATEMENT }, 'trust-policy'],
    [{ Role: 'x' }, undefined],
    [{ Resources: [] }, undefined],
    [{ hello: 1 }, undefined],
    [[1, 2], undefined],
    ['text', undefined],
    [null, undefined],
  ])('%j is %s', (value, shape) => {
    expect(detectShape(value)).toBe(shape);
  });

  test.each([
    [null, 'null'],
    [[1], 'an array of 1'],
    [3, 'a number'],
    [{}, 'an empty object'],
    [{ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }, 'an object with keys a, b, c, d, e, ...'],
  ])('describeShape(%j) is %s', (value, text) => {
    expect(describeShape(value)).toBe(text);
  });
});

describe('rolesOfFile', () => {
  test('a template: roles with logical ID, line, construct path, and the providers of the template', () => {
    // GIVEN
    const input = loadInput(fixture('cdk-app.out'));

    // THEN both templates are read, the nested stage's included, sorted
    expect(input.files.map((file) => file.slice(FIXTURES.length + 1))).toEqual([
      'cdk-app.out/App.template.json',
      'cdk-app.out/assembly-Prod/ProdApi.template.json',
    ]);
    const [web, api, handler] = input.roles;
    expect(web).toMatchObject({
      shape: 'cloudformation-template',
      logicalId: 'WebDeployRoleABCD1234',
      constructPath: 'App/WebDeploy/Role/Resource',
      providerUrls: { GitHubOidcProvider1234: 'https://token.actions.githubusercontent.com' },
    });
    const text = readFileSync(fixture('cdk-app.out/App.template.json'), 'utf8');
    expect(web.line).toBe(text.split('\n').findIndex((line) => line.includes('"WebDeployRoleABCD1234": {')) + 1);
    expect(roleLabel(web)).toBe('App.template.json App/WebDeploy/Role/Resource (WebDeployRoleABCD1234)');
    expect(api.logicalId).toBe('ApiDeployRole5678');
    expect(handler.logicalId).toBe('HandlerRole');
    expect(roleLabel(handler)).toBe('ProdApi.template.json HandlerRole');
  });

  test('an account export: each role with its name, ARN and policy as written (URL-encoded strings kept)', () => {
    const roles = loadInput(fixture('account-export.json')).roles;

    expect(roles.map((role) => role.roleName)).toEqual(['deploy-web-prod', 'deploy-any-acme', 'lambda-exec', 'broken-policy', 'deploy-old-repo']);
    expect(roles[0].arn).toBe('arn:aws:iam::123456789012:role/deploy-web-prod');
    expect(typeof roles[0].policy).toBe('string');
    expect(roles[0].policy as string).toMatch(/^%7B/);
    expect(typeof roles[1].policy).toBe('object');
    expect(roleLabel(roles[0])).toBe('deploy-web-prod');
  });

  test.each([
    ['get-role.json', 'get-role', 'deploy-web'],
    ['get-role-encoded.json', 'get-role', 'deploy-web'],
    ['list-roles.json', 'list-roles', 'deploy-web'],
    ['policy-branch-main.json', 'trust-policy', undefined],
  ])('%s is read as %s', (name, shape, roleName) => {
    const [role] = loadInput(fixture(name)).roles;
    expect(role.shape).toBe(shape);
    expect(role.roleName).toBe(roleName);
    expect(role.policy).toBeDefined();
  });

  test('a SAM function\'s role: named <function>Role, at the function\'s line, its policy as written (a key twice included)', () => {
    const [role] = loadInput(fixture('sam-function.json')).roles;
    expect(role).toMatchObject({ logicalId: 'ApiRole', line: 7 });
    // the text, not the parse: the first "StringEquals" (the sub) is what a duplicate key drops
    expect(TrustPolicyValidator.validate(role.policy).map((finding) => finding.ruleId)).toContain('DuplicateJsonKey');
  });

  test('an entry of an export that is not an object is kept, with no policy, to be reported as unreadable', () => {
    const roles = rolesOfFile({ path: 'x.json', text: '', value: { RoleDetailList: ['oops'] } });
    expect(roles).toEqual([{ file: 'x.json', shape: 'account-authorization-details', roleName: 'RoleDetailList[0]', policy: undefined }]);
  });

  test.each([
    ['empty-export.json', /empty-export\.json holds no roles \(RoleDetailList is empty\): expected at least one role/],
    ['no-roles-template.json', /no-roles-template\.json holds no AWS::IAM::Role resource/],
    ['unknown-shape.json', /unknown-shape\.json: unrecognized input \(got an object with keys hello, items\): expected `aws iam get-account-authorization-details`/],
    ['invalid.json', /invalid\.json is not valid JSON .*: expected /],
    ['does-not-exist.json', /cannot read .*does-not-exist\.json: no such file or directory; expected /],
    ['.', /fixtures\/?\. is a directory without \*\.template\.json files|is a directory without/],
  ])('%s is refused with a message naming it', (name, message) => {
    expect(() => loadInput(fixture(name))).toThrow(CliError);
    expect(() => loadInput(fixture(name))).toThrow(message);
  });

  test('a template under a cdk.out without roles is no error', () => {
    expect(templatesOfAssembly(fixture('cdk-app.out'))).toHaveLength(2);
  });
});

describe('parseJsonText', () => {
  test('names the line of a syntax error when the parser gives its position, and stays on one line', () => {
    expect(() => parseJsonText('f.json', '{\n  "a": 1,\n  "b" 2 }\n', 'x')).toThrow(/^f\.json is not valid JSON at line 3 \([^\n]*\): expected x$/);
    expect(() => parseJsonText('f.json', '{\n  "a": 1,\n  "b": }\n', 'x')).toThrow(/^f\.json is not valid JSON[^\n]*: expected x$/);
  });

  test('accepts a byte order mark and refuses an empty file', () => {
    expect(parseJsonText('f.json', '\ufeff{"a":1}', 'x')).toEqual({ a: 1 });
    expect(() => parseJsonText('f.json', '  \n', 'a policy')).toThrow('f.json is empty: expected a policy');
  });
});

describe('LineIndex', () => {
  const text = '{\n  "Resources": {\n    "A": { "Type": "A" },\n    "B": {}\n  }\n}\n';
  const index = new LineIndex(text);

  test('finds the line of keys, not of equal values', () => {
    expect(index.lineOfKey('Resources')).toBe(2);
    expect(index.lineOfKey('A')).toBe(3);
    expect(index.lineOfKey('B')).toBe(4);
    expect(index.lineOfKey('Type')).toBe(3);
    expect(index.lineOfKey('C')).toBeUndefined();
  });

  test.each([[0, 1], [1, 1], [2, 2], [text.length - 1, 6]])('offset %d is on line %d', (offset, line) => {
    expect(index.lineAt(offset)).toBe(line);
  });
});

describe('parseCommandArgs', () => {
  const specs = {
    'policy': { type: 'string' as const, value: 'FILE' },
    'format': { type: 'string' as const, value: 'text|json', choices: ['text', 'json'] },
    'show-policies': { type: 'boolean' as const },
  };

  test('reads flags and positionals', () => {
    const args = parseCommandArgs('audit', ['a.json', '--format', 'json', '--show-policies', 'b.json'], specs, true);
    expect(args.flags).toEqual({ 'format': 'json', 'show-policies': true });
    expect(args.positionals).toEqual(['a.json', 'b.json']);
  });

  test.each([
    [['--nope'], true, 'explain: unknown option --nope: expected one of --policy FILE, --format text|json, --show-policies'],
    [['--policy'], true, 'explain: option --policy needs a value: FILE'],
    [['--show-policies=yes'], true, 'explain: option --show-policies takes no value'],
    [['--format', 'xml'], true, 'explain: --format "xml" is not accepted: expected one of text, json'],
    [['stray'], false, 'explain: unexpected argument "stray": explain takes only options'],
  ])('%j is refused', (argv, positionals, message) => {
    expect(() => parseCommandArgs('explain', argv, specs, positionals)).toThrow(message);
  });
});
