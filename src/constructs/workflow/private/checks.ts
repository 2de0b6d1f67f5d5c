/**
 * Input checks of the workflow snippet options: each fails with the field, the value and what is accepted, so a
 * snippet never carries a value GitHub or AWS would reject at run time.
 */
import { Token } from 'aws-cdk-lib/core';
import { fail } from '../../../model/errors';

// AWS region codes: us-east-1, us-gov-west-1, cn-north-1, ap-southeast-5, eusc-de-east-1, ...
const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;
// GitHub configuration variables: letters, digits and "_", not starting with a digit or GITHUB_.
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
// A job ID "must start with a letter or _ and contain only alphanumeric characters, -, or _".
const JOB_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// STS RoleSessionName: 2 to 64 characters of [\w+=,.@-].
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
// `owner/repo@ref` or `owner/repo/path@ref` as in `uses:`.
const ACTION_REF = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._/-]+)?@[A-Za-z0-9._/-]+$/;
// An audience as the token's `aud` claim carries it: no spaces or control characters.
const AUDIENCE = /^[\x21-\x7e]{1,255}$/;
// A runner label or group: printable, no line breaks.
// eslint-disable-next-line no-control-regex
const RUNS_ON = /^[^\x00-\x1f\x7f]{1,255}$/;

/** Checks an optional string option against a pattern; tokens are refused: the snippet is text for GitHub. */
export function checkText(field: string, value: unknown, pattern: RegExp, expected: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || Token.isUnresolved(value) || !pattern.test(value)) fail(field, value, expected);
  return value;
}

export function checkRegion(value: unknown): string | undefined {
  return checkText('region', value, REGION, 'an AWS region code such as "eu-west-1" (not a token: the workflow needs the text)');
}

export function checkVariableName(field: string, value: unknown): string | undefined {
  const name = checkText(field, value, VARIABLE, 'a GitHub variable name: letters, digits and "_", not starting with a digit');
  if (name !== undefined && /^GITHUB_/i.test(name)) fail(field, name, 'a GitHub variable name that does not start with GITHUB_ (reserved)');
  return name;
}

export function checkJobId(value: unknown): string | undefined {
  return checkText('jobId', value, JOB_ID, 'a GitHub job ID: starts with a letter or "_", then letters, digits, "-" or "_"');
}

export function checkRunsOn(value: unknown): string | undefined {
  return checkText('runsOn', value, RUNS_ON, 'a runner label such as "ubuntu-latest"');
}

export function checkSessionName(value: unknown): string | undefined {
  return checkText('roleSessionName', value, SESSION_NAME, '2 to 64 characters of letters, digits and +=,.@_-');
}

export function checkActionRef(value: unknown): string | undefined {
  return checkText('actionRef', value, ACTION_REF, 'an action reference "owner/repo@ref", e.g. "aws-actions/configure-aws-credentials@v4"');
}

export function checkAudience(value: unknown): string | undefined {
  return checkText('audience', value, AUDIENCE, 'the token audience, e.g. "sts.amazonaws.com", without spaces');
}

/** STS: 900 seconds to the role's maximum session duration, at most 43,200. */
export function checkDurationSeconds(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 900 || value > 43_200) {
    fail('roleDurationSeconds', value, 'a whole number of seconds from 900 to 43200, at most the role\'s maximum session duration');
  }
  return value;
}
