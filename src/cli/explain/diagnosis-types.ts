/**
 * What the diagnosis of a refused run says: the causes in plain words and the policy changes that would admit the run.
 */
import { TrustPolicyEvaluation } from '../../analysis/evaluate/types';
import { ParsedPolicy } from '../../analysis/policy/document';

/** The causes the diagnosis names. */
export enum Cause {
  /** A Deny statement applies to the token. */
  EXPLICIT_DENY = 'EXPLICIT_DENY',
  /** The policy has no Allow statement (or none could be read). */
  NO_ALLOW_STATEMENT = 'NO_ALLOW_STATEMENT',
  /** The closest statement trusts no GitHub OIDC provider. */
  NOT_GITHUB_PRINCIPAL = 'NOT_GITHUB_PRINCIPAL',
  /** The statement trusts another issuer's provider than the one that issued the token. */
  ISSUER_MISMATCH = 'ISSUER_MISMATCH',
  /** The statement names the token's issuer by its host (`token.actions.githubusercontent.com`), not by the provider's ARN. */
  PROVIDER_NAMED_BY_HOST = 'PROVIDER_NAMED_BY_HOST',
  /** The statement trusts the token issuer's provider of another account than the role's. */
  PROVIDER_OF_OTHER_ACCOUNT = 'PROVIDER_OF_OTHER_ACCOUNT',
  /** The statement does not allow `sts:AssumeRoleWithWebIdentity`. */
  ACTION_NOT_ALLOWED = 'ACTION_NOT_ALLOWED',
  /** The job references an environment, so `sub` is `...:environment:NAME`; the policy expects a branch or tag. */
  ENVIRONMENT_SUBJECT = 'ENVIRONMENT_SUBJECT',
  /** The policy expects an environment's `sub`; the job references none (or another one). */
  ENVIRONMENT_EXPECTED = 'ENVIRONMENT_EXPECTED',
  /** A `pull_request` run gets `...:pull_request`; the policy expects a branch. */
  PULL_REQUEST_SUBJECT = 'PULL_REQUEST_SUBJECT',
  /** The policy expects `...:pull_request`; the run is not a pull_request event (or references an environment). */
  PULL_REQUEST_EXPECTED = 'PULL_REQUEST_EXPECTED',
  /** Another branch or tag than the policy's. */
  OTHER_REF = 'OTHER_REF',
  /** The values are equal ignoring case; IAM compares case-sensitively. */
  CASE_MISMATCH = 'CASE_MISMATCH',
  /** The audience differs. */
  AUDIENCE_MISMATCH = 'AUDIENCE_MISMATCH',
  /** `StringEquals` holds a wildcard, which it compares literally. */
  STRING_EQUALS_WILDCARD = 'STRING_EQUALS_WILDCARD',
  /** The token's `sub` is immutable (`owner@id/repo@id`); the policy expects the name-only form. */
  IMMUTABLE_SUBJECT = 'IMMUTABLE_SUBJECT',
  /** The policy expects the immutable form; the token's `sub` is name-only. */
  NAME_ONLY_SUBJECT = 'NAME_ONLY_SUBJECT',
  /** The token and the policy use different `sub` templates (`include_claim_keys`). */
  SUBJECT_TEMPLATE = 'SUBJECT_TEMPLATE',
  /** The token comes from a repository the statement does not trust. */
  OTHER_REPOSITORY = 'OTHER_REPOSITORY',
  /** The repository or owner ID differs although the name matches: re-created, or the name changed hands. */
  ID_MISMATCH = 'ID_MISMATCH',
  /** The condition reads a claim the token does not have (or a key of another issuer). */
  MISSING_CLAIM = 'MISSING_CLAIM',
  /** A negated operator excludes the token's value. */
  EXCLUDED_VALUE = 'EXCLUDED_VALUE',
  /** Some other value differs. */
  VALUE_MISMATCH = 'VALUE_MISMATCH',
}

/** One reason the run is refused. */
export interface Finding {
  readonly cause: Cause;
  readonly statementIndex?: number;
  /** The condition key as written, when the cause is one condition. */
  readonly conditionKey?: string;
  /** The explanation in plain words. */
  readonly text: string;
}

/** A change to the policy that would admit the run. */
export interface PolicyChange {
  readonly statementIndex: number;
  /** What to change, e.g. `add "repo:acme/web:environment:prod" to StringEquals token...:sub`. */
  readonly text: string;
  /** The condition block after the change, as JSON text, when the change is to a condition's values. */
  readonly snippet?: string;
  /** Set when the change admits more than this run's repository, or weakens a protection. */
  readonly warning?: string;
  /** Another way, often outside the policy (in the workflow). */
  readonly alternative?: string;
}

/** The diagnosis of a refused run. Empty when the run is allowed. */
export interface Diagnosis {
  /** The Allow statement closest to admitting the run, which the causes and changes are about. */
  readonly closestStatement?: number;
  readonly findings: Finding[];
  /** Every change needed (all of them, together), smallest first within a statement. */
  readonly changes: PolicyChange[];
}

/** What the diagnosis reads. */
export interface DiagnosisInput {
  readonly evaluation: TrustPolicyEvaluation;
  /** The same policy, read by `parsePolicy` with the same provider URLs. */
  readonly policy: ParsedPolicy;
  readonly claims: { readonly [claim: string]: string };
  /**
   * The role's account, as the evaluation was given it (`roleAccount`).
   *
   * @default - unknown: a provider of another account is not recognized as the cause
   */
  readonly roleAccount?: string;
  /**
   * Evaluates the same policy for other claims, to look behind an issuer mismatch.
   *
   * @default - the conditions of a statement that trusts another issuer are not looked at
   */
  readonly reevaluate?: (claims: { [claim: string]: string }) => TrustPolicyEvaluation;
}
