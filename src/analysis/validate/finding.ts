/**
 * The public shapes of trust-policy validation: findings, the rule catalogue and the validator's options.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 */

/** How bad a finding is. */
export enum FindingSeverity {
  /** The policy lets a second repository (or anyone) in, or the role can never be assumed as written. */
  ERROR = 'ERROR',
  /** Risky but sometimes intended: acknowledge it with a reason, or narrow the policy. */
  WARNING = 'WARNING',
  /** A hardening the policy could add. */
  INFO = 'INFO',
}

/** One thing a rule found in a trust policy. */
export interface TrustPolicyFinding {
  /** The rule's stable ID, e.g. `SubMissing`; see RULES.md. */
  readonly ruleId: string;

  /** How bad it is; always the rule's severity. */
  readonly severity: FindingSeverity;

  /** What is wrong and where, quoting the offending key and value. */
  readonly message: string;

  /** The smallest change that fixes it. */
  readonly fix: string;

  /**
   * The 0-based index of the statement in the policy's `Statement` list.
   *
   * @default - the finding is about the whole policy
   */
  readonly statementIndex?: number;

  /**
   * The condition key as written in the policy.
   *
   * @default - the finding is not about one condition
   */
  readonly conditionKey?: string;

  /**
   * The offending value, e.g. one element of a condition's value list.
   *
   * @default - the finding is not about one value
   */
  readonly value?: string;

  /**
   * Whether the finding lets repositories of any owner assume the role: anyone on GitHub. No acknowledgement covers
   * such a finding, since no role's purpose explains it: an acknowledgement of `SubWildcardRepository` written for an
   * organization-wide `repo:acme/*` must not also accept a later `repo:*`.
   *
   * @default false
   */
  readonly admitsAnyOwner?: boolean;
}

/** Options of `TrustPolicyValidator.validate`. */
export interface TrustPolicyValidationOptions {
  /**
   * The audience the workflows request, which the policy's `aud` condition must name.
   *
   * Use `sts.amazonaws.com.cn` for roles in the AWS China partitions.
   *
   * @default 'sts.amazonaws.com'
   * @see https://github.com/aws-actions/configure-aws-credentials#oidc-audience
   */
  readonly expectedAudience?: string;

  /**
   * The most characters the compact JSON of the trust policy may have.
   *
   * @default 2048 - the default IAM quota `ACLSizePerRole`
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
   */
  readonly sizeLimit?: number;

  /**
   * Issuer URLs of the OIDC providers defined in the same CloudFormation template, by logical ID, so that a
   * `{ Ref }` or `{ Fn::GetAtt: [id, 'Arn'] }` principal can be recognized.
   *
   * @default - principals that reference a provider are recognized by their condition keys only
   */
  readonly providerUrls?: { [logicalId: string]: string };

  /**
   * The `Mappings` section of the CloudFormation template the policy comes from, so that an `Fn::FindInMap` value is
   * judged as every value it can take (one per key the template's parameters may choose).
   *
   * @default - `Fn::FindInMap` values cannot be judged (`UnresolvedConditionValue`)
   */
  readonly templateMappings?: { [mapName: string]: any };

  /**
   * The 12-digit account of the role the policy belongs to, so that a provider ARN naming another account is
   * reported (`ProviderInOtherAccount`): STS takes a token only through the provider of the role's own account.
   *
   * @default - the account is not known, and a provider of another account is not reported
   */
  readonly roleAccount?: string;
}

/** One rule of the catalogue, as listed in RULES.md. */
export interface TrustPolicyRule {
  /** The stable ID, e.g. `SubWildcardRepository`. */
  readonly ruleId: string;

  /** The severity of every finding of this rule. */
  readonly severity: FindingSeverity;

  /** One line: what the rule finds. */
  readonly title: string;

  /** Why it matters, with the IAM or GitHub behaviour behind it. */
  readonly explanation: string;

  /** The usual fix. */
  readonly fix: string;
}
