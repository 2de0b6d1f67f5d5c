import { Stack, Stage, Token } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { GitHubIssuer } from '../../model/issuer';

/**
 * Which construct creates the OIDC provider of each (account, issuer) in one CDK app, so that the provider is created
 * once and referenced everywhere else (FACTS.md section 2: a second create fails at deploy with EntityAlreadyExists).
 *
 * Accounts are compared as synthesized: a literal account ID, or, for environment-agnostic stacks, one shared
 * "unresolved" account. Treating every environment-agnostic stack as the same account is the safe choice: such
 * stacks are normally deployed together to one account, and if they are not, the importing stack fails at deploy
 * with a clear "provider does not exist" error instead of the creating stacks colliding with EntityAlreadyExists,
 * and nothing already deployed is touched.
 */

/** The account key of environment-agnostic stacks. */
export const UNRESOLVED_ACCOUNT = 'environment-agnostic';

/** One provider that a construct in the app creates. */
export interface RegisteredProvider {
  /** The construct that creates it. */
  readonly construct: IConstruct;
  readonly issuer: GitHubIssuer;
  /** The account key, see `accountKey`. */
  readonly account: string;
}

// Keyed by the app (the construct tree's root): every test or app gets its own registry, and nothing leaks
// between apps in one process.
const registries = new WeakMap<IConstruct, Map<string, RegisteredProvider>>();

/** The account of a stack as a registry key: the literal account ID, or UNRESOLVED_ACCOUNT. */
export function accountKey(stack: Stack): string {
  return Token.isUnresolved(stack.account) ? UNRESOLVED_ACCOUNT : stack.account;
}

/** How an account key reads in a message. */
export function describeAccount(account: string): string {
  return account === UNRESOLVED_ACCOUNT ? 'the environment-agnostic stacks\' account' : `account ${account}`;
}

function registryOf(scope: IConstruct): Map<string, RegisteredProvider> {
  const root = scope.node.root;
  let registry = registries.get(root);
  if (!registry) {
    registry = new Map();
    registries.set(root, registry);
  }
  return registry;
}

function keyOf(account: string, issuer: GitHubIssuer): string {
  return `${account}|${issuer.conditionKeyPrefix}`;
}

/** The provider of this issuer that the app creates in the account of `scope`'s stack, if any. */
export function findRegistered(scope: IConstruct, issuer: GitHubIssuer): RegisteredProvider | undefined {
  return registryOf(scope).get(keyOf(accountKey(Stack.of(scope)), issuer));
}

/**
 * Records that `construct` creates the provider of `issuer` in its stack's account.
 *
 * @returns the provider already registered for that account and issuer (a conflict the caller reports), or
 * undefined when this is the first
 */
export function register(construct: IConstruct, issuer: GitHubIssuer): RegisteredProvider | undefined {
  const registry = registryOf(construct);
  const account = accountKey(Stack.of(construct));
  const key = keyOf(account, issuer);
  const existing = registry.get(key);
  if (existing) return existing;
  registry.set(key, { construct, issuer, account });
  return undefined;
}

/**
 * Providers of the same issuer that the app creates in an account that may or may not be this one: a literal
 * account next to an environment-agnostic one. They collide at deploy if both stacks land in the same account.
 */
export function possiblySameAccount(construct: IConstruct, issuer: GitHubIssuer): RegisteredProvider[] {
  const account = accountKey(Stack.of(construct));
  return [...registryOf(construct).values()].filter((entry) => entry.construct !== construct
    && entry.issuer.sameAs(issuer)
    && entry.account !== account
    && (entry.account === UNRESOLVED_ACCOUNT || account === UNRESOLVED_ACCOUNT));
}

/** The top-level stack of a stack: a nested stack's deployment belongs to its parent's. */
export function deploymentStack(stack: Stack): Stack {
  let current = stack;
  while (current.nestedStackParent) current = current.nestedStackParent;
  return current;
}

/** Whether two stacks are in one cloud assembly, the precondition of a stack dependency. */
export function sameAssembly(a: Stack, b: Stack): boolean {
  return Stage.of(a) === Stage.of(b);
}
