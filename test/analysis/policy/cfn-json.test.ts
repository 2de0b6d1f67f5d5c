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

  /** A CfnJson value as CDK writes keys made with a provider's `openIdConnectProviderIssuer` (its ARN `arn`). */
  const issuerKeys = (arn: unknown, sub: string) => {
    const issuer = { 'Fn::Select': [1, { 'Fn::Split': [':oidc-provider/', arn] }] };
    return { 'Fn::Join': ['', ['{"', issuer, `:sub":${JSON.stringify(sub)},"`, issuer, ':aud":"sts.amazonaws.com"}']] };
  };
  const PROVIDERS = { Provider: `https://${GITHUB}`, Server: 'https://ghe.example.com/_services/token' };

  test.each([
    ['a Ref to a provider of the template', { Ref: 'Provider' }, GITHUB],
    ['its Fn::GetAtt Arn', { 'Fn::GetAtt': ['Provider', 'Arn'] }, GITHUB],
    ['a GitHub Enterprise Server provider (a path in its URL)', { Ref: 'Server' }, 'ghe.example.com/_services/token'],
    ['an ARN written out with pseudo parameters', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::123456789012:oidc-provider/${GITHUB}`]] }, GITHUB],
  ])('keys joined with the issuer of %s are read as that issuer\'s', (_name, arn, host) => {
    // the quote inside the value stays escaped: the issuer is written into a JSON string, not around one
    expect(cfnJsonValuesOf({ C: { Type: 'Custom::AWSCDKCfnJson', Properties: { Value: issuerKeys(arn, 'repo:"*') } } }, PROVIDERS))
      .toEqual({ C: { [`${host}:sub`]: 'repo:"*', [`${host}:aud`]: 'sts.amazonaws.com' } });
  });

  test.each([
    ['an imported provider', { 'Fn::ImportValue': 'ProviderArn' }],
    ['a parameter', { Ref: 'ProviderArnParameter' }],
    ['an ARN whose issuer is not written out', { 'Fn::Join': ['', ['arn:aws:iam::1:oidc-provider/', { Ref: 'Host' }]] }],
  ])('keys joined with the issuer of %s stay an expression: the issuer is known only at deploy', (_name, arn) => {
    expect(cfnJsonValuesOf({ C: { Type: 'Custom::AWSCDKCfnJson', Properties: { Value: issuerKeys(arn, 'repo:*') } } }, PROVIDERS)).toBeUndefined();
  });

  test('other expressions in a join, or a join with a delimiter, stay expressions', () => {
    const read = (value: unknown) => cfnJsonValuesOf({ C: { Type: 'Custom::AWSCDKCfnJson', Properties: { Value: value } } }, PROVIDERS);
    const issuer = (index: unknown, delimiter: string) => ({ 'Fn::Select': [index, { 'Fn::Split': [delimiter, { Ref: 'Provider' }] }] });
    expect(read({ 'Fn::Join': ['', ['{"', issuer(0, ':oidc-provider/'), ':sub":"x"}']] })).toBeUndefined();
    expect(read({ 'Fn::Join': ['', ['{"', issuer(1, '/'), ':sub":"x"}']] })).toBeUndefined();
    expect(read({ 'Fn::Join': [',', ['{"', issuer(1, ':oidc-provider/'), ':sub":"x"}']] })).toBeUndefined();
    // "1" written as text is the same index to CloudFormation
    expect(read({ 'Fn::Join': ['', ['{"', issuer('1', ':oidc-provider/'), ':sub":"x"}']] })).toEqual({ C: { [`${GITHUB}:sub`]: 'x' } });
  });

  test('a template role whose CfnJson keys name its own GitHub provider\'s issuer is judged: repo:* fails, a narrow sub passes', () => {
    const judged = (sub: string) => {
      const provider = { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: `https://${GITHUB}`, ClientIdList: ['sts.amazonaws.com'] } };
      const conditions = { Type: 'Custom::AWSCDKCfnJson', Properties: { ServiceToken: 'arn:aws:lambda:...', Value: issuerKeys({ Ref: 'Provider' }, sub) } };
      const [role] = templateRoles(roleTemplate(githubPolicy({ StringLike: { 'Fn::GetAtt': ['Conditions', 'Value'] } }, {
        Principal: { Federated: { Ref: 'Provider' } },
      }), { Resources: { Provider: provider, Conditions: conditions } }));
      return TrustPolicyValidator.validate(role.policy, { providerUrls: role.providerUrls }).filter((finding) => finding.severity === 'ERROR')
        .map((finding) => finding.ruleId);
    };
    expect(judged('repo:*')).toEqual(['SubWildcardRepository']);
    expect(judged('repo:acme/web:ref:refs/heads/main')).toEqual([]);
  });

  test('an IRSA role\'s keys naming another issuer stay another provider\'s', () => {
    const irsa = JSON.stringify({ 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:default:app' });
    const [role] = templateRoles(template(irsa, 'StringEquals'));
    expect(TrustPolicyValidator.validate(role.policy, { providerUrls: role.providerUrls })).toEqual([]);
  });
});
