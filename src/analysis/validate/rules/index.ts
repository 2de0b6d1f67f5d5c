/**
 * The rule catalogue, in the order RULES.md lists it and the validator reports findings: policy-level rules, then
 * ERROR, WARNING and INFO rules per statement.
 */
import { AUDIENCE_MISSING } from './audience-missing';
import { AUDIENCE_UNEXPECTED } from './audience-unexpected';
import { CLAIM_CONTRADICTS_SUB } from './claim-contradicts-sub';
import { CLAIM_SHAPE_INVALID } from './claim-shape-invalid';
import { CONDITION_KEY_UNKNOWN } from './condition-key-unknown';
import { DUPLICATE_JSON_KEY } from './duplicate-json-key';
import { FEDERATED_PRINCIPAL_NOT_ARN } from './federated-principal-not-arn';
import { FOR_ALL_VALUES_IN_ALLOW } from './for-all-values-in-allow';
import { FOR_ANY_VALUE_ON_SINGLE_VALUED_CLAIM } from './for-any-value-on-single-valued-claim';
import { IF_EXISTS_IN_ALLOW } from './if-exists-in-allow';
import { JOB_WORKFLOW_REF_WITHOUT_REPOSITORY } from './job-workflow-ref-without-repository';
import { NEGATED_SUB_ONLY } from './negated-sub-only';
import { NOT_PRINCIPAL_OR_NOT_ACTION } from './not-principal-or-not-action';
import { POLICY_SIZE_EXCEEDED } from './policy-size-exceeded';
import { POLICY_UNREADABLE } from './policy-unreadable';
import { PRINCIPAL_NOT_ONLY_GITHUB } from './principal-not-only-github';
import { PROVIDER_IN_OTHER_ACCOUNT } from './provider-in-other-account';
import { PULL_REQUEST_SUBJECT } from './pull-request-subject';
import { REPOSITORY_ID_NOT_PINNED } from './repository-id-not-pinned';
import { SUB_ANY_REF } from './sub-any-ref';
import { SUB_ENVIRONMENT_WILDCARD } from './sub-environment-wildcard';
import { SUB_EVERY_BRANCH } from './sub-every-branch';
import { SUB_EVERY_TAG } from './sub-every-tag';
import { SUB_MISSING } from './sub-missing';
import { SUB_SHAPE_INVALID } from './sub-shape-invalid';
import { SUB_TEMPLATE_AUTHOR_CLAIM_FIRST } from './sub-template-author-claim-first';
import { SUB_WILDCARD_IMMUTABLE_ID } from './sub-wildcard-immutable-id';
import { SUB_WILDCARD_REPOSITORY } from './sub-wildcard-repository';
import { UNRESOLVED_CONDITION_VALUE } from './unresolved-condition-value';
import { VALIDATION_OPTIONS_INVALID } from './validation-options-invalid';
import { WILDCARD_IN_STRING_EQUALS } from './wildcard-in-string-equals';
import { RuleDefinition } from '../rule';

export const RULES: readonly RuleDefinition[] = [
  POLICY_UNREADABLE,
  VALIDATION_OPTIONS_INVALID,
  DUPLICATE_JSON_KEY,
  POLICY_SIZE_EXCEEDED,
  PRINCIPAL_NOT_ONLY_GITHUB,
  NOT_PRINCIPAL_OR_NOT_ACTION,
  FEDERATED_PRINCIPAL_NOT_ARN,
  PROVIDER_IN_OTHER_ACCOUNT,
  SUB_MISSING,
  JOB_WORKFLOW_REF_WITHOUT_REPOSITORY,
  NEGATED_SUB_ONLY,
  SUB_WILDCARD_REPOSITORY,
  SUB_WILDCARD_IMMUTABLE_ID,
  FOR_ALL_VALUES_IN_ALLOW,
  IF_EXISTS_IN_ALLOW,
  CONDITION_KEY_UNKNOWN,
  SUB_SHAPE_INVALID,
  CLAIM_SHAPE_INVALID,
  CLAIM_CONTRADICTS_SUB,
  WILDCARD_IN_STRING_EQUALS,
  AUDIENCE_UNEXPECTED,
  AUDIENCE_MISSING,
  UNRESOLVED_CONDITION_VALUE,
  SUB_ANY_REF,
  SUB_EVERY_BRANCH,
  SUB_EVERY_TAG,
  SUB_ENVIRONMENT_WILDCARD,
  PULL_REQUEST_SUBJECT,
  FOR_ANY_VALUE_ON_SINGLE_VALUED_CLAIM,
  SUB_TEMPLATE_AUTHOR_CLAIM_FIRST,
  REPOSITORY_ID_NOT_PINNED,
];
