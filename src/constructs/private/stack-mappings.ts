import { CfnMapping, CfnParameter, Stack } from 'aws-cdk-lib/core';
import { readsMappings } from '../../analysis/policy/conditional';
import { mayReadParameters, parameterEntries, readsParameters } from '../../analysis/policy/template-parameters';

/**
 * The `Mappings` a stack's template will hold (its `CfnMapping`s, resolved), for judging an `Fn::FindInMap` in a
 * trust policy as every value it can read; undefined when the stack defines none.
 */
export function stackMappings(stack: Stack): { [map: string]: unknown } | undefined {
  const mappings: { [map: string]: unknown } = {};
  for (const construct of stack.node.findAll()) {
    if (!(construct instanceof CfnMapping) || Stack.of(construct) !== stack) continue;
    const rendered = stack.resolve(construct._toCloudFormation()) as { Mappings?: { [map: string]: unknown } };
    Object.assign(mappings, rendered?.Mappings ?? {});
  }
  return Object.keys(mappings).length > 0 ? mappings : undefined;
}

/**
 * What the policy reads of the stack's template beside itself: the mappings when it reads one (`Fn::FindInMap`), and
 * the defaults of the parameters it reads (policy/template-parameters.ts); undefined when neither. `resources` are
 * logical IDs known to be resources (the providers): a policy that reads no other name reads no parameter, and the
 * stack's are not gathered (counting a stack's children for each of its roles costs the square of the roles).
 */
export function mappingsReadBy(policy: unknown, stack: Stack, resources: object = {}): { [map: string]: unknown } | undefined {
  const mappings = readsMappings(policy) ? stackMappings(stack) : undefined;
  if (!mayReadParameters(policy, resources)) return mappings;
  const parameters = stackParameters(stack);
  if (parameters === undefined || !readsParameters(policy, parameters.declared)) return mappings;
  return { ...mappings, ...parameters.entries };
}

// Every role of a stack asks: the stack's parameters are gathered once, and again only when the stack has gained or
// lost a child since (a parameter added deeper after a synth would be missed: it is then read as unknown, as before).
const PARAMETERS_BY_STACK = new WeakMap<Stack, { readonly children: number; readonly parameters?: StackParameters }>();

/** A stack's parameters that tell about their values: as declared, and the entries to carry with its mappings. */
interface StackParameters {
  readonly declared: { [logicalId: string]: unknown };
  readonly entries: { [map: string]: unknown };
}

/** The stack's `CfnParameter`s with a default or allowed values, as its template will hold them; undefined when none. */
function stackParameters(stack: Stack): StackParameters | undefined {
  const children = stack.node.children.length;
  const cached = PARAMETERS_BY_STACK.get(stack);
  if (cached && cached.children === children) return cached.parameters;
  const parameters: { [logicalId: string]: unknown } = {};
  for (const construct of stack.node.findAll()) {
    if (!(construct instanceof CfnParameter) || Stack.of(construct) !== stack) continue;
    const rendered = stack.resolve(construct._toCloudFormation()) as { Parameters?: { [logicalId: string]: unknown } };
    Object.assign(parameters, rendered?.Parameters ?? {});
  }
  const entries = parameterEntries(parameters);
  const result = Object.keys(entries).length > 0 ? { declared: parameters, entries } : undefined;
  PARAMETERS_BY_STACK.set(stack, { children, parameters: result });
  return result;
}
