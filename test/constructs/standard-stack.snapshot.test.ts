import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubOidcProvider } from '../../src/constructs/oidc-provider';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim } from '../../src/model/subject-claim';

// What users deploy: a change here changes logical IDs, names or policies of deployed roles (a logical ID change
// replaces the role). Review the diff; never regenerate this snapshot without reading it.
test('standard stack: provider + production role with cdkDeployment', () => {
  // GIVEN
  const app = new App();
  const stack = new Stack(app, 'DeployRoles');
  // WHEN
  const provider = GitHubOidcProvider.forAccount(stack);
  new GitHubDeployRole(stack, 'WebProd', {
    provider,
    repository: GitHubRepository.of('acme', 'web'),
    subjects: [SubjectClaim.environment('production')],
    cdkDeployment: true,
  });
  // THEN
  // Resources only: CDK's own bootstrap-version rule and parameter change with aws-cdk-lib, not with this library.
  expect(Template.fromStack(stack).toJSON().Resources).toMatchSnapshot();
});
