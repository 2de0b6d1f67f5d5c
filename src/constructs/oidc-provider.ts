import * as iam from 'aws-cdk-lib/aws-iam';
import { Annotations, ArnFormat, CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib/core';
import { Construct, IConstruct } from 'constructs';
import { foreignProviderErrors } from './private/foreign-providers';
import { providerConstructId } from './private/names';
import { defaultAudience } from './private/partition-defaults';
import { checkClientIds, checkOptions, checkRemovalPolicy, checkScope } from './private/prop-checks';
import {
  describeAccount, deploymentStack, findRegistered, possiblySameAccount, register, sameAssembly,
} from './private/provider-registry';
import { fail } from '../model/errors';
import { GitHubIssuer } from '../model/issuer';

/** The audience aws-actions/configure-aws-credentials requests (FACTS.md section 1). */

/**
 * A GitHub Actions OIDC provider in IAM: created by this app (`GitHubOidcProvider`) or imported.
 */
export interface IGitHubOidcProvider extends iam.IOidcProvider {
  /** The GitHub issuer whose tokens the provider accepts. */
  readonly issuer: GitHubIssuer;
}

/**
 * Properties of `GitHubOidcProvider`.
 */
export interface GitHubOidcProviderProps {
  /**
   * Whose tokens the provider accepts: github.com, an enterprise's unique issuer, GHE.com or GitHub Enterprise Server.
   *
   * @default GitHubIssuer.GITHUB_COM
   */
  readonly issuer?: GitHubIssuer;

  /**
   * The client IDs (audiences) the provider accepts. A token whose `aud` is not in this list is refused by STS before
   * any role's trust policy is read.
   *
   * @default ['sts.amazonaws.com'], what aws-actions/configure-aws-credentials requests; ['sts.amazonaws.com.cn'] in a
   *   stack whose region is in the China partition (aws-cn), what its README has China-region workflows request
   * @see https://github.com/aws-actions/configure-aws-credentials#oidc-audience
   */
  readonly clientIds?: string[];

  /**
   * What happens to the provider when it is removed from the stack or the stack is deleted.
   *
   * Deleting the provider breaks every role in the account that trusts GitHub, including roles of other stacks
   * and roles made outside CDK, so by default it is kept.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Options of `GitHubOidcProvider.forAccount`.
 */
export interface GitHubOidcProviderForAccountOptions extends GitHubOidcProviderProps {
  /**
   * The provider already exists in the account (created by another app, by hand or by an account-vending process):
   * import it by its ARN instead of creating it.
   *
   * @default false - the first stack of the app in the account creates it
   */
  readonly existing?: boolean;
}

/**
 * Options of `GitHubOidcProvider.fromAccount`.
 */
export interface GitHubOidcProviderFromAccountOptions {
  /**
   * Whose tokens the imported provider accepts; its URL is the provider's name in its ARN.
   *
   * @default GitHubIssuer.GITHUB_COM
   */
  readonly issuer?: GitHubIssuer;
}

/**
 * The IAM OIDC identity provider of GitHub Actions, as a native `AWS::IAM::OIDCProvider` without thumbprints (AWS
 * no longer uses them for GitHub), kept on delete by default.
 *
 * An account holds one provider per issuer URL, so an app must create it once: prefer
 * `GitHubOidcProvider.forAccount(this)`, which creates it in the first stack of each account that asks and imports
 * it everywhere else. Creating it twice for one account and issuer in one app fails at construction, naming both
 * construct paths, instead of failing at deploy with `EntityAlreadyExists`.
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 */
export class GitHubOidcProvider extends iam.OidcProviderNative implements IGitHubOidcProvider {
  /**
   * THE provider of an issuer for the account of `scope`'s stack within this app: created once, in the first stack
   * of the account that asks (construct and logical ID `GitHubOidcProvider` for github.com, stable across
   * versions), and imported by its deterministic ARN in every other stack of that account, which is then deployed
   * after the creating stack (a stack dependency; no cross-stack export is needed).
   *
   * Accounts are compared as synthesized. All environment-agnostic stacks count as one account: they share the
   * provider (the first creates it, the others import it). If such stacks are deployed to different accounts, give
   * them explicit accounts, or pass `existing: true` where the provider already exists.
   *
   * @param scope any construct in the stack that needs the provider
   */
  public static forAccount(scope: IConstruct, options: GitHubOidcProviderForAccountOptions = {}): IGitHubOidcProvider {
    checkScope('scope', scope, 'a construct in the stack that needs the provider, e.g. the stack');
    checkOptions('options', options);
    checkRemovalPolicy(options.removalPolicy);
    const stack = Stack.of(scope);
    const issuer = checkIssuer(options.issuer);
    const registered = findRegistered(stack, issuer);
    if (registered) {
      const creator = registered.construct as GitHubOidcProvider;
      creator.checkCompatible(options, stack);
      if (deploymentStack(Stack.of(creator)) === deploymentStack(stack)) return creator;
      dependOnCreator(stack, creator);
      return importInto(stack, issuer);
    }
    if (options.existing) return importInto(stack, issuer);
    const id = providerConstructId(issuer);
    const provider = new GitHubOidcProvider(stack, id, {
      issuer,
      clientIds: options.clientIds,
      removalPolicy: options.removalPolicy,
    });
    // The logical ID names the issuer and nothing else, so it survives refactoring and library upgrades.
    (provider.node.defaultChild as CfnResource).overrideLogicalId(id);
    return provider;
  }

  /**
   * Imports the provider of an issuer that exists in the account of `scope`'s stack, by its deterministic ARN
   * `arn:<partition>:iam::<account>:oidc-provider/<issuer host and path>` in the stack's partition.
   *
   * @param scope the scope of the imported construct
   * @param id the construct ID
   */
  public static fromAccount(scope: Construct, id: string, options: GitHubOidcProviderFromAccountOptions = {}): IGitHubOidcProvider {
    checkScope('scope', scope, 'a construct in the stack that imports the provider, e.g. the stack');
    checkOptions('options', options);
    const issuer = checkIssuer(options.issuer);
    const arn = Stack.of(scope).formatArn({
      service: 'iam',
      region: '',
      resource: 'oidc-provider',
      resourceName: issuer.conditionKeyPrefix,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    return withIssuer(iam.OidcProviderNative.fromOidcProviderArn(scope, id, arn), issuer);
  }

  /** The GitHub issuer whose tokens the provider accepts. */
  public readonly issuer: GitHubIssuer;

  /** The client IDs (audiences) the provider accepts. */
  public readonly clientIds: string[];

  private readonly removalPolicy: RemovalPolicy;

  /**
   * Creates the provider. Prefer `GitHubOidcProvider.forAccount(this)`, which creates it once per account.
   */
  constructor(scope: Construct, id: string, props: GitHubOidcProviderProps = {}) {
    checkOptions('props', props);
    checkRemovalPolicy(props.removalPolicy);
    const issuer = checkIssuer(props?.issuer);
    checkClientIds(props?.clientIds);
    const clientIds = [...(props?.clientIds ?? [defaultAudience(Stack.of(scope))])];
    super(scope, id, { url: issuer.url, clientIds });
    this.issuer = issuer;
    this.clientIds = clientIds;
    this.removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.applyRemovalPolicy(this.removalPolicy);

    const conflict = register(this, issuer);
    if (conflict) {
      throw new Error(`The GitHub OIDC provider for ${issuer.url} in ${describeAccount(conflict.account)} is created twice: ` +
        `at ${conflict.construct.node.path} and at ${this.node.path}. An account holds one provider per issuer URL; a second ` +
        'create fails at deploy with EntityAlreadyExists. Create it once, and use GitHubOidcProvider.forAccount(scope) ' +
        '(which imports the one already created) or GitHubOidcProvider.fromAccount(scope, id) everywhere else.');
    }
    // Checked when the app is complete: a provider for the same URL made with aws-cdk-lib's own constructs.
    this.node.addValidation({ validate: () => foreignProviderErrors(this) });
    for (const other of possiblySameAccount(this, issuer)) {
      Annotations.of(this).addWarningV2('cdk-github-deploy-roles:ProviderAccountAmbiguous',
        `${other.construct.node.path} also creates the GitHub OIDC provider for ${issuer.url}, in ` +
        `${describeAccount(other.account)}; if both stacks deploy to the same account, the second fails with ` +
        'EntityAlreadyExists. Give both stacks an explicit account, or import the provider with ' +
        'GitHubOidcProvider.fromAccount in one of them.');
    }
  }

  /** Fails when `forAccount` options ask for a provider other than the one already created. */
  private checkCompatible(options: GitHubOidcProviderForAccountOptions, requester: Stack): void {
    const differences: string[] = [];
    if (options.clientIds !== undefined && [...options.clientIds].sort().join(',') !== [...this.clientIds].sort().join(',')) {
      differences.push(`clientIds ${JSON.stringify(options.clientIds)} instead of ${JSON.stringify(this.clientIds)}`);
    }
    if (options.removalPolicy !== undefined && options.removalPolicy !== this.removalPolicy) {
      differences.push(`removalPolicy ${options.removalPolicy} instead of ${this.removalPolicy}`);
    }
    if (differences.length > 0) {
      throw new Error(`GitHubOidcProvider.forAccount in ${requester.node.path} asks for ${differences.join(' and ')}, but the ` +
        `provider for ${this.issuer.url} in this account is already created at ${this.node.path}. Give the same options ` +
        'wherever forAccount is called for one account, or none after the first.');
    }
  }
}

/** The imports `fromAccount` made, so that `importInto` can reuse them. */
const importedProviders = new WeakSet<IConstruct>();

/**
 * aws-cdk-lib's own import of a provider, with the issuer added. Being CDK's object (rather than a class of ours that
 * forwards a list of members) keeps it a complete `iam.IOidcProvider` on every aws-cdk-lib, including members added
 * after our floor (`oidcProviderRef` in newer versions). The issuer is the ARN's resource name, written as a literal
 * where CDK's import would compute it from a tokenized ARN.
 */
function withIssuer(imported: iam.IOidcProvider, issuer: GitHubIssuer): IGitHubOidcProvider {
  Object.defineProperty(imported, 'issuer', { value: issuer, enumerable: true });
  Object.defineProperty(imported, 'oidcProviderIssuer', { value: issuer.conditionKeyPrefix, enumerable: true });
  importedProviders.add(imported);
  return imported as IGitHubOidcProvider;
}

function checkIssuer(issuer: GitHubIssuer | undefined): GitHubIssuer {
  if (issuer === undefined) return GitHubIssuer.GITHUB_COM;
  if (!(issuer instanceof GitHubIssuer)) {
    fail('issuer', issuer, 'a GitHubIssuer, e.g. GitHubIssuer.GITHUB_COM or GitHubIssuer.enterprise("acme")');
  }
  return issuer;
}

/** One import per stack and issuer, however often the stack asks. */
function importInto(stack: Stack, issuer: GitHubIssuer): IGitHubOidcProvider {
  const id = `${providerConstructId(issuer)}Import`;
  const existing = stack.node.tryFindChild(id);
  if (existing !== undefined && importedProviders.has(existing) && (existing as IGitHubOidcProvider).issuer.sameAs(issuer)) {
    return existing as IGitHubOidcProvider;
  }
  return GitHubOidcProvider.fromAccount(stack, id, { issuer });
}

/**
 * Makes the stack that imports the provider deploy after the stack that creates it: the import is by ARN, so
 * CloudFormation cannot see the dependency. Stacks in different stages (cloud assemblies) cannot depend on each
 * other: there the deploy order is the user's, which an info annotation says.
 */
function dependOnCreator(stack: Stack, creator: GitHubOidcProvider): void {
  const importing = deploymentStack(stack);
  const creating = deploymentStack(Stack.of(creator));
  if (!sameAssembly(importing, creating)) {
    Annotations.of(stack).addInfo(`The GitHub OIDC provider for ${creator.issuer.url} is imported from ${creator.node.path}, ` +
      'which is in another stage: deploy that stage first.');
    return;
  }
  try {
    importing.addDependency(creating, `${creating.stackName} creates the GitHub OIDC provider that ${importing.stackName} imports`);
  } catch (err) {
    throw new Error(`${importing.node.path} imports the GitHub OIDC provider for ${creator.issuer.url} created at ` +
      `${creator.node.path}, so it must deploy after ${creating.node.path}, but: ${(err as Error).message}. Call ` +
      'GitHubOidcProvider.forAccount first in the stack that deploys first, or pass { existing: true } where it already exists.');
  }
}
