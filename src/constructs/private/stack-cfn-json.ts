import { CfnResource, Stack } from 'aws-cdk-lib/core';
import { renderedResource } from './rendered-resource';
import { oidcProvidersOf } from './stack-providers';
import { CFN_JSON_TYPE, cfnJsonValuesOf, readsCfnJson, withCfnJsonValues } from '../../analysis/policy/cfn-json';
import { ProviderUrls } from '../../analysis/policy/principal';

/**
 * A synthesized trust policy with each `Fn::GetAtt` of a `CfnJson`'s `Value` read as the JSON the stack's
 * `Custom::AWSCDKCfnJson` resource returns (policy/cfn-json.ts); the policy itself when it reads none, which is the
 * common case and costs one walk of it. A CfnJson's keys may name the issuer of one of the stack's providers: their
 * URLs are `providerUrls` when the caller has them, else gathered here (only for a policy that reads a CfnJson).
 */
export function withStackCfnJson(policy: unknown, stack: Stack, providerUrls?: ProviderUrls): unknown {
  if (!readsCfnJson(policy)) return policy;
  const resources: { [logicalId: string]: unknown } = {};
  for (const construct of stack.node.findAll()) {
    if (!(construct instanceof CfnResource) || construct.cfnResourceType !== CFN_JSON_TYPE || Stack.of(construct) !== stack) continue;
    const rendered = renderedResource(stack, construct);
    const logicalId = stack.resolve(construct.logicalId);
    if (rendered && typeof logicalId === 'string') resources[logicalId] = rendered;
  }
  const values = cfnJsonValuesOf(resources, providerUrls ?? oidcProvidersOf(stack));
  return values ? withCfnJsonValues(policy, values) : policy;
}
