/**
 * Issue 12: the monitor counts denied calls of its roles even when the record has no role ARN, judged with a
 * faithful evaluator of the filter-pattern semantics on record shapes from public sources
 * (test/cli/fixtures/cloudtrail: J-xy/tf-platform-lab docs/oidc-negative-tests.md, ministryofjustice/modernisation-platform#3909).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { App, Stack } from 'aws-cdk-lib/core';
import { filterPatternMatches } from './filter-pattern-evaluator';
import { GitHubDeployRole } from '../../../src/constructs/deploy-role';
import { DeployRoleFailureMonitor } from '../../../src/constructs/monitoring/deploy-role-failure-monitor';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectClaim } from '../../../src/model/subject-claim';

const FIXTURES = join(__dirname, '..', '..', 'cli', 'fixtures', 'cloudtrail', 'records');
const records = (JSON.parse(readFileSync(join(FIXTURES, 'lookup-events.json'), 'utf8')).Events as { CloudTrailEvent: string }[])
  .map((event) => JSON.parse(event.CloudTrailEvent));
const tfPlatformLab = GitHubRepository.of('J-xy', 'tf-platform-lab', { ownerId: 68347443, repositoryId: 1355558109 });

function monitorOf(configure: (stack: Stack) => GitHubDeployRole[]): DeployRoleFailureMonitor {
  const stack = new Stack(new App(), 'Stack', { env: { account: '964291633585', region: 'us-east-1' } });
  const roles = configure(stack);
  return new DeployRoleFailureMonitor(stack, 'Monitor', {
    cloudTrailLogGroup: logs.LogGroup.fromLogGroupName(stack, 'Trail', 'trail'), roles,
  });
}

/** The monitor's patterns as deployed: each role name CloudFormation fills in, read from the template. */
function deployedPatterns(monitor: DeployRoleFailureMonitor): string[] {
  const stack = Stack.of(monitor);
  const resources = Template.fromStack(stack).toJSON().Resources;
  return monitor.filterPatterns.map((pattern) => {
    const resolved = stack.resolve(pattern);
    if (typeof resolved === 'string') return resolved;
    return (resolved['Fn::Join'][1] as unknown[]).map((part: any) => (typeof part === 'string' ? part : resources[part.Ref].Properties.RoleName)).join('');
  });
}

const matches = (monitor: DeployRoleFailureMonitor, record: unknown) =>
  deployedPatterns(monitor).some((pattern) => filterPatternMatches(pattern, record));

describe('the monitor on real record shapes', () => {
  const denied = records.filter((r) => r.errorCode === 'AccessDenied' && r.userIdentity.principalId.includes('githubusercontent'));

  test('the denied records (roleArn null) of a subject the role trusts are counted; others are not', () => {
    // A role trusting the branch the negative test pushed: every one of the 12 denied records counts
    const watching = monitorOf((stack) => [new GitHubDeployRole(stack, 'Apply', {
      repository: tfPlatformLab, roleName: 'github-actions-terraform-apply', subjects: [SubjectClaim.branch('neg/assume-apply')],
    })]);
    expect(denied.every((r) => r.requestParameters.roleArn === null)).toBe(true);
    expect(denied.filter((r) => matches(watching, r))).toHaveLength(12);
    // successes, other events and other providers never count
    expect(records.filter((r) => r.errorCode !== 'AccessDenied' || !r.userIdentity?.principalId?.includes('githubusercontent'))
      .filter((r) => matches(watching, r))).toEqual([]);
    // a role trusting only the prod environment is not charged with those failures
    const other = monitorOf((stack) => [new GitHubDeployRole(stack, 'Prod', {
      repository: tfPlatformLab, roleName: 'github-actions-terraform-apply', subjects: [SubjectClaim.environment('prod')],
    })]);
    expect(denied.filter((r) => matches(other, r))).toEqual([]);
  });

  test('a record that does carry the role ARN counts by its ARN, whatever the subject', () => {
    const monitor = monitorOf((stack) => [new GitHubDeployRole(stack, 'Prod', {
      repository: tfPlatformLab, roleName: 'web-prod', subjects: [SubjectClaim.environment('prod')],
    })]);
    const withArn = { ...denied[0], requestParameters: { roleArn: 'arn:aws:iam::964291633585:role/web-prod' } };
    expect(matches(monitor, withArn)).toBe(true);
  });

  test('a branch pattern is matched by userName up to its wildcard', () => {
    const monitor = monitorOf((stack) => [new GitHubDeployRole(stack, 'Neg', {
      repository: tfPlatformLab, roleName: 'neg', subjects: [SubjectClaim.branch('neg/*')],
    })]);
    expect(monitor.filterPatterns[0]).toContain('($.userIdentity.userName = "repo:J-xy@68347443/tf-platform-lab@1355558109:ref:refs/heads/neg/*")');
    expect(denied.filter((r) => matches(monitor, r))).toHaveLength(12);
  });

  test('many roles spread over several filters; a failure is counted by exactly one of them', () => {
    const monitor = monitorOf((stack) => Array.from({ length: 12 }, (_, i) => new GitHubDeployRole(stack, `Role${i}`, {
      repository: tfPlatformLab,
      roleName: `role-${i}`,
      subjects: [SubjectClaim.branch(i === 7 ? 'neg/assume-apply' : `branch-${i}`), SubjectClaim.environment(`env-${i}`)],
    })));
    expect(monitor.filterPatterns.length).toBeGreaterThan(1);
    expect(monitor.filterPatterns.every((pattern) => pattern.length <= 1024)).toBe(true);
    const patterns = deployedPatterns(monitor);
    for (const record of denied) {
      expect(patterns.filter((pattern) => filterPatternMatches(pattern, record))).toHaveLength(1);
    }
  });
});

describe('the evaluator itself', () => {
  test.each<[string, unknown, boolean]>([
    ['{ ($.a = "x") }', { a: 'x' }, true],
    ['{ ($.a = "x*") }', { a: 'xyz' }, true],
    ['{ ($.a = "*z") }', { a: 'xyz' }, true],
    ['{ ($.a = "*") }', { a: null }, false],
    ['{ ($.a = "*") }', {}, false],
    ['{ ($.a.b = "1") && (($.c = "2") || ($.d = "3")) }', { a: { b: '1' }, d: '3' }, true],
    ['{ ($.a.b = "1") && (($.c = "2") || ($.d = "3")) }', { a: { b: '1' } }, false],
  ])('%s on %j: %s', (pattern, event, expected) => {
    expect(filterPatternMatches(pattern, event)).toBe(expected);
  });
});
