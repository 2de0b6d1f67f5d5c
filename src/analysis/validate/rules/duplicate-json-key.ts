import { coversEveryone } from '../../policy/principal';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { mentionsGitHub } from '../github-statement';
import { DuplicateKey, findDuplicateKeys } from '../json-duplicates';
import { FindingDraft, PolicyContext, PolicyRule } from '../rule';

/**
 * A key written twice in one JSON object of the policy text, typically two `"StringEquals"` blocks in one Condition:
 * JSON parsers and IAM keep the last, so the first block's conditions (often the `sub` check) vanish without a word
 * (alphagov/govuk-infrastructure PR 879). Only visible when the policy arrives as text.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'DuplicateJsonKey',
  severity: FindingSeverity.ERROR,
  title: 'A key appears twice in one JSON object (e.g. two "StringEquals" in one Condition)',
  explanation: 'A JSON object cannot hold a key twice: JSON parsers, and IAM, keep only the last occurrence, so the ' +
    'conditions of the first silently disappear. A Condition with two "StringEquals" blocks, one with "aud" and one with ' +
    '"sub", ends up checking only one of them (alphagov/govuk-infrastructure PR 879). Only the policy text shows this, so ' +
    'the rule runs when the policy is given as JSON text.',
  fix: 'Merge the two blocks into one object, e.g. one "StringEquals" holding both the "aud" and the "sub" keys.',
};

export const DUPLICATE_JSON_KEY: PolicyRule = {
  kind: 'policy',
  info: INFO,
  check(context: PolicyContext): FindingDraft[] {
    const text = context.policy.sourceText;
    if (text === undefined) return [];
    const gitHubIndexes = new Set(context.gitHubStatements.map((github) => github.index));
    const singleStatement = !/"Statement"\s*:\s*\[/.test(text);
    const findings: FindingDraft[] = [];
    for (const duplicate of findDuplicateKeys(text)) {
      const statementIndex = statementOf(duplicate, singleStatement);
      // A dropped principal that covers everyone would have trusted GitHub's tokens too, whatever statement is left.
      const relevant = (statementIndex === undefined
        ? context.gitHubStatements.length > 0 || mentionsGitHub(safeJson(duplicate.dropped))
        : gitHubIndexes.has(statementIndex)) || droppedEveryone(duplicate);
      if (!relevant) continue;
      findings.push({
        message: `${statementIndex === undefined ? 'The policy' : `Statement ${statementIndex}`}: ${JSON.stringify(duplicate.key)} ` +
          `appears twice in ${location(duplicate.path)}; only the last one counts, so the earlier one${droppedKeys(duplicate)} is ` +
          'silently dropped.',
        fix: `Merge the two ${JSON.stringify(duplicate.key)} entries of ${location(duplicate.path)} into one.`,
        statementIndex,
        conditionKey: isConditionKey(duplicate.path) ? duplicate.key : undefined,
      });
    }
    return findings;
  },
};

function droppedEveryone(duplicate: DuplicateKey): boolean {
  if (duplicate.path[0] !== 'Statement') return false;
  if (duplicate.key === 'Principal') return coversEveryone(duplicate.dropped);
  const inPrincipal = duplicate.path[duplicate.path.length - 1] === 'Principal';
  return inPrincipal && (duplicate.key === 'AWS' || duplicate.key === 'Federated') && coversEveryone({ [duplicate.key]: duplicate.dropped });
}

function statementOf(duplicate: DuplicateKey, singleStatement: boolean): number | undefined {
  const [first, second] = duplicate.path;
  if (first !== 'Statement') return undefined;
  if (typeof second === 'number') return second;
  return singleStatement ? 0 : undefined;
}

/** Whether the object holding the duplicate is an operator block (`...Condition.StringEquals`), so the key is a condition key. */
function isConditionKey(path: (string | number)[]): boolean {
  return path.length >= 2 && path[path.length - 2] === 'Condition';
}

function location(path: (string | number)[]): string {
  if (path.length === 0) return 'the policy object';
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${part}`)).join('');
}

function droppedKeys(duplicate: DuplicateKey): string {
  const dropped = duplicate.dropped;
  if (dropped === null || typeof dropped !== 'object' || Array.isArray(dropped)) return ` (${safeJson(dropped)})`;
  const keys = Object.keys(dropped);
  return keys.length === 0 ? '' : ` (with ${keys.map((key) => JSON.stringify(key)).join(', ')})`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
