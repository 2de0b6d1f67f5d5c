import { auditRoles } from '../../../../src/cli/audit/report';
import { rolesOfFile } from '../../../../src/cli/input/roles';
import { ACCOUNT, findingsOf, GITHUB, githubPolicy, validate, wellScopedCondition } from '../fixtures';

describe('ProviderInOtherAccount', () => {
  test('Noncompliance: the provider of another account than the role\'s (a policy copied between accounts)', () => {
    const [finding, ...others] = findingsOf('ProviderInOtherAccount', githubPolicy(wellScopedCondition()), { roleAccount: '999999999999' });
    expect(others).toEqual([]);
    expect(finding.message).toContain(`trusts the GitHub provider of account ${ACCOUNT} ("arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}"), ` +
      'but the role is in account 999999999999');
    expect(finding.fix).toContain(`Write "arn:aws:iam::999999999999:oidc-provider/${GITHUB}"`);
    expect(finding.value).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}`);
  });

  test('Noncompliance: a CDK Fn::Join with another account written in it', () => {
    const principal = { Federated: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${ACCOUNT}:oidc-provider/${GITHUB}`]] } };
    const [finding] = findingsOf('ProviderInOtherAccount', githubPolicy(wellScopedCondition(), { Principal: principal }), { roleAccount: '999999999999' });
    expect(finding.message).toContain(`of account ${ACCOUNT} ("arn:\${AWS.Partition}:iam::${ACCOUNT}:oidc-provider/${GITHUB}")`);
  });

  test.each([
    ['the role\'s own account', { roleAccount: ACCOUNT }, undefined],
    ['no roleAccount given', {}, undefined],
    ['the account written ${AWS::AccountId}', { roleAccount: '999999999999' },
      { Federated: { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GITHUB}` } }],
  ])('Compliance: %s', (_name, options, principal) => {
    expect(findingsOf('ProviderInOtherAccount', githubPolicy(wellScopedCondition(), principal ? { Principal: principal } : {}), options)).toEqual([]);
  });

  test('a roleAccount that is not 12 digits is a ValidationOptionsInvalid ERROR, and not used', () => {
    const findings = validate(githubPolicy(wellScopedCondition()), { roleAccount: '12345' });
    expect(findings.map((finding) => finding.ruleId)).toContain('ValidationOptionsInvalid');
    expect(findings.find((finding) => finding.ruleId === 'ValidationOptionsInvalid')!.message).toContain('roleAccount is "12345": expected the 12-digit ID');
    expect(findings.map((finding) => finding.ruleId)).not.toContain('ProviderInOtherAccount');
  });

  test('audit reads the role\'s account from its ARN', () => {
    const value = {
      RoleDetailList: [{ RoleName: 'copied', Arn: 'arn:aws:iam::999999999999:role/copied', AssumeRolePolicyDocument: githubPolicy(wellScopedCondition()) },
        { RoleName: 'own', Arn: `arn:aws:iam::${ACCOUNT}:role/own`, AssumeRolePolicyDocument: githubPolicy(wellScopedCondition()) }],
    };
    const report = auditRoles(['export.json'], rolesOfFile({ path: 'export.json', text: JSON.stringify(value), value }));
    const ruleIds = (name: string) => report.roles.find((role) => role.role.roleName === name)!.findings.map((finding) => finding.ruleId);
    expect(ruleIds('copied')).toContain('ProviderInOtherAccount');
    expect(ruleIds('own')).not.toContain('ProviderInOtherAccount');
  });
});
