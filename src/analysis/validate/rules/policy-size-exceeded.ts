import { flattenIntrinsic } from '../../policy/principal';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { FindingDraft, PolicyContext, PolicyRule } from '../rule';

/**
 * The compact JSON of the trust policy is longer than the role's quota. IAM refuses it at deploy time with
 * `LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048`, after synth and review have passed.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
const INFO: TrustPolicyRule = {
  ruleId: 'PolicySizeExceeded',
  severity: FindingSeverity.ERROR,
  title: 'The trust policy is longer than the role trust-policy quota (2,048 characters by default)',
  explanation: 'IAM limits a role\'s trust policy to 2,048 characters by default (quota ACLSizePerRole, raisable) and ' +
    'fails the deployment with "LimitExceeded: Cannot exceed quota for ACLSizePerRole: 2048". The rule counts the ' +
    'compact JSON (whether IAM counts whitespace is not documented). When the policy still holds CloudFormation ' +
    'expressions, their resolved length is unknown: the rule then counts each as its shortest plausible text (the ' +
    'partition as "aws", the account as 12 digits, anything else as empty) and reports only what must exceed the quota.',
  fix: 'Shorten the policy (merge statements, use one StringLike pattern under a protected ref instead of many values, ' +
    'split the trust across roles), or raise the quota and pass the new sizeLimit.',
};

// The shortest text each pseudo parameter resolves to; other expressions count as nothing (a lower bound).
const SHORTEST: { [placeholder: string]: string } = {
  '${AWS.Partition}': 'aws',
  '${AWS.AccountId}': '000000000000',
  '${AWS.URLSuffix}': 'amazonaws.com',
};

export const POLICY_SIZE_EXCEEDED: PolicyRule = {
  kind: 'policy',
  info: INFO,
  check(context: PolicyContext): FindingDraft[] {
    if (context.gitHubStatements.length === 0) return [];
    const document = context.policy.sourceText === undefined ? context.input : parseOrUndefined(context.policy.sourceText);
    if (document === undefined) return [];
    const state = { intrinsics: 0 };
    let size: number;
    try {
      size = JSON.stringify(resolveShortest(document, state, 0)).length;
    } catch {
      return [];
    }
    const limit = context.options.sizeLimit;
    if (size <= limit) return [];
    const estimated = state.intrinsics > 0;
    return [{
      message: `The trust policy's compact JSON is ${estimated ? 'at least ' : ''}${size} characters, more than the limit of ` +
        `${limit}${estimated ? ` (estimated: ${state.intrinsics} CloudFormation expression(s) counted at their shortest)` : ''}; ` +
        `IAM fails the deployment with "LimitExceeded: Cannot exceed quota for ACLSizePerRole: ${limit}".`,
      fix: INFO.fix,
    }];
  },
};

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The document with each CloudFormation expression replaced by its shortest plausible text. */
function resolveShortest(value: unknown, state: { intrinsics: number }, depth: number): unknown {
  if (depth > 64) throw new Error('too deep');
  if (Array.isArray(value)) return value.map((item) => resolveShortest(item, state, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    state.intrinsics += 1;
    const text = flattenIntrinsic(value) ?? '';
    return text.replace(/\$\{[^}]*\}/g, (placeholder) => SHORTEST[placeholder] ?? '');
  }
  const result: { [key: string]: unknown } = {};
  for (const key of keys) {
    Object.defineProperty(result, key, {
      value: resolveShortest((value as { [key: string]: unknown })[key], state, depth + 1),
      enumerable: true,
    });
  }
  return result;
}
