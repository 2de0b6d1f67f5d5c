/**
 * Role lookup by the names users know (issue 10 item 11), and the CDK logical-ID allocation it relies on, checked
 * against aws-cdk-lib's own allocation.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { cdkLogicalId, findRoles } from '../../../src/analysis/template/role-lookup';

describe('cdkLogicalId matches the logical IDs CDK allocates', () => {
  test.each([
    ['a role at the stack root', ['WebProd']],
    ['a role under a group', ['Group', 'Prod']],
    ['deeper, with characters CDK drops', ['deploy-roles', 'Web_Prod.eu']],
    ['a repeated ID', ['Prod', 'Prod']],
    ['a Default child', ['Group', 'Default']],
  ])('%s', (_name, path) => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    let scope: Construct = stack;
    for (const id of path) scope = new Construct(scope, id);
    const role = new iam.CfnRole(scope, 'Resource', { assumeRolePolicyDocument: {} });
    expect(cdkLogicalId([...path, 'Resource'])).toBe(stack.resolve(role.logicalId));
  });
});

describe('findRoles', () => {
  const roles = [
    { logicalId: cdkLogicalId(['Group', 'Prod', 'Resource']), constructPath: undefined, file: 'a' },
    { logicalId: 'WebProdECE5CB69', constructPath: 'Quickstart/WebProd/Resource', file: 'b' },
    { logicalId: cdkLogicalId(['Prod', 'Resource']), roleName: 'prod-deploy', file: 'c' },
    // "NonProd" ends in "Prod" but is another construct: the hash tells them apart
    { logicalId: cdkLogicalId(['NonProd', 'Resource']), file: 'd' },
  ];

  test('by construct path as synth prints it, with or without /Resource', () => {
    expect(findRoles(roles, 'Quickstart/WebProd').map((r) => r.file)).toEqual(['b']);
    expect(findRoles(roles, 'Quickstart/WebProd/Resource').map((r) => r.file)).toEqual(['b']);
  });

  test('by construct ID under a group, without path metadata: every role made by a construct "Prod"', () => {
    expect(findRoles(roles, 'Prod').map((r) => r.file)).toEqual(['a', 'c']);
  });

  test('by a path without metadata: the logical ID CDK gives it', () => {
    const withoutMetadata = [{ logicalId: cdkLogicalId(['Group', 'Prod', 'Resource']), file: 'x' }];
    expect(findRoles(withoutMetadata, 'Stack/Group/Prod').map((r) => r.file)).toEqual(['x']);
  });

  test('an exact name wins over a construct ID found inside others', () => {
    expect(findRoles(roles, 'prod-deploy').map((r) => r.file)).toEqual(['c']);
    expect(findRoles(roles, 'Nope')).toEqual([]);
  });
});
