// What a newcomer writes after `cdk init`: a GitHubDeployRole used wherever CDK wants an iam.IRole (the issue that
// made this check: on aws-cdk-lib 2.276 `roleRef` was missing). Compiled with --strict and synthesized against the
// newest aws-cdk-lib by scripts/compat/run.sh.
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  DeployRoleFailureMonitor, GitHubDeployRole, GitHubOidcProvider, GitHubRepository, GitHubWorkflowSnippet,
  GitHubWorkflowSnippetOutput, SubjectClaim,
} from 'cdk-github-deploy-roles';

const app = new App();
const stack = new Stack(app, 'Consumer');
const role = new GitHubDeployRole(stack, 'WebProd', {
  repository: GitHubRepository.of('acme', 'web'),
  subjects: [SubjectClaim.environment('production')],
});
const asRole: iam.IRole = role;
const bucket = new s3.Bucket(stack, 'Artifacts');
bucket.grantWrite(asRole);
new GitHubWorkflowSnippetOutput(stack, 'Workflow', { role });
GitHubWorkflowSnippet.forRole(role);
new DeployRoleFailureMonitor(stack, 'Monitor', {
  cloudTrailLogGroup: logs.LogGroup.fromLogGroupName(stack, 'Trail', 'aws-cloudtrail-logs'),
  roles: [role],
});

// The provider, created and imported, is an iam.IOidcProvider wherever CDK wants one.
const created: iam.IOidcProvider = GitHubOidcProvider.forAccount(stack);
const imported: iam.IOidcProvider = GitHubOidcProvider.fromAccount(new Stack(app, 'Other'), 'GitHub');
new iam.Role(stack, 'Plain', { assumedBy: new iam.WebIdentityPrincipal(imported.oidcProviderArn) });

// Every member aws-cdk-lib's own import has (oidcProviderRef on newer versions), ours has; and a newer version's
// roleRef names our role. Read dynamically: the floor declares neither.
function members(value: object): string[] {
  const names = new Set<string>();
  for (let proto = value; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) names.add(name);
  }
  return [...names];
}
const cdkImport = iam.OidcProviderNative.fromOidcProviderArn(stack, 'CdkImport', 'arn:aws:iam::111111111111:oidc-provider/x');
const missing = members(cdkImport).filter((name) => !(name in imported));
if (missing.length > 0) throw new Error(`GitHubOidcProvider.fromAccount lacks ${missing.join(', ')}`);
if ('roleRef' in iam.Role.prototype) {
  const roleRef = (role as any).roleRef;
  if (JSON.stringify(stack.resolve(roleRef?.roleName)) !== JSON.stringify(stack.resolve(role.roleName))) {
    throw new Error(`GitHubDeployRole.roleRef does not name the role: ${JSON.stringify(stack.resolve(roleRef))}`);
  }
}
app.synth();
