/**
 * The partition of a stack's region is read from a table for the regions most stacks name, so that a synth does not
 * load aws-cdk-lib's region facts (about 150 ms) that a stack of plain roles never loads. The table must give
 * exactly what `RegionInfo` gives, and a region it does not hold must still get `RegionInfo`'s answer. This suite runs
 * on the floor; scripts/compat/consumer-regions.ts checks every region of the newest aws-cdk-lib in CI.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { GITHUB } from './helpers';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { regionPartition, regionsAnsweredWithoutFacts } from '../../src/constructs/private/region-partition';
import { GitHubWorkflowSnippet } from '../../src/constructs/workflow/workflow-snippet';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim } from '../../src/model/subject-claim';

afterEach(() => jest.restoreAllMocks());

test('every region of the table has the partition RegionInfo gives it', () => {
  const table = [...regionsAnsweredWithoutFacts()];
  expect(table.length).toBeGreaterThan(30);
  for (const [region, partition] of table) {
    expect({ region, partition: RegionInfo.get(region).partition }).toEqual({ region, partition });
  }
});

test('every region RegionInfo lists gets its partition, from the table or from RegionInfo', () => {
  const regions = RegionInfo.regions;
  expect(regions.length).toBeGreaterThan(30);
  for (const { name, partition } of regions) expect({ name, partition: regionPartition(name) }).toEqual({ name, partition });
});

test('a region outside the table is asked of RegionInfo, and an unknown one stays unknown', () => {
  const get = jest.spyOn(RegionInfo, 'get');
  expect(regionPartition('us-iso-east-1')).toBe('aws-iso');
  expect(regionPartition('xx-nowhere-9')).toBeUndefined();
  expect(get.mock.calls.map(([region]) => region)).toEqual(['us-iso-east-1', 'xx-nowhere-9']);
});

function deployIn(region: string): { stack: Stack; role: GitHubDeployRole } {
  const stack = new Stack(new App(), 'Deploy', { env: { account: '123456789012', region } });
  const role = new GitHubDeployRole(stack, 'Role', {
    repository: GitHubRepository.of('acme', 'web'), subjects: [SubjectClaim.environment('production')], roleName: 'web-deploy',
  });
  return { stack, role };
}

test.each([
  ['eu-west-1', 'aws', 'sts.amazonaws.com'],
  ['cn-north-1', 'aws-cn', 'sts.amazonaws.com.cn'],
  ['us-gov-west-1', 'aws-us-gov', 'sts.amazonaws.com'],
])('a role, its provider and its snippet in %s: partition %s, audience %s, and the region facts never read', (region, partition, audience) => {
  const get = jest.spyOn(RegionInfo, 'get');
  const { stack, role } = deployIn(region);
  const template = Template.fromStack(stack);
  const snippet = GitHubWorkflowSnippet.forRole(role).yaml;

  const [policy] = Object.values(template.findResources('AWS::IAM::Role')).map((r: any) => r.Properties.AssumeRolePolicyDocument);
  expect(policy.Statement[0].Condition.StringEquals[`${GITHUB}:aud`]).toBe(audience);
  // The snippet writes the role's ARN out only when it knows the partition.
  expect(snippet).toContain(`arn:${partition}:iam::123456789012:role/web-deploy`);
  expect(get).not.toHaveBeenCalled();
});
