import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { App, Duration, Stack } from 'aws-cdk-lib/core';
import { GitHubDeployRole } from '../../../src/constructs/deploy-role';
import { DeployRoleFailureMonitor, DeployRoleFailureMonitorProps } from '../../../src/constructs/monitoring/deploy-role-failure-monitor';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectClaim } from '../../../src/model/subject-claim';

// The three conditions every pattern starts with: an STS call, of AssumeRoleWithWebIdentity, that failed.
const FAILED_CALL = '($.eventSource = "sts.amazonaws.com") && ($.eventName = "AssumeRoleWithWebIdentity") && ($.errorCode = "*")';
const PROD_ARN = 'arn:aws:iam::123456789012:role/github/web-production';
const STAGING_ARN = 'arn:aws:iam::123456789012:role/web-staging';

function setup(): { stack: Stack; logGroup: logs.ILogGroup } {
  const stack = new Stack(new App(), 'Monitoring');
  return { stack, logGroup: logs.LogGroup.fromLogGroupName(stack, 'Trail', 'aws-cloudtrail-logs') };
}

function imported(stack: Stack, id: string, arn: string): iam.IRole {
  return iam.Role.fromRoleArn(stack, id, arn);
}

describe('DeployRoleFailureMonitor: metric filter', () => {
  test('without roles, the pattern matches every failed AssumeRoleWithWebIdentity call', () => {
    // GIVEN
    const { stack, logGroup } = setup();
    // WHEN
    const monitor = new DeployRoleFailureMonitor(stack, 'Monitor', { cloudTrailLogGroup: logGroup });
    // THEN
    const pattern = `{ ${FAILED_CALL} }`;
    expect(monitor.filterPattern).toBe(pattern);
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: 'aws-cloudtrail-logs',
      FilterPattern: pattern,
      MetricTransformations: [{
        MetricNamespace: 'GitHubDeployRoles',
        MetricName: 'FailedAssumeRoleWithWebIdentity',
        MetricValue: '1',
        Unit: 'Count',
      }],
    });
  });

  test('one role with a literal ARN: matched exactly, without an OR group', () => {
    // GIVEN
    const { stack, logGroup } = setup();
    // WHEN
    const monitor = new DeployRoleFailureMonitor(stack, 'Monitor', {
      cloudTrailLogGroup: logGroup,
      roles: [imported(stack, 'Prod', PROD_ARN)],
    });
    // THEN
    const pattern = `{ ${FAILED_CALL} && ($.requestParameters.roleArn = "${PROD_ARN}") }`;
    expect(monitor.filterPattern).toBe(pattern);
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: pattern });
  });

  test('several literal roles: an OR group of exact ARNs; the same ARN twice appears once', () => {
    // GIVEN
    const { stack, logGroup } = setup();
    const prod = imported(stack, 'Prod', PROD_ARN);
    // WHEN
    new DeployRoleFailureMonitor(stack, 'Monitor', {
      cloudTrailLogGroup: logGroup,
      roles: [prod, imported(stack, 'Staging', STAGING_ARN), imported(stack, 'ProdAgain', PROD_ARN)],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: `{ ${FAILED_CALL} && (($.requestParameters.roleArn = "${PROD_ARN}") || ` +
        `($.requestParameters.roleArn = "${STAGING_ARN}")) }`,
    });
  });

  test('a role created in the app is matched by "*/" and its name, which CloudFormation fills in', () => {
    // GIVEN
    const { stack, logGroup } = setup();
    const role = new iam.Role(stack, 'Deploy', { assumedBy: new iam.AccountRootPrincipal() });
    // WHEN
    new DeployRoleFailureMonitor(stack, 'Monitor', {
      cloudTrailLogGroup: logGroup,
      roles: [role, imported(stack, 'Staging', STAGING_ARN)],
    });
    // THEN
    const roleLogicalId = stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: {
        'Fn::Join': ['', [
          `{ ${FAILED_CALL} && (($.requestParameters.roleArn = "*/`,
          { Ref: roleLogicalId },
          `") || ($.requestParameters.roleArn = "${STAGING_ARN}")) }`,
        ]],
      },
    });
  });

  test('a GitHubDeployRole is watched by the name of the IAM role it creates', () => {
    // GIVEN
    const { stack, logGroup } = setup();
    const role = new GitHubDeployRole(stack, 'WebProd', {
      repository: GitHubRepository.of('acme', 'web'),
      subjects: [SubjectClaim.environment('production')],
    });
    // WHEN
    new DeployRoleFailureMonitor(stack, 'Monitor', { cloudTrailLogGroup: logGroup, roles: [role] });
    // THEN
    const roleLogicalId = stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', {
      // and by the principal of the subject it trusts: denied records carry a null roleArn
      FilterPattern: {
        'Fn::Join': ['', [`{ ${FAILED_CALL} && (($.requestParameters.roleArn = "*/`, { Ref: roleLogicalId },
          '") || ($.userIdentity.principalId = "*token.actions.githubusercontent.com:sts.amazonaws.com:repo:acme/web:environment:production")) }']],
      },
    });
  });
});

describe('DeployRoleFailureMonitor: metric and alarm', () => {
  test('defaults: sum over 5 minutes, alarm at 1 failure in 1 period, missing data not breaching, no action', () => {
    // GIVEN
    const { stack, logGroup } = setup();
    // WHEN
    const monitor = new DeployRoleFailureMonitor(stack, 'Monitor', { cloudTrailLogGroup: logGroup });
    // THEN
    expect(monitor.metric.namespace).toBe('GitHubDeployRoles');
    expect(monitor.metric.metricName).toBe('FailedAssumeRoleWithWebIdentity');
    expect(monitor.metric.period.toSeconds()).toBe(300);
    expect(monitor.metric.statistic).toBe('Sum');
    expect(monitor.topic).toBeUndefined();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'GitHubDeployRoles',
      MetricName: 'FailedAssumeRoleWithWebIdentity',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: Match.absent(),
    });
    template.resourceCountIs('AWS::SNS::Topic', 0);
  });

  test('namespace, metric name, threshold, period, evaluation periods and alarm name are settable', () => {
    // GIVEN
    const { stack, logGroup } = setup();
    // WHEN
    new DeployRoleFailureMonitor(stack, 'Monitor', {
      cloudTrailLogGroup: logGroup,
      metricNamespace: 'Acme/Deploys',
      metricName: 'DeployRoleFailures',
      threshold: 3,
      period: Duration.minutes(15),
      evaluationPeriods: 2,
      alarmName: 'deploy-role-failures',
    });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      MetricTransformations: [Match.objectLike({ MetricNamespace: 'Acme/Deploys', MetricName: 'DeployRoleFailures' })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'Acme/Deploys',
      MetricName: 'DeployRoleFailures',
      Threshold: 3,
      Period: 900,
      EvaluationPeriods: 2,
      AlarmName: 'deploy-role-failures',
    });
  });

  test('a given topic becomes the alarm action', () => {
    // GIVEN
    const { stack, logGroup } = setup();
    const topic = sns.Topic.fromTopicArn(stack, 'Ops', 'arn:aws:sns:eu-west-1:123456789012:ops');
    // WHEN
    const monitor = new DeployRoleFailureMonitor(stack, 'Monitor', { cloudTrailLogGroup: logGroup, alarmTopic: topic });
    // THEN
    expect(monitor.topic).toBe(topic);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmActions: ['arn:aws:sns:eu-west-1:123456789012:ops'],
    });
  });

  test('e-mail addresses get a new topic with one subscription each, and the topic is the alarm action', () => {
    // GIVEN
    const { stack, logGroup } = setup();
    // WHEN
    const monitor = new DeployRoleFailureMonitor(stack, 'Monitor', {
      cloudTrailLogGroup: logGroup,
      alarmEmails: ['platform@example.com', 'oncall@example.com'],
    });
    // THEN
    const template = Template.fromStack(stack);
    const topicId = stack.getLogicalId(monitor.topic!.node.defaultChild as sns.CfnTopic);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    for (const email of ['platform@example.com', 'oncall@example.com']) {
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: email, TopicArn: { Ref: topicId } });
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topicId }] });
  });
});

describe('DeployRoleFailureMonitor: the 1,024-character filter pattern limit', () => {
  // The pattern the monitor writes for these role values, as the tests above assert it whole.
  const patternFor = (values: string[]) =>
    `{ ${FAILED_CALL} && (${values.map((value) => `($.requestParameters.roleArn = "${value}")`).join(' || ')}) }`;

  test('roles whose names CloudFormation generates count at the 64-character maximum: 8 fit one filter, 9 take two', () => {
    // GIVEN a generated role name may be 64 characters long
    const { stack, logGroup } = setup();
    const roles = Array.from({ length: 9 }, (_, i) => new iam.Role(stack, `Role${i}`, { assumedBy: new iam.AccountRootPrincipal() }));
    const longest = (count: number) => patternFor(Array.from({ length: count }, () => `*/${'x'.repeat(64)}`)).length;
    expect(longest(8)).toBeLessThanOrEqual(1024);
    expect(longest(9)).toBeGreaterThan(1024);
    // WHEN / THEN
    expect(() => new DeployRoleFailureMonitor(stack, 'Eight', { cloudTrailLogGroup: logGroup, roles: roles.slice(0, 8) })).not.toThrow();
    // nine do not fit one pattern: two metric filters, one metric, one alarm
    const nine = new DeployRoleFailureMonitor(stack, 'Nine', { cloudTrailLogGroup: logGroup, roles });
    expect(nine.metricFilters).toHaveLength(2);
    expect(nine.filterPatterns.map((pattern) => (pattern.match(/requestParameters\.roleArn/g) ?? []).length)).toEqual([8, 1]);
    const template = Template.fromStack(stack);
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter')).filter((r: any) => JSON.stringify(r).includes('Role8'));
    expect(filters).toHaveLength(1);
    expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm'))).toHaveLength(2);
  });

  test('literal ARNs are measured exactly: a pattern of 1,024 characters is one filter, of 1,025 two', () => {
    // GIVEN six role ARNs, the first with a path padded so the pattern is exactly 1,024 characters, then 1,025
    const arns = (pathLength: number) => [
      `arn:aws:iam::123456789012:role/${'p'.repeat(pathLength)}/web-production`,
      ...['web-staging', 'web-preview', 'api-production', 'api-staging', 'api-preview'].map((name) => `arn:aws:iam::123456789012:role/${name}`),
    ];
    const exact = 1 + 1024 - patternFor(arns(1)).length;
    expect(patternFor(arns(exact))).toHaveLength(1024);
    const { stack, logGroup } = setup();
    // WHEN
    const fits = new DeployRoleFailureMonitor(stack, 'Fits', {
      cloudTrailLogGroup: logGroup,
      roles: arns(exact).map((arn, i) => imported(stack, `Fit${i}`, arn)),
    });
    // THEN
    expect(fits.filterPattern).toBe(patternFor(arns(exact)));
    expect(fits.metricFilters).toHaveLength(1);
    const longer = new DeployRoleFailureMonitor(stack, 'TooLong', {
      cloudTrailLogGroup: logGroup,
      roles: arns(exact + 1).map((arn, i) => imported(stack, `Long${i}`, arn)),
    });
    expect(longer.filterPatterns).toHaveLength(2);
    expect(longer.filterPatterns.every((pattern) => pattern.length <= 1024)).toBe(true);
    expect(longer.filterPatterns.join(' ').match(/requestParameters\.roleArn/g)).toHaveLength(6);
  });
});

describe('DeployRoleFailureMonitor: bad input names the field, the value and what is allowed', () => {
  const valid = (logGroup: logs.ILogGroup): DeployRoleFailureMonitorProps => ({ cloudTrailLogGroup: logGroup });

  test.each<[string, (stack: Stack) => Partial<Record<keyof DeployRoleFailureMonitorProps, unknown>>, RegExp]>([
    ['log group as a name string', () => ({ cloudTrailLogGroup: 'aws-cloudtrail-logs' }),
      /Invalid cloudTrailLogGroup "aws-cloudtrail-logs": expected a logs.ILogGroup that receives the CloudTrail trail/],
    ['missing log group', () => ({ cloudTrailLogGroup: undefined }), /Invalid cloudTrailLogGroup undefined: expected a logs.ILogGroup/],
    ['empty role list', () => ({ roles: [] }),
      /Invalid roles \[\]: expected a non-empty list of iam.IRole; omit roles to watch every role the trail records/],
    ['roles not a list', () => ({ roles: 'web-production' }), /Invalid roles "web-production": expected a non-empty list of iam.IRole/],
    ['a role ARN string instead of a role', () => ({ roles: [PROD_ARN] }),
      /Invalid roles\[0\] "arn:aws:iam::123456789012:role\/github\/web-production": expected an iam.IRole/],
    ['an imported ARN that is not a role ARN', (stack) => ({ roles: [iam.Role.fromRoleArn(stack, 'User', 'arn:aws:iam::123456789012:user/alice')] }),
      /Invalid roles\[0\] ARN "arn:aws:iam::123456789012:user\/alice": expected an IAM role ARN/],
    ['threshold 0', () => ({ threshold: 0 }), /Invalid threshold 0: expected a whole number of failed calls of at least 1/],
    ['fractional threshold', () => ({ threshold: 1.5 }), /Invalid threshold 1.5: expected a whole number/],
    ['threshold as a string', () => ({ threshold: '1' }), /Invalid threshold "1": expected a whole number/],
    ['evaluation periods 0', () => ({ evaluationPeriods: 0 }), /Invalid evaluationPeriods 0: expected a whole number of periods of at least 1/],
    ['period of 30 seconds', () => ({ period: Duration.seconds(30) }),
      /Invalid period "30 seconds": expected a whole number of minutes, at least 1/],
    ['period of 90 seconds', () => ({ period: Duration.seconds(90) }), /Invalid period "1 minute 30 seconds": expected a whole number of minutes/],
    ['period as a number', () => ({ period: 300 }), /Invalid period 300: expected a Duration, e.g. Duration.minutes\(5\)/],
    ['more than a day of evaluation', () => ({ period: Duration.hours(6), evaluationPeriods: 5 }),
      /Invalid period x evaluationPeriods "6 hours x 5": expected at most one day \(86,400 seconds\) in all/],
    ['an AWS namespace', () => ({ metricNamespace: 'AWS/STS' }), /Invalid metricNamespace "AWS\/STS": expected a custom namespace/],
    ['empty metric name', () => ({ metricName: '' }), /Invalid metricName "": expected 1 to 255 printable characters/],
    ['a topic ARN string', () => ({ alarmTopic: 'arn:aws:sns:eu-west-1:123456789012:ops' }),
      /Invalid alarmTopic "arn:aws:sns:eu-west-1:123456789012:ops": expected an sns.ITopic/],
    ['not an e-mail address', () => ({ alarmEmails: ['platform-team'] }),
      /Invalid alarmEmails\[0\] "platform-team": expected an e-mail address/],
    ['an e-mail string instead of a list', () => ({ alarmEmails: 'ops@example.com' }),
      /Invalid alarmEmails "ops@example.com": expected a non-empty list of e-mail addresses/],
    ['both a topic and e-mails', (stack) => ({
      alarmTopic: sns.Topic.fromTopicArn(stack, 'Ops', 'arn:aws:sns:eu-west-1:123456789012:ops'),
      alarmEmails: ['ops@example.com'],
    }), /Invalid alarmTopic and alarmEmails "both": expected one of them/],
  ])('%s', (_name, override, message) => {
    // GIVEN
    const { stack, logGroup } = setup();
    // WHEN / THEN
    expect(() => new DeployRoleFailureMonitor(stack, 'Monitor', { ...valid(logGroup), ...override(stack) } as any)).toThrow(message);
  });

  test('props that are not an object', () => {
    const { stack } = setup();
    expect(() => new DeployRoleFailureMonitor(stack, 'Monitor', null as any))
      .toThrow(/Invalid DeployRoleFailureMonitor props null: expected an object with at least cloudTrailLogGroup/);
  });

  test('the same props, valid, are accepted (the table above fails only on the field it changes)', () => {
    const { stack, logGroup } = setup();
    expect(() => new DeployRoleFailureMonitor(stack, 'Monitor', {
      ...valid(logGroup),
      roles: [imported(stack, 'Prod', PROD_ARN)],
      threshold: 2,
      evaluationPeriods: 3,
      period: Duration.hours(8),
      metricNamespace: 'Acme/Deploys',
      alarmEmails: ['ops@example.com'],
    })).not.toThrow();
  });
});
