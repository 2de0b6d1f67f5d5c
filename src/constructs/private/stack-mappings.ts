import { CfnMapping, Stack } from 'aws-cdk-lib/core';
import { readsMappings } from '../../analysis/policy/conditional';

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

/** The stack's mappings when the policy reads one (`Fn::FindInMap`); undefined otherwise, without looking. */
export function mappingsReadBy(policy: unknown, stack: Stack): { [map: string]: unknown } | undefined {
  return readsMappings(policy) ? stackMappings(stack) : undefined;
}
