import { Template } from 'aws-cdk-lib/assertions';
import { NagSuppressions } from 'cdk-nag';
import { awsSolutionsFindings, itSynthesizesAsReviewed, stackOf, suppressCdkBootstrapWildcard, trustOf } from './helpers';
import { buildApp } from '../../examples/quickstart/stacks';
import { GitHubRepository, SubjectFormat } from '../../src';

// The quick start is the README's first command: what it deploys is what most users copy.
const web = GitHubRepository.of('acme', 'web', { ownerId: 91234567, repositoryId: 612345678 });
const other = GitHubRepository.of('acme', 'other', { ownerId: 91234567, repositoryId: 699999999 });
const ROLES = ['Staging', 'Production', 'Release', 'PullRequestPlan'];

describe('examples/quickstart', () => {
  itSynthesizesAsReviewed(buildApp);

  describe('who may assume which role', () => {
    const trust = trustOf(stackOf(buildApp(), 'AcmeWebDeployRoles'));

    test('the four roles trust GitHub', () => {
      expect(trust.githubRoleIds()).toHaveLength(ROLES.length);
    });

    test.each([SubjectFormat.NAME_ONLY, SubjectFormat.IMMUTABLE])(
      'a job in environment production of acme/web may assume Production (%s subject), whatever the branch',
      (subjectFormat) => {
        trust.assertCanAssume('Production', { repository: web, environment: 'production', subjectFormat });
        trust.assertCanAssume('Production', { repository: web, environment: 'production', ref: 'refs/heads/hotfix', subjectFormat });
      });

    test('a push to main without an environment may not assume Production or Staging', () => {
      trust.assertCannotAssume('Production', { repository: web, ref: 'refs/heads/main' });
      trust.assertCannotAssume('Staging', { repository: web, ref: 'refs/heads/main' });
    });

    test('a job in environment staging may assume Staging, not Production', () => {
      trust.assertCanAssume('Staging', { repository: web, environment: 'staging' });
      trust.assertCannotAssume('Production', { repository: web, environment: 'staging' });
    });

    test('a pull request may assume PullRequestPlan, and no other role', () => {
      const pullRequest = { repository: web, eventName: 'pull_request', ref: 'refs/pull/42/merge' };
      trust.assertCanAssume('PullRequestPlan', pullRequest);
      for (const role of ['Staging', 'Production', 'Release']) trust.assertCannotAssume(role, pullRequest);
    });

    test.each(['v1.2.0', 'v2.0.0-rc.1'])('a push of tag %s may assume Release', (tag) => {
      trust.assertCanAssume('Release', { repository: web, ref: `refs/tags/${tag}` });
    });

    test.each(['1.2.0', 'latest'])('a push of tag %s, not starting with v, may not assume Release', (tag) => {
      trust.assertCannotAssume('Release', { repository: web, ref: `refs/tags/${tag}` });
    });

    test('a branch named like a release tag may not assume Release', () => {
      trust.assertCannotAssume('Release', { repository: web, ref: 'refs/heads/v1.2.0' });
    });

    test.each(ROLES)('no run of acme/other may assume %s', (role) => {
      for (const run of [
        { repository: other, environment: 'production' },
        { repository: other, environment: 'staging' },
        { repository: other, eventName: 'pull_request' },
        { repository: other, ref: 'refs/tags/v1.0.0' },
      ]) trust.assertCannotAssume(role, run);
    });

    test('a re-registered acme/web (same name, new IDs) may not assume Production with the name-only subject', () => {
      const squatter = GitHubRepository.of('acme', 'web', { ownerId: 99999999, repositoryId: 711111111 });
      trust.assertCannotAssume('Production', { repository: squatter, environment: 'production', subjectFormat: SubjectFormat.NAME_ONLY });
    });
  });

  test('the production role has the workflow snippet outputs', () => {
    const outputs = Template.fromStack(stackOf(buildApp(), 'AcmeWebDeployRoles')).findOutputs('*');
    expect(Object.keys(outputs).sort()).toEqual(['WebProductionRoleArn', 'WebProductionRoleArnWorkflowSnippet']);
    const snippet = JSON.stringify(outputs.WebProductionRoleArnWorkflowSnippet.Value);
    expect(snippet).toContain('environment: production');
    expect(snippet).toContain('id-token: write');
  });

  test('cdk-nag AwsSolutions: no finding left once the deliberate choices are suppressed with reasons', () => {
    // GIVEN the example app and the suppressions a team would write for it
    const app = buildApp();
    const stack = stackOf(app, 'AcmeWebDeployRoles');
    for (const id of ['Staging', 'Production']) suppressCdkBootstrapWildcard(stack.node.findChild(id));
    NagSuppressions.addResourceSuppressions(stack.node.findChild('Release'), [{
      id: 'AwsSolutions-IAM5',
      reason: 'bucket.grantPut: objects of the one release bucket, and s3:Abort* to abort its multipart uploads',
      appliesTo: ['Action::s3:Abort*', 'Resource::arn:<AWS::Partition>:s3:::acme-web-releases/*'],
    }], true);
    NagSuppressions.addResourceSuppressions(stack.node.findChild('PullRequestPlan'), [{
      id: 'AwsSolutions-IAM4',
      reason: 'ReadOnlyAccess is the point of the pull-request role: it reads for cdk diff and cannot change anything',
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/ReadOnlyAccess'],
    }], true);

    // WHEN AwsSolutionsChecks run THEN nothing is left
    expect(awsSolutionsFindings(app)).toEqual([]);
  });

  test('cdk-nag AwsSolutions without suppressions: the findings are exactly the deliberate ones', () => {
    // Guards the suppressions above: each names a finding that exists, and nothing else is found.
    const findings = awsSolutionsFindings(buildApp());
    expect(findings.sort()).toEqual([
      '/AcmeWebDeployRoles/Production/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-*]',
      '/AcmeWebDeployRoles/PullRequestPlan/Resource AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/ReadOnlyAccess]',
      '/AcmeWebDeployRoles/Release/DefaultPolicy/Resource AwsSolutions-IAM5[Action::s3:Abort*]',
      '/AcmeWebDeployRoles/Release/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-web-releases/*]',
      '/AcmeWebDeployRoles/Staging/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-*]',
    ]);
  });
});
