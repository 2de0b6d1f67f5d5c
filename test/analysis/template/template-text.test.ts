/**
 * Template text as a value: JSON, or YAML with CloudFormation's short-form intrinsics, so that the roles of a
 * StackSet's YAML TemplateBody are read (audit, GitHubTrustAssertions, GitHubTrustChecks) instead of skipped.
 */
import { yamlRoleTemplate } from './yaml-templates';
import { templateRoles } from '../../../src/analysis/template/template-roles';
import { parseTemplateText } from '../../../src/analysis/template/template-text';
import { auditRoles } from '../../../src/cli/audit/report';
import { rolesOfFile } from '../../../src/cli/input/roles';

describe('parseTemplateText', () => {
  test('JSON is read as JSON', () => {
    expect(parseTemplateText('{"Resources":{"A":{"Type":"AWS::S3::Bucket"}}}')).toEqual({ Resources: { A: { Type: 'AWS::S3::Bucket' } } });
  });

  test.each([
    ['!Ref Stage', { Ref: 'Stage' }],
    ['!Sub "arn:${AWS::Partition}:iam::x"', { 'Fn::Sub': 'arn:${AWS::Partition}:iam::x' }],
    ['!Sub ["${A}-x", { A: !Ref B }]', { 'Fn::Sub': ['${A}-x', { A: { Ref: 'B' } }] }],
    ['!GetAtt Provider.Arn', { 'Fn::GetAtt': ['Provider', 'Arn'] }],
    ['!GetAtt [Provider, Arn]', { 'Fn::GetAtt': ['Provider', 'Arn'] }],
    ['!If [IsProd, a, !Ref AWS::NoValue]', { 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] }],
    ['!Select [!Ref Index, [a, b]]', { 'Fn::Select': [{ Ref: 'Index' }, ['a', 'b']] }],
    ['!FindInMap [Stages, !Ref Stage, Sub]', { 'Fn::FindInMap': ['Stages', { Ref: 'Stage' }, 'Sub'] }],
    ['!Join ["", [a, !Ref B]]', { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
    ['!Equals [!Ref Stage, prod]', { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
  ])('the short form %s is its long form', (yaml, expected) => {
    expect(parseTemplateText(`Value: ${yaml}\n`)).toEqual({ Value: expected });
  });

  test.each([
    ['not YAML either', 'Resources: [unclosed'],
    ['duplicate keys, which would hide one of two values', 'Resources:\n  A: 1\n  A: 2\n'],
    ['a scalar', 'just text'],
  ])('%s: undefined', (_name, text) => {
    expect(parseTemplateText(text)).toBeUndefined();
  });
});

describe('the roles of a StackSet\'s YAML TemplateBody', () => {
  const body = yamlRoleTemplate('"repo:acme/*"');
  const template = { Resources: { Roles: { Type: 'AWS::CloudFormation::StackSet', Properties: { TemplateBody: body } } } };

  test('are the template\'s roles, named under the StackSet', () => {
    expect(templateRoles(template).map((role) => role.logicalId)).toEqual(['Roles/Deploy']);
  });

  test('are audited: an over-broad one is an ERROR, where before it was skipped without a word', () => {
    const text = JSON.stringify(template);
    const report = auditRoles(['t.json'], rolesOfFile({ path: 't.json', text, value: template }));
    expect(report.roles.map((role) => [role.role.logicalId, role.findings.map((finding) => finding.ruleId)]))
      .toEqual([['Roles/Deploy', expect.arrayContaining(['SubWildcardRepository'])]]);
  });
});
