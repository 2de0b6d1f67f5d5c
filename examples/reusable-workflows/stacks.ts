// Reusable workflows: only Acme's central deploy workflow may deploy acme/web to production, so the steps that
// run with the role's permissions are reviewed once, in acme/deploy-workflows, not in every repository.
//
// The default `sub` does not name the workflow that asks for the token, so this needs a customized subject that
// includes `job_workflow_ref`. In GitHub, once:
//
//   gh api -X PUT orgs/acme/actions/oidc/customization/sub \
//     --input - <<< '{"include_claim_keys": ["repo", "context", "job_workflow_ref"]}'
//   gh api -X PUT repos/acme/web/actions/oidc/customization/sub --input - <<< '{"use_default": false}'
//
// (the organization's template applies to a repository only once the repository stops using the default). Tokens
// of acme/web then carry
//
//   repo:acme/web:environment:production:job_workflow_ref:acme/deploy-workflows/.github/workflows/deploy.yml@refs/heads/main
//
// The calling workflow in acme/web:
//
//   jobs:
//     deploy:
//       uses: acme/deploy-workflows/.github/workflows/deploy.yml@main
//       with: { environment: production }
//       permissions: { id-token: write, contents: read }
//
// and the central workflow's job sets `environment: ${{ inputs.environment }}` and assumes the role.
//
// Switching the repository to the template changes the `sub` of all its tokens, so roles that trust its default
// subjects stop admitting it: deploy these roles first, then switch the repository and its workflows together.
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  GitHubDeployRole, GitHubOidcProvider, GitHubRepository, GitHubTrustChecks, SubjectClaim, SubjectTemplate,
} from '../../src';

/** The one workflow allowed to deploy: the file in acme/deploy-workflows, at its protected main branch. */
export const CENTRAL_DEPLOY_WORKFLOW = 'acme/deploy-workflows/.github/workflows/deploy.yml@refs/heads/main';

export class CentralDeployRolesStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const provider = GitHubOidcProvider.forAccount(this);
    const repository = GitHubRepository.of('acme', 'web', { ownerId: 91234567, repositoryId: 612345678 });

    // The organization's subject template; each subject names an environment and the central workflow.
    const template = SubjectTemplate.withJobWorkflowRef();
    const fromCentralWorkflow = (environment: string) =>
      SubjectClaim.environment(environment).withTemplate(template, { job_workflow_ref: CENTRAL_DEPLOY_WORKFLOW });

    new GitHubDeployRole(this, 'WebStaging', {
      provider,
      repository,
      subjects: [fromCentralWorkflow('staging')],
      cdkDeployment: true,
    });
    new GitHubDeployRole(this, 'WebProduction', {
      provider,
      repository,
      subjects: [fromCentralWorkflow('production')],
      cdkDeployment: true,
    });
  }
}

/** The app: the central workflow's roles, checked by the trust rules at synth. */
export function buildApp(): App {
  const app = new App();
  new CentralDeployRolesStack(app, 'CentralDeployRoles');
  GitHubTrustChecks.applyTo(app);
  return app;
}
