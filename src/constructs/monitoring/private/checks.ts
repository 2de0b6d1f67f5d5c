/**
 * Input checks of the monitoring props. JavaScript callers and other jsii languages can pass anything; each check
 * fails with the field, the value and what is accepted, instead of a TypeError later or a template CloudFormation
 * rejects at deploy time.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Duration, Token } from 'aws-cdk-lib/core';
import { fail } from '../../../model/errors';

// PutMetricAlarm: "the number of periods multiplied by Period cannot be more than 86,400 seconds"; metrics from
// metric filters are standard resolution, so the period is a whole number of minutes.
const MAX_EVALUATION_SECONDS = 86_400;
// A pragmatic address check: one "@", no spaces, a dot in the domain. SNS confirms the address by mail anyway.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkLogGroup(value: unknown): logs.ILogGroup {
  if (!isObject(value) || typeof value.logGroupName !== 'string' || typeof value.logGroupArn !== 'string') {
    fail('cloudTrailLogGroup', value,
      'a logs.ILogGroup that receives the CloudTrail trail, e.g. logs.LogGroup.fromLogGroupName(this, "Trail", "aws-cloudtrail-logs")');
  }
  return value as unknown as logs.ILogGroup;
}

export function checkRoles(value: unknown): iam.IRole[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    fail('roles', value, 'a non-empty list of iam.IRole; omit roles to watch every role the trail records');
  }
  value.forEach((role, index) => {
    if (!isObject(role) || typeof role.roleArn !== 'string' || typeof role.roleName !== 'string') {
      fail(`roles[${index}]`, role, 'an iam.IRole, e.g. a GitHubDeployRole or iam.Role.fromRoleArn(...)');
    }
  });
  return value as iam.IRole[];
}

export function checkTopic(value: unknown): sns.ITopic | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || typeof value.topicArn !== 'string') {
    fail('alarmTopic', value, 'an sns.ITopic, e.g. sns.Topic.fromTopicArn(...)');
  }
  return value as unknown as sns.ITopic;
}

export function checkEmails(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0) {
    fail('alarmEmails', value, 'a non-empty list of e-mail addresses; omit it for no e-mail');
  }
  value.forEach((email, index) => {
    if (typeof email !== 'string' || (!Token.isUnresolved(email) && !EMAIL.test(email))) {
      fail(`alarmEmails[${index}]`, email, 'an e-mail address, e.g. "platform-team@example.com"');
    }
  });
  return value as string[];
}

export function checkThreshold(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    fail('threshold', value, 'a whole number of failed calls of at least 1 (the alarm fires at or above it)');
  }
  return value;
}

export function checkEvaluationPeriods(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    fail('evaluationPeriods', value, 'a whole number of periods of at least 1');
  }
  return value;
}

/** A whole number of minutes, at most one day over all evaluation periods. */
export function checkPeriod(value: unknown, evaluationPeriods: number): Duration {
  if (!isObject(value) || typeof value.toSeconds !== 'function') {
    fail('period', value, 'a Duration, e.g. Duration.minutes(5)');
  }
  const period = value as unknown as Duration;
  if (period.isUnresolved()) return period;
  const seconds = period.toSeconds({ integral: false });
  if (seconds < 60 || seconds % 60 !== 0) {
    fail('period', period.toHumanString(), 'a whole number of minutes, at least 1 (metric-filter metrics have one-minute resolution)');
  }
  if (seconds * evaluationPeriods > MAX_EVALUATION_SECONDS) {
    fail('period x evaluationPeriods', `${period.toHumanString()} x ${evaluationPeriods}`,
      'at most one day (86,400 seconds) in all, the CloudWatch alarm limit');
  }
  return period;
}

/** CloudWatch namespaces and metric names: 1 to 255 characters; `AWS/` namespaces belong to AWS services. */
export function checkMetricName(field: string, value: unknown): string {
  if (typeof value === 'string' && Token.isUnresolved(value)) return value;
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || value.length === 0 || value.length > 255 || /[\x00-\x1f\x7f]/.test(value)) {
    fail(field, value, '1 to 255 printable characters');
  }
  if (field === 'metricNamespace' && /^AWS\//i.test(value)) {
    fail(field, value, 'a custom namespace: "AWS/" is reserved for AWS services');
  }
  return value;
}

function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object';
}
