import { policyVariants } from '../../../src/analysis/policy/conditional';
import { PARAMETER_DEFAULTS, parameterDefaultsOf } from '../../../src/analysis/policy/parameter-defaults';

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
