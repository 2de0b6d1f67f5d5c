// Quick start: deploy roles for one repository, acme/web.
//
//   staging, production  jobs that reference the GitHub environment of that name may run `cdk deploy`
//   release              pushes of a version tag (v1.2.0) may upload release artifacts
//   pull request plan    pull requests may read the account (e.g. for `cdk diff`), never change it
//
// In this repository, `npx projen example` synthesizes it and prints each role's trust policy.
import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  GitHubDeployRole, GitHubOidcProvider, GitHubRepository, GitHubTrustChecks, GitHubWorkflowSnippetOutput, SubjectClaim,
} from '../../src';

export class WebDeployRolesStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // One provider per account: created here, imported by any other stack of this app in the same account.
    const provider = GitHubOidcProvider.forAccount(this);
    // The numeric IDs shut out whoever registers acme/web again after a rename or deletion, and let the roles
    // trust the immutable subject form too. Look them up with:
    //   gh api repos/acme/web --jq '{ownerId: .owner.id, repositoryId: .id}'
    const repository = GitHubRepository.of('acme', 'web', { ownerId: 91234567, repositoryId: 612345678 });

    // A role trusts every job that names its environment: put the protection rules (required reviewers,
    // deployment branches) on the environments in the repository's settings.
    new GitHubDeployRole(this, 'Staging', {
      provider,
      repository,
      subjects: [SubjectClaim.environment('staging')],
      cdkDeployment: true,
    });
    const production = new GitHubDeployRole(this, 'Production', {
      provider,
      repository,
      subjects: [SubjectClaim.environment('production')],
      cdkDeployment: true,
    });

    // Protect v* tags with a tag ruleset in GitHub, so that only release managers can push them. The release job
    // must not name an environment: with one, the token's subject is the environment, not the tag.
    const release = new GitHubDeployRole(this, 'Release', {
      provider,
      repository,
      subjects: [SubjectClaim.tag('v*')],
    });
    s3.Bucket.fromBucketName(this, 'ReleaseArtifacts', 'acme-web-releases').grantPut(release);

    // Anyone who can push a branch can open a pull request and run its workflow: read-only, and said so.
    new GitHubDeployRole(this, 'PullRequestPlan', {
      provider,
      repository,
      subjects: [SubjectClaim.pullRequest()],
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
      acknowledgements: [{
        ruleId: 'PullRequestSubject',
        reason: 'Pull requests run cdk diff to show the change in review; the role can read, not write.',
      }],
    });

    // Outputs the production role's ARN and the workflow job that assumes it, ready to paste.
    new GitHubWorkflowSnippetOutput(this, 'WebProduction', { role: production });
  }
}

/** The app: one stack. */
export function buildApp(): App {
  const app = new App();
  new WebDeployRolesStack(app, 'AcmeWebDeployRoles');
  // GitHubDeployRoles check their own trust policies at synth; this checks any other role that trusts GitHub
  // (a hand-written iam.Role, another library's) by the same rules.
  GitHubTrustChecks.applyTo(app);
  return app;
}
