/**
 * The role ARN as text at synth time, when it can be known: a literal ARN, or one CloudFormation will produce from
 * values the app already fixes (an explicit account and region, and a role name that is not generated). Anything
 * else stays unknown: the snippet then reads the ARN from a repository variable instead of guessing.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { Stack, Token } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { flattenIntrinsic, referencedLogicalId } from '../../../analysis/policy/principal';
import { regionPartition } from '../../private/region-partition';

/** The region of the role's stack, when the app fixes it. */
export function literalRegion(role: iam.IRole): string | undefined {
  const region = Stack.of(role).region;
  return Token.isUnresolved(region) ? undefined : region;
}

/** The role's ARN, when it is known at synth time. */
export function literalRoleArn(role: iam.IRole): string | undefined {
  if (!Token.isUnresolved(role.roleArn)) return role.roleArn;
  const stack = Stack.of(role);
  const region = literalRegion(role);
  // The partition follows from the region (aws, aws-cn, aws-us-gov, ...); Stack.partition itself stays a token.
  const partition = region === undefined ? undefined : regionPartition(region);
  const account = Token.isUnresolved(stack.account) ? undefined : stack.account;
  if (partition === undefined || account === undefined) return undefined;

  const resolved = stack.resolve(role.roleArn);
  const logicalId = referencedLogicalId(resolved);
  if (logicalId !== undefined) return arnOfRoleResource(stack, logicalId, partition, account);
  // An imported role (fromRoleName, an ARN built with pseudo parameters): fill in the ones the app fixes.
  const text = flattenIntrinsic(resolved)
    ?.replace(/\$\{AWS\.Partition\}/g, partition)
    .replace(/\$\{AWS\.AccountId\}/g, account)
    .replace(/\$\{AWS\.Region\}/g, region!);
  return text === undefined || text.includes('${') ? undefined : text;
}

/** `arn:<partition>:iam::<account>:role<path><name>` of an `AWS::IAM::Role` of the stack with an explicit name. */
function arnOfRoleResource(stack: Stack, logicalId: string, partition: string, account: string): string | undefined {
  const resource = stack.node.findAll().find((c: Construct) =>
    c instanceof iam.CfnRole && stack.resolve(c.logicalId) === logicalId) as iam.CfnRole | undefined;
  const name = resource?.roleName;
  const path = resource?.path ?? '/';
  if (name === undefined || Token.isUnresolved(name) || Token.isUnresolved(path)) return undefined;
  return `arn:${partition}:iam::${account}:role${path}${name}`;
}
