import { compactSize, CompactSize } from '../compact-size';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { mentionsGitHub } from '../github-statement';
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

export const POLICY_SIZE_EXCEEDED: PolicyRule = {
  kind: 'policy',
  info: INFO,
  check(context: PolicyContext): FindingDraft[] {
    // Not only where a statement looks like GitHub's: one whose principal cannot be read, or that a duplicate key
    // dropped, fails the deployment all the same. Roles that take no web identity at all are not this library's.
    if (!mayTrustWebIdentities(context)) return [];
    const { sourceText, parsedText } = context.policy;
    const document = sourceText === undefined ? context.input : parsedText ?? parseOrUndefined(sourceText);
    if (document === undefined) return [];
    let measured: CompactSize;
    try {
      measured = compactSize(document);
    } catch {
      return [];
    }
    const { size, intrinsics } = measured;
    const limit = context.options.sizeLimit;
    if (size <= limit) return [];
    const estimated = intrinsics > 0;
    return [{
      message: `The trust policy's compact JSON is ${estimated ? 'at least ' : ''}${size} characters, more than the limit of ` +
        `${limit}${estimated ? ` (estimated: ${intrinsics} CloudFormation expression(s) counted at their shortest)` : ''}; ` +
        `IAM fails the deployment with "LimitExceeded: Cannot exceed quota for ACLSizePerRole: ${limit}".`,
      fix: INFO.fix,
    }];
  },
};

function mayTrustWebIdentities(context: PolicyContext): boolean {
  if (context.gitHubStatements.length > 0) return true;
  if (context.policy.statements.some((statement) => statement.effect === 'Allow' && statement.allowsWebIdentity)) return true;
  return context.policy.sourceText !== undefined && mentionsGitHub(context.policy.sourceText);
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
