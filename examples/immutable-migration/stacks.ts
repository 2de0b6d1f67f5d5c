// Moving acme/web to immutable subjects.
//
// GitHub writes the repository into `sub` by name (`repo:acme/web:...`) or, for repositories created after
// 15 July 2026, renamed or transferred after that date, or opted in, by name and ID
// (`repo:acme@91234567/web@612345678:...`). A name can be registered again by someone else after a rename or a
// deletion; the IDs cannot. The switch happens at one moment for every workflow of the repository, so the roles
// must accept both forms across it:
//
//   1. Before the switch, deploy every role of the repository with SubjectFormat.BOTH (the default once the
//      repository's IDs are given). Both forms are admitted, and the repository_id and repository_owner_id
//      conditions already refuse a re-registered name.
//   2. Switch: opt the repository (or the organization) in to immutable subjects, or rename or transfer it.
//      Nothing breaks: the roles admit the new form.
//   3. Check that the runs now present the immutable form: CloudTrail records each AssumeRoleWithWebIdentity
//      with the token's subject in `responseElements.subjectFromWebIdentityToken`.
//   4. Tighten the roles to SubjectFormat.IMMUTABLE, one at a time: a role that still sees a name-only token
//      fails its next run instead of silently trusting it.
//
// This app is between steps 3 and 4: staging has been tightened and has deployed since; production follows after
// the next release.
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  GitHubDeployRole, GitHubOidcProvider, GitHubRepository, GitHubTrustChecks, SubjectClaim, SubjectFormat,
} from '../../src';

export class WebDeployRolesStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const provider = GitHubOidcProvider.forAccount(this);
    // gh api repos/acme/web --jq '{ownerId: .owner.id, repositoryId: .id}'
    const repository = GitHubRepository.of('acme', 'web', { ownerId: 91234567, repositoryId: 612345678 });

    // Step 4 done: only `repo:acme@91234567/web@612345678:environment:staging`.
    new GitHubDeployRole(this, 'Staging', {
      provider,
      repository,
      subjects: [SubjectClaim.environment('staging')],
      subjectFormat: SubjectFormat.IMMUTABLE,
      cdkDeployment: true,
    });

    // Still in step 1's form: both `repo:acme/web:environment:production` and the immutable one.
    new GitHubDeployRole(this, 'Production', {
      provider,
      repository,
      subjects: [SubjectClaim.environment('production')],
      subjectFormat: SubjectFormat.BOTH,
      cdkDeployment: true,
    });
  }
}

/** The app: acme/web's roles in the middle of the migration, checked by the trust rules at synth. */
export function buildApp(): App {
  const app = new App();
  new WebDeployRolesStack(app, 'AcmeWebDeployRoles');
  GitHubTrustChecks.applyTo(app);
  return app;
}
