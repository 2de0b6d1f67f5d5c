import * as fc from 'fast-check';
import { actionMatches, decodePolicyText, parsePolicy, splitOperator } from '../../../src/analysis/policy/document';
import { federatedIssuer, flattenIntrinsic } from '../../../src/analysis/policy/principal';
import { GitHubIssuer } from '../../../src/model/issuer';

const GITHUB = 'token.actions.githubusercontent.com';
const policy = {
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${GITHUB}` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      'StringEquals': { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
      'ForAllValues:StringLikeIfExists': { [`${GITHUB}:sub`]: ['repo:acme/web:*'] },
    },
  }],
};

describe('parsePolicy', () => {
  test('reads an object, JSON text and URL-encoded JSON text the same way', () => {
    const text = JSON.stringify(policy);
    for (const input of [policy, text, encodeURIComponent(text)]) {
      const parsed = parsePolicy(input);
      expect(parsed.problems).toEqual([]);
      expect(parsed.statements).toHaveLength(1);
      const [statement] = parsed.statements;
      expect(statement.issuer?.sameAs(GitHubIssuer.GITHUB_COM)).toBe(true);
      expect(statement.issuerSource).toBe('principal');
      expect(statement.allowsWebIdentity).toBe(true);
      expect(statement.conditions.map((c) => [c.baseOperator, c.qualifier, c.ifExists, c.normalizedKey, c.values])).toEqual([
        ['StringEquals', undefined, false, `${GITHUB}:aud`, ['sts.amazonaws.com']],
        ['StringLike', 'ForAllValues', true, `${GITHUB}:sub`, ['repo:acme/web:*']],
      ]);
    }
    expect(parsePolicy(text).sourceText).toBe(text);
  });

  test('a single statement object and a single action string are lists of one', () => {
    const parsed = parsePolicy({ Statement: { ...policy.Statement[0], Action: ['sts:*'] } });
    expect(parsed.statements[0].actions).toEqual(['sts:*']);
    expect(parsed.statements[0].allowsWebIdentity).toBe(true);
  });

  test('NotAction that excludes the web-identity action does not allow it', () => {
    const parsed = parsePolicy({ Statement: [{ ...policy.Statement[0], Action: undefined, NotAction: 'sts:AssumeRoleWithWebIdentity' }] });
    expect(parsed.statements[0].notAction).toBe(true);
    expect(parsed.statements[0].allowsWebIdentity).toBe(false);
  });

  test.each([
    ['not JSON', '{"Statement": [', /the policy is not JSON/],
    ['an array', [], /the policy is not a JSON object \(got an array\)/],
    ['null', null, /the policy is not a JSON object \(got null\)/],
    ['no Statement', { Version: '2012-10-17' }, /the policy has no "Statement"/],
    ['a statement that is a string', { Statement: ['x'] }, /statement 0 is not an object \(got a string\)/],
    ['a bad Effect', { Statement: [{ Effect: 'Permit' }] }, /statement 0 has Effect "Permit": expected "Allow" or "Deny"/],
    ['a Condition that is a list', { Statement: [{ Effect: 'Allow', Condition: [] }] }, /statement 0 has a Condition that is not an object/],
    ['an operator without keys', { Statement: [{ Effect: 'Allow', Condition: { StringEquals: 'x' } }] }, /condition operator StringEquals does not hold an object/],
  ])('reports %s as a problem instead of throwing', (_name, input, problem) => {
    const parsed = parsePolicy(input);
    expect(parsed.problems.join('\n')).toMatch(problem);
  });

  test('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.string()), (input) => {
      const parsed = parsePolicy(input);
      expect(Array.isArray(parsed.statements)).toBe(true);
    }));
  });

  test('an unreadable principal falls back to the issuer of the condition keys', () => {
    const parsed = parsePolicy({
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: { 'Fn::ImportValue': 'GitHubProviderArn' } },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'Token.Actions.GitHubUserContent.com:sub': 'repo:acme/web:ref:refs/heads/main' } },
      }],
    });
    expect(parsed.statements[0].issuer?.sameAs(GitHubIssuer.GITHUB_COM)).toBe(true);
    expect(parsed.statements[0].issuerSource).toBe('condition-keys');
  });

  const webIdentity = (federated: unknown, condition?: unknown, action: unknown = 'sts:AssumeRoleWithWebIdentity') => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Action: action, ...(condition ? { Condition: condition } : {}) }],
  });

  test.each([
    ['an import', { 'Fn::ImportValue': 'GitHubProviderArn' }, undefined],
    ['a parameter', { Ref: 'ProviderArn' }, undefined],
    ['a custom resource\'s attribute', { 'Fn::GetAtt': ['MakeProvider', 'Arn'] }, undefined],
    ['an ARN whose host is a parameter', { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:oidc-provider/${IssuerHost}' }, undefined],
    ['an import, with only service keys', { 'Fn::ImportValue': 'P' }, { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, StringLike: { 'aws:RequestTag/team': 'x' } }],
  ])('a provider known only at deploy (%s), with no condition naming an issuer, is judged as github.com\'s', (_name, federated, condition) => {
    const statement = parsePolicy(webIdentity(federated, condition)).statements[0];
    expect([statement.issuer?.url, statement.issuerSource]).toEqual([`https://${GITHUB}`, 'unknown-provider']);
  });

  test.each([
    ['a literal provider of another issuer', 'arn:aws:iam::123456789012:oidc-provider/accounts.google.com', undefined, undefined],
    ['a provider name', 'cognito-identity.amazonaws.com', undefined, undefined],
    ['a template provider of another issuer', { Ref: 'Google' }, undefined, undefined],
    ['an ARN with a literal host of another issuer', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/accounts.google.com' }, undefined, undefined],
    ['an import whose conditions name another issuer', { 'Fn::ImportValue': 'P' }, { StringEquals: { 'accounts.google.com:aud': 'client' } }, undefined],
    ['an import for SAML', { 'Fn::ImportValue': 'P' }, undefined, 'sts:AssumeRoleWithSAML'],
    ['an import whose Condition is an expression (its keys may name the issuer)', { 'Fn::ImportValue': 'P' }, { 'Fn::GetAtt': ['Keys', 'Value'] }, undefined],
    ['an IRSA role as aws-eks writes it (keys in one CfnJson)', { Ref: 'ClusterProvider' }, { StringEquals: { 'Fn::GetAtt': ['ConditionJson', 'Value'] } }, undefined],
  ])('%s is not taken for GitHub\'s', (_name, federated, condition, action) => {
    const statement = parsePolicy(webIdentity(federated, condition, action), { providerUrls: { Google: 'https://accounts.google.com' } }).statements[0];
    expect([statement.issuer, statement.issuerSource]).toEqual([undefined, undefined]);
  });
});

describe('federatedIssuer recognizes GitHub providers however the ARN is written', () => {
  test.each([
    ['plain ARN, aws', `arn:aws:iam::123456789012:oidc-provider/${GITHUB}`, GitHubIssuer.GITHUB_COM],
    ['plain ARN, aws-cn', `arn:aws-cn:iam::123456789012:oidc-provider/${GITHUB}`, GitHubIssuer.GITHUB_COM],
    ['plain ARN, aws-us-gov, GHEC slug', `arn:aws-us-gov:iam::123456789012:oidc-provider/${GITHUB}/octo-corp`, GitHubIssuer.enterprise('octo-corp')],
    ['GHES', 'arn:aws:iam::123456789012:oidc-provider/github.example.com/_services/token', GitHubIssuer.enterpriseServer('github.example.com')],
    ['CDK Fn::Join with pseudo parameters',
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:oidc-provider/${GITHUB}`]] },
      GitHubIssuer.GITHUB_COM],
    ['Fn::Sub', { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GITHUB}` }, GitHubIssuer.GITHUB_COM],
    ['Fn::Sub with variables', { 'Fn::Sub': ['arn:${P}:iam::${A}:oidc-provider/${H}', { P: 'aws', A: '1', H: GITHUB }] }, GitHubIssuer.GITHUB_COM],
  ])('%s', (_name, principal, issuer) => {
    expect(federatedIssuer(principal)?.sameAs(issuer)).toBe(true);
  });

  test('Ref and GetAtt resolve through the providers of the same template', () => {
    const urls = { GitHubOidcProvider: `https://${GITHUB}` };
    expect(federatedIssuer({ Ref: 'GitHubOidcProvider' }, urls)?.url).toBe(`https://${GITHUB}`);
    expect(federatedIssuer({ 'Fn::GetAtt': ['GitHubOidcProvider', 'Arn'] }, urls)?.url).toBe(`https://${GITHUB}`);
    expect(federatedIssuer({ Ref: 'SomethingElse' }, urls)).toBeUndefined();
  });

  test.each([
    ['another provider', 'arn:aws:iam::123456789012:oidc-provider/accounts.google.com'],
    ['a look-alike host', `arn:aws:iam::123456789012:oidc-provider/${GITHUB}.evil.example`],
    ['a SAML provider', 'arn:aws:iam::123456789012:saml-provider/github'],
    ['cognito', 'cognito-identity.amazonaws.com'],
    ['a number', 42],
  ])('%s is not GitHub', (_name, principal) => {
    expect(federatedIssuer(principal)).toBeUndefined();
  });
});

describe('helpers', () => {
  test('flattenIntrinsic keeps placeholders inside one ARN field', () => {
    expect(flattenIntrinsic({ Ref: 'AWS::Partition' })).toBe('${AWS.Partition}');
    expect(flattenIntrinsic({ 'Fn::GetAZs': '' })).toBeUndefined();
  });

  test('splitOperator', () => {
    expect(splitOperator('ForAnyValue:StringEqualsIgnoreCaseIfExists')).toEqual({ baseOperator: 'StringEqualsIgnoreCase', qualifier: 'ForAnyValue', ifExists: true });
    expect(splitOperator('Null')).toEqual({ baseOperator: 'Null', qualifier: undefined, ifExists: false });
  });

  test('actionMatches compares without case and with wildcards', () => {
    expect(actionMatches('sts:assumerolewithwebidentity', 'sts:AssumeRoleWithWebIdentity')).toBe(true);
    expect(actionMatches('sts:AssumeRole*', 'sts:AssumeRoleWithWebIdentity')).toBe(true);
    expect(actionMatches('*', 'sts:AssumeRoleWithWebIdentity')).toBe(true);
    expect(actionMatches('sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity')).toBe(false);
    expect(actionMatches('sts:AssumeRoleWithWebIdentit?', 'sts:AssumeRoleWithWebIdentity')).toBe(true);
  });

  test('decodePolicyText decodes URL-encoded JSON only', () => {
    expect(decodePolicyText('%7B%22a%22%3A1%7D')).toBe('{"a":1}');
    expect(decodePolicyText(' {"a":"%7B"} ')).toBe('{"a":"%7B"}');
  });
});
