// GitHub Enterprise: one AWS account trusted by two GitHub installations while Acme moves from its own GitHub
// Enterprise Server to GitHub Enterprise Cloud.
//
//   GitHub Enterprise Cloud, enterprise acme-corp, with a unique token issuer, switched on once with
//     `gh api -X PUT enterprises/acme-corp/actions/oidc/customization/issuer -F include_enterprise_slug=true`:
//     tokens come from https://token.actions.githubusercontent.com/acme-corp, so no workflow outside the
//     enterprise can present one, whatever its repository is called.
//   GitHub Enterprise Server at github.acme.internal: tokens come from https://github.acme.internal/_services/token.
//
// Each issuer is a provider of its own (an account holds one provider per issuer URL), and each role trusts only
// its provider: the same `repo:payments/checkout:environment:production` from the other installation is refused.
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  GitHubDeployRole, GitHubIssuer, GitHubOidcProvider, GitHubRepository, GitHubTrustChecks, SubjectClaim,
} from '../../src';

export class CheckoutDeployRolesStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    // After the move: the repository on GitHub Enterprise Cloud, pinned by its IDs.
    const cloud = GitHubIssuer.enterprise('acme-corp');
    new GitHubDeployRole(this, 'CheckoutProductionCloud', {
      provider: GitHubOidcProvider.forAccount(this, { issuer: cloud }),
      repository: GitHubRepository.of('payments', 'checkout', { ownerId: 81234567, repositoryId: 734567890 }),
      subjects: [SubjectClaim.environment('production')],
      cdkDeployment: true,
    });

    // Before the move: the same repository on the Enterprise Server, until its last workflow has moved. GHES
    // mints no immutable subjects, so the role trusts the name-only one. Delete this role after the move.
    const server = GitHubIssuer.enterpriseServer('github.acme.internal');
    new GitHubDeployRole(this, 'CheckoutProductionServer', {
      provider: GitHubOidcProvider.forAccount(this, { issuer: server }),
      repository: GitHubRepository.of('payments', 'checkout'),
      subjects: [SubjectClaim.environment('production')],
      cdkDeployment: true,
    });
  }
}

/** The app: both installations' roles in one stack, checked by the trust rules at synth. */
export function buildApp(): App {
  const app = new App();
  new CheckoutDeployRolesStack(app, 'CheckoutDeployRoles', {
    env: { account: '333333333333', region: 'us-east-1' },
  });
  GitHubTrustChecks.applyTo(app);
  return app;
}
