// An organization of hundreds of accounts: the GitHub OIDC provider and the same deploy role in every account of
// the workloads OU, present and future, through a service-managed CloudFormation StackSet, and a resource control
// policy that refuses tokens of any GitHub owner but the organization's own, whatever a role's trust policy says.
//
//   management account 999999999999   deploys this app (or a StackSets delegated administrator, callAs)
//   OU ou-ab12-workloads               every account gets the provider and role github-acme-web-production
//   account 111111111111               already has a provider (made by hand): its instance imports it
//
// The management account is never a StackSet target: give it its own stack if it needs the provider.
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  GitHubDeployRole, GitHubOidcStackSet, GitHubOwnerGuardrail, GitHubRepository, GitHubTrustChecks, SubjectClaim,
} from '../../src';

/** The OU whose accounts get the provider and roles. */
export const WORKLOADS_OU = 'ou-ab12-workloads1';
/** An account of the OU that created its provider before the StackSet existed. */
export const ACCOUNT_WITH_PROVIDER = '111111111111';

export class OrganizationDeployRolesStack extends Stack {
  /** The StackSet construct, for tests. */
  public readonly stackSet: GitHubOidcStackSet;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.stackSet = new GitHubOidcStackSet(this, 'GitHub', {
      organizationalUnitIds: [WORKLOADS_OU],
      // IAM is global: one region, or every instance after the first fails with EntityAlreadyExists.
      region: 'us-east-1',
      accountsWithProvider: [ACCOUNT_WITH_PROVIDER],
    });

    // The same role in every account, with a fixed name so that workflows can spell its ARN from the account ID.
    const web = GitHubRepository.of('acme', 'web', { ownerId: 91234567, repositoryId: 612345678 });
    new GitHubDeployRole(this.stackSet.template, 'WebProduction', {
      provider: this.stackSet.provider,
      repository: web,
      subjects: [SubjectClaim.environment('production')],
      roleName: 'github-acme-web-production',
      description: 'acme/web production deploys, in every workloads account',
    });

    // A Deny no trust policy can override: only acme's repositories may assume any role through the GitHub
    // provider anywhere below the OU, whatever a role written later trusts.
    new GitHubOwnerGuardrail(this, 'GitHubOwners', {
      owners: [{ name: 'acme', id: 91234567 }],
      targetIds: [WORKLOADS_OU],
    });
  }
}

/** The app: one stack in the management account. */
export function buildApp(): App {
  const app = new App();
  new OrganizationDeployRolesStack(app, 'OrganizationDeployRoles', { env: { account: '999999999999', region: 'us-east-1' } });
  GitHubTrustChecks.applyTo(app);
  return app;
}
