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
      // Most policies hold no expression: then the copy resolveShortest makes would serialize exactly as the original.
      size = JSON.stringify(isPlainJson(document, 0) ? document : resolveShortest(document, state, 0)).length;
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

/**
 * Whether `JSON.stringify(resolveShortest(value))` is `JSON.stringify(value)`, so that the copy can be skipped: plain
 * objects and arrays all the way down (no `toJSON`, no class instances), no CloudFormation expression, and no deeper
 * than resolveShortest goes.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value !== 'object') return true;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const prototype = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) {
      if (!isPlainJson(value[i], depth + 1)) return false;
    }
    return true;
  }
  if (prototype !== Object.prototype && prototype !== null) return false;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return false;
  for (const key of keys) {
    if (!isPlainJson((value as { [key: string]: unknown })[key], depth + 1)) return false;
  }
  return true;
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
    const resolved = resolveShortest((value as { [key: string]: unknown })[key], state, depth + 1);
    // An assignment to `__proto__` would set the prototype instead of copying the key; defining it is slow, though.
    if (key === '__proto__') Object.defineProperty(result, key, { value: resolved, enumerable: true });
    else result[key] = resolved;
  }
  return result;
}
