import { CfnResource, Stack } from 'aws-cdk-lib/core';
import { renderedResource } from './rendered-resource';
import { CFN_JSON_TYPE, cfnJsonValuesOf, readsCfnJson, withCfnJsonValues } from '../../analysis/policy/cfn-json';

/**
 * A synthesized trust policy with each `Fn::GetAtt` of a `CfnJson`'s `Value` read as the JSON the stack's
 * `Custom::AWSCDKCfnJson` resource returns (policy/cfn-json.ts); the policy itself when it reads none, which is the
 * common case and costs one walk of it.
 */
export function withStackCfnJson(policy: unknown, stack: Stack): unknown {
  if (!readsCfnJson(policy)) return policy;
  const resources: { [logicalId: string]: unknown } = {};
  for (const construct of stack.node.findAll()) {
    if (!(construct instanceof CfnResource) || construct.cfnResourceType !== CFN_JSON_TYPE || Stack.of(construct) !== stack) continue;
    const rendered = renderedResource(stack, construct);
    const logicalId = stack.resolve(construct.logicalId);
    if (rendered && typeof logicalId === 'string') resources[logicalId] = rendered;
  }
  const values = cfnJsonValuesOf(resources);
  return values ? withCfnJsonValues(policy, values) : policy;
}
