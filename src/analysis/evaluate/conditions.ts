/**
 * One condition (one operator, one key, its values) judged against the token, with IAM's rules for combining:
 * several policy values are OR-ed, a negated operator is true when none matches ("not any of"), a missing key makes
 * positive operators false and negated operators, `...IfExists` and `ForAllValues:` true, and `Null` tests presence.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
import { ClaimValues, resolveKey } from './claims';
import { findOperator, OperatorSpec } from './operators';
import { label, list, quote } from './text';
import { ConditionEvaluation } from './types';
import { hasWildcard } from './wildcard';
import { GitHubIssuer } from '../../model/issuer';
import { ParsedCondition } from '../policy/document';
import { flattenIntrinsic } from '../policy/principal';
import { escapeForPattern, hasVariable, valueParts, withoutEscapes } from '../policy/variables';

/** What every condition of one evaluation reads. */
export interface ConditionContext {
  readonly issuer?: GitHubIssuer;
  readonly claims: ClaimValues;
}

/** What one statement's conditions read besides the context. */
export interface StatementFacts {
  readonly index: number;
  /** Whether IAM replaces policy variables in the statement's values (policy Version "2012-10-17"). */
  readonly replacesVariables: boolean;
}

/** Judges one condition; never throws. Problems (unreadable values, unknown operators) are appended to `problems`. */
export function evaluateCondition(condition: ParsedCondition, context: ConditionContext, statement: StatementFacts,
  problems: string[]): ConditionEvaluation {
  const report = new ConditionProblems(condition, statement.index, problems);
  const operator = findOperator(condition.baseOperator);
  const { expected, usable } = readPolicyValues(condition.values, operator, report, statement.replacesVariables ? context : undefined);
  const resolved = resolveKey(condition.key, condition.normalizedKey, context.issuer, context.claims);
  if (resolved.problem) report.add(resolved.problem);

  let judged: Judgement;
  if (!operator) {
    report.add(`${quote(condition.baseOperator)} is not an IAM condition operator (unverified here whether IAM refuses such a policy); counted as not matching`);
    judged = { matched: false, explanation: `${quote(condition.operator)} is not an IAM condition operator, so this condition cannot match` };
  } else {
    if (operator.name !== condition.baseOperator) {
      report.add(`the operator is written ${quote(condition.baseOperator)}; AWS spells it "${operator.name}"`);
    }
    if (condition.values.length === 0) report.add('the condition has no values');
    const name = label(resolved.claim ?? condition.key);
    judged = operator.family === 'Null'
      ? judgeNull(condition, usable, resolved.values, resolved.absence, name, report)
      : resolved.values === undefined
        ? judgeMissing(condition, operator, resolved.absence ?? `the request has no ${quote(condition.key)}`)
        : judgePresent(condition, operator, usable, resolved.values, name);
  }
  const evaluation: { -readonly [K in keyof ConditionEvaluation]: ConditionEvaluation[K] } = {
    operator: condition.operator,
    key: condition.key,
    expected,
    matched: judged.matched,
    explanation: judged.explanation,
  };
  if (resolved.claim !== undefined) evaluation.claim = resolved.claim;
  if (resolved.values) evaluation.actual = resolved.values.length === 1 ? resolved.values[0] : JSON.stringify(resolved.values);
  return evaluation;
}

/** Problems of one condition, each prefixed with where it is (written only when there is one to report). */
class ConditionProblems {
  constructor(private readonly condition: ParsedCondition, private readonly statementIndex: number,
    private readonly problems: string[]) {}

  public add(message: string): void {
    this.problems.push(`statement ${this.statementIndex}, ${label(this.condition.operator)} ${quote(this.condition.key)}: ${message}`);
  }
}

interface Judgement {
  readonly matched: boolean;
  readonly explanation: string;
}

function judgeMissing(condition: ParsedCondition, operator: OperatorSpec, absence: string): Judgement {
  if (condition.ifExists) {
    return { matched: true, explanation: `${absence}, and ${label(condition.operator)} is true when the key is missing` };
  }
  if (condition.qualifier === 'ForAllValues') {
    return { matched: true, explanation: `${absence}, and ForAllValues is true when the key is missing (no value fails it)` };
  }
  if (condition.qualifier === 'ForAnyValue') {
    return { matched: false, explanation: `${absence}, and ForAnyValue is false when the key is missing` };
  }
  if (operator.negated) {
    return { matched: true, explanation: `${absence}, and the negated operator ${operator.name} is true when the key is missing` };
  }
  return { matched: false, explanation: absence };
}

function judgePresent(condition: ParsedCondition, operator: OperatorSpec, usable: readonly string[],
  values: readonly string[], name: string): Judgement {
  // Plain operators on a multivalued claim: positive ones need one matching value, negated ones need none.
  const every = condition.qualifier === 'ForAllValues' || (condition.qualifier === undefined && operator.negated);
  let matched = every;
  for (const value of values) {
    if (holds(operator, usable, value) !== every) {
      matched = !every;
      break;
    }
  }

  if (values.length > 1) {
    return {
      matched,
      explanation: `${name} [${list(values)}] ${matched ? 'satisfies' : 'does not satisfy'} ${label(condition.operator)} ${list(usable)}`,
    };
  }
  const actual = values[0];
  const hit = firstHit(operator, usable, actual);
  const subject = `${name} ${quote(actual)}`;
  if (operator.negated) {
    if (hit !== undefined) return { matched, explanation: `${subject} ${operator.verb} ${quote(hit)}, which ${operator.name} excludes` };
    const literal = literalWildcardHint(operator, usable);
    const compared = usable.length === 1 ? `${operator.notVerb} ${quote(usable[0])}` : `${operator.verb} none of ${list(usable)}`;
    return {
      matched,
      explanation: literal ? `${subject} ${compared} (${literal.operatorName} compares ${literal.char} literally; use StringNotLike)`
        : `${subject} ${compared}`,
    };
  }
  if (hit !== undefined) return { matched, explanation: `${subject} ${operator.verb} ${quote(hit)}` };
  const literal = literalWildcardHint(operator, usable);
  if (literal) {
    return {
      matched,
      explanation: `${literal.operatorName} compares ${literal.char} literally: the value ${quote(literal.value)} never matches ${subject}; use StringLike`,
    };
  }
  if (usable.length === 0) return { matched, explanation: `${label(condition.operator)} has no value it can compare, so ${subject} cannot match` };
  if (usable.length === 1) return { matched, explanation: `${subject} ${operator.notVerb} ${quote(usable[0])}` };
  return { matched, explanation: `${subject} ${operator.verb} none of ${list(usable)}` };
}

/** The first policy value a token value matches (positive form), or undefined. Several values are OR-ed. */
function firstHit(operator: OperatorSpec, usable: readonly string[], actual: string): string | undefined {
  for (const expected of usable) {
    if (operator.test(actual, expected)) return expected;
  }
  return undefined;
}

/** Whether one token value satisfies the operator: a negated operator holds when no policy value matches. */
function holds(operator: OperatorSpec, usable: readonly string[], actual: string): boolean {
  return (firstHit(operator, usable, actual) === undefined) === operator.negated;
}

function judgeNull(condition: ParsedCondition, usable: readonly string[], values: readonly string[] | undefined,
  absence: string | undefined, name: string, report: ConditionProblems): Judgement {
  if (condition.qualifier || condition.ifExists) {
    report.add('Null takes no set qualifier or IfExists; evaluated as Null');
  }
  if (usable.length === 0) return { matched: false, explanation: 'Null has no "true" or "false" value, so it cannot match' };
  const missing = values === undefined;
  // Null "true": the key must be missing; Null "false": it must be present. Several values are OR-ed.
  const wanted = usable.find((value) => (value.toLowerCase() === 'true') === missing);
  const presence = missing ? (absence ?? 'the key is missing') : `the token has ${name} ${values.length === 1 ? quote(values[0]) : `[${list(values)}]`}`;
  if (wanted !== undefined) return { matched: true, explanation: `Null ${quote(wanted)} holds: ${presence}` };
  return {
    matched: false,
    explanation: missing ? `Null "false" requires the key, but ${presence}` : `Null "true" requires the key to be missing, but ${presence}`,
  };
}

/**
 * `StringEquals` (and its IgnoreCase and negated forms) compares `*` and `?` as characters, so a value written as a
 * pattern never matches a real token: the classic mistake worth naming in the explanation.
 */
function literalWildcardHint(operator: OperatorSpec, usable: readonly string[]):
{ operatorName: string; char: string; value: string } | undefined {
  if (operator.family !== 'String' || operator.name.includes('Like')) return undefined;
  const value = usable.find(hasWildcard);
  if (value === undefined) return undefined;
  return { operatorName: operator.name, char: value.includes('*') ? '"*"' : '"?"', value };
}

/**
 * The policy values as the operator compares them. `variables` is the request context when IAM replaces policy
 * variables (Version "2012-10-17"): each `${key}` becomes the token's value of that key, as literal text; a key the
 * request lacks (and no default) leaves the value matching nothing. Without it, `${...}` is plain text.
 */
function readPolicyValues(values: readonly unknown[], operator: OperatorSpec | undefined, report: ConditionProblems,
  variables: ConditionContext | undefined): { expected: string[]; usable: string[] } {
  const expected: string[] = [];
  const usable: string[] = [];
  for (const raw of values) {
    const { text, problem } = policyValueText(raw);
    expected.push(text);
    if (problem) {
      report.add(`the value ${quote(text)} ${problem}`);
      continue;
    }
    const invalid = operator?.checkValue(text);
    if (invalid) {
      report.add(`the value ${quote(text)} ${invalid}; it matches nothing`);
      continue;
    }
    if (!text.includes('$')) {
      usable.push(text);
    } else if (!variables) {
      if (hasVariable(text)) report.add(`the value ${quote(text)} holds \${...}, plain text here: only policy Version "2012-10-17" replaces variables`);
      usable.push(withoutEscapes(text));
    } else {
      const substituted = substituteVariables(text, variables, report);
      if (substituted !== undefined) usable.push(substituted);
    }
  }
  return { expected, usable };
}

function substituteVariables(text: string, context: ConditionContext, report: ConditionProblems): string | undefined {
  let result = '';
  for (const part of valueParts(text)) {
    if (part.kind === 'text') {
      result += part.text;
      continue;
    }
    const resolved = resolveKey(part.key, part.key.toLowerCase(), context.issuer, context.claims);
    const value = resolved.values?.length === 1 ? resolved.values[0] : part.defaultValue;
    if (value === undefined) {
      report.add(`the value ${quote(text)} holds the policy variable \${${part.key}}, which this request has no single value for; it matches nothing`);
      return undefined;
    }
    result += escapeForPattern(value);
  }
  return result;
}

// IAM reads numbers and booleans in a policy as their text; CloudFormation functions resolve to text when they
// only join literals; anything else (objects, null, references to parameters) cannot be compared here.
function policyValueText(raw: unknown): { text: string; problem?: string } {
  if (typeof raw === 'string') return { text: raw };
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint') return { text: String(raw) };
  if (raw === null) return { text: 'null', problem: 'is null; it matches nothing' };
  const flattened = flattenIntrinsic(raw);
  if (flattened !== undefined && !flattened.includes('${')) return { text: flattened };
  if (flattened !== undefined) {
    return { text: flattened, problem: 'depends on CloudFormation values unknown here; it matches nothing' };
  }
  return { text: safeJson(raw), problem: 'is not text, a number or a boolean; it matches nothing' };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return `a ${typeof value}`;
  }
}
