import { FindingSeverity, TrustPolicyRule } from '../finding';
import { FindingDraft, PolicyContext, PolicyRule } from '../rule';

/**
 * What the policy reader could not read. A policy that is not JSON or has no `Statement` cannot be judged at all, and
 * a malformed statement or condition may be exactly the one that trusts GitHub: neither may pass silently.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'PolicyUnreadable',
  severity: FindingSeverity.ERROR,
  title: 'The trust policy, or a statement of it, cannot be read',
  explanation: 'The input is not a JSON object (or JSON text, or URL-encoded JSON text as the IAM API returns it) with a ' +
    '"Statement", or a statement, its Effect, Principal or Condition is malformed. What cannot be read cannot be checked, ' +
    'and IAM rejects such a policy or reads it differently than intended.',
  fix: 'Pass the trust policy document itself (e.g. the role\'s AssumeRolePolicyDocument), and correct the element named.',
};

export const POLICY_UNREADABLE: PolicyRule = {
  kind: 'policy',
  info: INFO,
  check(context: PolicyContext): FindingDraft[] {
    const gitHubIndexes = new Set(context.gitHubStatements.map((github) => github.index));
    const parsedIndexes = new Set(context.policy.statements.map((statement) => statement.index));
    const findings: FindingDraft[] = [];
    for (const problem of context.policy.problems) {
      const index = /^statement (\d+)/.exec(problem)?.[1];
      if (index === undefined) {
        findings.push({ message: `The trust policy cannot be read: ${problem}.`, fix: INFO.fix });
        continue;
      }
      const statementIndex = Number(index);
      // A readable statement that does not trust GitHub is not this library's business.
      if (parsedIndexes.has(statementIndex) && !gitHubIndexes.has(statementIndex)) continue;
      findings.push({
        message: `The trust policy cannot be fully read: ${problem}.`,
        fix: 'Correct the statement: an object with "Effect": "Allow" or "Deny", a "Principal" object, an "Action" and a ' +
          '"Condition" object of operator blocks, each an object of condition keys.',
        statementIndex,
      });
    }
    return findings;
  },
};
