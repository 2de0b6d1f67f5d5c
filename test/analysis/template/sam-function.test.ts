import { samFunctionTrustPolicy } from '../../../src/analysis/template/sam-function';
import { templateRoles } from '../../../src/analysis/template/template-roles';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';

const G = 'token.actions.githubusercontent.com';
const statement = (sub: string) => ({
  Effect: 'Allow',
  Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { [`${G}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${G}:sub`]: sub } },
});
const lambda = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };
const fn = (properties: object) => ({ Type: 'AWS::Serverless::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x', ...properties } });

describe('the role of a SAM function in a template', () => {
  test('is read as <function>Role with the function\'s trust policy, and judged', () => {
    const template = { Transform: 'AWS::Serverless-2016-10-31', Resources: { Api: fn({ AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement('repo:*')] } }) } };
    const roles = templateRoles(template);
    expect(roles.map((role) => role.logicalId)).toEqual(['ApiRole']);
    expect(TrustPolicyValidator.validate(roles[0].policy).map((finding) => finding.ruleId)).toContain('SubWildcardRepository');
  });

  test.each([
    ['it names its own Role', fn({ Role: { 'Fn::GetAtt': ['Given', 'Arn'] }, AssumeRolePolicyDocument: { Statement: [statement('repo:*')] } })],
    ['it has no trust policy (SAM gives the default Lambda trust)', fn({})],
    ['it is not a function', { Type: 'AWS::Serverless::Api', Properties: { AssumeRolePolicyDocument: { Statement: [statement('repo:*')] } } }],
  ])('there is none when %s', (_name, resource) => {
    expect(templateRoles({ Resources: { Api: resource } })).toEqual([]);
  });

  test('a Role that may be AWS::NoValue leaves SAM to create the role: it is judged', () => {
    const resource = fn({ Role: { 'Fn::If': ['UseGiven', 'arn:aws:iam::1:role/x', { Ref: 'AWS::NoValue' }] }, AssumeRolePolicyDocument: { Statement: [statement('repo:*')] } });
    expect(templateRoles({ Resources: { Api: resource } }).map((role) => role.logicalId)).toEqual(['ApiRole']);
  });

  test('Globals.Function.AssumeRolePolicyDocument: every function gets it, its statements first, merged with the function\'s', () => {
    const template = {
      Globals: { Function: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [statement('repo:*')] } } },
      Resources: { A: fn({}), B: fn({ AssumeRolePolicyDocument: { Statement: [lambda] } }), C: fn({ Role: 'arn:aws:iam::1:role/x' }) },
    };
    const roles = templateRoles(template);
    expect(roles.map((role) => role.logicalId)).toEqual(['ARole', 'BRole']);
    expect(roles[0].policy).toEqual({ Version: '2012-10-17', Statement: [statement('repo:*')] });
    expect(roles[1].policy).toEqual({ Version: '2012-10-17', Statement: [statement('repo:*'), lambda] });
    // the global statement that admits everyone is judged in both
    for (const role of roles) expect(TrustPolicyValidator.validate(role.policy).map((finding) => finding.ruleId)).toContain('SubWildcardRepository');
  });

  test('the merge: maps key by key, lists appended, plain values and CloudFormation expressions the function\'s', () => {
    const globals = { Function: { AssumeRolePolicyDocument: { Version: '2008-10-17', Id: 'global', Statement: [lambda], Extra: { a: 1, b: [1] } } } };
    expect(samFunctionTrustPolicy({ AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: { 'Fn::If': ['C', [], []] }, Extra: { b: [2], c: 3 } } }, globals))
      .toEqual({ Version: '2012-10-17', Id: 'global', Statement: { 'Fn::If': ['C', [], []] }, Extra: { a: 1, b: [1, 2], c: 3 } });
    const proto = JSON.parse('{"AssumeRolePolicyDocument": {"__proto__": {"x": 1}}}');
    const merged = samFunctionTrustPolicy(proto, { Function: { AssumeRolePolicyDocument: { Statement: [] } } }) as object;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['Statement', '__proto__']);
  });

  test.each([[undefined], [null], ['text'], [[1, 2]]])('properties %p: no role, no throw', (properties) => {
    expect(samFunctionTrustPolicy(properties, { Function: 'x' })).toBeUndefined();
  });
});

test('a Role that is a cyclic or odd value from code does not throw: it names a role', () => {
  const cyclic: any = { 'Fn::If': ['C'] };
  cyclic['Fn::If'].push(cyclic);
  expect(samFunctionTrustPolicy({ Role: cyclic, AssumeRolePolicyDocument: {} })).toBeUndefined();
  expect(samFunctionTrustPolicy({ Role: BigInt(1), AssumeRolePolicyDocument: {} })).toBeUndefined();
});
