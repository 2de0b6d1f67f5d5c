import * as iam from 'aws-cdk-lib/aws-iam';
import { CfnResource, Stack } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { accountKey, describeAccount } from './provider-registry';
import { GitHubIssuer } from '../../model/issuer';

/**
 * OIDC providers for the same issuer URL that the app creates by other means than `GitHubOidcProvider`: aws-cdk-lib's
 * `iam.OidcProviderNative` / `CfnOIDCProvider`, or its custom-resource `iam.OpenIdConnectProvider`. An account holds
 * one provider per URL, so the second create fails at deploy with `EntityAlreadyExists`: say so at synth.
 *
 * Run as a validation, when the whole app exists. Compares accounts as the provider registry does (a literal
 * account, or all environment-agnostic stacks as one).
 */
export function foreignProviderErrors(provider: IConstruct & { readonly issuer: GitHubIssuer }): string[] {
  const account = accountKey(Stack.of(provider));
  const ownResource = provider.node.defaultChild;
  const errors: string[] = [];
  for (const construct of provider.node.root.node.findAll()) {
    // The resource type first: it rules out nearly every construct of a large app at the cost of a property read.
    if (construct === ownResource || !isOidcProviderResource(construct)) continue;
    if (accountKey(Stack.of(construct)) !== account) continue;
    const url = providerUrl(construct);
    if (url === undefined || !sameUrl(url, provider.issuer)) continue;
    const owner = construct.node.scopes.slice().reverse().find((scope) => scope instanceof iam.OidcProviderNative
      || scope instanceof iam.OpenIdConnectProvider) ?? construct;
    errors.push(`${owner.node.path} (${kindOf(owner)}) also creates the OIDC provider for ${provider.issuer.url} in ` +
      `${describeAccount(account)}: an account holds one provider per URL, so the second create fails at deploy with ` +
      'EntityAlreadyExists. Keep one: remove the other and let the roles use GitHubOidcProvider.forAccount(scope), or ' +
      'give the GitHub roles that provider (provider: GitHubOidcProvider.fromAccount(scope, id)).');
  }
  return errors;
}

const CUSTOM_PROVIDER_TYPE = 'Custom::AWSCDKOpenIdConnectProvider';

function isOidcProviderResource(construct: IConstruct): construct is CfnResource {
  return construct instanceof iam.CfnOIDCProvider
    || (construct instanceof CfnResource && construct.cfnResourceType === CUSTOM_PROVIDER_TYPE);
}

/** The issuer URL a CloudFormation OIDC provider resource creates, when it is written as text. */
function providerUrl(resource: CfnResource): string | undefined {
  if (resource instanceof iam.CfnOIDCProvider) return literal(resource, resource.url);
  if (resource.cfnResourceType !== CUSTOM_PROVIDER_TYPE) return undefined;
  // The custom resource's properties are not public on the L2; CfnResource keeps them in `_cfnProperties`.
  const properties = (resource as unknown as { _cfnProperties?: { Url?: unknown } })._cfnProperties;
  return literal(resource, properties?.Url);
}

function literal(resource: CfnResource, value: unknown): string | undefined {
  const resolved = Stack.of(resource).resolve(value);
  return typeof resolved === 'string' ? resolved : undefined;
}

// The issuer model reads the URL (the scheme and a trailing slash aside) as IAM names the provider.
function sameUrl(url: string, issuer: GitHubIssuer): boolean {
  const other = GitHubIssuer.tryFromUrl(url.trim());
  return other !== undefined && other.sameAs(issuer);
}

function kindOf(construct: IConstruct): string {
  if (construct instanceof iam.OpenIdConnectProvider) return 'iam.OpenIdConnectProvider';
  if (construct instanceof iam.OidcProviderNative) return 'iam.OidcProviderNative';
  return 'AWS::IAM::OIDCProvider';
}
