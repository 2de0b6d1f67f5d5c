import { Stack, Token } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { acceptAudience, gatherAudiences } from './gathered-audiences';
import { hasStringProperties } from './prop-checks';
import { deploymentStack, findRegistered } from './provider-registry';
import { fail } from '../../model/errors';
import { GitHubIssuer } from '../../model/issuer';
import { GitHubOidcProvider, IGitHubOidcProvider } from '../oidc-provider';

/** What a role asks of its provider. */
export interface ProviderRequest {
  /** The provider the user gave, if any. */
  readonly given?: IGitHubOidcProvider;
  /** The issuer the user gave, if any. */
  readonly issuer?: GitHubIssuer;
  /** The audience the role pins. */
  readonly audience: string;
}

/**
 * The provider a deploy role defined at `scope` trusts: the one given (imported by its deterministic ARN when it is
 * created in another stack of the account), or `GitHubOidcProvider.forAccount`. Fails when the provider is of
 * another account or does not list the role's audience among its client IDs (STS would refuse the token).
 *
 * Runs before the role exists (its result is the role's principal), so it is given the role's scope: the role is
 * in the same stack.
 */
export function resolveProvider(scope: IConstruct, request: ProviderRequest): IGitHubOidcProvider {
  const { given, issuer: issuerProp, audience } = request;
  if (issuerProp !== undefined && !(issuerProp instanceof GitHubIssuer)) {
    fail('issuer', issuerProp, 'a GitHubIssuer, e.g. GitHubIssuer.GITHUB_COM');
  }
  let provider: IGitHubOidcProvider;
  if (given === undefined) {
    const issuer = issuerProp ?? GitHubIssuer.GITHUB_COM;
    // A provider this role creates accepts the audiences of every role relying on it; one that exists already and
    // keeps its own list is checked below.
    const creates = findRegistered(scope, issuer) === undefined;
    provider = GitHubOidcProvider.forAccount(scope, { issuer });
    if (creates && provider instanceof GitHubOidcProvider && !Token.isUnresolved(audience)) gatherAudiences(provider, audience);
  } else {
    if (!hasStringProperties(given, ['oidcProviderArn']) || !((given as any).issuer instanceof GitHubIssuer)) {
      fail('provider', given, 'an IGitHubOidcProvider, e.g. GitHubOidcProvider.forAccount(this)');
    }
    if (issuerProp !== undefined && !issuerProp.sameAs(given.issuer)) {
      fail('issuer', issuerProp.url, `the issuer of the provider, ${given.issuer.url}, or no issuer`);
    }
    checkSameAccount(scope, given);
    provider = given;
    // A provider of another stack in this account is referenced by its deterministic ARN, not by an export.
    if (given instanceof GitHubOidcProvider && deploymentStack(Stack.of(given)) !== deploymentStack(Stack.of(scope))) {
      provider = GitHubOidcProvider.forAccount(scope, { issuer: given.issuer });
    }
  }
  const creator = provider instanceof GitHubOidcProvider ? provider : findRegistered(scope, provider.issuer)?.construct;
  if (creator instanceof GitHubOidcProvider && !Token.isUnresolved(audience) && !acceptAudience(creator, audience)
    && !creator.clientIds.some((clientId) => Token.isUnresolved(clientId) || clientId === audience)) {
    fail('audience', audience, `one of the client IDs of the provider at ${creator.node.path} ` +
      `(${JSON.stringify(creator.clientIds)}), or add it to that provider's clientIds (where it is created: ` +
      `new GitHubOidcProvider(..., { clientIds: [${[...creator.clientIds, audience].map((id) => JSON.stringify(id)).join(', ')}] })): ` +
      'STS refuses a token whose aud the provider does not list');
  }
  return provider;
}

function checkSameAccount(scope: IConstruct, provider: IGitHubOidcProvider): void {
  const roleAccount = Stack.of(scope).account;
  const providerAccount = provider.env?.account;
  if (typeof providerAccount === 'string' && !Token.isUnresolved(providerAccount) && !Token.isUnresolved(roleAccount)
    && providerAccount !== roleAccount) {
    fail('provider', provider.node.path,
      `a GitHub OIDC provider of the role's account ${roleAccount} (it is in ${providerAccount}): a role can only ` +
      'trust a provider of its own account; use GitHubOidcProvider.forAccount(this)');
  }
}
