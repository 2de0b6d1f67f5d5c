import * as iam from 'aws-cdk-lib/aws-iam';
import { Lazy } from 'aws-cdk-lib/core';
import type { GitHubOidcProvider } from '../oidc-provider';

/**
 * Providers that a deploy role created because none was given (`GitHubOidcProvider.forAccount` called for the role,
 * without client IDs). Such a provider belongs to the roles that rely on it, so it accepts the audience of each:
 * a role with `audience: 'my-aud'` that happens to come first must not leave a later default role of the same
 * account with a provider that refuses `sts.amazonaws.com`. Its client ID list is rendered at synth, when every
 * role has been added. A provider the user created, or asked for with client IDs, keeps its list.
 */
const gathering = new WeakSet<GitHubOidcProvider>();

/** Makes the provider (just created for a role) gather the audiences of the roles that rely on it, starting with one. */
export function gatherAudiences(provider: GitHubOidcProvider, first: string): void {
  if (gathering.has(provider)) return;
  gathering.add(provider);
  provider.clientIds.splice(0, provider.clientIds.length, first);
  const resource = provider.node.defaultChild as iam.CfnOIDCProvider;
  resource.clientIdList = Lazy.list({ produce: () => [...provider.clientIds] });
}

/** Adds a role's audience to a gathering provider; false when the provider keeps a list of its own. */
export function acceptAudience(provider: GitHubOidcProvider, audience: string): boolean {
  if (!gathering.has(provider)) return false;
  if (!provider.clientIds.includes(audience)) provider.clientIds.push(audience);
  return true;
}
