/**
 * The shapes `TrustPolicyEvaluator.evaluate` takes and returns (the analysis API contract). Structs only, so that
 * jsii translates them for Python, Java, .NET and Go.
 */
import { GitHubIssuer } from '../../model/issuer';

/**
 * What IAM decides for a token, following the IAM policy evaluation logic for one policy.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export enum EvaluationDecision {
  /** An Allow statement applies and no Deny statement does. */
  ALLOWED = 'ALLOWED',
  /** No statement applies to the token: denied by default. */
  IMPLICIT_DENY = 'IMPLICIT_DENY',
  /** A Deny statement applies: denied whatever the Allow statements say. */
  EXPLICIT_DENY = 'EXPLICIT_DENY',
}

/**
 * Options of `TrustPolicyEvaluator.evaluate`.
 */
export interface TrustPolicyEvaluationOptions {
  /**
   * The issuer of the token, which decides the federated principal that must be trusted and the prefix of the
   * condition keys that read the token's claims.
   *
   * @default - the issuer named by the claims' `iss`, else github.com
   */
  readonly issuer?: GitHubIssuer;

  /**
   * The action the caller performs.
   *
   * @default 'sts:AssumeRoleWithWebIdentity'
   */
  readonly action?: string;

  /**
   * Issuer URLs of `AWS::IAM::OIDCProvider` resources defined in the same CloudFormation template, by logical ID, so
   * that a `{ Ref }` or `{ Fn::GetAtt: [id, 'Arn'] }` federated principal can be recognized.
   *
   * @default - references to providers are not resolved
   */
  readonly providerUrls?: { [logicalId: string]: string };

  /**
   * The 12-digit account of the role whose trust policy this is. STS looks the token's provider up in the role's own
   * account, so a federated principal naming a provider ARN of another account never matches.
   *
   * @default - the accounts of provider ARNs are not compared
   */
  readonly roleAccount?: string;

  /**
   * Resource control policies (AWS Organizations RCPs) that apply to the role's account: an applicable Deny in one
   * of them refuses the token whatever the trust policy allows. Each is a policy document (object or JSON text).
   *
   * @default - none
   */
  readonly resourceControlPolicies?: any[];

  /**
   * The `Mappings` section of the CloudFormation template the policy comes from, so that an `Fn::FindInMap` value is
   * evaluated as each value it can take.
   *
   * @default - an `Fn::FindInMap` value matches nothing
   */
  readonly templateMappings?: { [mapName: string]: any };
}

/**
 * How one condition (one operator and one key) judged the token.
 */
export interface ConditionEvaluation {
  /** The operator as written, e.g. `StringLike` or `ForAllValues:StringEquals`. */
  readonly operator: string;

  /** The condition key as written, e.g. `token.actions.githubusercontent.com:sub`. */
  readonly key: string;

  /**
   * The token claim the key reads, e.g. `sub`, when the key belongs to the token's issuer.
   *
   * @default - the key is not one of the token issuer's keys
   */
  readonly claim?: string;

  /** The policy's values for the key (non-string values written as text). */
  readonly expected: string[];

  /**
   * The token's value for the key (a JSON array when the claim has several values).
   *
   * @default - the request has no value for the key
   */
  readonly actual?: string;

  /** Whether the condition holds for the token. */
  readonly matched: boolean;

  /** One plain sentence saying why the condition holds or not. */
  readonly explanation: string;
}

/**
 * How one statement of the policy judged the token.
 */
export interface StatementEvaluation {
  /** The statement's position in the policy (0-based). */
  readonly index: number;

  /**
   * The statement's `Sid`.
   *
   * @default - the statement has no Sid
   */
  readonly sid?: string;

  /** The statement's `Effect` as written (`Allow` or `Deny`). */
  readonly effect: string;

  /** Whether the statement's principal covers the token's issuer. */
  readonly principalMatched: boolean;

  /** Whether the statement's `Action` (or `NotAction`) covers the evaluated action. */
  readonly actionMatched: boolean;

  /** Every condition of the statement, in the order written. */
  readonly conditions: ConditionEvaluation[];

  /** Whether the principal, the action and every condition matched, so that the statement's effect applies. */
  readonly applies: boolean;
}

/**
 * The outcome of evaluating a trust policy for one token.
 */
export interface TrustPolicyEvaluation {
  /** Whether IAM lets the token assume the role (`decision` is `ALLOWED`). */
  readonly allowed: boolean;

  /** IAM's decision. */
  readonly decision: EvaluationDecision;

  /** Every statement's evaluation, in policy order. */
  readonly statements: StatementEvaluation[];

  /** What could not be read or evaluated faithfully in the policy or the claims. */
  readonly problems: string[];

  /**
   * One line saying which statement decided, e.g. `allowed by statement 0`; for a policy with CloudFormation choices,
   * which deployments admit the token and which refuse it.
   */
  readonly summary: string;

  /**
   * For a policy with CloudFormation choices (`Fn::If`, `Fn::Select` by a parameter, `Fn::FindInMap` with
   * `templateMappings`): the evaluation of each way the template can deploy it. Then `allowed` says whether any
   * deployment admits the token, and `decision` and `statements` are those of the first admitting one (else of the
   * first). Empty when the choices are too many to list (a problem says so): nothing is then known of each deployment.
   *
   * @default - the policy makes no CloudFormation choices: it is deployed as written
   */
  readonly variants?: TrustPolicyVariantEvaluation[];
}

/**
 * How one deployment of a policy with CloudFormation choices judged the token.
 */
export interface TrustPolicyVariantEvaluation {
  /** The choices that make this deployment, e.g. `IsProduction is false`. */
  readonly choices: string;

  /** Whether this deployment lets the token assume the role. */
  readonly allowed: boolean;

  /** IAM's decision for this deployment. */
  readonly decision: EvaluationDecision;

  /** Every statement's evaluation in this deployment's policy. */
  readonly statements: StatementEvaluation[];

  /** One line saying which statement decided. */
  readonly summary: string;
}
