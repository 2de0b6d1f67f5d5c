import { App, Aspects, CfnJson, CfnParameter, CfnParameterProps, CfnResource, Fn, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GITHUB } from './helpers';
import { TrustAcknowledgements } from '../../src/constructs/acknowledgements';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubOidcProvider } from '../../src/constructs/oidc-provider';
import { GitHubTrustChecks } from '../../src/constructs/trust-checks';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim } from '../../src/model/subject-claim';

/** A stack with a native GitHub provider and a hand-written iam.Role trusting it with these conditions. */
function handWritten(conditions: { [operator: string]: any }, configure?: (role: iam.Role, stack: Stack) => void) {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const provider = new iam.OidcProviderNative(stack, 'Provider', { url: `https://${GITHUB}`, clientIds: ['sts.amazonaws.com'] });
  // WebIdentityPrincipal with the ARN: aws-cdk-lib 2.200's OpenIdConnectPrincipal reads the ARN of the older
  // IOpenIdConnectProvider interface, which OidcProviderNative does not have there.
  const role = new iam.Role(stack, 'Deploy', { assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, conditions) });
  configure?.(role, stack);
  Aspects.of(app).add(new GitHubTrustChecks());
  return { app, stack, role };
}

const AUD = { [`${GITHUB}:aud`]: 'sts.amazonaws.com' };

describe('GitHubTrustChecks on hand-written roles', () => {
  test('repo:acme/* fails synth, naming the role, the rule, the value and the fix', () => {
    // GIVEN
    const { app } = handWritten({ StringEquals: AUD, StringLike: { [`${GITHUB}:sub`]: 'repo:acme/*' } });
    // WHEN / THEN
    expect(() => app.synth()).toThrow(/\[Stack\/Deploy\] SubWildcardRepository: .*repo:acme\/\*.*Fix: /);
  });

  test('the same role passes once acknowledged with a reason, recorded in the template metadata', () => {
    // GIVEN
    const { app, stack } = handWritten({ StringEquals: AUD, StringLike: { [`${GITHUB}:sub`]: 'repo:acme/*:ref:refs/heads/main' } },
      (role) => TrustAcknowledgements.add(role, 'SubWildcardRepository', 'Org-wide read-only artifact role, approved in SEC-142',
        'repo:acme/*:ref:refs/heads/main'));
    // WHEN
    expect(() => app.synth()).not.toThrow();
    // THEN
    Template.fromStack(stack).hasResource('AWS::IAM::Role', {
      Metadata: {
        'cdk-github-deploy-roles': {
          acknowledgements: [{ ruleId: 'SubWildcardRepository', reason: 'Org-wide read-only artifact role, approved in SEC-142', value: 'repo:acme/*:ref:refs/heads/main' }],
        },
      },
    });
    Annotations.fromStack(stack).hasInfo('/Stack/Deploy', Match.stringLikeRegexp('^SubWildcardRepository \\(error\\) acknowledged: Org-wide read-only'));
  });

  test('the acknowledgement of an owner-wide value does not accept a value that lets any owner in', () => {
    // GIVEN the organization-wide role's acknowledgement, and a sub widened to every owner later
    const { app } = handWritten({ StringEquals: AUD, StringLike: { [`${GITHUB}:sub`]: 'repo:*' } },
      (role) => TrustAcknowledgements.add(role, 'SubWildcardRepository', 'Org-wide read-only artifact role, approved in SEC-142'));
    // THEN the synth fails, and says why the acknowledgement does not count
    expect(() => app.synth()).toThrow(/\[Stack\/Deploy\] SubWildcardRepository: .*"repo:\*" lets repositories of any owner .*Anyone on GitHub could assume the role, so no acknowledgement accepts it \(the role's acknowledgement of SubWildcardRepository does not\)\./);
  });

  test.each([
    ['no sub condition', { StringEquals: AUD }, 'SubMissing'],
    ['a negated sub alone', { StringEquals: AUD, StringNotLike: { [`${GITHUB}:sub`]: 'repo:evil/*' } }, 'NegatedSubOnly'],
    ['a reusable workflow of any owner', { StringEquals: AUD, StringLike: { [`${GITHUB}:job_workflow_ref`]: '*/deploy/.github/workflows/d.yml@*' } },
      'JobWorkflowRefWithoutRepository'],
  ])('%s lets any owner in: acknowledging %s does not pass it', (_name, conditions, ruleId) => {
    const { app } = handWritten(conditions, (role) => TrustAcknowledgements.add(role, ruleId, 'Acknowledged for the sake of the test'));
    expect(() => app.synth()).toThrow(new RegExp(`\\[Stack/Deploy\\] ${ruleId}: .*no acknowledgement accepts it`));
  });

  test('a reusable workflow of a named owner may be internal: acknowledging JobWorkflowRefWithoutRepository for it passes it', () => {
    const workflow = 'acme/deploy/.github/workflows/d.yml@refs/heads/main';
    const withWorkflows = (workflows: string[], value?: string) => handWritten({ StringEquals: { ...AUD, [`${GITHUB}:job_workflow_ref`]: workflows } },
      (role) => TrustAcknowledgements.add(role, 'JobWorkflowRefWithoutRepository', 'acme/deploy is internal to the acme enterprise', value)).app;
    expect(() => withWorkflows([workflow], workflow).synth()).not.toThrow();
    // without the value, or with another owner's workflow beside acme's, it still fails
    expect(() => withWorkflows([workflow]).synth()).toThrow(/names no value/);
    expect(() => withWorkflows([workflow, 'evil/ci/.github/workflows/d.yml@refs/heads/main'], workflow).synth())
      .toThrow(/JobWorkflowRefWithoutRepository: .*"evil\/ci\/.github\/workflows\/d.yml@refs\/heads\/main" without naming the calling repository/);
  });

  test('a hand-written role trusting by name only: its info joins the stack\'s note with the deploy roles\'', () => {
    const { app, stack } = handWritten({ StringEquals: { ...AUD, [`${GITHUB}:sub`]: 'repo:acme/web:environment:production' } },
      (_role, scope) => new GitHubDeployRole(scope, 'Api', {
        provider: GitHubOidcProvider.fromAccount(scope, 'GitHub'), repository: GitHubRepository.of('acme', 'api'), subjects: [SubjectClaim.branch('main')],
      }));
    app.synth();
    const infos = Annotations.fromStack(stack).findInfo('*', Match.anyValue());
    expect(infos.map((info) => info.id)).toEqual(['/Stack']);
    expect(infos[0].entry.data).toMatch(/^RepositoryIdNotPinned: 2 roles of this stack: .*: Stack\/Api \("repo:acme\/api:ref:refs\/heads\/main"\), Stack\/Deploy \("repo:acme\/web:environment:production"\)\. Fix: /);
  });

  test('a reason shorter than 10 characters is refused', () => {
    expect(() => handWritten({ StringEquals: AUD }, (role) => TrustAcknowledgements.add(role, 'SubMissing', 'because')))
      .toThrow(/Invalid acknowledgement reason for SubMissing "because": expected a reason of at least 10 characters/);
  });

  test('no sub condition (Datadog "No keys attached") fails synth', () => {
    const { app } = handWritten({ StringEquals: AUD });
    expect(() => app.synth()).toThrow(/\[Stack\/Deploy\] SubMissing: /);
  });

  test('a well-scoped hand-written role passes with no warning', () => {
    const { app, stack } = handWritten({ StringEquals: { ...AUD, [`${GITHUB}:sub`]: 'repo:acme/web:environment:production' } });
    expect(() => app.synth()).not.toThrow();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('a pull_request subject is a warning, not an error', () => {
    const { app, stack } = handWritten({ StringEquals: { ...AUD, [`${GITHUB}:sub`]: 'repo:acme/web:pull_request' } });
    expect(() => app.synth()).not.toThrow();
    Annotations.fromStack(stack).hasWarning('/Stack/Deploy', Match.stringLikeRegexp('^PullRequestSubject: '));
  });

  test('a CfnRole with an imported provider ARN is judged by its condition keys', () => {
    // GIVEN: a raw CfnRole whose principal the template cannot name
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new iam.CfnRole(stack, 'Raw', {
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: 'sts:AssumeRoleWithWebIdentity',
          Principal: { Federated: { 'Fn::ImportValue': 'GitHubProviderArn' } },
          Condition: { StringLike: { [`${GITHUB}:sub`]: 'repo:*' } },
        }],
      },
    });
    Aspects.of(app).add(new GitHubTrustChecks());
    // THEN
    expect(() => app.synth()).toThrow(/\[Stack\/Raw\] SubWildcardRepository: /);
  });

  test('a role trusting a provider known only at deploy, with no condition at all, fails as if it trusted GitHub\'s', () => {
    // GIVEN: nothing in the statement says whose provider the import is, and nothing narrows the tokens it accepts
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const providerArn = new CfnParameter(stack, 'ProviderArn');
    new iam.Role(stack, 'Imported', { assumedBy: new iam.WebIdentityPrincipal(Fn.importValue('GitHubProviderArn')) });
    new iam.Role(stack, 'Parameter', { assumedBy: new iam.WebIdentityPrincipal(providerArn.valueAsString) });
    Aspects.of(app).add(new GitHubTrustChecks());
    // THEN
    expect(() => app.synth()).toThrow(/\[Stack\/Imported\] SubMissing: Statement 0 \(provider known only at deploy, judged as GitHub's\) allows [^]*\[Stack\/Parameter\] SubMissing: /);
  });

  test('a provider known only at deploy whose conditions name another issuer is left alone', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new iam.Role(stack, 'Google', {
      assumedBy: new iam.WebIdentityPrincipal(Fn.importValue('GoogleProviderArn'), { StringEquals: { 'accounts.google.com:aud': 'client-id' } }),
    });
    Aspects.of(app).add(new GitHubTrustChecks());
    expect(() => app.synth()).not.toThrow();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('a sub read from a CfnParameter is judged with the parameter\'s default too, as a stack made without values deploys it', () => {
    // GIVEN a parameter defaulting to "*", read by Fn::Sub and by valueAsString (an Fn::Join)
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const repository = new CfnParameter(stack, 'Repository', { type: 'String', default: '*' });
    const sub = (value: string) => new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`, {
      StringEquals: AUD, StringLike: { [`${GITHUB}:sub`]: value },
    });
    new iam.Role(stack, 'BySub', { assumedBy: sub(Fn.sub('repo:acme/${Repository}:ref:refs/heads/main')) });
    new iam.Role(stack, 'ByValue', { assumedBy: sub(`repo:acme/${repository.valueAsString}:ref:refs/heads/main`) });
    Aspects.of(app).add(new GitHubTrustChecks());
    // THEN both fail for the default deployment
    expect(() => app.synth()).toThrow(/\[Stack\/BySub\] SubWildcardRepository: .*"repo:acme\/\*:ref:refs\/heads\/main" lets every repository of "acme" .*\(when the parameters take their Defaults\)[^]*\[Stack\/ByValue\] SubWildcardRepository: /);
  });

  /** A stack with a `Repository` parameter and a role `BySub` whose sub reads it through Fn::Sub. */
  function roleReadingParameter(parameter: CfnParameterProps) {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new CfnParameter(stack, 'Repository', parameter);
    new iam.Role(stack, 'BySub', {
      assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`, {
        StringEquals: AUD, StringLike: { [`${GITHUB}:sub`]: Fn.sub('repo:acme/${Repository}:ref:refs/heads/main') },
      }),
    });
    Aspects.of(app).add(new GitHubTrustChecks());
    return { app, stack };
  }

  test('a CfnParameter allowed to be "*" fails the synth for that value, whatever its default', () => {
    const { app } = roleReadingParameter({ type: 'String', default: 'web', allowedValues: ['web', '*'] });
    expect(() => app.synth()).toThrow(/\[Stack\/BySub\] SubWildcardRepository: .*\(when parameter Repository is "\*"\)/);
  });

  test('a parameter whose default names one repository leaves the value given at deploy unknown, a warning', () => {
    const { app, stack } = roleReadingParameter({ type: 'String', default: 'web' });
    expect(() => app.synth()).not.toThrow();
    Annotations.fromStack(stack).hasWarning('/Stack/BySub', Match.stringLikeRegexp('UnresolvedConditionValue: .*when the parameters are given at deploy'));
  });

  test('an EKS service-account role (IRSA) is left alone: its provider and its keys are known only at deploy', () => {
    // GIVEN the role as aws-eks writes it: the cluster's provider, its issuer's keys in one CfnJson under StringEquals
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const issuer = new CfnResource(stack, 'Cluster', { type: 'AWS::EKS::Cluster' }).getAtt('OpenIdConnectIssuerUrl').toString();
    const provider = new iam.OpenIdConnectProvider(stack, 'ClusterProvider', { url: issuer, clientIds: ['sts.amazonaws.com'] });
    const host = Fn.select(1, Fn.split('https://', issuer));
    const keys = new CfnJson(stack, 'ConditionJson', { value: { [`${host}:sub`]: 'system:serviceaccount:default:app', [`${host}:aud`]: 'sts.amazonaws.com' } });
    new iam.Role(stack, 'ServiceAccount', { assumedBy: new iam.OpenIdConnectPrincipal(provider).withConditions({ StringEquals: keys }) });
    Aspects.of(app).add(new GitHubTrustChecks());
    // THEN
    expect(() => app.synth()).not.toThrow();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test.each([
    ['StringLike', { [`${GITHUB}:sub`]: 'repo:*' }, /\[Stack\/Imported\] SubWildcardRepository: .*"repo:\*"/],
    ['StringEquals', {}, /\[Stack\/Imported\] SubMissing: .*provider known only at deploy/],
  ])('a %s block written through a CfnJson, with an imported provider, is judged as the JSON it deploys', (operator, value, error) => {
    // GIVEN a role whose provider is imported and whose condition block is a CfnJson (its JSON is known at synth)
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const block = new CfnJson(stack, 'Block', { value });
    new iam.Role(stack, 'Imported', { assumedBy: new iam.WebIdentityPrincipal(Fn.importValue('GitHubProviderArn'), { [operator]: block }) });
    GitHubTrustChecks.applyTo(app);
    // THEN it fails as the same role written out does
    expect(() => app.synth()).toThrow(error);
  });

  /**
   * A role whose keys are made with its provider's issuer token, in a CfnJson (the way CDK's error for a token used as
   * a key points to): `provider` is CDK's custom-resource provider or ours.
   */
  function roleWithIssuerKeys(provider: 'OpenIdConnectProvider' | 'GitHubOidcProvider', sub: string) {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    let issuer: string;
    let principal: (conditions: iam.Conditions) => iam.IPrincipal;
    if (provider === 'OpenIdConnectProvider') {
      const cdkProvider = new iam.OpenIdConnectProvider(stack, 'Provider', { url: `https://${GITHUB}`, clientIds: ['sts.amazonaws.com'] });
      issuer = cdkProvider.openIdConnectProviderIssuer;
      principal = (conditions) => new iam.OpenIdConnectPrincipal(cdkProvider, conditions);
    } else {
      const ours = new GitHubOidcProvider(stack, 'Provider');
      issuer = ours.oidcProviderIssuer;
      principal = (conditions) => new iam.WebIdentityPrincipal(ours.oidcProviderArn, conditions);
    }
    const keys = new CfnJson(stack, 'Keys', { value: { [`${issuer}:sub`]: sub, [`${issuer}:aud`]: 'sts.amazonaws.com' } });
    new iam.Role(stack, 'Deploy', { assumedBy: principal({ StringLike: keys }) });
    GitHubTrustChecks.applyTo(app);
    return { app, stack };
  }

  test.each(['OpenIdConnectProvider', 'GitHubOidcProvider'] as const)('keys written with an %s\'s issuer token in a CfnJson are judged as its GitHub keys', (provider) => {
    // GIVEN "repo:*": THEN the synth fails as for the role written out (it used to fail as SubMissing, whatever the sub)
    expect(() => roleWithIssuerKeys(provider, 'repo:*').app.synth()).toThrow(/\[Stack\/Deploy\] SubWildcardRepository: .*value "repo:\*" lets repositories of any owner/);
    // GIVEN one branch of one repository: THEN it passes without a warning
    const { app, stack } = roleWithIssuerKeys(provider, 'repo:acme/web:ref:refs/heads/main');
    expect(() => app.synth()).not.toThrow();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('a GitHubDeployRole whose override writes keys with its provider\'s issuer token in a CfnJson is judged by them', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const provider = new GitHubOidcProvider(stack, 'Provider');
    const role = new GitHubDeployRole(stack, 'Deploy', { provider, repository: GitHubRepository.of('acme', 'web'), subjects: [SubjectClaim.branch('main')] });
    const block = new CfnJson(stack, 'Block', { value: { [`${provider.oidcProviderIssuer}:sub`]: 'repo:acme/*' } });
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition', { StringLike: block });
    expect(() => app.synth()).toThrow(/\[Stack\/Deploy\] SubWildcardRepository: .*"repo:acme\/\*" lets every repository of "acme"/);
  });

  test('a GitHubDeployRole whose condition an override writes through a CfnJson is judged by the JSON it deploys', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const role = new GitHubDeployRole(stack, 'Deploy', { repository: GitHubRepository.of('acme', 'web'), subjects: [SubjectClaim.branch('main')] });
    const block = new CfnJson(stack, 'Block', { value: { [`${GITHUB}:sub`]: 'repo:acme/*' } });
    (role.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition', { StringLike: block });
    expect(() => app.synth()).toThrow(/\[Stack\/Deploy\] SubWildcardRepository: .*"repo:acme\/\*" lets every repository of "acme"/);
  });

  test('a role whose WebIdentityPrincipal names GitHub\'s host (as one names Cognito\'s) fails: no token matches it, and its sub is judged', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new iam.Role(stack, 'ByHost', {
      assumedBy: new iam.WebIdentityPrincipal(GITHUB, { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: 'repo:*' } }),
    });
    GitHubTrustChecks.applyTo(app);
    expect(() => app.synth()).toThrow(/\[Stack\/ByHost\] FederatedPrincipalNotArn: .*"token\.actions\.githubusercontent\.com", GitHub's issuer[^]*\[Stack\/ByHost\] SubWildcardRepository: .*"repo:\*"/);
  });

  test('a role of a stack with an account that trusts another account\'s provider fails; an env-agnostic stack cannot tell', () => {
    const build = (env?: { account: string; region: string }) => {
      const app = new App();
      const stack = new Stack(app, 'Stack', { env });
      new iam.Role(stack, 'Copied', {
        assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`, {
          StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: 'repo:acme/web:environment:production' },
        }),
      });
      GitHubTrustChecks.applyTo(app);
      return app;
    };
    expect(() => build({ account: '999999999999', region: 'eu-west-1' }).synth())
      .toThrow(/\[Stack\/Copied\] ProviderInOtherAccount: .*provider of account 123456789012 .*but the role is in account 999999999999/);
    expect(() => build({ account: '123456789012', region: 'eu-west-1' }).synth()).not.toThrow();
    expect(() => build().synth()).not.toThrow();
  });

  test('roles that do not trust GitHub are left alone', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new iam.Role(stack, 'Lambda', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new iam.Role(stack, 'Google', { assumedBy: new iam.WebIdentityPrincipal('accounts.google.com') });
    Aspects.of(app).add(new GitHubTrustChecks());
    expect(() => app.synth()).not.toThrow();
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoInfo('*', Match.anyValue());
  });

  test('GitHubDeployRole is checked once (by itself), not twice', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new GitHubDeployRole(stack, 'Plan', {
      provider: GitHubOidcProvider.forAccount(stack),
      repository: GitHubRepository.of('acme', 'web'),
      subjects: [SubjectClaim.pullRequest()],
    });
    Aspects.of(app).add(new GitHubTrustChecks());
    app.synth();
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('^PullRequestSubject'))).toHaveLength(1);
  });

  test('another expected audience makes sts.amazonaws.com an error', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const provider = new iam.OidcProviderNative(stack, 'Provider', { url: `https://${GITHUB}`, clientIds: ['sts.amazonaws.com'] });
    new iam.Role(stack, 'Deploy', {
      assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, { StringEquals: { ...AUD, [`${GITHUB}:sub`]: 'repo:acme/web:ref:refs/heads/main' } }),
    });
    Aspects.of(app).add(new GitHubTrustChecks({ expectedAudience: 'sts.amazonaws.com.cn' }));
    expect(() => app.synth()).toThrow(/AudienceUnexpected/);
  });

  test.each([
    [{ expectedAudience: '*' }, /Invalid expectedAudience "\*": expected the exact audience/],
    [{ expectedAudience: '' }, /Invalid expectedAudience ""/],
    [{ trustPolicySizeLimit: 1000 }, /Invalid trustPolicySizeLimit 1000: expected a whole number of characters, at least the default quota 2048/],
    [{ trustPolicySizeLimit: 2048.5 }, /Invalid trustPolicySizeLimit 2048.5/],
  ])('bad props %j', (props, message) => {
    expect(() => new GitHubTrustChecks(props as any)).toThrow(message);
  });
});

describe('GitHubTrustChecks on a role that trusts everyone (issue 10)', () => {
  test.each([['"*"', '*'], ['{"AWS":"*"}', { AWS: '*' }], ['{"Federated":"*"}', { Federated: '*' }]])(
    'a CfnRole with Principal %s allowing sts:AssumeRoleWithWebIdentity fails the synth', (_name, principal) => {
      const app = new App();
      const stack = new Stack(app, 'Stack');
      new iam.CfnRole(stack, 'Open', {
        assumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRoleWithWebIdentity' }],
        },
      });
      Aspects.of(app).add(new GitHubTrustChecks());
      expect(() => app.synth()).toThrow(/\[Stack\/Open\] SubMissing: /);
    });
});

describe('GitHubTrustChecks counts a literal provider ARN as written (issue 10 item 8)', () => {
  /** A CfnRole trusting the provider by a literal arn:aws: ARN, padded with branch subjects to `size` characters. */
  function literalRole(stack: Stack, size: number) {
    const document = (subjects: string[]) => ({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${GITHUB}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:repository_id`]: '42', [`${GITHUB}:sub`]: subjects } },
      }],
    });
    const subjects: string[] = [];
    while (JSON.stringify(document([...subjects, 'repo:acme/web:ref:refs/heads/x'])).length <= size) {
      subjects.push(`repo:acme/web:ref:refs/heads/r${subjects.length}`);
    }
    // top up the last subject to reach the size exactly
    const missing = size - JSON.stringify(document(subjects)).length;
    subjects[subjects.length - 1] += 'x'.repeat(missing);
    expect(JSON.stringify(document(subjects)).length).toBe(size);
    new iam.CfnRole(stack, 'Literal', { assumeRolePolicyDocument: document(subjects) });
  }

  test.each([[2042], [2048]])('a policy of %d characters in an env-agnostic stack synthesizes', (size) => {
    const app = new App();
    literalRole(new Stack(app, 'Stack'), size);
    Aspects.of(app).add(new GitHubTrustChecks());
    expect(() => app.synth()).not.toThrow();
  });

  test('one character more fails, with the size IAM counts', () => {
    const app = new App();
    literalRole(new Stack(app, 'Stack'), 2049);
    Aspects.of(app).add(new GitHubTrustChecks());
    expect(() => app.synth()).toThrow(/\[Stack\/Literal\] PolicySizeExceeded: The trust policy's compact JSON is 2049 characters/);
  });
});

describe('GitHubTrustChecks and stages (CDK applies an aspect only within the stage it was added in)', () => {
  const wide = (scope: Construct, id = 'Wide', sub = 'repo:*') => new iam.Role(scope, id, {
    assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`, { StringEquals: AUD, StringLike: { [`${GITHUB}:sub`]: sub } }),
  });

  test('an aspect on the app does not reach a stage\'s roles: the synth fails, naming the stage, its roles and the fix', () => {
    const app = new App();
    const prod = new Stage(app, 'Prod');
    wide(new Stack(prod, 'Deploy'));
    Aspects.of(app).add(new GitHubTrustChecks());
    expect(() => app.synth()).toThrow(/GitHubTrustChecks does not reach the roles of stage Prod \(Prod\/Deploy\/Wide\): .* Fix: GitHubTrustChecks\.applyTo\(app\)/);
  });

  test('applyTo(app) checks the roles of the app\'s stages, nested ones included', () => {
    const app = new App();
    const prod = new Stage(app, 'Prod');
    wide(new Stack(new Stage(prod, 'Inner'), 'Deploy'));
    GitHubTrustChecks.applyTo(app);
    expect(() => app.synth()).toThrow(/\[Prod\/Inner\/Deploy\/Wide\] SubWildcardRepository: /);
  });

  test('applyTo(app) with well-scoped roles in a stage passes', () => {
    const app = new App();
    wide(new Stack(new Stage(app, 'Prod'), 'Deploy'), 'Narrow', 'repo:acme/web:environment:production');
    const checks = GitHubTrustChecks.applyTo(app);
    expect(checks).toBeInstanceOf(GitHubTrustChecks);
    expect(() => app.synth()).not.toThrow();
  });

  test('a stage is reached by checks added to it, or to the stack of each role; a stage of deploy roles only needs none', () => {
    const app = new App();
    const staged = new Stage(app, 'Staged');
    wide(new Stack(staged, 'Deploy'), 'Narrow', 'repo:acme/web:environment:production');
    Aspects.of(staged).add(new GitHubTrustChecks());
    const stacked = new Stage(app, 'Stacked');
    const stack = new Stack(stacked, 'Deploy');
    wide(stack, 'Narrow', 'repo:acme/web:environment:production');
    Aspects.of(stack).add(new GitHubTrustChecks());
    const roles = new Stack(new Stage(app, 'DeployRolesOnly'), 'Deploy');
    new GitHubDeployRole(roles, 'Web', { repository: GitHubRepository.of('acme', 'web', { ownerId: 1, repositoryId: 2 }), subjects: [SubjectClaim.branch('main')] });
    new Stage(app, 'Empty');
    Aspects.of(app).add(new GitHubTrustChecks());
    expect(() => app.synth()).not.toThrow();
  });

  test('a stage defined after applyTo is not covered, and says so', () => {
    const app = new App();
    GitHubTrustChecks.applyTo(app);
    wide(new Stack(new Stage(app, 'Late'), 'Deploy'));
    expect(() => app.synth()).toThrow(/does not reach the roles of stage Late \(Late\/Deploy\/Wide\)/);
  });
});

test('an unreached stage is reported once, however often the app is synthesized', () => {
  const app = new App();
  new iam.Role(new Stack(new Stage(app, 'Prod'), 'Deploy'), 'Plain', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  Aspects.of(app).add(new GitHubTrustChecks());
  const messageOf = (synth: () => unknown) => {
    try {
      synth();
      return '';
    } catch (err) {
      return (err as Error).message;
    }
  };
  const messages = [messageOf(() => app.synth()), messageOf(() => app.synth({ force: true }))];
  // A service role is a role all the same: the checks cannot tell, before resolving it, that it trusts no GitHub provider.
  expect(messages.map((message) => message.match(/does not reach the roles of stage Prod/g)?.length)).toEqual([1, 1]);
});
