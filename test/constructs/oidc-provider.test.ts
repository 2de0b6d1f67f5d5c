import { App, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { ENABLE_PARTITION_LITERALS } from 'aws-cdk-lib/cx-api';
import { GITHUB, importedArnJoin, newStack, resourcesOf } from './helpers';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubOidcProvider } from '../../src/constructs/oidc-provider';
import { GitHubIssuer } from '../../src/model/issuer';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim } from '../../src/model/subject-claim';

const ACCOUNT_A = { account: '111111111111', region: 'us-east-1' };
const ACCOUNT_B = { account: '222222222222', region: 'us-east-1' };

describe('GitHubOidcProvider resource', () => {
  test('native AWS::IAM::OIDCProvider for github.com, sts.amazonaws.com, no thumbprints, retained', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    new GitHubOidcProvider(stack, 'Provider');
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template.hasResource('AWS::IAM::OIDCProvider', {
      Properties: Match.objectEquals({ Url: `https://${GITHUB}`, ClientIdList: ['sts.amazonaws.com'] }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    // no custom resource (the non-native OpenIdConnectProvider would add a Lambda)
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('client IDs and removal policy are settable', () => {
    const { stack } = newStack();
    new GitHubOidcProvider(stack, 'Provider', { clientIds: ['sts.amazonaws.com', 'sts.amazonaws.com.cn'], removalPolicy: RemovalPolicy.DESTROY });
    Template.fromStack(stack).hasResource('AWS::IAM::OIDCProvider', {
      Properties: { ClientIdList: ['sts.amazonaws.com', 'sts.amazonaws.com.cn'] },
      DeletionPolicy: 'Delete',
    });
  });

  test.each([
    ['GitHub Enterprise Cloud unique issuer', GitHubIssuer.enterprise('acme'), 'https://token.actions.githubusercontent.com/acme'],
    ['GHE.com', GitHubIssuer.gheCom('octo'), 'https://token.actions.octo.ghe.com'],
    ['GHE.com with enterprise issuer', GitHubIssuer.gheCom('octo', 'acme'), 'https://token.actions.octo.ghe.com/acme'],
    ['GitHub Enterprise Server', GitHubIssuer.enterpriseServer('github.example.com'), 'https://github.example.com/_services/token'],
  ])('%s: URL from the issuer', (_name, issuer, url) => {
    const { stack } = newStack();
    const provider = new GitHubOidcProvider(stack, 'Provider', { issuer });
    expect(provider.issuer).toBe(issuer);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { Url: url });
  });

  test('is an iam.IOidcProvider usable wherever CDK takes one', () => {
    const { stack } = newStack();
    const provider: iam.IOidcProvider = new GitHubOidcProvider(stack, 'Provider');
    new iam.Role(stack, 'Plain', { assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn) });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Federated: { Ref: Match.stringLikeRegexp('^Provider') } } }] },
    });
  });

  test.each([
    ['empty client IDs', { clientIds: [] }, /Invalid clientIds \[\]: expected 1 to 100 client IDs/],
    ['wildcard client ID', { clientIds: ['sts.*'] }, /Invalid clientIds\[0\] "sts\.\*": expected a client ID/],
    ['duplicate client ID', { clientIds: ['a', 'a'] }, /Invalid clientIds\[1\] "a": expected each client ID once/],
    ['issuer given as a URL string', { issuer: 'https://token.actions.githubusercontent.com' as any }, /Invalid issuer "https:\/\/token.actions.githubusercontent.com": expected a GitHubIssuer/],
  ])('bad input: %s', (_name, props, message) => {
    const { stack } = newStack();
    expect(() => new GitHubOidcProvider(stack, 'Provider', props)).toThrow(message);
  });
});

describe('GitHubOidcProvider.forAccount: once per account and issuer in an app', () => {
  test('in one stack: created once with the stable logical ID GitHubOidcProvider, returned again', () => {
    const { stack } = newStack();
    const first = GitHubOidcProvider.forAccount(stack);
    const second = GitHubOidcProvider.forAccount(stack);
    expect(second).toBe(first);
    expect(Object.keys(resourcesOf(stack, 'AWS::IAM::OIDCProvider'))).toEqual(['GitHubOidcProvider']);
  });

  test('same account, two stacks: one create and one import by deterministic ARN, with a stack dependency', () => {
    // GIVEN
    const app = new App();
    const creating = new Stack(app, 'Creating', { env: ACCOUNT_A });
    const importing = new Stack(app, 'Importing', { env: { ...ACCOUNT_A, region: 'eu-west-1' } });
    // WHEN
    const created = GitHubOidcProvider.forAccount(creating);
    const imported = GitHubOidcProvider.forAccount(importing);
    // THEN
    expect(created).toBeInstanceOf(GitHubOidcProvider);
    expect(imported).not.toBeInstanceOf(GitHubOidcProvider);
    expect(resourcesOf(creating, 'AWS::IAM::OIDCProvider')).toHaveProperty('GitHubOidcProvider');
    expect(resourcesOf(importing, 'AWS::IAM::OIDCProvider')).toEqual({});
    expect(importing.resolve(imported.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::111111111111:oidc-provider/${GITHUB}`]],
    });
    expect(importing.dependencies).toContain(creating);
    expect(Template.fromStack(creating).toJSON().Outputs).toBeUndefined();
  });

  test('different accounts: each creates its own', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env: ACCOUNT_A });
    const b = new Stack(app, 'B', { env: ACCOUNT_B });
    expect(GitHubOidcProvider.forAccount(a)).toBeInstanceOf(GitHubOidcProvider);
    expect(GitHubOidcProvider.forAccount(b)).toBeInstanceOf(GitHubOidcProvider);
    expect(b.dependencies).toEqual([]);
  });

  test('environment-agnostic stacks count as one account: the second imports', () => {
    const app = new App();
    const a = new Stack(app, 'A');
    const b = new Stack(app, 'B');
    GitHubOidcProvider.forAccount(a);
    const imported = GitHubOidcProvider.forAccount(b);
    expect(b.resolve(imported.oidcProviderArn)).toEqual(importedArnJoin(GITHUB));
    expect(resourcesOf(b, 'AWS::IAM::OIDCProvider')).toEqual({});
    expect(b.dependencies).toContain(a);
  });

  test('different issuers in one account: one provider each, logical IDs named after the issuer', () => {
    const { stack } = newStack();
    GitHubOidcProvider.forAccount(stack);
    GitHubOidcProvider.forAccount(stack, { issuer: GitHubIssuer.enterprise('acme') });
    const ids = Object.keys(resourcesOf(stack, 'AWS::IAM::OIDCProvider')).sort();
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe('GitHubOidcProvider');
    expect(ids[1]).toMatch(/^GitHubOidcProviderAcme[0-9A-F]{8}$/);
  });

  test('two `new` for one account and issuer: error naming both paths and the fix', () => {
    const app = new App();
    new GitHubOidcProvider(new Stack(app, 'A', { env: ACCOUNT_A }), 'P1');
    const b = new Stack(app, 'B', { env: ACCOUNT_A });
    expect(() => new GitHubOidcProvider(b, 'P2')).toThrow(
      /created twice: at A\/P1 and at B\/P2\..*EntityAlreadyExists.*GitHubOidcProvider\.forAccount\(scope\)/);
  });

  test('forAccount then `new` in another stack of the same account: error', () => {
    const app = new App();
    GitHubOidcProvider.forAccount(new Stack(app, 'A', { env: ACCOUNT_A }));
    expect(() => new GitHubOidcProvider(new Stack(app, 'B', { env: ACCOUNT_A }), 'Mine'))
      .toThrow(/created twice: at A\/GitHubOidcProvider and at B\/Mine/);
  });

  test('`new` then forAccount elsewhere: the explicit one is imported, not created again', () => {
    const app = new App();
    const a = new Stack(app, 'A', { env: ACCOUNT_A });
    const mine = new GitHubOidcProvider(a, 'Mine');
    const b = new Stack(app, 'B', { env: ACCOUNT_A });
    expect(GitHubOidcProvider.forAccount(a)).toBe(mine);
    expect(GitHubOidcProvider.forAccount(b)).not.toBeInstanceOf(GitHubOidcProvider);
    expect(resourcesOf(b, 'AWS::IAM::OIDCProvider')).toEqual({});
  });

  test('`new` with another issuer in the same account is fine', () => {
    const { stack } = newStack();
    new GitHubOidcProvider(stack, 'Com');
    expect(() => new GitHubOidcProvider(stack, 'Ghes', { issuer: GitHubIssuer.enterpriseServer('git.example.com') })).not.toThrow();
  });

  test('separate apps do not share a registry', () => {
    const a = newStack({ env: ACCOUNT_A });
    const b = newStack({ env: ACCOUNT_A });
    expect(GitHubOidcProvider.forAccount(a.stack)).toBeInstanceOf(GitHubOidcProvider);
    expect(GitHubOidcProvider.forAccount(b.stack)).toBeInstanceOf(GitHubOidcProvider);
  });

  test('existing: true imports and creates nothing', () => {
    const { stack } = newStack();
    const provider = GitHubOidcProvider.forAccount(stack, { existing: true });
    expect(stack.resolve(provider.oidcProviderArn)).toEqual(importedArnJoin(GITHUB));
    expect(resourcesOf(stack, 'AWS::IAM::OIDCProvider')).toEqual({});
    expect(GitHubOidcProvider.forAccount(stack, { existing: true })).toBe(provider);
  });

  test('options that contradict the provider already created: error naming both', () => {
    const app = new App();
    GitHubOidcProvider.forAccount(new Stack(app, 'A', { env: ACCOUNT_A }));
    const b = new Stack(app, 'B', { env: ACCOUNT_A });
    expect(() => GitHubOidcProvider.forAccount(b, { clientIds: ['other'] }))
      .toThrow(/in B asks for clientIds \["other"\] instead of \["sts.amazonaws.com"\], but the provider .* is already created at A\/GitHubOidcProvider/);
    expect(() => GitHubOidcProvider.forAccount(b, { clientIds: ['sts.amazonaws.com'] })).not.toThrow();
  });

  test('a literal account next to an environment-agnostic one: both create, with a warning', () => {
    const app = new App();
    GitHubOidcProvider.forAccount(new Stack(app, 'Agnostic'));
    const pinned = new Stack(app, 'Pinned', { env: ACCOUNT_A });
    expect(GitHubOidcProvider.forAccount(pinned)).toBeInstanceOf(GitHubOidcProvider);
    Annotations.fromStack(pinned).hasWarning('/Pinned/GitHubOidcProvider',
      Match.stringLikeRegexp('Agnostic/GitHubOidcProvider also creates the GitHub OIDC provider.*EntityAlreadyExists'));
  });

  test('a stack that must deploy before the creator (a cycle): error with the fix', () => {
    const app = new App();
    const creating = new Stack(app, 'Creating', { env: ACCOUNT_A });
    const importing = new Stack(app, 'Importing', { env: ACCOUNT_A });
    creating.addDependency(importing);
    GitHubOidcProvider.forAccount(creating);
    expect(() => GitHubOidcProvider.forAccount(importing))
      .toThrow(/Importing imports the GitHub OIDC provider .* created at Creating\/GitHubOidcProvider, so it must deploy after Creating, but: .*cyclic.*Call GitHubOidcProvider\.forAccount first in the stack that deploys first/);
  });

  test('stacks in different stages: import without a dependency, and an info note', () => {
    const app = new App();
    const first = new Stack(new Stage(app, 'Dev'), 'S', { env: ACCOUNT_A });
    const second = new Stack(new Stage(app, 'Test'), 'S', { env: ACCOUNT_A });
    GitHubOidcProvider.forAccount(first);
    const imported = GitHubOidcProvider.forAccount(second);
    expect(imported).not.toBeInstanceOf(GitHubOidcProvider);
    expect(second.dependencies).toEqual([]);
    expect(second.node.metadata.map((entry) => entry.data)).toEqual(
      [expect.stringMatching(/imported from Dev\/S\/GitHubOidcProvider, which is in another stage: deploy that stage first/)]);
  });
});

describe('GitHubOidcProvider.fromAccount: deterministic, partition-aware ARN', () => {
  test('environment-agnostic: partition and account pseudo parameters', () => {
    const { stack } = newStack();
    const provider = GitHubOidcProvider.fromAccount(stack, 'Imported');
    expect(stack.resolve(provider.oidcProviderArn)).toEqual(importedArnJoin(GITHUB));
    expect(provider.oidcProviderIssuer).toBe(GITHUB);
    expect(provider.issuer).toBe(GitHubIssuer.GITHUB_COM);
  });

  test('the import is aws-cdk-lib\'s own provider import, so it has every member of the user\'s iam.IOidcProvider', () => {
    const { stack } = newStack();
    const ours = GitHubOidcProvider.fromAccount(stack, 'Imported');
    const cdks = iam.OidcProviderNative.fromOidcProviderArn(stack, 'Cdk', 'arn:aws:iam::111111111111:oidc-provider/x');
    // CDK defines its Import class inside fromOidcProviderArn, one per call: the same class shape, not the same class.
    const shape = (provider: object) => Object.getOwnPropertyNames(Object.getPrototypeOf(provider)).sort();
    expect(ours.constructor.name).toBe(cdks.constructor.name);
    expect(shape(ours)).toEqual(shape(cdks));
    // the members CDK's import has, whatever the aws-cdk-lib version (e.g. oidcProviderRef on newer ones)
    for (const member of [...Object.keys(cdks), ...shape(cdks)]) {
      expect(member in ours).toBe(true);
    }
  });

  test.each([
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('region %s with partition literals enabled: literal %s ARN', (region, partition) => {
    const app = new App({ context: { [ENABLE_PARTITION_LITERALS]: true } });
    const stack = new Stack(app, 'S', { env: { account: '111111111111', region } });
    const provider = GitHubOidcProvider.fromAccount(stack, 'Imported', { issuer: GitHubIssuer.enterprise('acme') });
    expect(stack.resolve(provider.oidcProviderArn)).toBe(`arn:${partition}:iam::111111111111:oidc-provider/${GITHUB}/acme`);
  });

  test('region cn-north-1 without the feature flag: CDK keeps the partition pseudo parameter', () => {
    const { stack } = newStack({ env: { account: '111111111111', region: 'cn-north-1' } });
    const provider = GitHubOidcProvider.fromAccount(stack, 'Imported');
    expect(stack.resolve(provider.oidcProviderArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::111111111111:oidc-provider/${GITHUB}`]],
    });
  });

  test('GHES issuer: host and path in the ARN', () => {
    const { stack } = newStack({ env: ACCOUNT_A });
    const provider = GitHubOidcProvider.fromAccount(stack, 'Imported', { issuer: GitHubIssuer.enterpriseServer('git.example.com') });
    expect(stack.resolve(provider.oidcProviderArn)['Fn::Join'][1].slice(-1)[0])
      .toBe(':iam::111111111111:oidc-provider/git.example.com/_services/token');
  });
});

describe('a role given a provider of another stack', () => {
  const repository = GitHubRepository.of('acme', 'web');
  const subjects = [SubjectClaim.environment('production')];

  test('same account: referenced by deterministic ARN, no cross-stack export', () => {
    const app = new App();
    const shared = new Stack(app, 'Shared', { env: ACCOUNT_A });
    const provider = new GitHubOidcProvider(shared, 'Provider');
    const app1 = new Stack(app, 'App1', { env: ACCOUNT_A });
    new GitHubDeployRole(app1, 'Role', { provider, repository, subjects });
    expect(Template.fromStack(shared).toJSON().Outputs).toBeUndefined();
    Template.fromStack(app1).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [{
          Principal: { Federated: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::111111111111:oidc-provider/${GITHUB}`]] } },
        }],
      },
    });
    expect(app1.dependencies).toContain(shared);
  });

  test('another account: error, a role can only trust its own account\'s provider', () => {
    const app = new App();
    const provider = new GitHubOidcProvider(new Stack(app, 'Shared', { env: ACCOUNT_A }), 'Provider');
    const other = new Stack(app, 'Other', { env: ACCOUNT_B });
    expect(() => new GitHubDeployRole(other, 'Role', { provider, repository, subjects }))
      .toThrow(/Invalid provider "Shared\/Provider": expected a GitHub OIDC provider of the role's account 222222222222 \(it is in 111111111111\)/);
  });
});

describe('a provider a role creates accepts the audience of every role relying on it (issue 10 item 10)', () => {
  const web = GitHubRepository.of('acme', 'web');
  const main = [SubjectClaim.branch('main')];

  test('a custom-audience role first, then a default role in another stack of the account: both audiences listed', () => {
    const app = new App();
    const first = new Stack(app, 'First');
    const second = new Stack(app, 'Second');
    new GitHubDeployRole(first, 'Custom', { repository: web, subjects: main, audience: 'my-aud' });
    new GitHubDeployRole(second, 'Default', { repository: web, subjects: main });
    new GitHubDeployRole(second, 'AgainCustom', { repository: web, subjects: main, audience: 'my-aud' });
    Template.fromStack(first).hasResourceProperties('AWS::IAM::OIDCProvider', { ClientIdList: ['my-aud', 'sts.amazonaws.com'] });
    expect(resourcesOf(second, 'AWS::IAM::OIDCProvider')).toEqual({});
  });

  test('a default role alone still gets the default list', () => {
    const { stack } = newStack();
    new GitHubDeployRole(stack, 'Default', { repository: web, subjects: main });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { ClientIdList: ['sts.amazonaws.com'] });
  });

  test('a provider the user created keeps its list, and a role with another audience fails naming the fix', () => {
    const { stack } = newStack();
    GitHubOidcProvider.forAccount(stack);
    expect(() => new GitHubDeployRole(stack, 'Custom', { repository: web, subjects: main, audience: 'my-aud' }))
      .toThrow(/Invalid audience "my-aud": expected one of the client IDs of the provider at .* \(\["sts\.amazonaws\.com"\]\), or add it to that provider's clientIds .*clientIds: \["sts\.amazonaws\.com", "my-aud"\]/);
  });
});

describe('a provider for the same URL made with aws-cdk-lib\'s constructs is found at synth (issue 10 item 13)', () => {
  const web = GitHubRepository.of('acme', 'web');

  test.each<[string, (stack: Stack) => void]>([
    ['iam.OpenIdConnectProvider', (stack) => new iam.OpenIdConnectProvider(stack, 'Theirs', { url: `https://${GITHUB}`, clientIds: ['sts.amazonaws.com'] })],
    ['iam.OidcProviderNative', (stack) => new iam.OidcProviderNative(stack, 'Theirs', { url: `https://${GITHUB}/`, clientIds: ['sts.amazonaws.com'] })],
    ['a CfnOIDCProvider', (stack) => new iam.CfnOIDCProvider(stack, 'Theirs', { url: `https://${GITHUB}`, clientIdList: ['x'] })],
  ])('%s next to a GitHubDeployRole\'s provider in another stack of the account fails the synth', (kind, make) => {
    const app = new App();
    make(new Stack(app, 'Platform'));
    new GitHubDeployRole(new Stack(app, 'Deploy'), 'Role', { repository: web, subjects: [SubjectClaim.branch('main')] });
    expect(() => app.synth()).toThrow(new RegExp(`Platform/Theirs \\(${kind.startsWith('iam.') ? kind.replace('.', '\\.') : 'AWS::IAM::OIDCProvider'}\\) ` +
      `also creates the OIDC provider for https://${GITHUB.replace(/\./g, '\\.')} in the environment-agnostic stacks' account: .*EntityAlreadyExists`));
  });

  test('another account, or another issuer, is no collision', () => {
    const app = new App();
    new iam.OidcProviderNative(new Stack(app, 'Other', { env: { account: '222222222222' } }), 'Theirs', { url: `https://${GITHUB}`, clientIds: ['x'] });
    new iam.OidcProviderNative(new Stack(app, 'Enterprise', { env: { account: '111111111111' } }), 'Theirs', { url: `https://${GITHUB}/acme-corp`, clientIds: ['x'] });
    new GitHubDeployRole(new Stack(app, 'Deploy', { env: { account: '111111111111' } }), 'Role', { repository: web, subjects: [SubjectClaim.branch('main')] });
    expect(() => app.synth()).not.toThrow();
  });
});
