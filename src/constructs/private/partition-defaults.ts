import { Stack, Token } from 'aws-cdk-lib/core';
import { regionPartition } from './region-partition';

/**
 * The stack's partition: CDK leaves `stack.partition` a token even when the region is known, so it is read from the
 * region (aws-cdk-lib's region facts, see region-partition.ts). Undefined for an environment-agnostic stack or an unknown region.
 */
export function partitionOf(stack: Stack): string | undefined {
  // Asked for every role, provider and snippet of the stack: read the region facts once per stack.
  if (PARTITIONS.has(stack)) return PARTITIONS.get(stack);
  const partition = !Token.isUnresolved(stack.partition) ? stack.partition
    : Token.isUnresolved(stack.region) ? undefined : regionPartition(stack.region);
  PARTITIONS.set(stack, partition);
  return partition;
}

// A stack's environment is fixed when it is constructed, so its partition cannot change afterwards.
const PARTITIONS = new WeakMap<Stack, string | undefined>();

/** What aws-actions/configure-aws-credentials requests as `aud` unless its `audience` input says otherwise. */
export const ACTION_DEFAULT_AUDIENCE = 'sts.amazonaws.com';

/** The audience configure-aws-credentials' README has China-region workflows request (FACTS.md, repository). */
export const CHINA_AUDIENCE = 'sts.amazonaws.com.cn';

/**
 * The audience a role, its provider and its workflow snippet agree on when none is given: `sts.amazonaws.com.cn` in
 * a stack of the China partition (aws-cn), as configure-aws-credentials documents for China regions
 * (README, "OIDC audience"; aws-actions/configure-aws-credentials#457 "Incorrect token audience"), else
 * `sts.amazonaws.com`, the action's default. An environment-agnostic stack's partition is unknown: the default.
 */
export function defaultAudience(stack: Stack): string {
  return partitionOf(stack) === 'aws-cn' ? CHINA_AUDIENCE : ACTION_DEFAULT_AUDIENCE;
}
