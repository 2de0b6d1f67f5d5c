/**
 * How the rules read one condition: which operators constrain a claim, which values are wildcard patterns, and
 * which values are still CloudFormation expressions.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { claimConditions, GitHubStatement } from './github-statement';
import { findOperator } from '../evaluate/operators';
import { literalText } from '../evaluate/wildcard';
import { ParsedCondition } from '../policy/document';
import { isExpressionKey } from '../policy/intrinsic-shape';
import { flattenIntrinsic } from '../policy/principal';
import { escapeForPattern, hasVariable, valueParts } from '../policy/variables';

// The operators AWS's secure-by-default check accepts as "evaluating" sub (IAM User Guide, "Identity-provider controls
// for shared OIDC providers"), which are also the only ones that say what a claim must be.
const POSITIVE = new Set(['stringequals', 'stringlike', 'stringequalsignorecase']);
const NEGATED = new Set(['stringnotequals', 'stringnotlike', 'stringnotequalsignorecase']);

/** `StringEquals`, `StringLike` or `StringEqualsIgnoreCase`, with or without qualifier and `IfExists`. */
export function isPositiveString(condition: ParsedCondition): boolean {
  return POSITIVE.has(condition.normalizedBaseOperator);
}

/** `StringNotEquals`, `StringNotLike` or `StringNotEqualsIgnoreCase`, with or without qualifier and `IfExists`. */
export function isNegatedString(condition: ParsedCondition): boolean {
  return NEGATED.has(condition.normalizedBaseOperator);
}

/**
 * Whether a condition lists at least one value. UNVERIFIED (FACTS.md "A condition with an empty list of values"): AWS
 * does not document what IAM makes of `"...:sub": []`, a condition no run meets or one without effect. The evaluator
 * takes the first reading; the rules do not count such a condition as a constraint, so that a policy they pass is
 * closed under both.
 */
export function listsValues(condition: ParsedCondition): boolean {
  return condition.values.length > 0;
}

/** Whether `*` and `?` are wildcards under the operator (`StringLike`; the negated form is no constraint to judge). */
export function isPattern(condition: ParsedCondition): boolean {
  return condition.normalizedBaseOperator === 'stringlike';
}

/** Whether the operator compares exactly, so that `*` and `?` are plain characters. */
export function isExact(condition: ParsedCondition): boolean {
  const base = condition.normalizedBaseOperator;
  return base === 'stringequals' || base === 'stringequalsignorecase';
}

/** Whether the operator ignores case (`StringEqualsIgnoreCase`). */
export function ignoresCase(condition: ParsedCondition): boolean {
  return condition.normalizedBaseOperator === 'stringequalsignorecase';
}

/**
 * Whether the condition is false when the token lacks the key, as a constraint must be: no `ForAllValues:` and no
 * `...IfExists`, both of which are true for a missing key.
 */
export function failsWhenMissing(condition: ParsedCondition): boolean {
  return condition.qualifier !== 'ForAllValues' && !condition.ifExists;
}

/**
 * The operator a condition should use in an Allow, as AWS spells it: without `ForAllValues:` and without `IfExists`,
 * which each make it true for a token without the claim (IfExistsInAllow, ForAllValuesInAllow suggest it, so that
 * following one fix does not leave the other). Undefined for an operator IAM does not have (PolicyUnreadable's).
 */
export function requiringOperator(condition: ParsedCondition): string | undefined {
  const base = findOperator(condition.baseOperator);
  if (!base) return undefined;
  return condition.qualifier === 'ForAnyValue' ? `ForAnyValue:${base.name}` : base.name;
}

/**
 * A condition value as IAM compares it: strings as written, numbers and booleans as their text (IAM accepts
 * `"repository_id": 123`), undefined for anything else (a CloudFormation intrinsic, a parameter, null).
 */
export function valueText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

// `${*}`, `${?}` and `${$}` are IAM's escapes for a literal `*`, `?` and `$` in a pattern.
const ESCAPE = /\$\{[*?$]\}/g;

/** The index of the first wildcard (`*` or `?`, not an escaped one), or -1. */
export function wildcardIndex(text: string): number {
  // Most values hold no wildcard, and hardly any an escape: the masking below is only needed when both do.
  const star = text.indexOf('*');
  const question = text.indexOf('?');
  if (star < 0 && question < 0) return -1;
  if (!text.includes('${')) return star < 0 ? question : question < 0 ? star : Math.min(star, question);
  const masked = text.replace(ESCAPE, (escape) => '_'.repeat(escape.length));
  return masked.search(/[*?]/);
}

/** Whether a text holds a `*` or `?` (not IAM's escaped `${*}` or `${?}`). */
export function hasWildcard(text: string): boolean {
  return wildcardIndex(text) >= 0;
}

/** A condition value with the wildcards that matter under this operator. */
export interface ConditionValue {
  readonly condition: ParsedCondition;
  /**
   * The value's text as the rules judge it: as written, or, when it holds policy variables, the pattern of every
   * value IAM could compare (each variable widened to `*`, since a claim's value is chosen by whoever runs the
   * workflow, and the literal parts escaped where the operator compares exactly).
   */
  readonly text: string;
  /** Whether `text` is a wildcard pattern (it has `*` or `?` and the operator is `StringLike`, or it was widened). */
  readonly pattern: boolean;
  /** The value as written, when `text` is derived from it. */
  readonly written?: string;
}

/** Every readable value of the positive string conditions on one claim, each with its condition. */
export function positiveValues(github: GitHubStatement, claim: string): ConditionValue[] {
  const values: ConditionValue[] = [];
  const variables = github.statement.replacesVariables;
  for (const condition of claimConditions(github, claim)) {
    if (!isPositiveString(condition)) continue;
    for (const value of condition.values) {
      const text = valueText(value);
      if (text === undefined) continue;
      if (variables && hasVariable(text)) {
        values.push({ condition, text: widenVariables(text, isPattern(condition)), pattern: true, written: text });
      } else {
        values.push({ condition, text, pattern: isPattern(condition) && hasWildcard(text) });
      }
    }
  }
  return values;
}

/**
 * The values of the positive string conditions on one claim that are CloudFormation expressions (a parameter, an
 * import, a join with one), each read with its unknown parts as a plain placeholder: what the literal parts admit by
 * themselves, whatever the unknown parts turn out to be. (`UnresolvedConditionValue` reports that the rest cannot be
 * judged; an expression whose literal parts already admit other repositories is an error all the same.)
 */
export function expressionValues(github: GitHubStatement, claim: string): ConditionValue[] {
  const values: ConditionValue[] = [];
  for (const condition of claimConditions(github, claim)) {
    if (!isPositiveString(condition)) continue;
    for (const value of condition.values) {
      if (valueText(value) !== undefined) continue;
      const narrowed = flattenIntrinsic(value, 0, () => EXPRESSION_PLACEHOLDER);
      if (narrowed === undefined) continue;
      const written = flattenIntrinsic(value) ?? narrowed;
      values.push({ condition, text: narrowed, pattern: isPattern(condition) && hasWildcard(narrowed), written });
    }
  }
  return values;
}

// What an unknown part of an expression is read as: literal text, valid as an owner, a name, an ID or a context.
const EXPRESSION_PLACEHOLDER = '0';

function widenVariables(text: string, pattern: boolean): string {
  return valueParts(text).map((part) => {
    if (part.kind === 'variable') return '*';
    return pattern ? part.text : escapeForPattern(literalText(part.text));
  }).join('');
}

/**
 * The values a claim is pinned to: those of a positive string condition on the claim that fails when the key is
 * missing and whose values are all literal text. Undefined when no condition pins the claim.
 */
export function pinnedValues(github: GitHubStatement, claim: string): string[] | undefined {
  for (const condition of claimConditions(github, claim)) {
    if (!isPositiveString(condition) || !failsWhenMissing(condition) || condition.values.length === 0) continue;
    const texts = condition.values.map(valueText);
    // A policy variable is no pin: `${...:repository_id}` is whatever ID the token carries.
    const variables = github.statement.replacesVariables;
    if (texts.some((text) => text === undefined || text === '' || (isPattern(condition) && hasWildcard(text))
      || (variables && hasVariable(text)))) continue;
    return texts as string[];
  }
  return undefined;
}

/**
 * The operators of a statement whose block is a CloudFormation expression rather than keys
 * (`{ "StringLike": { "Fn::GetAtt": ["Keys", "Value"] } }`, a `CfnJson` whose JSON holds a token): what they check is
 * known only at deploy, so a rule that finds no condition on a claim says that its keys could not be read.
 */
export function expressionBlocks(github: GitHubStatement): string[] {
  const operators: string[] = [];
  for (const condition of github.statement.conditions) {
    if (isExpressionKey(condition.key) && !operators.includes(condition.operator)) operators.push(condition.operator);
  }
  return operators;
}

/**
 * What a rule that found no condition on a claim says of the blocks it could not read (`expressionBlocks`), e.g.
 * ` in a block that can be read before deploy (its StringLike block is ...)`; empty when every block was read.
 */
export function unreadBlocksNote(github: GitHubStatement): string {
  const operators = expressionBlocks(github);
  if (operators.length === 0) return '';
  const blocks = operators.length === 1 ? `its ${operators[0]} block is a CloudFormation expression`
    : `its ${operators.join(', ')} blocks are CloudFormation expressions`;
  return ` in a block that can be read before deploy (${blocks}, such as a CfnJson holding a token: write the keys out ` +
    'in the template so that they can be judged)';
}

/** The operator and key of a condition as written, for messages: `StringLike "token...:sub"`. */
export function describeCondition(condition: ParsedCondition): string {
  return `${condition.operator} ${JSON.stringify(condition.key)}`;
}
