import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { awsSolutionsFindings, itSynthesizesAsReviewed, roleLogicalId, stackOf, stacksOf, suppressCdkBootstrapWildcard, trustConditionsOf, trustOf } from './helpers';
import { buildApp, DeployRolesStack } from '../../examples/organization/stacks';
import { GitHubRepository, SubjectFormat } from '../../src';

const web = GitHubRepository.of('acme', 'web', { ownerId: 91234567, repositoryId: 612345678 });
const api = GitHubRepository.of('acme', 'api', { ownerId: 91234567, repositoryId: 623456789 });
const billing = GitHubRepository.of('acme', 'billing');
const REPOSITORIES = [web, api, billing];
const ACCOUNTS = [
  { stack: 'StagingDeployRoles', baseline: 'StagingBaseline', account: '111111111111', environments: ['development', 'staging'] },
  { stack: 'ProductionDeployRoles', baseline: 'ProductionBaseline', account: '222222222222', environments: ['production'] },
];
const MATRIX = ACCOUNTS.flatMap((account) => REPOSITORIES.flatMap((repository) =>
  account.environments.map((environment) => ({ ...account, repository, environment }))));

function deployRoles(id: string): DeployRolesStack {
  return stackOf(buildApp(), id) as DeployRolesStack;
}

describe('examples/organization', () => {
  itSynthesizesAsReviewed(buildApp);

  test('four stacks: a baseline and the deploy roles per account', () => {
    expect(stacksOf(buildApp()).map((stack) => stack.stackName))
      .toEqual(['StagingBaseline', 'StagingDeployRoles', 'ProductionBaseline', 'ProductionDeployRoles']);
  });

  describe('the GitHub OIDC provider: exactly once per account', () => {
    test.each(ACCOUNTS)('$account: created in $baseline, imported by ARN in $stack, which deploys after it', ({ stack, baseline, account }) => {
      const app = buildApp();
      const creating = stackOf(app, baseline);
      const importing = stackOf(app, stack);
      expect(creating.account).toBe(account);
      expect(importing.account).toBe(account);
      Template.fromStack(creating).resourceCountIs('AWS::IAM::OIDCProvider', 1);
      Template.fromStack(importing).resourceCountIs('AWS::IAM::OIDCProvider', 0);
      expect(importing.dependencies).toContain(creating);
    });

    test('each account has one provider in the whole app', () => {
      const app = buildApp();
      const providersByAccount = new Map<string, number>();
      for (const stack of stacksOf(app)) {
        const count = Object.keys(Template.fromStack(stack).findResources('AWS::IAM::OIDCProvider')).length;
        providersByAccount.set(stack.account, (providersByAccount.get(stack.account) ?? 0) + count);
      }
      expect([...providersByAccount.entries()]).toEqual([['111111111111', 1], ['222222222222', 1]]);
    });

    test('the roles trust the provider of their own account, by its ARN', () => {
      for (const { stack } of ACCOUNTS) {
        const stackRoles = deployRoles(stack).roles.roles;
        for (const role of stackRoles) {
          expect(Stack.of(role).resolve(role.provider.oidcProviderArn)).toEqual({
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${Stack.of(role).account}:oidc-provider/token.actions.githubusercontent.com`]],
          });
        }
      }
    });
  });

  describe('one role per repository and environment of the account', () => {
    test.each(ACCOUNTS)('$stack holds $environments.length x 3 roles with readable names', ({ stack, environments }) => {
      const roles = Template.fromStack(deployRoles(stack)).findResources('AWS::IAM::Role');
      expect(Object.values(roles).map((role) => role.Properties.RoleName).sort()).toEqual(
        REPOSITORIES.flatMap((repository) => environments.map((environment) => `github-acme-${repository.name}-${environment}`)).sort());
    });

    test.each(MATRIX.map((pair) => ({ ...pair, name: pair.repository.fullName })))(
      '$name in $environment ($account) may assume its role; every other repository and environment may not',
      ({ stack, repository, environment }) => {
        const roles = deployRoles(stack);
        const trust = trustOf(roles);
        const role = roleLogicalId(roles.roles.roleFor(repository, environment));
        trust.assertCanAssume(role, { repository, environment });
        for (const otherRepository of REPOSITORIES.filter((r) => r !== repository)) {
          trust.assertCannotAssume(role, { repository: otherRepository, environment });
        }
        for (const otherEnvironment of ['development', 'staging', 'production'].filter((e) => e !== environment)) {
          trust.assertCannotAssume(role, { repository, environment: otherEnvironment });
        }
        trust.assertCannotAssume(role, { repository, ref: 'refs/heads/main' });
        trust.assertCannotAssume(role, { repository, eventName: 'pull_request' });
      });

    test('acme/web and acme/api are pinned by their IDs and trust both subject forms; acme/billing by name', () => {
      const roles = deployRoles('ProductionDeployRoles').roles;
      const webConditions = trustConditionsOf(roles.roleFor(web, 'production')).StringEquals;
      expect(webConditions['token.actions.githubusercontent.com:repository_id']).toBe('612345678');
      expect(webConditions['token.actions.githubusercontent.com:repository_owner_id']).toBe('91234567');
      expect(webConditions['token.actions.githubusercontent.com:sub']).toEqual([
        'repo:acme/web:environment:production', 'repo:acme@91234567/web@612345678:environment:production',
      ]);
      expect(trustConditionsOf(roles.roleFor(billing, 'production'))).toEqual({
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:acme/billing:environment:production',
        },
      });
    });

    test('a re-registered acme/web (same name, new IDs) may not assume the production role; one of acme/billing could', () => {
      const roles = deployRoles('ProductionDeployRoles');
      const trust = trustOf(roles);
      const squatted = { environment: 'production', subjectFormat: SubjectFormat.NAME_ONLY };
      trust.assertCannotAssume(roleLogicalId(roles.roles.roleFor(web, 'production')),
        { ...squatted, repository: GitHubRepository.of('acme', 'web', { ownerId: 99999999, repositoryId: 711111111 }) });
      // What pinning the IDs is for: the name-only role cannot tell the original from a re-registered name.
      trust.assertCanAssume(roleLogicalId(roles.roles.roleFor(billing, 'production')),
        { ...squatted, repository: GitHubRepository.of('acme', 'billing', { ownerId: 99999999, repositoryId: 711111112 }) });
    });
  });

  describe('the failed-assumption alarm of the production account', () => {
    test('ProductionBaseline counts failed AssumeRoleWithWebIdentity calls in the imported CloudTrail log group', () => {
      const template = Template.fromStack(stackOf(buildApp(), 'ProductionBaseline'));
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: 'acme-management-events',
        FilterPattern: '{ ($.eventSource = "sts.amazonaws.com") && ($.eventName = "AssumeRoleWithWebIdentity") && ($.errorCode = "*") }',
      });
      template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'platform-oncall@acme.example' });
      // Imported by name: the trail's log group is not created (nor deleted) by this app.
      template.resourceCountIs('AWS::Logs::LogGroup', 0);
    });

    test('the staging account has no alarm', () => {
      Template.fromStack(stackOf(buildApp(), 'StagingBaseline')).resourceCountIs('AWS::CloudWatch::Alarm', 0);
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    test('no finding left once the CDK bootstrap wildcard is suppressed with its reason', () => {
      // GIVEN the example and the suppression every cdkDeployment role needs
      const app = buildApp();
      for (const { stack } of ACCOUNTS) suppressCdkBootstrapWildcard(stackOf(app, stack));
      // WHEN AwsSolutionsChecks run
      const findings = awsSolutionsFindings(app);
      // THEN none is left (the alarm topic enforces TLS)
      expect(findings).toEqual([]);
    });

    test('without suppressions, the bootstrap wildcard is the only finding on the roles', () => {
      const findings = awsSolutionsFindings(buildApp()).filter((finding) => finding.includes('DeployRoles/'));
      expect(findings).toHaveLength(MATRIX.length);
      for (const finding of findings) {
        expect(finding).toMatch(/\/DefaultPolicy\/Resource AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:iam::\d{12}:role\/cdk-\*\]$/);
      }
    });
  });
});
