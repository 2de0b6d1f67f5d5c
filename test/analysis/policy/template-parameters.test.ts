import { policyVariants } from '../../../src/analysis/policy/conditional';
import { mayReadParameters, PARAMETER_ALLOWED_VALUES, PARAMETER_DEFAULTS, parameterAllowedValuesOf, parameterDefaultsOf } from '../../../src/analysis/policy/template-parameters';
import { templateRoles } from '../../../src/analysis/template/template-roles';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';
import { AUD, githubPolicy, roleTemplate, SUB } from '../validate/fixtures';

describe('parameterDefaultsOf', () => {
  test('String and Number parameters with a Default, as text; lists, SSM types and parameters without one are left out', () => {
    expect(parameterDefaultsOf({
      Repo: { Type: 'String', Default: '*' },
      Port: { Type: 'Number', Default: 443 },
      Names: { Type: 'CommaDelimitedList', Default: 'a,b' },
      Ami: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/aws/service/ami' },
      Owner: { Type: 'String' },
      Broken: null,
    })).toEqual({ Repo: '*', Port: '443' });
  });

  test.each([[undefined], [null], [[]], [{}], [{ Owner: { Type: 'String' } }]])('none in %j', (parameters) => {
    expect(parameterDefaultsOf(parameters)).toBeUndefined();
  });
});

describe('mayReadParameters', () => {
  const provider = { GitHubProvider: 'https://token.actions.githubusercontent.com' };
  const policy = (federated: unknown, sub: unknown) => ({
    Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': sub } } }],
  });

  test('a policy naming only its provider, pseudo parameters and attributes reads no parameter', () => {
    expect(mayReadParameters(policy({ Ref: 'GitHubProvider' }, 'repo:acme/app:ref:refs/heads/main'), provider)).toBe(false);
    expect(mayReadParameters(policy({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/x' },
      { 'Fn::Sub': ['repo:${Owner}/app:${Res.Name}', { Owner: 'acme' }] }), provider)).toBe(false);
  });

  test('any other name in a Ref or Fn::Sub, however deep, may be a parameter', () => {
    expect(mayReadParameters(policy({ Ref: 'GitHubProvider' }, { Ref: 'Repo' }), provider)).toBe(true);
    expect(mayReadParameters(policy({ Ref: 'GitHubProvider' }, [{ 'Fn::Join': ['', ['repo:', { 'Fn::Sub': '${Owner}/app:*' }]] }]), provider)).toBe(true);
    // Without the provider known to be a resource, its Ref may be a parameter too.
    expect(mayReadParameters(policy({ Ref: 'GitHubProvider' }, 'repo:acme/app:ref:refs/heads/main'), {})).toBe(true);
  });
});

describe('a policy reading parameters with defaults', () => {
  const mappings = { [PARAMETER_DEFAULTS]: { Repo: '*', Branch: 'main' } };
  const sub = (value: unknown) => ({ Statement: [{ Condition: { StringLike: { sub: value } } }] });
  const subOf = (document: any) => document.Statement[0].Condition.StringLike.sub;

  test('is deployed two ways: every default taken, or every parameter given at deploy (as written)', () => {
    const variants = policyVariants(sub({ 'Fn::Sub': 'repo:acme/${Repo}:ref:refs/heads/${Branch}' }), mappings)!;
    expect(variants.map((variant) => [subOf(variant.document), variant.choices.map((choice) => choice.value)])).toEqual([
      ['repo:acme/*:ref:refs/heads/main', ['take their Defaults']],
      [{ 'Fn::Sub': 'repo:acme/${Repo}:ref:refs/heads/${Branch}' }, ['are given at deploy']],
    ]);
  });

  test.each([
    ['a Ref', { Ref: 'Repo' }, '*'],
    ['an Fn::Sub with a pseudo parameter left', { 'Fn::Sub': 'repo:acme/${Repo}:${AWS::Region}' },
      { 'Fn::Sub': ['repo:acme/${Repo}:${AWS::Region}', { Repo: '*' }] }],
    ['an escaped reference', { 'Fn::Sub': 'repo:acme/${Repo}:${!Branch}' }, 'repo:acme/*:${Branch}'],
  ])('%s, with the defaults taken', (_name, value, deployed) => {
    expect(subOf(policyVariants(sub(value), mappings)![0].document)).toEqual(deployed);
  });

  test('a policy that reads no parameter with a default makes no choice', () => {
    expect(policyVariants(sub({ Ref: 'Other' }), mappings)).toHaveLength(1);
    expect(policyVariants(sub({ 'Fn::Sub': 'repo:${!Repo}' }), mappings)).toHaveLength(1);
    // an Fn::Sub's own variable of the same name is what it reads, not the parameter
    expect(policyVariants(sub({ 'Fn::Sub': ['repo:${Repo}', { Repo: 'web' }] }), mappings)).toHaveLength(1);
  });
});

describe('a parameter with AllowedValues', () => {
  test('parameterAllowedValuesOf: text parameters listing scalar values, however many', () => {
    expect(parameterAllowedValuesOf({
      Branch: { Type: 'String', AllowedValues: ['main', '*'] },
      Port: { Type: 'Number', AllowedValues: [80, 443] },
      Many: { Type: 'String', AllowedValues: Array.from({ length: 17 }, (_, i) => `v${i}`) },
      Empty: { Type: 'String', AllowedValues: [] },
      List: { Type: 'CommaDelimitedList', AllowedValues: ['a'] },
    })).toEqual({ Branch: ['main', '*'], Port: ['80', '443'], Many: Array.from({ length: 17 }, (_, i) => `v${i}`) });
  });

  test('is deployed with each of its values: one listed "*" is an error that says which', () => {
    // GIVEN a template whose Repo defaults to "web" but may be given as "*"
    const [role] = templateRoles(roleTemplate(githubPolicy({
      StringEquals: { [AUD]: 'sts.amazonaws.com' },
      StringLike: { [SUB]: { 'Fn::Sub': 'repo:acme/${Repo}:environment:production' } },
    }), { Parameters: { Repo: { Type: 'String', Default: 'web', AllowedValues: ['web', '*'] } } }));
    // WHEN validated as audit does
    expect(Object.keys(role.mappings ?? {})).toEqual([PARAMETER_DEFAULTS, PARAMETER_ALLOWED_VALUES]);
    const findings = TrustPolicyValidator.validate(role.policy, { templateMappings: role.mappings });
    // THEN the "*" way is an error naming the value; no value is left unknown, so nothing "cannot be checked"
    expect(findings.find((finding) => finding.ruleId === 'SubWildcardRepository')?.message).toMatch(/\(when parameter Repo is "\*"\)\.$/);
    expect(findings.map((finding) => finding.ruleId)).not.toContain('UnresolvedConditionValue');
  });

  test('past the ways judged one by one, the values with a wildcard are judged together, and the error says when', () => {
    // GIVEN 20 environments and 20 repositories allowed (400 ways), one repository allowed as "web*", one of the
    // environments as "*" (and nothing wider as a default)
    const environments = Array.from({ length: 19 }, (_, i) => `env${i}`);
    const repositories = Array.from({ length: 19 }, (_, i) => `app${i}`);
    const [role] = templateRoles(roleTemplate(githubPolicy({
      StringEquals: { [AUD]: 'sts.amazonaws.com' },
      StringLike: { [SUB]: { 'Fn::Sub': 'repo:acme/${Repo}:environment:${Env}-${Plain}' } },
    }), {
      Parameters: {
        Env: { Type: 'String', Default: 'env0', AllowedValues: [...environments, '*'] },
        Repo: { Type: 'String', Default: 'app0', AllowedValues: [...repositories, 'web*'] },
        Plain: { Type: 'String', Default: 'p0', AllowedValues: Array.from({ length: 30 }, (_, i) => `p${i}`) },
      },
    }));
    // WHEN validated as audit does
    const findings = TrustPolicyValidator.validate(role.policy, { templateMappings: role.mappings });
    // THEN the repository pattern is an error for the way its parameters take their wildcard values, named as such
    const wide = findings.find((finding) => finding.ruleId === 'SubWildcardRepository');
    expect(wide?.value).toBe('repo:acme/web*:environment:*-p0');
    expect(wide?.message).toMatch(/\(when the parameters take their Defaults, parameters Repo, Env take their allowed values with a wildcard\)\.$/);
    // the parameter without a wildcard among its values makes no way of its own
    expect(wide?.message).not.toMatch(/Plain/);
  });
});
