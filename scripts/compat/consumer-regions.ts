// Every region the newest aws-cdk-lib knows gets the partition its RegionInfo gives (the repository's jest suite holds
// the library's region table to RegionInfo of the floor only; src/constructs/private/region-partition.ts). Seen as a
// user sees it: the audience a role in that region pins (the China one in aws-cn) and the partition of the role ARN
// its workflow snippet writes. Run by scripts/compat/run.sh; a failed expectation throws, which fails the run.
import { App, Stack } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { GitHubDeployRole, GitHubRepository, GitHubWorkflowSnippet, SubjectClaim } from 'cdk-github-deploy-roles';

const regions = RegionInfo.regions.filter((info) => info.partition !== undefined);
if (regions.length < 30) throw new Error(`RegionInfo.regions lists ${regions.length} regions with a partition: expected over 30`);
const wrong: string[] = [];
for (const { name, partition } of regions) {
  const stack = new Stack(new App({ autoSynth: false }), 'Deploy', { env: { account: '123456789012', region: name } });
  const role = new GitHubDeployRole(stack, 'Role', {
    repository: GitHubRepository.of('acme', 'web'), subjects: [SubjectClaim.environment('production')], roleName: 'web-deploy',
  });
  const audience = partition === 'aws-cn' ? 'sts.amazonaws.com.cn' : 'sts.amazonaws.com';
  const yaml = GitHubWorkflowSnippet.forRole(role).yaml;
  if (role.audience !== audience) wrong.push(`${name}: audience ${role.audience}, expected ${audience}`);
  if (!yaml.includes(`arn:${partition}:iam::123456789012:role/web-deploy`)) wrong.push(`${name}: the snippet does not write arn:${partition}:...`);
}
if (wrong.length > 0) throw new Error(`regions whose partition the library reads differently from RegionInfo:\n${wrong.join('\n')}`);
console.log(`ok: ${regions.length} regions, each with RegionInfo's partition (audience and role ARN)`);
