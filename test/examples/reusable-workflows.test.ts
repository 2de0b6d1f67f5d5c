import { awsSolutionsFindings, itSynthesizesAsReviewed, stackOf, suppressCdkBootstrapWildcard, trustOf } from './helpers';
import { buildApp, CENTRAL_DEPLOY_WORKFLOW } from '../../examples/reusable-workflows/stacks';
import { GitHubRepository, SubjectFormat, SubjectTemplate } from '../../src';

const web = GitHubRepository.of('acme', 'web', { ownerId: 91234567, repositoryId: 612345678 });
// acme/web's tokens once the repository uses the organization's template.
const withTemplate = { subjectTemplate: SubjectTemplate.withJobWorkflowRef() };
const central = { ...withTemplate, repository: web, jobWorkflowRef: CENTRAL_DEPLOY_WORKFLOW };

function trust() {
  return trustOf(stackOf(buildApp(), 'CentralDeployRoles'));
}

describe('examples/reusable-workflows', () => {
  itSynthesizesAsReviewed(buildApp);

  test('the central workflow is the one in acme/deploy-workflows at main', () => {
    expect(CENTRAL_DEPLOY_WORKFLOW).toBe('acme/deploy-workflows/.github/workflows/deploy.yml@refs/heads/main');
  });

  describe('who may assume which role', () => {
    const roles = trust();

    test.each([SubjectFormat.NAME_ONLY, SubjectFormat.IMMUTABLE])(
      'the central workflow, called from acme/web\'s production environment, may assume WebProduction (%s subject)',
      (subjectFormat) => {
        roles.assertCanAssume('WebProduction', { ...central, environment: 'production', subjectFormat });
        roles.assertCannotAssume('WebStaging', { ...central, environment: 'production', subjectFormat });
      });

    test('the central workflow, called from the staging environment, may assume WebStaging and not WebProduction', () => {
      roles.assertCanAssume('WebStaging', { ...central, environment: 'staging' });
      roles.assertCannotAssume('WebProduction', { ...central, environment: 'staging' });
    });

    test.each([
      ['acme/web\'s own workflow', 'acme/web/.github/workflows/deploy.yml@refs/heads/main'],
      ['another workflow file of acme/deploy-workflows', 'acme/deploy-workflows/.github/workflows/debug.yml@refs/heads/main'],
      ['the central workflow at an unreviewed branch', 'acme/deploy-workflows/.github/workflows/deploy.yml@refs/heads/feature'],
      ['the central workflow at a tag', 'acme/deploy-workflows/.github/workflows/deploy.yml@refs/tags/v1'],
      ['a fork-like copy of the central workflow', 'mallory/deploy-workflows/.github/workflows/deploy.yml@refs/heads/main'],
    ])('%s, in the same repository and environment, may not assume WebProduction', (_name, jobWorkflowRef) => {
      roles.assertCannotAssume('WebProduction', { ...central, environment: 'production', jobWorkflowRef });
    });

    test('acme/web with the default subject (not switched to the template) may not assume WebProduction', () => {
      roles.assertCannotAssume('WebProduction', { repository: web, environment: 'production', jobWorkflowRef: CENTRAL_DEPLOY_WORKFLOW });
    });

    test('the central workflow called from another repository may not assume WebProduction', () => {
      const other = GitHubRepository.of('acme', 'other', { ownerId: 91234567, repositoryId: 699999999 });
      roles.assertCannotAssume('WebProduction', { ...central, repository: other, environment: 'production' });
    });

    test('the central workflow called without an environment may not assume WebProduction', () => {
      roles.assertCannotAssume('WebProduction', { ...central, ref: 'refs/heads/main' });
    });
  });

  test('cdk-nag AwsSolutions: the CDK bootstrap wildcard is the only finding, and once suppressed none is left', () => {
    expect(awsSolutionsFindings(buildApp())).toEqual([
      '/CentralDeployRoles/WebStaging/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-*]',
      '/CentralDeployRoles/WebProduction/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-*]',
    ]);
    const app = buildApp();
    suppressCdkBootstrapWildcard(stackOf(app, 'CentralDeployRoles'));
    expect(awsSolutionsFindings(app)).toEqual([]);
  });
});
