/**
 * The CloudWatch Logs filter pattern that matches failed `AssumeRoleWithWebIdentity` calls in CloudTrail events,
 * and the proof, at synth time, that it fits the 1,024-character limit even where role names are still tokens.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Token } from 'aws-cdk-lib/core';
import { fail } from '../../../model/errors';

/**
 * PutMetricFilter `filterPattern`: "Length Constraints: Minimum length of 0. Maximum length of 1024."
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html
 */
export const FILTER_PATTERN_MAX_LENGTH = 1024;

// IAM: a role name is at most 64 characters of [\w+=,.@-] (FACTS.md section 2). A name that is still a token at
// synth time is measured at this bound, so the length check holds for whatever name CloudFormation generates.
const ROLE_NAME_MAX_LENGTH = 64;
const ROLE_ARN = /^arn:[a-z0-9-]+:iam::\d{12}:role\/[\w+=,.@/-]{1,576}$/;

/** One role as the filter matches it: the value compared with `requestParameters.roleArn`. */
interface RoleMatch {
  /** What goes into the pattern; may hold a token (a role name that CloudFormation resolves). */
  readonly value: string;
  /** A literal string exactly as long as the longest value this can resolve to. */
  readonly longest: string;
}

/** The filter pattern, with the length of the longest text it can resolve to. */
export interface FailureFilterPattern {
  readonly pattern: logs.IFilterPattern;
  /** The pattern text; holds tokens when a role name is only known at deploy time. */
  readonly text: string;
  /** Characters of the longest pattern the tokens can resolve to. */
  readonly maxLength: number;
}

/**
 * `{ ($.eventSource = "sts.amazonaws.com") && ($.eventName = "AssumeRoleWithWebIdentity") && ($.errorCode = "*") }`,
 * with `&& ($.requestParameters.roleArn = ...)` alternatives when roles are given.
 *
 * CloudTrail writes `errorCode` only on failed calls (e.g. `AccessDenied`, `InvalidIdentityToken`,
 * `ExpiredTokenException`, `IDPCommunicationError`), and `"*"` matches any value, so the pattern counts every
 * failure whatever its code.
 *
 * @throws when the pattern could exceed 1,024 characters
 */
export function failureFilterPattern(roles: iam.IRole[] | undefined): FailureFilterPattern {
  const matches = roles === undefined ? undefined : dedupe(roles.map(roleMatch));
  const pattern = render(matches?.map((m) => m.value));
  const maxLength = render(matches?.map((m) => m.longest)).logPatternString.length;
  if (maxLength > FILTER_PATTERN_MAX_LENGTH) {
    fail('roles', `${matches!.length} roles`,
      `at most ${FILTER_PATTERN_MAX_LENGTH} characters of filter pattern (the CloudWatch Logs limit), but these roles ` +
      `make it up to ${maxLength}: pass fewer roles per monitor, split them over several monitors, or omit roles to ` +
      'watch every role the trail records');
  }
  return { pattern, text: pattern.logPatternString, maxLength };
}

function render(roleValues: string[] | undefined): logs.JsonPattern {
  const failedWebIdentityCall = [
    logs.FilterPattern.stringValue('$.eventSource', '=', 'sts.amazonaws.com'),
    logs.FilterPattern.stringValue('$.eventName', '=', 'AssumeRoleWithWebIdentity'),
    logs.FilterPattern.exists('$.errorCode'),
  ];
  if (roleValues === undefined) return logs.FilterPattern.all(...failedWebIdentityCall);
  const perRole = roleValues.map((value) => logs.FilterPattern.stringValue('$.requestParameters.roleArn', '=', value));
  return logs.FilterPattern.all(...failedWebIdentityCall, perRole.length === 1 ? perRole[0] : logs.FilterPattern.any(...perRole));
}

/**
 * A literal role ARN is matched exactly. A role whose ARN is only known at deploy time (one created in the app) is
 * matched by the end of its ARN, `*` + `/<role name>`: role names are unique in an account whatever the path, cannot
 * hold `/`, and CloudWatch Logs allows a `*` wildcard only at the start or end of a value, not inside it.
 */
function roleMatch(role: iam.IRole, index: number): RoleMatch {
  if (!Token.isUnresolved(role.roleArn)) {
    if (!ROLE_ARN.test(role.roleArn)) {
      fail(`roles[${index}] ARN`, role.roleArn, 'an IAM role ARN, arn:<partition>:iam::<account>:role/[<path>/]<name>');
    }
    return { value: role.roleArn, longest: role.roleArn };
  }
  const name = role.roleName;
  const value = `*/${name}`;
  return { value, longest: Token.isUnresolved(name) ? `*/${'x'.repeat(ROLE_NAME_MAX_LENGTH)}` : value };
}

function dedupe(matches: RoleMatch[]): RoleMatch[] {
  const seen = new Set<string>();
  return matches.filter((match) => !seen.has(match.value) && seen.add(match.value) !== undefined);
}
