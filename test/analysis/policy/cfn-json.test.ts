import { cfnJsonReference, cfnJsonValuesOf, readsCfnJson, withCfnJsonValues } from '../../../src/analysis/policy/cfn-json';
import { templateRoles } from '../../../src/analysis/template/template-roles';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';
import { GITHUB, githubPolicy, roleTemplate } from '../validate/fixtures';


/** A template whose role trusts an imported provider, its condition block (`operator`) written through a CfnJson. */
function template(value: unknown, operator = 'StringLike') {
  const conditions = { Type: 'Custom::AWSCDKCfnJson', Properties: { ServiceToken: 'arn:aws:lambda:...', Value: value } };
  return roleTemplate(githubPolicy({ [operator]: { 'Fn::GetAtt': ['Conditions', 'Value'] } }, {
    Principal: { Federated: { 'Fn::ImportValue': 'GitHubProviderArn' } },
  }), { Resources: { Conditions: conditions } });
}

function errorsOf(value: unknown, operator?: string): string[] {
  const [role] = templateRoles(template(value, operator));
  return TrustPolicyValidator.validate(role.policy, { providerUrls: role.providerUrls, templateMappings: role.mappings })
    .filter((finding) => finding.severity === 'ERROR').map((finding) => finding.ruleId);
}

describe('a condition written through CDK\'s CfnJson', () => {
  test('is read as the JSON its Custom::AWSCDKCfnJson resource returns, when that is JSON text', () => {
    expect(cfnJsonValuesOf(template(JSON.stringify({ [`${GITHUB}:sub`]: 'repo:*' })).Resources)).toEqual({ Conditions: { [`${GITHUB}:sub`]: 'repo:*' } });
    // an expression inside (aws-eks writes the cluster's issuer into the keys), or text that is not JSON: not read
    expect(cfnJsonValuesOf(template({ 'Fn::Join': ['', ['{"', { Ref: 'Issuer' }, ':sub":"x"}']] }).Resources)).toBeUndefined();
    expect(cfnJsonValuesOf(template('{not json').Resources)).toBeUndefined();
    expect(cfnJsonValuesOf([])).toBeUndefined();
  });

  test('both spellings of the Fn::GetAtt of its Value are references; other attributes are not', () => {
    expect(cfnJsonReference({ 'Fn::GetAtt': ['C', 'Value'] })).toBe('C');
    expect(cfnJsonReference({ 'Fn::GetAtt': 'C.Value' })).toBe('C');
    expect(cfnJsonReference({ 'Fn::GetAtt': ['C', 'Arn'] })).toBeUndefined();
    expect(cfnJsonReference({ 'Fn::GetAtt': ['C', 'Value'], 'Other': 1 })).toBeUndefined();
    expect(readsCfnJson({ a: [{ b: { 'Fn::GetAtt': 'C.Value' } }] })).toBe(true);
    expect(readsCfnJson({ a: [{ Ref: 'C' }] })).toBe(false);
  });

  test('is replaced where it is read, the rest of the document shared, and unknown ones kept', () => {
    const inner = { StringEquals: { aud: 'x' } };
    const document = { Statement: [{ Condition: { StringLike: { 'Fn::GetAtt': ['C', 'Value'] }, ...inner } }, { Sid: 'kept' }] };
    const replaced = withCfnJsonValues(document, { C: { sub: 'repo:*' } }) as any;
    expect(replaced.Statement[0].Condition).toEqual({ StringLike: { sub: 'repo:*' }, StringEquals: { aud: 'x' } });
    expect(replaced.Statement[1]).toBe(document.Statement[1]);
    expect(withCfnJsonValues(document, { Other: {} })).toBe(document);
  });

  test('an imported provider with such a condition is judged as GitHub\'s: repo:* and an empty one are ERRORs', () => {
    expect(errorsOf(JSON.stringify({ [`${GITHUB}:sub`]: 'repo:*' }))).toContain('SubWildcardRepository');
    expect(errorsOf('{}', 'StringEquals')).toContain('SubMissing');
    // a narrow one passes
    expect(errorsOf(JSON.stringify({ [`${GITHUB}:sub`]: 'repo:acme/web:environment:prod', [`${GITHUB}:aud`]: 'sts.amazonaws.com' }), 'StringEquals'))
      .toEqual([]);
  });

  test('an IRSA role\'s keys naming another issuer stay another provider\'s', () => {
    const irsa = JSON.stringify({ 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:default:app' });
    const [role] = templateRoles(template(irsa, 'StringEquals'));
    expect(TrustPolicyValidator.validate(role.policy, { providerUrls: role.providerUrls })).toEqual([]);
  });
});
