/**
 * Trust policies with CloudFormation choices in them, as templates write them: a statement, a `sub` value, a whole
 * `Condition` block chosen by a condition such as `IsProduction` (`Fn::If`), or picked from a literal list by an index
 * the stack's parameters decide (`Fn::Select`). CloudFormation deploys one choice; a reader of the template cannot
 * know which, so the policy admits whatever any choice admits. `policyVariants` lists the policy once for each way its
 * choices can be made, each a plain document the rules can judge (a policy is as open as its most open variant).
 *
 * Conditions are decided by name, as CloudFormation does: two `Fn::If`s on `IsProduction` take the same branch.
 * `{ "Ref": "AWS::NoValue" }` as the chosen branch removes the property it stands for, and (UNVERIFIED: the docs speak
 * of properties; it admits nothing more either way) the list element.
 *
 * With the template's `Mappings`, an `Fn::FindInMap` of a mapping it defines is a choice too: among the values under
 * every key its expressions may pick (a literal key picks one). With its parameters' defaults (carried with the
 * mappings, template-parameters.ts), reading a parameter that has one is a choice: the defaults, or values given at
 * deploy; and reading one with `AllowedValues` is a choice among them.
 *
 * An `Fn::Select` (of a written list, or of `Fn::Split` of literal text) with a literal index is no choice: it is
 * replaced by the element it selects; so is an `Fn::Split` of literal text anywhere else, by the list it makes. One
 * whose index is an expression is a choice among its list's elements, each `Fn::Select` on its own (two that share an
 * index expression may in fact agree: judging them apart can only find more, never less).
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html
 */
import type { ParsedPolicy } from './document';
import { soleValue } from './intrinsic-shape';
import { carriedAllowedValues, carriedDefaults, ParameterValues, parametersRead, readsParameters, withParameterValues } from './template-parameters';

/**
 * How one choice was made for a variant: `IsProduction` false, the `Fn::Select` index `{"Ref":"Idx"}` 1, the
 * `Fn::FindInMap` of `Stages` at `dev/Sub`.
 */
export interface TemplateChoice {
  /** The condition's name, the `Fn::Select` and its index expression, or the `Fn::FindInMap` and its mapping. */
  readonly label: string;
  readonly value: string;
}

/** The policy with every choice made. */
export interface PolicyVariant {
  /** The document CloudFormation would deploy for these choices. */
  readonly document: unknown;
  readonly choices: readonly TemplateChoice[];
}

/**
 * A template's `Mappings` section: map name -> top-level key -> second-level key -> value; and, under
 * `PARAMETER_DEFAULTS` and `PARAMETER_ALLOWED_VALUES` (template-parameters.ts), what its parameters may be.
 */
export type TemplateMappings = { readonly [map: string]: unknown };

/** At most this many variants are judged (six conditions); more are refused, not guessed. */
export const MAX_VARIANTS = 64;

// Policies are small; deeper nesting than this is no policy IAM accepts.
const MAX_DEPTH = 64;

/** Removed where it is chosen: CloudFormation's "no value". */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * One place where the template chooses: a named condition (two ways), an `Fn::Select` (one way per element), or an
 * `Fn::FindInMap` (one way per value it can read).
 */
interface ChoicePoint {
  readonly label: string;
  readonly ways: number;
  /** The `Fn::Select` or `Fn::FindInMap` object; undefined for a condition (decided by name). */
  readonly site?: object;
  /** For a `Fn::FindInMap`: the keys and value of each way. */
  readonly lookups?: readonly MapLookup[];
  /** For the parameters' defaults: way 0 takes them, way 1 leaves the parameters unknown. */
  readonly defaults?: ParameterValues;
  /** For a parameter with allowed values: one way per value. */
  readonly allowed?: { readonly name: string; readonly values: readonly string[] };
  /**
   * For the parameters past the budget of ways: way 1 gives each the allowed value that widens the policy most
   * (see `widestReading`), way 0 leaves them as the other choices read them.
   */
  readonly widest?: ParameterValues;
}

// The ways parameters' allowed values may add to a policy's; past it, the rest make one choice together (widest).
const MAX_ALLOWED_WAYS = 16;

// An allowed value that may widen what the policy admits: a wildcard, or a policy variable IAM replaces.
const WIDENS = /[*?]|\$\{/;

/** How the choice of the parameters' defaults is named. */
const PARAMETERS = 'the parameters';
const DEFAULTS_TAKEN = 'take their Defaults';
const DEFAULTS_NOT_TAKEN = 'are given at deploy';
// How the widest choice reads, for one parameter and for several: [way 0, way 1].
const WIDEST_ONE = ['takes another value', 'takes its allowed value with a wildcard'];
const WIDEST_SEVERAL = ['take other values', 'take their allowed values with a wildcard'];
const READ_WITHOUT_IS = new Set([...WIDEST_ONE, ...WIDEST_SEVERAL]);

interface MapLookup {
  readonly keys: string;
  readonly value: unknown;
}

/**
 * The choices a document makes, described (`IsProduction`, `Fn::Select index {"Ref":"Idx"}`; a select with a literal
 * index too, though it has one way), in the order first met; empty for the many documents without. `text`, the JSON
 * the document was read from, spares the walk of those.
 */
export function templateChoices(document: unknown, text?: string, mappings?: TemplateMappings): string[] {
  return choicePoints(document, text, mappings).map((point) => point.label);
}

/**
 * The document once for each way of making its choices, or undefined when there are more than MAX_VARIANTS (the
 * caller reports that it cannot judge every variant). A document without choices is its only variant.
 */
export function policyVariants(document: unknown, mappings?: TemplateMappings): PolicyVariant[] | undefined {
  const points = choicePoints(document, undefined, mappings);
  let count = 1;
  for (const point of points) {
    count *= point.ways;
    if (count > MAX_VARIANTS) return undefined;
  }
  const variants: PolicyVariant[] = [];
  for (let variant = 0; variant < count; variant++) {
    // A mixed-radix count: every combination of ways once.
    let rest = variant;
    const conditions = new Map<string, boolean>();
    const selects = new Map<object, number>();
    const lookups = new Map<object, unknown>();
    const choices: TemplateChoice[] = [];
    let defaults: ParameterValues | undefined;
    const picked: { [name: string]: string } = {};
    for (const point of points) {
      const way = rest % point.ways;
      rest = Math.floor(rest / point.ways);
      if (point.defaults) {
        if (way === 0) defaults = point.defaults;
        choices.push({ label: PARAMETERS, value: way === 0 ? DEFAULTS_TAKEN : DEFAULTS_NOT_TAKEN });
      } else if (point.widest) {
        if (way === 1) Object.assign(picked, point.widest);
        choices.push({ label: point.label, value: (Object.keys(point.widest).length > 1 ? WIDEST_SEVERAL : WIDEST_ONE)[way] });
      } else if (point.allowed) {
        picked[point.allowed.name] = point.allowed.values[way];
        choices.push({ label: point.label, value: JSON.stringify(point.allowed.values[way]) });
      } else if (point.lookups) {
        lookups.set(point.site!, point.lookups[way].value);
        if (point.ways > 1) choices.push({ label: point.label, value: point.lookups[way].keys });
      } else if (point.site) {
        selects.set(point.site, way);
        if (point.ways > 1) choices.push({ label: point.label, value: String(way) });
      } else {
        conditions.set(point.label, way === 0);
        choices.push({ label: point.label, value: String(way === 0) });
      }
    }
    // An allowed value picked wins over the default of the same parameter.
    const values = defaults || Object.keys(picked).length > 0 ? { ...defaults, ...picked } : undefined;
    const chosen = choose(document, { conditions, selects, lookups, values }, 0);
    variants.push({ document: chosen === NO_VALUE ? undefined : chosen, choices });
  }
  return variants;
}

/** A read policy's choices: their descriptions, and its variants (undefined when there are too many to judge). */
export interface PolicyChoices {
  readonly names: string[];
  readonly variants?: PolicyVariant[];
}

/**
 * The choices of a policy as `parsePolicy` read it (the document parsed from its text, or the object given), or
 * undefined when it makes none: what the validator and `audit` both ask before judging or listing a policy.
 */
export function policyChoices(policy: ParsedPolicy, input: unknown, mappings?: TemplateMappings): PolicyChoices | undefined {
  const document = policy.parsedText !== undefined ? policy.parsedText : typeof input === 'string' ? undefined : input;
  const names = templateChoices(document, policy.sourceText, mappings);
  return names.length === 0 ? undefined : { names, variants: policyVariants(document, mappings) };
}

/** How a variant's choices read in a message: `IsProduction is false, Fn::Select index {"Ref":"Idx"} is 1`. */
export function describeChoices(choices: readonly TemplateChoice[]): string {
  return choices.map((choice) => (choice.label === PARAMETERS || READ_WITHOUT_IS.has(choice.value)
    ? `${choice.label} ${choice.value}` : `${choice.label} is ${choice.value}`)).join(', ');
}

function choicePoints(document: unknown, text?: string, mappings?: TemplateMappings): ChoicePoint[] {
  // As the validator reads its templateMappings option: a list is no Mappings section (CloudFormation refuses it).
  const maps = mappings !== undefined && mappings !== null && typeof mappings === 'object' && !Array.isArray(mappings);
  const points: ChoicePoint[] = maps ? parameterPoints(document, text, mappings!) : [];
  const mentioned = text === undefined || text.includes('Fn::If') || text.includes('Fn::Select') || text.includes('Fn::Split')
    || (maps && text.includes('Fn::FindInMap'));
  if (!mentioned || !containsKey(document, maps ? CHOICE_OR_LOOKUP_KEYS : CHOICE_KEYS, 0)) return points;
  const visit = (value: unknown, depth: number) => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const condition = ifArguments(value);
    if (condition) {
      const label = conditionName(condition[0]);
      if (!points.some((point) => !point.site && point.label === label)) points.push({ label, ways: 2 });
    }
    const select = selectArguments(value);
    if (select && select[1].length > 0) {
      // A literal index makes one way: the element it selects, no choice to report.
      const literal = literalIndex(select[0]) !== undefined;
      points.push({ label: `Fn::Select index ${JSON.stringify(select[0]) ?? String(select[0])}`, ways: literal ? 1 : select[1].length, site: value });
    }
    // A split of literal text is no choice either: the list it makes, wherever it stands (a value list, a join).
    if (splitList(value)) points.push({ label: 'Fn::Split', ways: 1, site: value });
    const lookup = maps ? mapArguments(value) : undefined;
    if (lookup) {
      const found = lookupsOf(mappings!, lookup);
      if (found.length > 0) points.push({ label: `Fn::FindInMap ${lookup[0]}`, ways: found.length, site: value, lookups: found });
    }
    for (const key of Object.keys(value)) visit((value as { [key: string]: unknown })[key], depth + 1);
  };
  visit(document, 0);
  return points;
}

/** The choices the parameters a document reads make (template-parameters.ts): their defaults, their allowed values. */
function parameterPoints(document: unknown, text: string | undefined, mappings: TemplateMappings): ChoicePoint[] {
  if (text !== undefined && !text.includes('Ref') && !text.includes('Fn::Sub')) return [];
  const points: ChoicePoint[] = [];
  const defaults = carriedDefaults(mappings);
  if (defaults && readsParameters(document, defaults)) points.push({ label: PARAMETERS, ways: 2, defaults });
  const allowed = carriedAllowedValues(mappings);
  if (!allowed) return points;
  let ways = 1;
  const widest: { [name: string]: string } = {};
  for (const name of parametersRead(document, allowed)) {
    const values = allowed[name];
    if (ways * values.length <= MAX_ALLOWED_WAYS) {
      ways *= values.length;
      points.push({ label: `parameter ${name}`, ways: values.length, allowed: { name, values } });
      continue;
    }
    // Past the budget a value cannot be a way of its own, but the stack may still be deployed with any of them: the
    // ones that widen the policy are judged together, in one way more.
    const reading = widestReading(values);
    if (reading !== undefined) widest[name] = reading;
  }
  const names = Object.keys(widest);
  if (names.length > 0) points.push({ label: `parameter${names.length > 1 ? 's' : ''} ${names.join(', ')}`, ways: 2, widest });
  return points;
}

/**
 * The allowed value that admits the most, for a parameter past the budget of ways: its one value with a wildcard or
 * a policy variable, or `*` when several have one (which admits whatever any of them would, and more: the safe side);
 * undefined when none has (each then names one repository and one run, as the default does).
 */
function widestReading(values: readonly string[]): string | undefined {
  const widening = [...new Set(values.filter((value) => WIDENS.test(value)))];
  if (widening.length === 0) return undefined;
  return widening.length === 1 ? widening[0] : '*';
}

/**
 * The values an `Fn::FindInMap` of a defined mapping can read: under the literal key, or every key where the key is
 * an expression (a parameter picks it), with the keys that lead to each (`prod/Sub`).
 */
function lookupsOf(mappings: TemplateMappings, [map, first, second]: [string, unknown, unknown]): MapLookup[] {
  const table = (mappings as { [map: string]: unknown })[map];
  if (table === null || typeof table !== 'object' || Array.isArray(table)) return [];
  const keysOf = (object: object, key: unknown) => typeof key === 'string' ? (Object.prototype.hasOwnProperty.call(object, key) ? [key] : [])
    : Object.keys(object);
  const found: MapLookup[] = [];
  for (const top of keysOf(table, first)) {
    const level = (table as { [key: string]: unknown })[top];
    if (level === null || typeof level !== 'object' || Array.isArray(level)) continue;
    for (const inner of keysOf(level, second)) found.push({ keys: `${top}/${inner}`, value: (level as { [key: string]: unknown })[inner] });
  }
  return found;
}

/** Whether an `Fn::FindInMap` appears in the value: only then are a stack's mappings worth gathering. */
export function readsMappings(value: unknown): boolean {
  return containsKey(value, LOOKUP_KEYS, 0);
}

const CHOICE_KEYS: ReadonlySet<string> = new Set(['Fn::If', 'Fn::Select', 'Fn::Split']);
const LOOKUP_KEYS: ReadonlySet<string> = new Set(['Fn::FindInMap']);
const CHOICE_OR_LOOKUP_KEYS: ReadonlySet<string> = new Set([...CHOICE_KEYS, ...LOOKUP_KEYS]);

/**
 * Whether one of the `wanted` keys appears anywhere in the value: the common case, none, without allocating. Every
 * synthesized role's policy is walked here, mostly by code V8 has not optimized yet, so the walk makes as few calls
 * as it can: none for a member that is not an object, a set lookup per key.
 */
function containsKey(value: unknown, wanted: ReadonlySet<string>, depth: number): boolean {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object' && containsKey(item, wanted, depth + 1)) return true;
    }
    return false;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    if (wanted.has(keys[i])) return true;
    const member = (value as { [key: string]: unknown })[keys[i]];
    if (member !== null && typeof member === 'object' && containsKey(member, wanted, depth + 1)) return true;
  }
  return false;
}

interface Decisions {
  readonly conditions: ReadonlyMap<string, boolean>;
  readonly selects: ReadonlyMap<object, number>;
  /** The value each `Fn::FindInMap` reads. */
  readonly lookups: ReadonlyMap<object, unknown>;
  /** The parameters' values the variant takes: their defaults, and the allowed values picked. */
  readonly values?: ParameterValues;
}

function choose(value: unknown, decided: Decisions, depth: number): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const chosen = choose(item, decided, depth + 1);
      if (chosen !== NO_VALUE) items.push(chosen);
    }
    return items;
  }
  const condition = ifArguments(value);
  if (condition) {
    const branch = decided.conditions.get(conditionName(condition[0])) ? condition[1] : condition[2];
    return isNoValue(branch) ? NO_VALUE : choose(branch, decided, depth + 1);
  }
  if (decided.values) {
    const deployed = withParameterValues(value, decided.values);
    if (deployed !== undefined) return choose(deployed, decided, depth + 1);
  }
  if (decided.lookups.has(value)) {
    const read = decided.lookups.get(value);
    return isNoValue(read) ? NO_VALUE : choose(read, decided, depth + 1);
  }
  const split = splitList(value);
  if (split) return split;
  const select = selectArguments(value);
  if (select) {
    const index = literalIndex(select[0]) ?? decided.selects.get(value);
    // An index out of range fails the deploy: nothing to choose, the expression is judged as written.
    if (index !== undefined && index < select[1].length) {
      const element = select[1][index];
      return isNoValue(element) ? NO_VALUE : choose(element, decided, depth + 1);
    }
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
  const args = soleValue(value, 'Fn::If');
  return Array.isArray(args) && args.length === 3 ? [args[0], args[1], args[2]] : undefined;
}

/**
 * The index and the literal list of `{ "Fn::Select": [index, list] }`, when the object is one: a list written out, or
 * `{ "Fn::Split": [delimiter, text] }` of literal text (split here as CloudFormation would).
 */
function selectArguments(value: object): [unknown, unknown[]] | undefined {
  const args = soleValue(value, 'Fn::Select');
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  if (Array.isArray(args[1])) return [args[0], args[1]];
  const split = args[1] !== null && typeof args[1] === 'object' ? splitList(args[1]) : undefined;
  return split ? [args[0], split] : undefined;
}

/** The list `{ "Fn::Split": [delimiter, text] }` of literal text makes, split as CloudFormation would. */
function splitList(value: object): string[] | undefined {
  const split = soleValue(value, 'Fn::Split');
  if (Array.isArray(split) && split.length === 2 && typeof split[0] === 'string' && split[0] !== '' && typeof split[1] === 'string') {
    return split[1].split(split[0]);
  }
  return undefined;
}

/** The map name and the two keys of `{ "Fn::FindInMap": [map, key, key] }` with a literal map name. */
function mapArguments(value: object): [string, unknown, unknown] | undefined {
  const args = soleValue(value, 'Fn::FindInMap');
  return Array.isArray(args) && args.length === 3 && typeof args[0] === 'string' ? [args[0], args[1], args[2]] : undefined;
}


/** A literal index: a whole number, or its decimal text. */
function literalIndex(value: unknown): number | undefined {
  const index = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(index) && index >= 0 ? index : undefined;
}

function conditionName(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

function isNoValue(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    && Object.keys(value).length === 1 && (value as { Ref?: unknown }).Ref === 'AWS::NoValue';
}
