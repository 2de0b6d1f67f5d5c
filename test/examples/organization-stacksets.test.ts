import { Template } from 'aws-cdk-lib/assertions';
import { awsSolutionsFindings, itSynthesizesAsReviewed, stackOf } from './helpers';
import { ACCOUNT_WITH_PROVIDER, buildApp, WORKLOADS_OU } from '../../examples/organization-stacksets/stacks';
import { GitHubToken, GitHubRepository, TrustPolicyEvaluator } from '../../src';

function stackSet(): { properties: any; body: any } {
  const template = Template.fromStack(stackOf(buildApp(), 'OrganizationDeployRoles'));
  const [resource] = Object.values(template.findResources('AWS::CloudFormation::StackSet')) as any[];
  return { properties: resource.Properties, body: JSON.parse(resource.Properties.TemplateBody) };
}

describe('examples/organization-stacksets', () => {
  itSynthesizesAsReviewed(buildApp);

  test('one StackSet: service-managed, auto-deployed to the OU, one region, accounts that leave keep their stack', () => {
    const { properties } = stackSet();
    expect(properties).toMatchObject({ PermissionModel: 'SERVICE_MANAGED', AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true } });
    const regions = new Set(properties.StackInstancesGroup.flatMap((group: any) => group.Regions));
    expect([...regions]).toEqual(['us-east-1']);
    expect(properties.StackInstancesGroup.map((g: any) => [g.DeploymentTargets.AccountFilterType, g.ParameterOverrides[0].ParameterValue]))
      .toEqual([['DIFFERENCE', 'true'], ['INTERSECTION', 'false']]);
    expect(properties.StackInstancesGroup[1].DeploymentTargets).toEqual({ OrganizationalUnitIds: [WORKLOADS_OU], Accounts: [ACCOUNT_WITH_PROVIDER], AccountFilterType: 'INTERSECTION' });
  });

  test('its template: the provider (retained, created unless the account has one) and the role, which admits production deploys of acme/web only', () => {
    const { body } = stackSet();
    expect(body.Resources.GitHubOidcProvider).toMatchObject({ DeletionPolicy: 'Retain', Condition: 'CreateProvider' });
    const [role] = Object.values(body.Resources).filter((r: any) => r.Type === 'AWS::IAM::Role') as any[];
    expect(role.Properties.RoleName).toBe('github-acme-web-production');
    const web = GitHubRepository.of('acme', 'web', { ownerId: 91234567, repositoryId: 612345678 });
    const policy = role.Properties.AssumeRolePolicyDocument;
    expect(TrustPolicyEvaluator.evaluate(policy, GitHubToken.simulate({ repository: web, environment: 'production' })).allowed).toBe(true);
    expect(TrustPolicyEvaluator.evaluate(policy, GitHubToken.simulate({ repository: web, ref: 'refs/heads/main' })).allowed).toBe(false);
  });

  test('the guardrail RCP refuses a foreign owner even where a role would admit it', () => {
    const template = Template.fromStack(stackOf(buildApp(), 'OrganizationDeployRoles'));
    const [rcp] = Object.values(template.findResources('AWS::Organizations::Policy')) as any[];
    expect(rcp.Properties.Type).toBe('RESOURCE_CONTROL_POLICY');
    expect(rcp.Properties.TargetIds).toEqual([WORKLOADS_OU]);
    const wideOpen = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } } }] };
    const foreign = GitHubToken.simulate({ repository: GitHubRepository.of('mallory', 'web', { ownerId: 666, repositoryId: 667 }) });
    const own = GitHubToken.simulate({ repository: GitHubRepository.of('acme', 'web', { ownerId: 91234567, repositoryId: 612345678 }) });
    expect(TrustPolicyEvaluator.evaluate(wideOpen, foreign, { resourceControlPolicies: [rcp.Properties.Content] }).allowed).toBe(false);
    expect(TrustPolicyEvaluator.evaluate(wideOpen, own, { resourceControlPolicies: [rcp.Properties.Content] }).allowed).toBe(true);
  });

  test('cdk-nag AwsSolutions: no finding', () => {
    expect(awsSolutionsFindings(buildApp())).toEqual([]);
  });
});
