import { Template } from 'aws-cdk-lib/assertions';
import { awsSolutionsFindings, itSynthesizesAsReviewed, stackOf, suppressCdkBootstrapWildcard, trustConditionsOf, trustOf } from './helpers';
import { buildApp } from '../../examples/enterprise/stacks';
import { GitHubIssuer, GitHubRepository, SubjectFormat } from '../../src';

const CLOUD = GitHubIssuer.enterprise('acme-corp');
const SERVER = GitHubIssuer.enterpriseServer('github.acme.internal');
// The same repository on both installations; on GitHub Enterprise Cloud with its IDs.
const checkoutCloud = GitHubRepository.of('payments', 'checkout', { ownerId: 81234567, repositoryId: 734567890 });
const checkoutServer = GitHubRepository.of('payments', 'checkout');
const production = { environment: 'production' };

function trust() {
  return trustOf(stackOf(buildApp(), 'CheckoutDeployRoles'));
}

describe('examples/enterprise', () => {
  itSynthesizesAsReviewed(buildApp);

  test('one provider per issuer URL, both kept on delete', () => {
    const template = Template.fromStack(stackOf(buildApp(), 'CheckoutDeployRoles'));
    const providers = Object.values(template.findResources('AWS::IAM::OIDCProvider'));
    expect(providers.map((provider) => provider.Properties.Url).sort()).toEqual([
      'https://github.acme.internal/_services/token',
      'https://token.actions.githubusercontent.com/acme-corp',
    ]);
    expect(providers.every((provider) => provider.DeletionPolicy === 'Retain')).toBe(true);
  });

  test('each role keys its conditions by its own issuer', () => {
    const stack = stackOf(buildApp(), 'CheckoutDeployRoles');
    expect(Object.keys(trustConditionsOf(stack.node.findChild('CheckoutProductionCloud')).StringEquals)).toEqual(
      ['aud', 'sub', 'repository_owner_id', 'repository_id'].map((claim) => `token.actions.githubusercontent.com/acme-corp:${claim}`));
    expect(trustConditionsOf(stack.node.findChild('CheckoutProductionServer'))).toEqual({
      StringEquals: {
        'github.acme.internal/_services/token:aud': 'sts.amazonaws.com',
        'github.acme.internal/_services/token:sub': 'repo:payments/checkout:environment:production',
      },
    });
  });

  describe('who may assume which role', () => {
    const roles = trust();

    test.each([SubjectFormat.NAME_ONLY, SubjectFormat.IMMUTABLE])(
      'a production job of payments/checkout on GitHub Enterprise Cloud (%s subject) may assume the Cloud role only',
      (subjectFormat) => {
        const run = { ...production, repository: checkoutCloud, issuer: CLOUD, subjectFormat };
        roles.assertCanAssume('CheckoutProductionCloud', run);
        roles.assertCannotAssume('CheckoutProductionServer', run);
      });

    test('a production job of payments/checkout on the Enterprise Server may assume the Server role only', () => {
      const run = { ...production, repository: checkoutServer, issuer: SERVER };
      roles.assertCanAssume('CheckoutProductionServer', run);
      roles.assertCannotAssume('CheckoutProductionCloud', run);
    });

    test.each([
      ['github.com without the enterprise issuer', GitHubIssuer.GITHUB_COM],
      ['another enterprise', GitHubIssuer.enterprise('acme-corp-evil')],
      ['another Enterprise Server', GitHubIssuer.enterpriseServer('github.example.com')],
    ])('payments/checkout on %s may assume neither role', (_name, issuer) => {
      for (const repository of [checkoutCloud, checkoutServer]) {
        const run = { ...production, repository, issuer, subjectFormat: SubjectFormat.NAME_ONLY };
        roles.assertCannotAssume('CheckoutProductionCloud', run);
        roles.assertCannotAssume('CheckoutProductionServer', run);
      }
    });

    test('a push to main without the environment may assume neither role', () => {
      roles.assertCannotAssume('CheckoutProductionCloud', { repository: checkoutCloud, issuer: CLOUD, ref: 'refs/heads/main' });
      roles.assertCannotAssume('CheckoutProductionServer', { repository: checkoutServer, issuer: SERVER, ref: 'refs/heads/main' });
    });

    test('another repository of the enterprise may assume neither role', () => {
      const other = GitHubRepository.of('payments', 'refunds', { ownerId: 81234567, repositoryId: 734567891 });
      roles.assertCannotAssume('CheckoutProductionCloud', { ...production, repository: other, issuer: CLOUD });
      roles.assertCannotAssume('CheckoutProductionServer', { ...production, repository: GitHubRepository.of('payments', 'refunds'), issuer: SERVER });
    });
  });

  test('cdk-nag AwsSolutions: the CDK bootstrap wildcard is the only finding, and once suppressed none is left', () => {
    expect(awsSolutionsFindings(buildApp())).toEqual([
      '/CheckoutDeployRoles/CheckoutProductionCloud/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::333333333333:role/cdk-*]',
      '/CheckoutDeployRoles/CheckoutProductionServer/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::333333333333:role/cdk-*]',
    ]);
    const app = buildApp();
    suppressCdkBootstrapWildcard(stackOf(app, 'CheckoutDeployRoles'));
    expect(awsSolutionsFindings(app)).toEqual([]);
  });
});
