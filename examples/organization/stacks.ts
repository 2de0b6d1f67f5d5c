// An organization: several repositories deploying to GitHub environments that live in different AWS accounts.
//
//   account 111111111111 (staging)     environments development and staging
//   account 222222222222 (production)  environment production, and an alarm on failed role assumptions
//
// Each account has two stacks: the platform team's baseline, which creates the account's GitHub OIDC provider,
// and the deploy roles. GitHubOidcProvider.forAccount creates the provider in the first stack of an account that
// asks for it and imports it everywhere else (a second AWS::IAM::OIDCProvider for the same URL would fail the
// deploy with EntityAlreadyExists); the importing stack is made to deploy after the creating one.
import { App, Environment, Stack, StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  DeployRoleFailureMonitor, GitHubDeployRoles, GitHubOidcProvider, GitHubRepository, GitHubTrustChecks,
} from '../../src';

/** The region the workflows call STS in and deploy to. */
const REGION = 'eu-west-1';

/** One AWS account and the GitHub environments whose deployments go to it. */
interface DeploymentAccount {
  readonly name: string;
  readonly account: string;
  readonly environments: string[];
  /** The CloudWatch Logs group the account's CloudTrail trail delivers to, for the failed-assumption alarm. */
  readonly cloudTrailLogGroupName?: string;
}

const ACCOUNTS: DeploymentAccount[] = [
  { name: 'Staging', account: '111111111111', environments: ['development', 'staging'] },
  {
    name: 'Production',
    account: '222222222222',
    environments: ['production'],
    cloudTrailLogGroupName: 'acme-management-events',
  },
];

// Repositories whose IDs are known are pinned by them: a deleted or renamed repository's name, registered again by
// someone else, mints the same name-only subject but not the same IDs. The IDs come from
// `gh api repos/<owner>/<name> --jq '{ownerId: .owner.id, repositoryId: .id}'`. acme/billing is still trusted by
// name only, which `cdk synth` reports as information (RepositoryIdNotPinned) until its IDs are added.
const REPOSITORIES = [
  GitHubRepository.of('acme', 'web', { ownerId: 91234567, repositoryId: 612345678 }),
  GitHubRepository.of('acme', 'api', { ownerId: 91234567, repositoryId: 623456789 }),
  GitHubRepository.of('acme', 'billing'),
];

interface AccountStackProps extends StackProps {
  readonly env: Environment;
  readonly deployment: DeploymentAccount;
}

/** The platform team's account baseline: the GitHub OIDC provider and, where wanted, the failure alarm. */
export class AccountBaselineStack extends Stack {
  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id, props);
    // The first stack of the account to ask: the provider is created here (logical ID GitHubOidcProvider).
    GitHubOidcProvider.forAccount(this);

    const { cloudTrailLogGroupName } = props.deployment;
    if (cloudTrailLogGroupName !== undefined) {
      // Every failed AssumeRoleWithWebIdentity in the account: a narrowed trust policy, a renamed environment or
      // repository shows up minutes after the failed run instead of at the next release.
      new DeployRoleFailureMonitor(this, 'DeployRoleFailures', {
        cloudTrailLogGroup: logs.LogGroup.fromLogGroupName(this, 'CloudTrailLogs', cloudTrailLogGroupName),
        alarmEmails: ['platform-oncall@acme.example'],
      });
    }
  }
}

/** One deploy role per repository and environment of the account. */
export class DeployRolesStack extends Stack {
  /** The roles, to look up one pair with `roles.roleFor(repository, environment)`. */
  public readonly roles: GitHubDeployRoles;

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id, props);
    this.roles = new GitHubDeployRoles(this, 'DeployRoles', {
      // The baseline stack of this account created the provider: forAccount imports it by its ARN.
      provider: GitHubOidcProvider.forAccount(this),
      repositories: REPOSITORIES,
      environments: props.deployment.environments,
      // Role names github-<owner>-<repo>-<environment>, e.g. github-acme-web-production: the workflows can
      // write the ARN out, arn:aws:iam::222222222222:role/github-acme-web-production.
      roleNamePrefix: 'github-',
      cdkDeployment: true,
    });
  }
}

/** The app: a baseline and a deploy-roles stack in each account. */
export function buildApp(): App {
  const app = new App();
  for (const deployment of ACCOUNTS) {
    const env = { account: deployment.account, region: REGION };
    new AccountBaselineStack(app, `${deployment.name}Baseline`, { env, deployment });
    new DeployRolesStack(app, `${deployment.name}DeployRoles`, { env, deployment });
  }
  GitHubTrustChecks.applyTo(app);
  return app;
}
