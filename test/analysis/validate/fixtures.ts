/**
 * Builders of trust policies for the validator's tests: a statement trusting a GitHub provider, well-scoped policies
 * for every issuer and ARN spelling, and shortcuts to the findings of one rule.
 */
import { FindingSeverity, TrustPolicyFinding, TrustPolicyValidationOptions } from '../../../src/analysis/validate/finding';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';

export const GITHUB = 'token.actions.githubusercontent.com';
export const SUB = `${GITHUB}:sub`;
export const AUD = `${GITHUB}:aud`;
export const REPOSITORY_ID = `${GITHUB}:repository_id`;
export const ACCOUNT = '123456789012';

/** A provider ARN as a plain string. */
export function providerArn(prefix = GITHUB, partition = 'aws'): string {
  return `arn:${partition}:iam::${ACCOUNT}:oidc-provider/${prefix}`;
}

/** A provider ARN as CDK synthesizes it: `Fn::Join` with the partition and account pseudo parameters. */
export function cdkProviderArn(prefix = GITHUB): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:oidc-provider/${prefix}`]] };
}

/** An Allow statement for `sts:AssumeRoleWithWebIdentity` from a GitHub provider, with the given Condition. */
export function statement(condition: unknown, overrides: { [key: string]: unknown } = {}): { [key: string]: unknown } {
  return {
    Effect: 'Allow',
    Principal: { Federated: providerArn() },
    Action: 'sts:AssumeRoleWithWebIdentity',
    ...(condition === undefined ? {} : { Condition: condition }),
    ...overrides,
  };
}

/** A policy document of statements. */
export function policy(...statements: unknown[]): { Version: string; Statement: unknown[] } {
  return { Version: '2012-10-17', Statement: statements };
}

/** A policy with one GitHub statement whose Condition is given. */
export function githubPolicy(condition: unknown, overrides: { [key: string]: unknown } = {}) {
  return policy(statement(condition, overrides));
}

/** A template whose one resource beside `resources` is the role `Role` with this trust policy, and these parameters. */
export function roleTemplate(trustPolicy: unknown, extra: { Parameters?: unknown; Resources?: { [id: string]: unknown } } = {}) {
  return {
    ...(extra.Parameters === undefined ? {} : { Parameters: extra.Parameters }),
    Resources: { ...extra.Resources, Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trustPolicy } } },
  };
}

/** The well-scoped condition of FACTS.md section 5 for an issuer prefix: aud pinned, one environment, repository ID pinned. */
export function wellScopedCondition(prefix = GITHUB, subject = 'repo:acme/web:environment:production', audience = 'sts.amazonaws.com') {
  return {
    StringEquals: {
      [`${prefix}:aud`]: audience,
      [`${prefix}:sub`]: subject,
      [`${prefix}:repository_id`]: '456789',
    },
  };
}

export function validate(input: unknown, options?: TrustPolicyValidationOptions): TrustPolicyFinding[] {
  return TrustPolicyValidator.validate(input, options);
}

/** The findings of one rule. */
export function findingsOf(ruleId: string, input: unknown, options?: TrustPolicyValidationOptions): TrustPolicyFinding[] {
  return validate(input, options).filter((finding) => finding.ruleId === ruleId);
}

/** The findings of a severity. */
export function ofSeverity(findings: TrustPolicyFinding[], severity: FindingSeverity): TrustPolicyFinding[] {
  return findings.filter((finding) => finding.severity === severity);
}

/** One line per finding, for readable failure output. */
export function summary(findings: TrustPolicyFinding[]): string[] {
  return findings.map((finding) => `${finding.severity} ${finding.ruleId}: ${finding.message}`);
}
