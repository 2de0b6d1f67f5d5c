/**
 * The values a workflow text with `${{ }}` expressions can take, as far as they are decided by the files: matrix
 * legs, `choice` inputs and their defaults, the inputs a caller passes, `vars`/`secrets`/`env` the user supplies.
 * Handles the forms found in deploy jobs: a context path (`matrix.env`, `inputs.environment`,
 * `github.event.inputs.x`, `vars.AWS_ROLE`), a quoted literal, and `a || b` / `cond && a || b` alternatives.
 * Anything else is reported as unresolved, naming the expression, never guessed.
 */
import { decide, RunFacts } from './job-condition';

/** What the expressions of one job can read. */
export interface ExpressionContext {
  /** The matrix leg being evaluated; undefined when the job has no matrix; null when its legs are unknown. */
  readonly matrix?: { readonly [key: string]: string } | null;
  /** The possible values of each input; an input missing here may take any value. */
  readonly inputs: { readonly [name: string]: readonly string[] };
  /**
   * For inputs a caller passes as an expression it cannot resolve either (`role: ${{ vars.DEPLOY_ROLE }}`), that
   * expression: reported as what is unresolved, so the name reaches the report and the role lookup.
   */
  readonly inputExpressions?: { readonly [name: string]: string };
  /** `vars.X` and `secrets.X` values the user gave (`--vars`). */
  readonly vars: { readonly [name: string]: string };
  /** `env.X` values: the job's `env` over the workflow's. */
  readonly env: { readonly [name: string]: string };
  /** The run being evaluated, so that `github.ref == 'refs/heads/main' && 'production' || 'staging'` picks one. */
  readonly run?: RunFacts;
}

/** The values a text can take. */
export interface ResolvedText {
  /** Every value the text is known to take (all of them, when `unresolved` is empty). */
  readonly values: string[];
  /** Expressions whose values are not known, as written, e.g. `needs.plan.outputs.role`. */
  readonly unresolved: string[];
}

// A text with more expressions than this, or more combinations, is not enumerated.
const MAX_VALUES = 64;

/** Whether the text holds an expression. */
export function hasExpression(text: string): boolean {
  return text.includes('${{');
}

/** The values of a text that may hold `${{ }}` expressions. */
export function resolveText(text: string, context: ExpressionContext, depth = 0): ResolvedText {
  const parts: Array<string | string[]> = [];
  const unresolved: string[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('${{', at);
    if (open < 0) {
      parts.push(text.slice(at));
      break;
    }
    const close = text.indexOf('}}', open + 3);
    if (close < 0) {
      // GitHub refuses such a workflow; read the rest as text.
      parts.push(text.slice(at));
      break;
    }
    parts.push(text.slice(at, open));
    const expression = text.slice(open + 3, close).trim();
    const values = resolveExpression(expression, context, depth);
    if (values.unresolved.length > 0) unresolved.push(...values.unresolved);
    parts.push(values.values);
    at = close + 2;
  }
  let combinations = [''];
  for (const part of parts) {
    const options = typeof part === 'string' ? [part] : part;
    combinations = combinations.flatMap((prefix) => options.map((option) => prefix + option));
    if (combinations.length > MAX_VALUES) return { values: [], unresolved: [`${text} (more than ${MAX_VALUES} values)`] };
  }
  // An expression with no known value leaves no known combination.
  if (parts.some((part) => Array.isArray(part) && part.length === 0)) combinations = [];
  return { values: [...new Set(combinations)], unresolved: [...new Set(unresolved)] };
}

/**
 * The text with each expression that has exactly one value replaced by it and every other one by `*`: the known
 * shape of a value that is only partly decided, e.g. `arn:aws:iam::*:role/deploy-production`.
 */
export function partialText(text: string, context: ExpressionContext): string {
  return text.replace(/\$\{\{([^}]*)\}\}/g, (_, expression: string) => {
    const resolved = resolveExpression(expression.trim(), context, 0);
    return resolved.unresolved.length === 0 && resolved.values.length === 1 ? resolved.values[0] : '*';
  });
}

function resolveExpression(expression: string, context: ExpressionContext, depth: number): ResolvedText {
  const values: string[] = [];
  const unresolved: string[] = [];
  for (const alternative of splitTopLevel(expression, '||')) {
    const operands = splitTopLevel(alternative, '&&');
    // `cond && 'a'`: when the condition holds the value is the last operand; otherwise the next alternative. With
    // the run known, a condition it decides drops the alternative (false) or ends the search (true, a non-empty value).
    const conditions = operands.slice(0, -1).map((c) => (context.run ? decide(c, context.run) : undefined));
    if (conditions.some((c) => c === false)) continue;
    const operand = operands[operands.length - 1].trim();
    const resolved = resolveOperand(operand, context, depth);
    values.push(...resolved.values);
    unresolved.push(...resolved.unresolved);
    const certain = context.run !== undefined && conditions.every((c) => c === true) && resolved.unresolved.length === 0
      && resolved.values.length > 0 && resolved.values.every((v) => v !== '');
    if (certain) break;
  }
  return { values, unresolved };
}

function resolveOperand(written: string, context: ExpressionContext, depth: number): ResolvedText {
  // `secrets['AWS_ROLE_ARN']` is `secrets.AWS_ROLE_ARN`.
  const operand = written.replace(/\[\s*'([A-Za-z_][\w-]*)'\s*\]/g, '.$1');
  const literal = /^'((?:[^']|'')*)'$/.exec(operand);
  if (literal) return { values: [literal[1].replace(/''/g, '\'')], unresolved: [] };
  const path = /^([A-Za-z_][\w-]*)((?:\.[A-Za-z_][\w-]*)+)$/.exec(operand);
  if (!path) return { values: [], unresolved: [operand] };
  const [root, ...rest] = operand.split('.');
  const name = rest.join('.');
  const unknown = { values: [], unresolved: [operand] };
  switch (root) {
    case 'matrix': {
      const value = context.matrix?.[name];
      return value === undefined ? unknown : { values: [value], unresolved: [] };
    }
    case 'inputs':
      return inputValues(name, context, operand);
    case 'github':
      return name.startsWith('event.inputs.') ? inputValues(name.slice('event.inputs.'.length), context, operand) : unknown;
    case 'vars':
    case 'secrets': {
      const value = context.vars[name];
      return value === undefined ? unknown : { values: [value], unresolved: [] };
    }
    case 'env': {
      const value = context.env[name];
      if (value === undefined || depth > 2) return unknown;
      return resolveText(value, context, depth + 1);
    }
    default:
      return unknown;
  }
}

function inputValues(name: string, context: ExpressionContext, operand: string): ResolvedText {
  const values = context.inputs[name];
  if (values !== undefined) return { values: [...values], unresolved: [] };
  return { values: [], unresolved: [context.inputExpressions?.[name] ?? operand] };
}

/** Splits on an operator outside quotes and parentheses. */
function splitTopLevel(expression: string, operator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '\'') {quoted = !quoted;} else if (!quoted && c === '(') {depth++;} else if (!quoted && c === ')') {depth--;} else if (!quoted && depth === 0 && expression.startsWith(operator, i)) {
      parts.push(expression.slice(start, i));
      start = i + operator.length;
      i += operator.length - 1;
    }
  }
  parts.push(expression.slice(start));
  return parts;
}
