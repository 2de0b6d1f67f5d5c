import { awsSolutionsFindings, itSynthesizesAsReviewed, stackOf, suppressCdkBootstrapWildcard, trustConditionsOf, trustOf } from './helpers';
import { buildApp } from '../../examples/immutable-migration/stacks';
import { GitHubRepository, SubjectFormat } from '../../src';

const web = GitHubRepository.of('acme', 'web', { ownerId: 91234567, repositoryId: 612345678 });
// Someone who registers acme/web again after a rename or deletion: same name, new IDs.
const squatter = GitHubRepository.of('acme', 'web', { ownerId: 99999999, repositoryId: 711111111 });
const { NAME_ONLY, IMMUTABLE } = SubjectFormat;

describe('examples/immutable-migration', () => {
  itSynthesizesAsReviewed(buildApp);

  test('Production trusts both subject forms, Staging only the immutable one; both pin the IDs', () => {
    const stack = stackOf(buildApp(), 'AcmeWebDeployRoles');
    const ids = {
      'token.actions.githubusercontent.com:repository_owner_id': '91234567',
      'token.actions.githubusercontent.com:repository_id': '612345678',
    };
    expect(trustConditionsOf(stack.node.findChild('Production')).StringEquals).toMatchObject({
      ...ids,
      'token.actions.githubusercontent.com:sub': [
        'repo:acme/web:environment:production',
        'repo:acme@91234567/web@612345678:environment:production',
      ],
    });
    expect(trustConditionsOf(stack.node.findChild('Staging')).StringEquals).toMatchObject({
      ...ids,
      'token.actions.githubusercontent.com:sub': 'repo:acme@91234567/web@612345678:environment:staging',
    });
  });

  describe('who may assume which role', () => {
    const roles = trustOf(stackOf(buildApp(), 'AcmeWebDeployRoles'));

    test.each([NAME_ONLY, IMMUTABLE])('during the switch, a production job with the %s subject may assume Production', (subjectFormat) => {
      roles.assertCanAssume('Production', { repository: web, environment: 'production', subjectFormat });
    });

    test('after tightening, a staging job with the immutable subject may assume Staging, with the name-only one not', () => {
      roles.assertCanAssume('Staging', { repository: web, environment: 'staging', subjectFormat: IMMUTABLE });
      roles.assertCannotAssume('Staging', { repository: web, environment: 'staging', subjectFormat: NAME_ONLY });
    });

    test.each([NAME_ONLY, IMMUTABLE])('a re-registered acme/web with the %s subject may assume neither role', (subjectFormat) => {
      roles.assertCannotAssume('Production', { repository: squatter, environment: 'production', subjectFormat });
      roles.assertCannotAssume('Staging', { repository: squatter, environment: 'staging', subjectFormat });
    });

    test('the environments stay apart in either form', () => {
      for (const subjectFormat of [NAME_ONLY, IMMUTABLE]) {
        roles.assertCannotAssume('Production', { repository: web, environment: 'staging', subjectFormat });
        roles.assertCannotAssume('Staging', { repository: web, environment: 'production', subjectFormat });
      }
    });
  });

  test('cdk-nag AwsSolutions: the CDK bootstrap wildcard is the only finding, and once suppressed none is left', () => {
    expect(awsSolutionsFindings(buildApp())).toEqual([
      '/AcmeWebDeployRoles/Staging/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-*]',
      '/AcmeWebDeployRoles/Production/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-*]',
    ]);
    const app = buildApp();
    suppressCdkBootstrapWildcard(stackOf(app, 'AcmeWebDeployRoles'));
    expect(awsSolutionsFindings(app)).toEqual([]);
  });
});
