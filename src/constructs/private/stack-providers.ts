import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnResource, Stack, Token } from 'aws-cdk-lib/core';
import { renderedResource } from './rendered-resource';
import { ProviderUrls } from '../../analysis/policy/principal';
import { OIDC_PROVIDER_TYPES } from '../../analysis/template/template-roles';

/**
 * Issuer URLs of the OIDC providers defined in a stack, by logical ID: `iam.CfnOIDCProvider`s, and any other resource
 * that synthesizes to one or to CDK's custom-resource provider (`iam.OpenIdConnectProvider`, a `CfnResource` of the
 * type), read from the rendered resource. A role trusting one is then recognized by its principal, so a statement
 * without GitHub condition keys (no `sub` at all) is judged rather than taken for another provider's.
 */
export function oidcProvidersOf(stack: Stack): ProviderUrls {
  const urls: { [logicalId: string]: string } = {};
  for (const construct of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(construct) || Stack.of(construct) !== stack) continue;
    let url: unknown;
    if (construct instanceof iam.CfnOIDCProvider) {
      url = stack.resolve(construct.url);
    } else if (OIDC_PROVIDER_TYPES.has(construct.cfnResourceType)) {
      url = renderedResource(stack, construct)?.Properties?.Url;
    }
    if (typeof url === 'string' && !Token.isUnresolved(url)) urls[stack.resolve(construct.logicalId)] = url;
  }
  return urls;
}
