import { CfnResource, Stack } from 'aws-cdk-lib/core';

/** A resource as the stack writes it into the template. */
export interface RenderedResource {
  readonly Type?: unknown;
  readonly Properties?: { readonly [property: string]: any };
  readonly [attribute: string]: unknown;
}

/**
 * The resource as the template will hold it: properties resolved and escape-hatch overrides (`addOverride`,
 * `addPropertyOverride`, deletion overrides, a `Type` override) merged in, which is what the checks must judge;
 * undefined when it is not synthesized (`shouldSynthesize()` false).
 */
export function renderedResource(stack: Stack, resource: CfnResource): RenderedResource | undefined {
  const rendered = stack.resolve(resource._toCloudFormation()) as { Resources?: { [id: string]: RenderedResource } };
  const resources = Object.values(rendered?.Resources ?? {});
  return resources.length === 1 ? resources[0] : undefined;
}
