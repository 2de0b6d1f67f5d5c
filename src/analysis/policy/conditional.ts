/**
 * Trust policies with CloudFormation conditions in them (`Fn::If`), as templates write them: a statement, a `sub`
 * value, a whole `Condition` block chosen by a condition such as `IsProduction`. CloudFormation deploys one branch,
 * decided by the stack's parameters; a reader of the template cannot know which, so the policy admits whatever any
 * choice admits. `policyVariants` lists the policy once for each way its conditions can be decided, each a plain
 * document the rules can judge (a policy is as open as its most open variant).
 *
 * Conditions are decided by name, as CloudFormation does: two `Fn::If`s on `IsProduction` take the same branch.
 * `{ "Ref": "AWS::NoValue" }` as the chosen branch removes the property it stands for, and (UNVERIFIED: the docs speak
 * of properties; it admits nothing more either way) the list element.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html
 */

/** How one condition was decided for a variant. */
export interface ConditionChoice {
  /** The condition's name, as `Fn::If` names it. */
  readonly condition: string;
  readonly value: boolean;
}

/** The policy with every condition decided. */
export interface PolicyVariant {
  /** The document CloudFormation would deploy for these choices. */
  readonly document: unknown;
  readonly choices: readonly ConditionChoice[];
}

/** At most this many conditions are decided every way (2^6 = 64 variants); more are refused, not guessed. */
export const MAX_CONDITIONS = 6;

// Policies are small; deeper nesting than this is no policy IAM accepts.
const MAX_DEPTH = 64;

/** Removed where it is chosen: CloudFormation's "no value". */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * The names of the conditions a document's `Fn::If`s decide on, in the order first met (empty: none). `text`, the
 * JSON the document was read from, when there is one, spares the walk of the many policies without any.
 */
export function conditionNames(document: unknown, text?: string): string[] {
  if (text !== undefined ? !text.includes('Fn::If') : !containsIf(document, 0)) return [];
  const names: string[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const args = ifArguments(value);
    if (args) {
      const name = conditionName(args[0]);
      if (!names.includes(name)) names.push(name);
    }
    for (const key of Object.keys(value)) visit((value as { [key: string]: unknown })[key], depth + 1);
  };
  visit(document, 0);
  return names;
}

/** Whether an `Fn::If` key appears anywhere in the value: the common case, none, without allocating. */
function containsIf(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (containsIf(value[i], depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (key === 'Fn::If' || containsIf((value as { [key: string]: unknown })[key], depth + 1)) return true;
  }
  return false;
}

/**
 * The document once for each way of deciding its conditions, or undefined when it names more than MAX_CONDITIONS
 * (the caller reports that it cannot judge every variant). A document without `Fn::If` is its only variant.
 */
export function policyVariants(document: unknown): PolicyVariant[] | undefined {
  const names = conditionNames(document);
  if (names.length > MAX_CONDITIONS) return undefined;
  const variants: PolicyVariant[] = [];
  for (let variant = 0; variant < 2 ** names.length; variant++) {
    // The i-th condition is true in the first half of each run of 2^(i+1) variants: every combination once.
    const choices = names.map((condition, i) => ({ condition, value: Math.floor(variant / 2 ** i) % 2 === 0 }));
    const decided = new Map(choices.map((choice) => [choice.condition, choice.value]));
    const chosen = choose(document, decided, 0);
    variants.push({ document: chosen === NO_VALUE ? undefined : chosen, choices });
  }
  return variants;
}

/** How a variant's choices read in a message: `IsProduction true, IsEu false`. */
export function describeChoices(choices: readonly ConditionChoice[]): string {
  return choices.map((choice) => `${choice.condition} ${choice.value}`).join(', ');
}

function choose(value: unknown, decided: Map<string, boolean>, depth: number): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const chosen = choose(item, decided, depth + 1);
      if (chosen !== NO_VALUE) items.push(chosen);
    }
    return items;
  }
  const args = ifArguments(value);
  if (args) {
    const branch = decided.get(conditionName(args[0])) ? args[1] : args[2];
    return isNoValue(branch) ? NO_VALUE : choose(branch, decided, depth + 1);
  }
  const result: { [key: string]: unknown } = {};
  for (const key of Object.keys(value)) {
    const chosen = choose((value as { [key: string]: unknown })[key], decided, depth + 1);
    if (chosen === NO_VALUE) continue;
    // As JSON.parse would: define `__proto__` as a key instead of setting the prototype.
    if (key === '__proto__') Object.defineProperty(result, key, { value: chosen, enumerable: true, writable: true, configurable: true });
    else result[key] = chosen;
  }
  return result;
}

/** The three arguments of `{ "Fn::If": [condition, ifTrue, ifFalse] }`, when the object is one. */
function ifArguments(value: object): [unknown, unknown, unknown] | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'Fn::If') return undefined;
  const args = (value as { 'Fn::If': unknown })['Fn::If'];
  return Array.isArray(args) && args.length === 3 ? [args[0], args[1], args[2]] : undefined;
}

function conditionName(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

function isNoValue(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    && Object.keys(value).length === 1 && (value as { Ref?: unknown }).Ref === 'AWS::NoValue';
}
