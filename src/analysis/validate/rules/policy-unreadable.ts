import { findOperator, OPERATOR_NAMES } from '../../evaluate/operators';
import { awsSpelling, ParsedCondition, splitOperator } from '../../policy/document';
import { editDistance } from '../condition-keys';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, PolicyContext, PolicyRule } from '../rule';
import { quote } from '../text';

/**
 * What the policy reader could not read. A policy that is not JSON or has no `Statement` cannot be judged at all, and
 * a malformed statement or condition may be exactly the one that trusts GitHub: neither may pass silently.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'PolicyUnreadable',
  severity: FindingSeverity.ERROR,
  title: 'The trust policy, or a statement of it, cannot be read',
  explanation: 'The input is not a JSON object (or JSON text, or URL-encoded JSON text as the IAM API returns it) with a ' +
    '"Statement", or a statement, its Effect, Principal or Condition is malformed: a condition operator IAM does not ' +
    'have ("StringEquals " with a space), one written in another case than AWS\'s ("stringequals", which AWS does not ' +
    'document IAM to read), a key written twice in one block in different case, or a list where IAM writes one value ' +
    '(a Principal list, a list inside a condition\'s list of values) included. What cannot be read cannot ' +
    'be checked, and IAM rejects such a policy or reads it differently than intended.',
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
    for (const github of context.gitHubStatements) {
      const blocks = operatorBlocks(github);
      findings.push(...unknownOperators(github, blocks), ...otherCaseOperators(github, blocks), ...keysWrittenTwice(github, blocks));
    }
    return findings;
  },
};

/** A statement's conditions by the operator block they are written in, in the order written. */
function operatorBlocks(github: GitHubStatement): Map<string, ParsedCondition[]> {
  const blocks = new Map<string, ParsedCondition[]>();
  for (const condition of github.statement.conditions) {
    const block = blocks.get(condition.operator) ?? [];
    block.push(condition);
    blocks.set(condition.operator, block);
  }
  return blocks;
}

/**
 * The condition operators of a GitHub statement that IAM does not have. The rules count only the operators they know,
 * so a `sub` condition under `"StringEquals "` is no constraint to them (SubMissing says `sub` is unchecked): this
 * says why. What IAM does with such an operator is UNVERIFIED (FACTS.md, "White space around condition operators and
 * keys").
 */
function unknownOperators(github: GitHubStatement, blocks: Map<string, ParsedCondition[]>): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const [operator, conditions] of blocks) {
    if (findOperator(conditions[0].baseOperator)) continue;
    const keys = conditions.map((condition) => condition.key);
    const meant = meantOperator(operator);
    findings.push({
      message: `The trust policy cannot be fully read: statement ${github.index}: ${quote(operator)} is not an IAM condition ` +
        `operator${meant?.why ?? ''}, so the rules do not count its condition${keys.length > 1 ? 's' : ''} on ` +
        `${keys.map(quote).join(', ')} as ${keys.length > 1 ? 'constraints' : 'a constraint'}.`,
      fix: meant ? `Write ${quote(meant.operator)}.` : 'Use one of IAM\'s condition operators, e.g. "StringEquals" or "StringLike" ' +
        '(with "ForAnyValue:" or "ForAllValues:" before it, or "IfExists" after it, where meant).',
      statementIndex: github.index,
    });
  }
  return findings;
}

/** The operator a misspelled one was meant to be: the same with the white space around it removed, or one letter off. */
function meantOperator(operator: string): { operator: string; why: string } | undefined {
  const trimmed = operator.trim();
  if (trimmed !== operator && findOperator(splitOperator(trimmed).baseOperator)) {
    return { operator: trimmed, why: ` (${quote(trimmed)} with white space around it)` };
  }
  const { baseOperator, ifExists } = splitOperator(trimmed);
  const near = OPERATOR_NAMES.filter((name) => editDistance(name.toLowerCase(), baseOperator.toLowerCase()) <= 2);
  if (near.length !== 1) return undefined;
  // The qualifier as written stays (`ForAllValues:`), and so does `IfExists`.
  const suffix = ifExists ? 'IfExists' : '';
  const qualifier = trimmed.slice(0, trimmed.length - baseOperator.length - suffix.length);
  const meant = `${qualifier}${near[0]}${suffix}`;
  return { operator: meant, why: ` (did you mean ${quote(meant)}?)` };
}

/**
 * The operators of a GitHub statement written in another case than IAM's (`stringequals`, `forallvalues:StringLike`).
 * The rules and the evaluator read them as IAM's; AWS documents condition keys as compared without case, not
 * operators (UNVERIFIED, FACTS.md "Condition operators and keys in another case"), and were IAM to pass such a block
 * over, a `repository_id` pin in it would no longer hold while the rules count on it.
 */
function otherCaseOperators(github: GitHubStatement, blocks: Map<string, ParsedCondition[]>): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const operator of blocks.keys()) {
    const spelled = awsSpelling(operator);
    if (spelled === undefined || spelled === operator) continue;
    findings.push({
      message: `The trust policy cannot be fully read: statement ${github.index}: the condition operator ${quote(operator)} is ` +
        `written in another case than IAM's ${quote(spelled)}; AWS does not document whether IAM reads operators without ` +
        'case, and the rules count on its conditions.',
      fix: `Write ${quote(spelled)}.`,
      statementIndex: github.index,
    });
  }
  return findings;
}

/**
 * A condition key written twice in one operator block, in different case (`...:repository_id` and `...:REPOSITORY_ID`):
 * IAM compares keys without case, and AWS does not document which of the two it applies (UNVERIFIED, FACTS.md), while
 * the rules count on both.
 */
function keysWrittenTwice(github: GitHubStatement, blocks: Map<string, ParsedCondition[]>): FindingDraft[] {
  const findings: FindingDraft[] = [];
  for (const [operator, conditions] of blocks) {
    const spellingsOf = new Map<string, string[]>();
    for (const condition of conditions) spellingsOf.set(condition.normalizedKey, [...spellingsOf.get(condition.normalizedKey) ?? [], condition.key]);
    for (const spellings of spellingsOf.values()) {
      if (spellings.length < 2) continue;
      findings.push({
        message: `The trust policy cannot be fully read: statement ${github.index}: its ${quote(operator)} block writes the ` +
          `condition key ${spellings.map(quote).join(' and ')}: IAM compares keys without case, and AWS does not document ` +
          'which of them it applies.',
        fix: `Write the key once, with every value it should allow in one list: ${quote(spellings[0])}.`,
        statementIndex: github.index,
        conditionKey: spellings[0],
      });
    }
  }
  return findings;
}
