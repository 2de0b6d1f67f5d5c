/**
 * `Fn::ForEach` loops (the `AWS::LanguageExtensions` transform): a template that declares the transform may write
 * `"Fn::ForEach::<loop>": [identifier, collection, { outputKey: fragment }]` in place of resources (or of keys inside
 * them), and CloudFormation writes one copy of the fragment per item, with every `${identifier}` and `&{identifier}`
 * in keys and values, and every `{ "Ref": identifier }`, replaced by the item. A reader that skips such a key skips
 * the roles the loop deploys, e.g. one per repository of a StackSet, whatever their trust policies say.
 *
 * Pure: no aws-cdk-lib import.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html
 */

const LOOP_PREFIX = 'Fn::ForEach::';
const TRANSFORM = 'AWS::LanguageExtensions';

/**
 * Copies of fragments written out before the rest of the loops are read as if their items were unknown. A template
 * holds at most 500 resources, so a template past this many is not deployable as written anyway; reading the rest
 * with unknown items keeps a loop nested to the limit from costing time exponential in its depth.
 */
const MAX_COPIES = 2000;

/**
 * The template with its `Resources` as CloudFormation expands them, when it declares `AWS::LanguageExtensions` and
 * writes a loop; the template itself otherwise (CloudFormation rejects an `Fn::ForEach::` key without the transform).
 *
 * A loop over a literal list of strings is written out item by item. A loop over anything else (a `Ref` to a
 * `CommaDelimitedList` parameter) is written out once with its items unknown: a string that names the identifier
 * becomes `{ "Fn::Sub": ... }` with the identifier as its variable and a `Ref` to it stays, which the validator
 * reads as an expression, by its literal parts.
 */
export function withLoopsExpanded<T>(template: T): T {
  if (!declaresLanguageExtensions((template as any)?.Transform)) return template;
  const resources = (template as any).Resources;
  if (!hasLoop(resources)) return template;
  return { ...template, Resources: expand(resources, { copies: 0 }) };
}

function declaresLanguageExtensions(transform: unknown): boolean {
  const names = Array.isArray(transform) ? transform : [transform];
  return names.some((name) => name === TRANSFORM || (isObject(name) && (name as { Name?: unknown }).Name === TRANSFORM));
}

/** Whether an `Fn::ForEach::` key appears anywhere in the value (resources, or keys inside their properties). */
function hasLoop(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasLoop);
  if (!isObject(value)) return false;
  for (const key of Object.keys(value)) {
    if (key.startsWith(LOOP_PREFIX) || hasLoop((value as { [key: string]: unknown })[key])) return true;
  }
  return false;
}

interface Budget {
  copies: number;
}

interface Loop {
  readonly identifier: string;
  /** The items, or undefined when the collection is known only at deploy time. */
  readonly items?: readonly string[];
  readonly fragment: { readonly [key: string]: unknown };
}

function expand(value: unknown, budget: Budget): any {
  if (Array.isArray(value)) return value.map((item) => expand(item, budget));
  if (!isObject(value)) return value;
  const out: { [key: string]: unknown } = {};
  for (const [key, item] of Object.entries(value)) {
    const loop = key.startsWith(LOOP_PREFIX) ? readLoop(item) : undefined;
    // A malformed loop is kept as written: CloudFormation rejects the template.
    if (!loop) {
      define(out, key, expand(item, budget));
      continue;
    }
    for (const copy of copiesOf(loop, budget)) {
      for (const [outputKey, output] of Object.entries(expand(copy, budget) as { [key: string]: unknown })) {
        define(out, outputKey, output);
      }
    }
  }
  return out;
}

function readLoop(value: unknown): Loop | undefined {
  if (!Array.isArray(value) || value.length !== 3) return undefined;
  const [identifier, collection, fragment] = value;
  if (typeof identifier !== 'string' || identifier === '' || !isObject(fragment)) return undefined;
  const items = Array.isArray(collection) && collection.every((item) => typeof item === 'string') ? collection as string[] : undefined;
  return { identifier, items, fragment: fragment as { [key: string]: unknown } };
}

function copiesOf(loop: Loop, budget: Budget): unknown[] {
  if (loop.items && budget.copies + loop.items.length <= MAX_COPIES) {
    budget.copies += loop.items.length;
    return loop.items.map((item) => substitute(loop.fragment, loop.identifier, { item }));
  }
  return [substitute(loop.fragment, loop.identifier, {})];
}

/** The fragment with the identifier replaced by the item, or (no item) marked as an unknown value. */
function substitute(value: unknown, identifier: string, known: { item?: string }): unknown {
  if (typeof value === 'string') return substituteText(value, identifier, known);
  if (Array.isArray(value)) return value.map((item) => substitute(item, identifier, known));
  if (!isObject(value)) return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0][0] === 'Ref' && entries[0][1] === identifier) {
    return known.item ?? value;
  }
  const out: { [key: string]: unknown } = {};
  for (const [key, item] of entries) {
    // Inside `Fn::Sub` the identifier is already a variable of the expression.
    const inner = key === 'Fn::Sub' && known.item === undefined ? substituteInSub(item, identifier) : substitute(item, identifier, known);
    // With the item unknown, a key stays as written (a logical ID, or a condition key no token carries).
    define(out, known.item === undefined ? key : replaceIdentifier(key, identifier, known.item), inner);
  }
  return out;
}

/** A string value with the item in place of the identifier, or (item unknown) an expression with it as variable. */
function substituteText(text: string, identifier: string, known: { item?: string }): unknown {
  if (!text.includes('${' + identifier + '}') && !text.includes('&{' + identifier + '}')) return text;
  if (known.item !== undefined) return replaceIdentifier(text, identifier, known.item);
  return { 'Fn::Sub': text.split('&{' + identifier + '}').join('${' + identifier + '}') };
}

function replaceIdentifier(text: string, identifier: string, item: string): string {
  return text.split('${' + identifier + '}').join(item).split('&{' + identifier + '}').join(item.replace(/[^A-Za-z0-9]/g, ''));
}

/** An `Fn::Sub` argument with `&{identifier}` written as its variable `${identifier}` (unknown item). */
function substituteInSub(value: unknown, identifier: string): unknown {
  const fix = (text: unknown) => typeof text === 'string' ? text.split('&{' + identifier + '}').join('${' + identifier + '}') : text;
  if (Array.isArray(value)) return [fix(value[0]), ...value.slice(1)];
  return fix(value);
}

function define(target: { [key: string]: unknown }, key: string, value: unknown): void {
  // As JSON.parse would: a `__proto__` key is a property, not the prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
