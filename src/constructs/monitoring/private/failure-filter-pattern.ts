/**
 * The CloudWatch Logs filter pattern that matches failed `AssumeRoleWithWebIdentity` calls in CloudTrail events,
 * and the proof, at synth time, that it fits the 1,024-character limit even where role names are still tokens.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Token } from 'aws-cdk-lib/core';
import { fail } from '../../../model/errors';
import { GitHubDeployRole } from '../../deploy-role';

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

/** One alternative of a filter: a value that may hold a token, and the longest literal it can resolve to. */
interface Alternative {
  readonly value: string;
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
 * The filter patterns that together match every failed `AssumeRoleWithWebIdentity` call of the watched roles (or of
 * every role, without roles): `{ ($.eventSource = "sts.amazonaws.com") && ($.eventName = "AssumeRoleWithWebIdentity")
 * && ($.errorCode = "*") && (<alternatives>) }`.
 *
 * CloudTrail writes `errorCode` only on failed calls (`AccessDenied`, `InvalidIdentityToken`, ...), and `"*"` matches any
 * value. A role is matched by `requestParameters.roleArn`, and a `GitHubDeployRole` also by `userIdentity.principalId`
 * (`<provider ARN>:<aud>:<sub>`) for each subject it trusts, because denied records carry a null `roleArn`
 * (J-xy/tf-platform-lab docs/oidc-negative-tests.md: "requestParameters.roleArn was null on every denied event").
 *
 * Alternatives that do not fit one pattern of 1,024 characters are spread over several patterns, a role's
 * alternatives kept together where they fit, so that one failure is counted once; the monitor publishes every
 * pattern to the same metric.
 *
 * @throws when one alternative alone could exceed the limit
 */
export function failureFilterPatterns(roles: iam.IRole[] | undefined): FailureFilterPattern[] {
  if (roles === undefined) return [finish(undefined)];
  const groups = roles.map(alternativesOf);
  const seen = new Set<string>();
  const deduped = groups.map((group) => group.filter((alternative) => !seen.has(alternative.value) && seen.add(alternative.value) !== undefined))
    .filter((group) => group.length > 0);
  const budget = FILTER_PATTERN_MAX_LENGTH - renderText(undefined).length;
  const filters: Alternative[][] = [];
  let current: Alternative[] = [];
  const size = (list: Alternative[]) => renderText(list.map((a) => a.longest)).length;
  for (const group of deduped) {
    // A role's alternatives together, in the current pattern or a fresh one; split only when they fill one alone.
    if (current.length > 0 && size([...current, ...group]) > FILTER_PATTERN_MAX_LENGTH) {
      filters.push(current);
      current = [];
    }
    for (const alternative of group) {
      if (size([alternative]) > FILTER_PATTERN_MAX_LENGTH) {
        fail('roles', alternative.longest,
          `alternatives that fit the ${FILTER_PATTERN_MAX_LENGTH}-character filter pattern limit of CloudWatch Logs (${budget} characters ` +
          'are left after the fixed part): shorten the role path or the subject');
      }
      if (current.length > 0 && size([...current, alternative]) > FILTER_PATTERN_MAX_LENGTH) {
        filters.push(current);
        current = [];
      }
      current.push(alternative);
    }
  }
  if (current.length > 0) filters.push(current);
  return filters.map(finish);
}

function finish(alternatives: Alternative[] | undefined): FailureFilterPattern {
  const pattern = render(alternatives?.map((a) => a.value));
  return { pattern, text: pattern.logPatternString, maxLength: renderText(alternatives?.map((a) => a.longest)).length };
}

function renderText(values: string[] | undefined): string {
  return render(values).logPatternString;
}

function render(alternatives: string[] | undefined): logs.JsonPattern {
  const failedWebIdentityCall = [
    logs.FilterPattern.stringValue('$.eventSource', '=', 'sts.amazonaws.com'),
    logs.FilterPattern.stringValue('$.eventName', '=', 'AssumeRoleWithWebIdentity'),
    logs.FilterPattern.exists('$.errorCode'),
  ];
  if (alternatives === undefined) return logs.FilterPattern.all(...failedWebIdentityCall);
  const patterns = alternatives.map(alternativePattern);
  return logs.FilterPattern.all(...failedWebIdentityCall, patterns.length === 1 ? patterns[0] : logs.FilterPattern.any(...patterns));
}

// An alternative is written `<field>|<value>`: the field is one of the two below.
const ROLE_ARN_FIELD = '$.requestParameters.roleArn';
const PRINCIPAL_FIELD = '$.userIdentity.principalId';
const USER_NAME_FIELD = '$.userIdentity.userName';

function alternativePattern(alternative: string): logs.JsonPattern {
  const bar = alternative.indexOf('|');
  return logs.FilterPattern.stringValue(alternative.slice(0, bar), '=', alternative.slice(bar + 1));
}

/** A role's alternatives: its ARN, and for a GitHubDeployRole, the principal of each subject it trusts. */
function alternativesOf(role: iam.IRole, index: number): Alternative[] {
  const arn = roleArnAlternative(role, index);
  const subjects = role instanceof GitHubDeployRole ? principalAlternatives(role) : [];
  return [arn, ...subjects];
}

/**
 * A literal role ARN is matched exactly. A role whose ARN is only known at deploy time (one created in the app) is
 * matched by the end of its ARN, `*` + `/<role name>`: role names are unique in an account whatever the path, cannot
 * hold `/`, and CloudWatch Logs allows a `*` wildcard only at the start or end of a value, not inside it.
 */
function roleArnAlternative(role: iam.IRole, index: number): Alternative {
  if (!Token.isUnresolved(role.roleArn)) {
    if (!ROLE_ARN.test(role.roleArn)) {
      fail(`roles[${index}] ARN`, role.roleArn, 'an IAM role ARN, arn:<partition>:iam::<account>:role/[<path>/]<name>');
    }
    return { value: `${ROLE_ARN_FIELD}|${role.roleArn}`, longest: `${ROLE_ARN_FIELD}|${role.roleArn}` };
  }
  const name = role.roleName;
  const value = `${ROLE_ARN_FIELD}|*/${name}`;
  return { value, longest: Token.isUnresolved(name) ? `${ROLE_ARN_FIELD}|*/${'x'.repeat(ROLE_NAME_MAX_LENGTH)}` : value };
}

/**
 * `userIdentity.principalId` is `<provider ARN>:<aud>:<sub>`. The provider ARN's partition and account are often
 * tokens at synth, so an exact subject is matched as `*<issuer host and path>:<aud>:<sub>` (one wildcard, at the
 * start). A subject pattern (`StringLike`) is matched by `userIdentity.userName`, which is the `sub`, up to its first
 * wildcard and then `*` (one wildcard, at the end; wider than IAM's pattern where the wildcard is inside it: the
 * alarm errs towards firing). A prefix that another of the role's prefixes covers is left out, so a failure counts once.
 */
function principalAlternatives(role: GitHubDeployRole): Alternative[] {
  const issuer = role.provider.issuer.conditionKeyPrefix;
  const audience = Token.isUnresolved(role.audience) ? undefined : role.audience;
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const sub of role.trustedSubjects) {
    const wildcard = sub.search(/[*?]/);
    // Without a literal audience the principal cannot be written: the sub alone (userName) matches it.
    if (wildcard >= 0) prefixes.push(sub.slice(0, wildcard));
    else if (audience !== undefined) exact.push(sub);
    else prefixes.push(sub);
  }
  const kept = prefixes.filter((prefix, i) => !prefixes.some((other, j) => j !== i && prefix.startsWith(other) && (other !== prefix || j < i)));
  const covered = (sub: string) => kept.some((prefix) => sub.startsWith(prefix));
  return [
    ...exact.filter((sub) => !covered(sub)).map((sub) => `${PRINCIPAL_FIELD}|*${issuer}:${audience}:${sub}`),
    ...kept.map((prefix) => `${USER_NAME_FIELD}|${prefix}*`),
  ].map((value) => ({ value, longest: value }));
}
