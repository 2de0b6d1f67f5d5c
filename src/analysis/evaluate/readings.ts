/**
 * The ways IAM may read a trust policy where AWS documents nothing: the evaluator judges a policy one way (as
 * written, FACTS.md says which way for each), and these are the others. Each is the policy rewritten so that the
 * evaluator's own reading of the rewrite is IAM's other reading of the original: a condition with an empty list of
 * values ignored, white space trimmed, an operator not written as AWS spells it passed over, one spelling of a key
 * written twice in one block, a provider ARN matched leniently. What must hold however IAM reads the policy (a run
 * refused, `GitHubTrustAssertions.assertCannotAssume`) is judged under every one of them.
 *
 * Only the plain shapes are rewritten: condition blocks and principals behind a CloudFormation expression (`Fn::If`)
 * are walked into, other expressions are left as they are. Pure: no aws-cdk-lib import (DESIGN.md).
 */
import { hasWildcard } from './wildcard';
import { GitHubIssuer } from '../../model/issuer';
import { awsSpelling } from '../policy/document';
import { isExpression } from '../policy/intrinsic-shape';
import { issuerOfMiswrittenPrincipal, issuersNamedByKeys } from '../policy/principal';

/** One way IAM may read a policy, and the policy rewritten so that the evaluator reads it that way. */
export interface PolicyReading {
  /** How IAM reads the policy in this reading, e.g. `with white space trimmed ...`; `as written` for the evaluator's own. */
  readonly description: string;
  readonly document: unknown;
}

type Json = { [key: string]: unknown };

/** A rewrite of one statement: the same object when it changes nothing. */
type StatementRewrite = (statement: Json) => Json;

/** One way IAM may read one thing AWS leaves open, and the rewrite that makes the evaluator read it so. */
interface Alternative {
  readonly description: string;
  readonly rewrite: StatementRewrite;
}

// Each thing AWS leaves open, with the ways IAM may read it other than the evaluator's; in the order a reading
// applies them (white space is trimmed before a spelling is judged).
const OPEN_QUESTIONS: readonly (readonly Alternative[])[] = [
  [{
    description: 'with each condition that has an empty list of values ignored',
    rewrite: (statement) => mapConditionBlocks(statement, withoutEmptyLists),
  }],
  [{ description: 'with white space trimmed from principals and actions', rewrite: trimmedPrincipalsAndActions }],
  [{
    description: 'with provider ARNs matched without regard to case or Region, and wildcards in them as patterns',
    rewrite: (statement) => {
      const named = issuersNamedByKeys(conditionKeysOf(statement));
      return mapFederated(statement, (principal) => leniently(principal, named));
    },
  }],
  [{ description: 'with white space trimmed from condition operators and keys', rewrite: trimmedConditionNames }],
  [{
    description: 'with condition blocks whose operator is not written as AWS spells one ("StringLIKE", "StringLike ") passed over',
    rewrite: (statement) => mapConditions(statement, withoutBlocksNotSpelledAsAws),
  }],
  [{
    description: 'with only the first spelling of a condition key written twice in one block in different case',
    rewrite: (statement) => mapConditionBlocks(statement, (block) => keysWrittenOnce(block, 'first')),
  }, {
    description: 'with only the last spelling of a condition key written twice in one block in different case',
    rewrite: (statement) => mapConditionBlocks(statement, (block) => keysWrittenOnce(block, 'last')),
  }],
];

/**
 * The policy as written, then every other way IAM may read it: each combination of the other readings of the
 * questions the policy leaves open (those whose rewrite changes it), since one reading may undo another (a trimmed
 * key makes a negated condition bite). At most 2^5 x 3 = 96 readings, when one policy leaves every question open;
 * most leave none.
 */
export function policyReadings(document: unknown): PolicyReading[] {
  const asWritten: PolicyReading = { description: 'as written', document };
  if (document === null || typeof document !== 'object') return [asWritten];
  const rewriteDocument = (rewrite: StatementRewrite) =>
    // A template may choose the whole document (`{ "Fn::If": [name, {...}, {...}] }`): each choice is read so.
    throughExpressions(document, (policy) => mapStatements(policy, rewrite));
  const open = OPEN_QUESTIONS
    .map((alternatives) => alternatives.filter((alternative) => rewriteDocument(alternative.rewrite) !== document))
    .filter((alternatives) => alternatives.length > 0);
  let combinations: Alternative[][] = [[]];
  for (const alternatives of open) {
    combinations = combinations.flatMap((chosen) => [chosen, ...alternatives.map((alternative) => [...chosen, alternative])]);
  }
  return combinations.map((chosen) => (chosen.length === 0 ? asWritten : {
    description: chosen.map((alternative) => alternative.description).join('; '),
    document: rewriteDocument((statement) => chosen.reduce((rewritten, alternative) => alternative.rewrite(rewritten), statement)),
  }));
}

function isPlainObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The condition keys of a statement's blocks, as written (blocks a template chooses are not read). */
function conditionKeysOf(statement: Json): string[] {
  const key = elementKey(statement, 'Condition');
  const condition = key === undefined ? undefined : statement[key];
  if (!isPlainObject(condition)) return [];
  return Object.values(condition).flatMap((block) => (isPlainObject(block) ? Object.keys(block) : []));
}

/** The key of `object` that reads as `name` (in any case, with white space around it), or undefined. */
function elementKey(object: Json, name: string): string | undefined {
  if (name in object) return name;
  return Object.keys(object).find((key) => key.trim().toLowerCase() === name.toLowerCase());
}

/** The document with each statement rewritten; the same document when no statement changes. */
function mapStatements(document: Json, rewrite: StatementRewrite): Json {
  const key = elementKey(document, 'Statement');
  if (key === undefined) return document;
  const statements = document[key];
  // Statements chosen by an Fn::If or Fn::Select, or the whole list chosen so, are each rewritten too.
  const mapped = throughExpressions(statements, rewrite);
  return mapped === statements ? document : { ...document, [key]: mapped };
}

/**
 * The list with each item mapped; the same list when no item changes. (Every policy is rewritten once per open
 * question, most of them to nothing: a copy is made only on the first change.)
 */
function mapList(list: unknown[], map: (item: unknown) => unknown): unknown[] {
  let mapped: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = map(list[i]);
    if (mapped) mapped.push(item);
    else if (item !== list[i]) mapped = [...list.slice(0, i), item];
  }
  return mapped ?? list;
}

/**
 * The statement with its Condition element's operator map rewritten: the map itself, or each map inside a
 * CloudFormation expression (`{ "Fn::If": [name, {...}, {...}] }`).
 */
function mapConditions(statement: Json, rewrite: (conditions: Json) => Json): Json {
  const key = elementKey(statement, 'Condition');
  if (key === undefined) return statement;
  const mapped = throughExpressions(statement[key], rewrite);
  return mapped === statement[key] ? statement : { ...statement, [key]: mapped };
}

/** Each plain object of a value, through the arguments of CloudFormation expressions, rewritten. */
function throughExpressions(value: unknown, rewrite: (object: Json) => Json, depth = 0): unknown {
  if (depth > 8) return value;
  if (Array.isArray(value)) return mapList(value, (item) => throughExpressions(item, rewrite, depth + 1));
  if (!isPlainObject(value)) return value;
  if (isExpression(value)) {
    const [key] = Object.keys(value);
    const argument = throughExpressions(value[key], rewrite, depth + 1);
    return argument === value[key] ? value : { [key]: argument };
  }
  return rewrite(value);
}

/**
 * Each text of a value mapped: the value, the items of a list, and the texts an `Fn::If` or `Fn::Select` chooses
 * from (not the parts of an `Fn::Join` or `Fn::Sub`, which are no principal on their own).
 */
function throughChoices(value: unknown, map: (text: unknown) => unknown, depth = 0): unknown {
  if (depth > 8) return value;
  if (Array.isArray(value)) return mapList(value, (item) => throughChoices(item, map, depth + 1));
  if (!isPlainObject(value)) return map(value);
  const keys = Object.keys(value);
  if (keys.length !== 1 || (keys[0] !== 'Fn::If' && keys[0] !== 'Fn::Select') || !Array.isArray(value[keys[0]])) return value;
  const [first, ...choices] = value[keys[0]] as unknown[];
  const mapped = mapList(choices, (choice) => throughChoices(choice, map, depth + 1));
  return mapped === choices ? value : { [keys[0]]: [first, ...mapped] };
}

/** The statement with each operator block of its conditions rewritten. */
function mapConditionBlocks(statement: Json, rewrite: (block: Json) => Json): Json {
  return mapConditions(statement, (conditions) => {
    const rewritten = new Map<string, unknown>();
    for (const operator in conditions) {
      if (!Object.prototype.hasOwnProperty.call(conditions, operator)) continue;
      const block = conditions[operator];
      const changed = isPlainObject(block) ? rewrite(block) : block;
      if (changed !== block) rewritten.set(operator, changed);
    }
    if (rewritten.size === 0) return conditions;
    const blocks: [string, unknown][] = [];
    for (const [operator, block] of Object.entries(conditions)) {
      const changed = rewritten.has(operator) ? rewritten.get(operator) : block;
      // A block left with no key is no condition at all.
      if (changed !== block && isPlainObject(changed) && Object.keys(changed).length === 0) continue;
      blocks.push([operator, changed]);
    }
    return Object.fromEntries(blocks);
  });
}

function withoutEmptyLists(block: Json): Json {
  const isEmptyList = (values: unknown) => Array.isArray(values) && values.length === 0;
  if (!Object.values(block).some(isEmptyList)) return block;
  return Object.fromEntries(Object.entries(block).filter(([, values]) => !isEmptyList(values)));
}

function keysWrittenOnce(block: Json, keep: 'first' | 'last'): Json {
  const keys = Object.keys(block);
  if (keys.length < 2) return block;
  const chosen = new Map<string, [string, unknown]>();
  for (const key of keys) {
    const folded = key.toLowerCase();
    if (keep === 'last' || !chosen.has(folded)) chosen.set(folded, [key, block[key]]);
  }
  return chosen.size === keys.length ? block : Object.fromEntries(chosen.values());
}

/**
 * Without the blocks whose operator is not written as AWS spells one: in another case (`StringLIKE`, which the
 * evaluator reads without case), or none IAM has (`StringLike `, which the evaluator counts as not matching). Whether
 * IAM refuses such a block, reads it so, or passes it over is not documented (FACTS.md, "Condition operators and keys
 * in another case").
 */
function withoutBlocksNotSpelledAsAws(conditions: Json): Json {
  const kept = Object.entries(conditions).filter(([operator]) => awsSpelling(operator) === operator);
  return kept.length === Object.keys(conditions).length ? conditions : Object.fromEntries(kept);
}

/** The statement with white space trimmed from the texts of its Federated principal and its actions. */
function trimmedPrincipalsAndActions(statement: Json): Json {
  const trim = (value: unknown) => (typeof value === 'string' && value.trim() !== value ? value.trim() : value);
  let result = mapFederated(statement, trim);
  for (const element of ['Action', 'NotAction']) {
    const key = elementKey(result, element);
    if (key === undefined) continue;
    const actions = result[key];
    const mapped = Array.isArray(actions) ? mapList(actions, trim) : trim(actions);
    if (mapped !== actions) result = { ...result, [key]: mapped };
  }
  return result;
}

/** The statement with white space trimmed from its condition operators and keys. */
function trimmedConditionNames(statement: Json): Json {
  return mapConditions(statement, (conditions) => {
    const entries = Object.entries(conditions);
    if (!entries.some(([operator, block]) => operator.trim() !== operator
      || (isPlainObject(block) && Object.keys(block).some((key) => key.trim() !== key)))) return conditions;
    // Names that are one once trimmed merge, as IAM would then read them (the later spelling's keys last). Maps, not
    // assignments: a name "__proto__" stays a name.
    const merged = new Map<string, unknown>();
    for (const [operator, block] of entries) {
      const name = operator.trim();
      if (!isPlainObject(block)) {
        merged.set(name, block);
        continue;
      }
      const earlier = merged.get(name);
      const into = new Map<string, unknown>(isPlainObject(earlier) ? Object.entries(earlier) : []);
      for (const [key, values] of Object.entries(block)) into.set(key.trim(), values);
      merged.set(name, Object.fromEntries(into));
    }
    return Object.fromEntries(merged);
  });
}

/** The statement with each text of its Federated principal (in a Principal or NotPrincipal) mapped. */
function mapFederated(statement: Json, map: (principal: unknown) => unknown): Json {
  let result = statement;
  for (const element of ['Principal', 'NotPrincipal']) {
    const key = elementKey(result, element);
    if (key === undefined) continue;
    const principal = result[key];
    const mapOne = (item: unknown): unknown => {
      if (!isPlainObject(item)) return item;
      const federatedKey = elementKey(item, 'Federated');
      if (federatedKey === undefined) return item;
      const federated = item[federatedKey];
      const mapped = throughChoices(federated, map);
      return mapped === federated ? item : { ...item, [federatedKey]: mapped };
    };
    const mapped = Array.isArray(principal) ? mapList(principal, mapOne) : mapOne(principal);
    if (mapped !== principal) result = { ...result, [key]: mapped };
  }
  return result;
}

/**
 * A provider ARN written loosely (another case, a Region, a wildcard; principal.ts) as the ARN of the GitHub provider
 * it would then name, in the partition and account it writes (any account, `*`, where it writes none); a pattern of
 * enterprise providers as the enterprise's the statement's keys name (`named`).
 */
function leniently(principal: unknown, named: readonly GitHubIssuer[]): unknown {
  // An ARN however written, or a pattern that is none (`*:oidc-provider/token.actions.githubusercontent.com`); not a
  // provider named by its host, which no reading makes an ARN.
  if (typeof principal !== 'string' || !(/^\s*arn:/i.test(principal) || hasWildcard(principal))) return principal;
  const issuer = issuerOfMiswrittenPrincipal(principal.trim(), named);
  if (!issuer) return principal;
  const partition = /^arn:([^:*?]+):/i.exec(principal.trim())?.[1]?.toLowerCase() ?? 'aws';
  const account = /:(\d{12}):/.exec(principal)?.[1] ?? '*';
  return issuer.providerArn(partition, account);
}
