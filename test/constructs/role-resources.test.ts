/**
 * GitHubTrustChecks and roles not written as `iam.CfnRole`: a `CfnResource` of type `AWS::IAM::Role` (as other
 * libraries and hand-ported templates write them), or any resource an escape hatch turns into one. The aspect once
 * looked only for `iam.CfnRole` instances, so these synthesized `repo:*` roles with no finding.
 */
import { App, Aspects, CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sam from 'aws-cdk-lib/aws-sam';
import fc from 'fast-check';
import { GITHUB } from './helpers';
import { TrustPolicyEvaluator } from '../../src/analysis/evaluate/evaluator';
import { templateRoles } from '../../src/analysis/template/template-roles';
import { TrustPolicyValidator } from '../../src/analysis/validate/validator';
import { TrustAcknowledgements } from '../../src/constructs/acknowledgements';
import { GitHubTrustChecks } from '../../src/constructs/trust-checks';
import { attacker, pol, readingsOf } from '../analysis/properties/attack-policies';

const ACCOUNT = '123456789012';
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}`;

function trust(sub: string): any {
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: PROVIDER_ARN },
      Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: sub } },
    }],
  };
}

function newStack(app = new App(), id = 'Stack'): Stack {
  return new Stack(app, id, { env: { account: ACCOUNT, region: 'us-east-1' } });
}

function synthError(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

describe('a CfnResource of type AWS::IAM::Role', () => {
  test('trusting every repository fails the synth, naming the resource, the rule and the value', () => {
    const app = new App();
    const stack = newStack(app);
    new CfnResource(stack, 'Deploy', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: trust('repo:*') } });
    GitHubTrustChecks.applyTo(app);
    expect(synthError(app)).toMatch(/\[Stack\/Deploy\] SubWildcardRepository: .*"repo:\*"/);
  });

  test('an override that widens its sub is judged as the template holds it', () => {
    const app = new App();
    const stack = newStack(app);
    const role = new CfnResource(stack, 'Deploy', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: trust('repo:acme/web:ref:refs/heads/main') } });
    role.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition.StringLike', { [`${GITHUB}:sub`]: 'repo:acme/*' });
    GitHubTrustChecks.applyTo(app);
    expect(synthError(app)).toMatch(/\[Stack\/Deploy\] SubWildcardRepository: .*"repo:acme\/\*"/);
  });

  test('a narrow one synthesizes; its warnings are annotations on it, and an acknowledgement with a reason turns one into information', () => {
    const app = new App();
    const stack = newStack(app);
    const role = new CfnResource(stack, 'Deploy', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: trust('repo:acme/web:pull_request') } });
    const acknowledged = new CfnResource(stack, 'Preview', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: trust('repo:acme/web:pull_request') } });
    TrustAcknowledgements.add(acknowledged, 'PullRequestSubject', 'read-only previews of pull requests');
    GitHubTrustChecks.applyTo(app);
    Template.fromStack(stack);
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findWarning(`/Stack/${role.node.id}`, Match.stringLikeRegexp('PullRequestSubject'))).toHaveLength(1);
    expect(annotations.findWarning('/Stack/Preview', Match.stringLikeRegexp('PullRequestSubject'))).toEqual([]);
    expect(annotations.findInfo('/Stack/Preview', Match.stringLikeRegexp('read-only previews of pull requests'))).toHaveLength(1);
    expect(TrustAcknowledgements.effective(acknowledged)).toEqual([{ ruleId: 'PullRequestSubject', reason: 'read-only previews of pull requests' }]);
  });

  test('a role that trusts no GitHub provider, or has no trust policy, is left alone', () => {
    const app = new App();
    const stack = newStack(app);
    new CfnResource(stack, 'Lambda', {
      type: 'AWS::IAM::Role',
      properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
    });
    new CfnResource(stack, 'Empty', { type: 'AWS::IAM::Role' });
    GitHubTrustChecks.applyTo(app);
    expect(synthError(app)).toBeUndefined();
  });
});

describe('a resource whose Type an override makes AWS::IAM::Role', () => {
  test('is judged by the type it synthesizes to', () => {
    const app = new App();
    const stack = newStack(app);
    const disguised = new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
    disguised.addOverride('Type', 'AWS::IAM::Role');
    disguised.addPropertyOverride('AssumeRolePolicyDocument', trust('repo:*'));
    GitHubTrustChecks.applyTo(app);
    expect(synthError(app)).toMatch(/\[Stack\/Topic\] SubWildcardRepository: /);
  });

  test('a resource of another type with the same properties is not a role, and is not judged', () => {
    const app = new App();
    const stack = newStack(app);
    const topic = new CfnResource(stack, 'Topic', { type: 'AWS::SNS::Topic' });
    topic.addPropertyOverride('AssumeRolePolicyDocument', trust('repo:*'));
    GitHubTrustChecks.applyTo(app);
    expect(synthError(app)).toBeUndefined();
  });
});

// The SAM transform writes a function's role from its AssumeRolePolicyDocument: the template shows no AWS::IAM::Role,
// so the checks passed "repo:*" there without a word.
describe('a SAM function (sam.CfnFunction), whose role the SAM transform creates', () => {
  const samStack = (app: App, id = 'Stack') => {
    const stack = newStack(app, id);
    stack.addTransform('AWS::Serverless-2016-10-31');
    return stack;
  };
  const code = { codeUri: 's3://bucket/key.zip', handler: 'index.handler', runtime: 'nodejs20.x' };

  test('with a trust policy of its own that admits every repository, fails the synth', () => {
    const app = new App();
    new sam.CfnFunction(samStack(app), 'Fn', { ...code, assumeRolePolicyDocument: trust('repo:*') });
    GitHubTrustChecks.applyTo(app);
    expect(synthError(app)).toMatch(/\[Stack\/Fn\] SubWildcardRepository: Statement 0: StringLike "token\.actions\.githubusercontent\.com:sub" value "repo:\*"/);
  });

  test.each([
    ['a narrow trust policy', { assumeRolePolicyDocument: trust('repo:acme/web:environment:production') }],
    ['a role of its own (SAM creates none, and ignores the document)', { role: 'arn:aws:iam::123456789012:role/given', assumeRolePolicyDocument: trust('repo:*') }],
    ['no trust policy (the default Lambda trust)', {}],
  ])('with %s, passes', (_name, props) => {
    const app = new App();
    new sam.CfnFunction(samStack(app), 'Fn', { ...code, ...props });
    GitHubTrustChecks.applyTo(app);
    expect(synthError(app)).toBeUndefined();
  });

  test('in a stage the checks do not reach: reported when it has a trust policy, not when it has none', () => {
    const app = new App();
    const stage = new Stage(app, 'Prod');
    const stack = samStack(stage as unknown as App, 'S');
    new sam.CfnFunction(stack, 'Wide', { ...code, assumeRolePolicyDocument: trust('repo:*') });
    new sam.CfnFunction(stack, 'Plain', code);
    newStack(app, 'Top');
    Aspects.of(app).add(new GitHubTrustChecks());
    const error = synthError(app);
    expect(error).toMatch(/does not reach the roles of stage Prod \(Prod\/S\/Wide\)/);
    expect(error).not.toMatch(/Plain/);
  });
});

test('a CfnResource role in a stage the checks do not reach fails the synth, naming it', () => {
  const app = new App();
  const stage = new Stage(app, 'Prod');
  new CfnResource(new Stack(stage, 'S'), 'Wide', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: trust('repo:*') } });
  newStack(app, 'Top');
  // The aspect on the app alone: the stage's role is not reached.
  Aspects.of(app).add(new GitHubTrustChecks());
  expect(synthError(app)).toMatch(/does not reach the roles of stage Prod \(Prod\/S\/Wide\)/);
});

test('property: whatever policy admits another repository\'s token, as a CfnResource role it fails the synth', () => {
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, (policy, token) => {
    if (!TrustPolicyEvaluator.evaluate(policy, token).allowed) return;
    admitted++;
    const app = new App();
    const stack = newStack(app);
    // Principals written with a Ref name the template's provider `P`.
    new iam.CfnOIDCProvider(stack, 'P', { url: `https://${GITHUB}`, clientIdList: ['sts.amazonaws.com'] });
    new CfnResource(stack, 'Deploy', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: policy } });
    GitHubTrustChecks.applyTo(app);
    const message = synthError(app);
    expect([policy, token.sub, /\[Stack\/Deploy\] /.test(message ?? '')]).toEqual([policy, token.sub, true]);
  }), { numRuns: 300 });
  expect(admitted).toBeGreaterThan(15);
});

test('property: whatever policy admits another repository\'s token, as a SAM function\'s trust policy it fails the synth, and the template read by audit has the error', () => {
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, (policy, token) => {
    if (!readingsOf(policy).some((reading) => TrustPolicyEvaluator.evaluate(reading, token).allowed)) return;
    admitted++;
    const build = () => {
      const app = new App();
      const stack = newStack(app);
      stack.addTransform('AWS::Serverless-2016-10-31');
      new iam.CfnOIDCProvider(stack, 'P', { url: `https://${GITHUB}`, clientIdList: ['sts.amazonaws.com'] });
      new sam.CfnFunction(stack, 'Fn', { codeUri: 's3://bucket/key.zip', handler: 'index.handler', runtime: 'nodejs20.x', assumeRolePolicyDocument: policy });
      return { app, stack };
    };
    // The template as audit reads it (an app synthesized without the checks), and the synth with them.
    const [role] = templateRoles(Template.fromStack(build().stack).toJSON());
    const errors = TrustPolicyValidator.validate(role.policy, { providerUrls: role.providerUrls }).filter((finding) => finding.severity === 'ERROR');
    const { app } = build();
    GitHubTrustChecks.applyTo(app);
    const message = synthError(app);
    expect([policy, token.sub, role.logicalId, errors.length > 0, /\[Stack\/Fn\] /.test(message ?? '')]).toEqual([policy, token.sub, 'FnRole', true, true]);
  }), { numRuns: 200 });
  expect(admitted).toBeGreaterThan(10);
});

describe('a role trusting a provider of its stack that is not an iam.CfnOIDCProvider', () => {
  // With no GitHub condition key in the statement, only the principal says it trusts GitHub: the checks must know
  // the provider's URL, or the role (any run on GitHub may assume it) is taken for another provider's.
  const openStatement = (principal: string) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: principal }, Action: 'sts:AssumeRoleWithWebIdentity' }],
  });

  test.each([
    ['the custom-resource iam.OpenIdConnectProvider', (stack: Stack) =>
      new iam.OpenIdConnectProvider(stack, 'Provider', { url: `https://${GITHUB}`, clientIds: ['sts.amazonaws.com'] }).openIdConnectProviderArn],
    ['a CfnResource of type AWS::IAM::OIDCProvider, by Ref', (stack: Stack) =>
      new CfnResource(stack, 'Provider', { type: 'AWS::IAM::OIDCProvider', properties: { Url: `https://${GITHUB}`, ClientIdList: ['sts.amazonaws.com'] } }).ref],
    ['a CfnResource of type AWS::IAM::OIDCProvider, by Fn::GetAtt', (stack: Stack) =>
      new CfnResource(stack, 'Provider', { type: 'AWS::IAM::OIDCProvider', properties: { Url: `https://${GITHUB}` } }).getAtt('Arn').toString()],
  ])('%s: a statement with no conditions fails the synth with SubMissing', (_name, provider) => {
    const app = new App();
    const stack = newStack(app);
    new iam.CfnRole(stack, 'Open', { assumeRolePolicyDocument: openStatement(provider(stack)) });
    GitHubTrustChecks.applyTo(app);
    expect(synthError(app)).toMatch(/\[Stack\/Open\] SubMissing: .*https:\/\/token\.actions\.githubusercontent\.com/);
  });

  test('a provider of another issuer is not GitHub\'s: its roles are left alone', () => {
    const app = new App();
    const stack = newStack(app);
    const provider = new iam.OpenIdConnectProvider(stack, 'Provider', { url: 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC', clientIds: ['sts.amazonaws.com'] });
    new iam.CfnRole(stack, 'Eks', { assumeRolePolicyDocument: openStatement(provider.openIdConnectProviderArn) });
    GitHubTrustChecks.applyTo(app);
    expect(synthError(app)).toBeUndefined();
  });
});
