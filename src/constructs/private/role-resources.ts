import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnResource, Stack } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { renderedResource } from './rendered-resource';
import { SAM_FUNCTION_TYPE, samFunctionTrustPolicy } from '../../analysis/template/sam-function';

const ROLE_TYPE = 'AWS::IAM::Role';

/**
 * Whether the construct is a CloudFormation resource that may synthesize to an `AWS::IAM::Role`: an `iam.CfnRole`, a
 * `new CfnResource(scope, id, { type: 'AWS::IAM::Role' })` (as other libraries and `cfn-include` of unknown types
 * write roles), a SAM function (`sam.CfnFunction`), whose role the SAM transform writes, or any resource whose `Type`
 * an escape hatch overrides (`addOverride('Type', ...)`). The checks
 * must find every one: a role the trust checks do not see is a role anyone may have written `repo:*` into.
 */
export function mayBeRoleResource(construct: IConstruct): construct is CfnResource {
  return construct instanceof iam.CfnRole || mayBeResourceOfType(construct, ROLE_TYPE) || mayBeResourceOfType(construct, SAM_FUNCTION_TYPE);
}

/** Whether the construct is a CloudFormation resource of the type, or one whose `Type` an override may make it. */
export function mayBeResourceOfType(construct: IConstruct, type: string): construct is CfnResource {
  return CfnResource.isCfnResource(construct) && (construct.cfnResourceType === type || overridesType(construct));
}

/**
 * Whether an escape hatch sets the resource's `Type`. CfnResource keeps overrides in `rawOverrides` (not public); if
 * that ever changes shape, every resource is treated as overridden, which costs a render, never a missed role.
 */
function overridesType(resource: CfnResource): boolean {
  const overrides = (resource as unknown as { rawOverrides?: unknown }).rawOverrides;
  if (overrides === null || typeof overrides !== 'object') return true;
  return Object.prototype.hasOwnProperty.call(overrides, 'Type');
}

/**
 * The trust policy of a resource that is not an `iam.CfnRole`, as the template will hold it (properties resolved,
 * overrides merged in, as the stack renders it), when it synthesizes to an `AWS::IAM::Role`; undefined when it does
 * not (another type, or `shouldSynthesize()` false). A role without a trust policy has `policy: undefined`: it has
 * nothing to judge, and CloudFormation refuses to create it.
 */
export function renderedRoleTrustPolicy(stack: Stack, resource: CfnResource): { readonly policy: unknown } | undefined {
  const rendered = renderedResource(stack, resource);
  if (rendered?.Type === SAM_FUNCTION_TYPE) {
    // The role the SAM transform creates (`sam.CfnFunction`'s `assumeRolePolicyDocument`); a stack has no Globals.
    const policy = samFunctionTrustPolicy(rendered.Properties);
    return policy === undefined ? undefined : { policy };
  }
  if (rendered?.Type !== ROLE_TYPE) return undefined;
  return { policy: rendered.Properties?.AssumeRolePolicyDocument };
}
