/**
 * A hand-written `AWS::CloudFormation::StackSet` puts its template's roles in every account it targets:
 * `GitHubTrustChecks` judges the roles of its inline `TemplateBody` with the same rules (a `repo:*` role there is open
 * in the whole organization), and says so when it cannot read the body.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as iam from 'aws-cdk-lib/aws-iam';
import fc from 'fast-check';
import { GITHUB } from './helpers';
import { TrustPolicyEvaluator } from '../../src/analysis/evaluate/evaluator';
import { GitHubOidcStackSet } from '../../src/constructs/organization/oidc-stack-set';
import { GitHubTrustChecks } from '../../src/constructs/trust-checks';
import { attacker, pol } from '../analysis/properties/attack-policies';
import { yamlRoleTemplate } from '../analysis/template/yaml-templates';

const PROVIDER = { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GITHUB}` };
const policyWith = (sub: string) => ({
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow',
    Action: 'sts:AssumeRoleWithWebIdentity',
    Principal: { Federated: PROVIDER },
    Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: sub } },
  }],
});
const role = (policy: unknown, metadata?: object) => ({ Type: 'AWS::IAM::Role', ...(metadata ? { Metadata: metadata } : {}), Properties: { AssumeRolePolicyDocument: policy } });

/** An app with one stack holding a StackSet whose template is `body`, checked by GitHubTrustChecks. */
function stackSetApp(body: string | undefined, configure?: (stackSet: cloudformation.CfnStackSet) => void) {
  const app = new App();
  const stack = new Stack(app, 'Org');
  const stackSet = new cloudformation.CfnStackSet(stack, 'Roles', {
    stackSetName: 'roles',
    permissionModel: 'SERVICE_MANAGED',
    ...(body !== undefined ? { templateBody: body } : { templateUrl: 'https://s3.amazonaws.com/bucket/roles.json' }),
  });
  configure?.(stackSet);
  GitHubTrustChecks.applyTo(app);
  return { app, stack };
}

describe('GitHubTrustChecks and the roles a StackSet deploys', () => {
  test('a repo:* role in the inline JSON body fails the synth, naming the StackSet and the role', () => {
    const { app } = stackSetApp(JSON.stringify({ Resources: { Deploy: role(policyWith('repo:*')) } }));
    expect(() => app.synth()).toThrow(/\[Org\/Roles\] Deploy in the StackSet template: SubWildcardRepository: .*"repo:\*"/);
  });

  test('a risky subject is a warning on the StackSet; an acknowledgement in the template\'s metadata accepts it', () => {
    const risky = stackSetApp(JSON.stringify({ Resources: { Deploy: role(policyWith('repo:acme/web:pull_request')) } }));
    expect(() => risky.app.synth()).not.toThrow();
    Annotations.fromStack(risky.stack).hasWarning('/Org/Roles', Match.stringLikeRegexp('^Deploy in the StackSet template: PullRequestSubject: .*\\(cdk-github-deploy-roles::PullRequestSubject\\)$'));

    const metadata = { 'cdk-github-deploy-roles': { acknowledgements: [{ ruleId: 'PullRequestSubject', reason: 'Read-only plan for pull requests' }] } };
    const accepted = stackSetApp(JSON.stringify({ Resources: { Deploy: role(policyWith('repo:acme/web:pull_request'), metadata) } }));
    expect(() => accepted.app.synth()).not.toThrow();
    expect(Annotations.fromStack(accepted.stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('a well-scoped role passes without a word', () => {
    const { app, stack } = stackSetApp(JSON.stringify({ Resources: { Deploy: role(policyWith('repo:acme/web:environment:production')) } }));
    expect(() => app.synth()).not.toThrow();
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('a YAML body, short-form intrinsics included, is judged like a JSON one', () => {
    const yamlBody = yamlRoleTemplate('!If [IsProd, "repo:acme/web:environment:production", "repo:*"]', ['Conditions:', '  IsProd: !Equals [!Ref Stage, prod]']);
    const { app } = stackSetApp(yamlBody);
    expect(() => app.synth()).toThrow(/\[Org\/Roles\] Deploy in the StackSet template: SubWildcardRepository: .*"repo:\*".*\(when IsProd is false\)/);
  });

  test('the roles of an Fn::ForEach loop in the body (AWS::LanguageExtensions) are judged one by one', () => {
    const body = JSON.stringify({
      Transform: 'AWS::LanguageExtensions',
      Resources: { 'Fn::ForEach::Repos': ['Repo', ['web', '*'], { 'Deploy${Repo}': role(policyWith('repo:acme/${Repo}:ref:refs/heads/main')) }] },
    });
    const { app } = stackSetApp(body);
    expect(() => app.synth()).toThrow(/\[Org\/Roles\] Deploy\* in the StackSet template: SubWildcardRepository: .*"repo:acme\/\*:ref:refs\/heads\/main"/);
  });

  test('a resource an override turns into a StackSet is opened too', () => {
    const app = new App();
    const stack = new Stack(app, 'Org');
    const disguised = new CfnResource(stack, 'Roles', { type: 'AWS::SNS::Topic' });
    disguised.addOverride('Type', 'AWS::CloudFormation::StackSet');
    disguised.addPropertyOverride('TemplateBody', JSON.stringify({ Resources: { Deploy: role(policyWith('repo:*')) } }));
    GitHubTrustChecks.applyTo(app);
    expect(() => app.synth()).toThrow(/\[Org\/Roles\] Deploy in the StackSet template: SubWildcardRepository: /);
  });

  test('a body that is neither JSON nor YAML is a warning that its roles are not checked, not silence', () => {
    for (const body of ['Resources: [unclosed', 'Resources:\n  A: 1\n  A: 2\n']) {
      const { app, stack } = stackSetApp(body);
      app.synth();
      Annotations.fromStack(stack).hasWarning('/Org/Roles', Match.stringLikeRegexp("^The StackSet's TemplateBody is neither JSON nor YAML .* not checked at synth"));
    }
  });

  test('a template given by URL has nothing to read at synth, and no finding', () => {
    const { app, stack } = stackSetApp(undefined);
    expect(() => app.synth()).not.toThrow();
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('a body put in with an escape hatch is judged as the template holds it', () => {
    const narrow = JSON.stringify({ Resources: { Deploy: role(policyWith('repo:acme/web:environment:production')) } });
    const { app } = stackSetApp(narrow, (stackSet) => stackSet.addPropertyOverride('TemplateBody', JSON.stringify({ Resources: { Deploy: role(policyWith('repo:acme/*')) } })));
    expect(() => app.synth()).toThrow(/Deploy in the StackSet template: SubWildcardRepository: .*"repo:acme\/\*"/);
  });

  test('a GitHubOidcStackSet is not opened twice: its template\'s roles are judged once, when the template synthesizes', () => {
    const app = new App();
    const stack = new Stack(app, 'Organization', { env: { account: '999999999999', region: 'us-east-1' } });
    const stackSet = new GitHubOidcStackSet(stack, 'GitHub', { organizationalUnitIds: ['ou-ab12-34cd56ef'], region: 'eu-west-1' });
    new iam.Role(stackSet.template, 'Open', {
      assumedBy: new iam.WebIdentityPrincipal(stackSet.provider.oidcProviderArn, {
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: 'repo:acme/web:pull_request' },
      }),
    });
    GitHubTrustChecks.applyTo(app);
    Template.fromStack(stack);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('PullRequestSubject'))).toEqual([]);
  });

  test('property: whatever policy admits another repository\'s token, in a StackSet body it fails the synth', () => {
    let admitted = 0;
    fc.assert(fc.property(pol, attacker, (policy, token) => {
      if (!TrustPolicyEvaluator.evaluate(policy, token).allowed) return;
      // Principals written with a Ref name a provider of the StackSet's own template.
      const body = JSON.stringify({
        Resources: { P: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: `https://${GITHUB}`, ClientIdList: ['sts.amazonaws.com'] } }, Deploy: role(policy) },
      });
      admitted++;
      const { app } = stackSetApp(body);
      let failed = false;
      try {
        app.synth();
      } catch (err) {
        if (!/Deploy in the StackSet template: /.test((err as Error).message)) throw err;
        failed = true;
      }
      expect([policy, token.sub, failed]).toEqual([policy, token.sub, true]);
    }), { numRuns: 400 });
    expect(admitted).toBeGreaterThan(15);
  });
});
