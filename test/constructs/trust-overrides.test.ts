import { App, Aspects, CfnCondition, CfnMapping, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { GITHUB, onlyTrustPolicy } from './helpers';
import { FindingSeverity } from '../../src/analysis/validate/finding';
import { TrustPolicyValidator } from '../../src/analysis/validate/validator';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubTrustChecks } from '../../src/constructs/trust-checks';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim } from '../../src/model/subject-claim';

// An escape hatch is written into the template after the trust policy is rendered: the synth-time check must judge
// the policy with it (src/constructs/private/resolved-trust-policy.ts), or `addPropertyOverride` is a way past every
// rule.

const SUB = `${GITHUB}:sub`;

function deployRole(): { app: App; stack: Stack; role: GitHubDeployRole; cfn: iam.CfnRole } {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const role = new GitHubDeployRole(stack, 'Role', { repository: GitHubRepository.of('acme', 'web'), subjects: [SubjectClaim.environment('production')] });
  return { app, stack, role, cfn: role.node.defaultChild as iam.CfnRole };
}

/** The trust policy of the one IAM role in a synthesized template. */
function roleTrustPolicy(template: any): any {
  return Object.values<any>(template.Resources).find((resource) => resource.Type === 'AWS::IAM::Role').Properties.AssumeRolePolicyDocument;
}

describe('a GitHubDeployRole with an escape-hatch override', () => {
  test('addPropertyOverride widening sub to every repository fails the synth', () => {
    const { app, cfn } = deployRole();
    cfn.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition.StringLike', { [SUB]: 'repo:*' });
    cfn.addPropertyDeletionOverride(`AssumeRolePolicyDocument.Statement.0.Condition.StringEquals.${SUB.replace(/\./g, '\\.')}`);
    expect(() => app.synth()).toThrow(/\[Stack\/Role\] SubWildcardRepository: .*repo:\*/);
  });

  test('a deletion override of the sub condition fails the synth', () => {
    const { app, cfn } = deployRole();
    cfn.addPropertyDeletionOverride(`AssumeRolePolicyDocument.Statement.0.Condition.StringEquals.${SUB.replace(/\./g, '\\.')}`);
    expect(() => app.synth()).toThrow(/\[Stack\/Role\] SubMissing: /);
  });

  test('addOverride replacing the whole document with one for the owner\'s every repository fails the synth', () => {
    const { app, cfn, stack } = deployRole();
    cfn.addOverride('Properties.AssumeRolePolicyDocument', {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: `arn:aws:iam::${stack.account}:oidc-provider/${GITHUB}` },
        Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:acme/*' } },
      }],
    });
    expect(() => app.synth()).toThrow(/\[Stack\/Role\] SubWildcardRepository: .*repo:acme\/\*/);
  });

  test('a harmless override passes, and the template holds it', () => {
    const { stack, cfn } = deployRole();
    cfn.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Sid', 'GitHubDeploy');
    expect(onlyTrustPolicy(stack).Statement[0]).toMatchObject({ Sid: 'GitHubDeploy', Condition: { StringEquals: { [SUB]: 'repo:acme/web:environment:production' } } });
  });
});

test('GitHubTrustChecks judges a plain iam.Role\'s trust policy with its overrides', () => {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const role = new iam.Role(stack, 'Plain', {
    assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`, {
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [SUB]: 'repo:acme/web:environment:production' },
    }),
  });
  (role.node.defaultChild as iam.CfnRole).addPropertyOverride(`AssumeRolePolicyDocument.Statement.0.Condition.StringEquals.${SUB.replace(/\./g, '\\.')}`, 'repo:*');
  Aspects.of(app).add(new GitHubTrustChecks());
  expect(() => app.synth()).toThrow(/\[Stack\/Plain\] WildcardInStringEquals|\[Stack\/Plain\] SubWildcardRepository/);
});

test('GitHubTrustChecks judges a role defined inside a GitHubDeployRole (only the deploy role\'s own is left to it)', () => {
  const { app, role } = deployRole();
  new iam.CfnRole(role, 'Hidden', {
    assumeRolePolicyDocument: {
      Statement: [{
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${GITHUB}` },
        Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:*' } },
      }],
    },
  });
  Aspects.of(app).add(new GitHubTrustChecks());
  expect(() => app.synth()).toThrow(/\[Stack\/Role\/Hidden\] SubWildcardRepository/);
});

test('a trust policy that CloudFormation conditions choose (Fn.conditionIf) is judged for each way it can deploy', () => {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const stage = new CfnParameter(stack, 'Stage', { allowedValues: ['prod', 'dev'] });
  const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(stage.valueAsString, 'prod') });
  new iam.Role(stack, 'Switch', {
    assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`, {
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [SUB]: Fn.conditionIf(isProd.logicalId, 'repo:acme/web:environment:production', 'repo:*') },
    }),
  });
  Aspects.of(app).add(new GitHubTrustChecks());
  expect(() => app.synth()).toThrow(/\[Stack\/Switch\] SubWildcardRepository: .*repo:\*.*\(when IsProd is false\)/);
});

test('a sub read from the stack\'s CfnMapping by a parameter is judged as every value of the mapping', () => {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const stage = new CfnParameter(stack, 'Stage', { allowedValues: ['prod', 'dev'] });
  const subjects = new CfnMapping(stack, 'Subjects', {
    mapping: { prod: { sub: 'repo:acme/web:environment:production' }, dev: { sub: 'repo:*' } },
  });
  new iam.Role(stack, 'Mapped', {
    assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`, {
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [SUB]: subjects.findInMap(stage.valueAsString, 'sub') },
    }),
  });
  Aspects.of(app).add(new GitHubTrustChecks());
  expect(() => app.synth()).toThrow(/\[Stack\/Mapped\] SubWildcardRepository: .*repo:\*.*\(when Fn::FindInMap Subjects is dev\/sub\)/);
});

test('a mapping or parameter default changed between two synths is read anew: the stack\'s parts are gathered once per synth, not once per app', () => {
  // GIVEN two roles reading a mapping and a parameter's default, narrow at the first synth
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const subjects = new CfnMapping(stack, 'Subjects', { mapping: { web: { sub: 'repo:acme/web:environment:production' } } });
  const repository = new CfnParameter(stack, 'Repository', { default: 'web' });
  const role = (id: string, sub: string) => new iam.Role(stack, id, {
    assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::123456789012:oidc-provider/${GITHUB}`, {
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [SUB]: sub },
    }),
  });
  role('Mapped', subjects.findInMap('web', 'sub'));
  role('Defaulted', Fn.sub('repo:acme/${Repository}:environment:production'));
  GitHubTrustChecks.applyTo(app);
  // (the first synth adds the synthesizer's bootstrap parameter and rule to the stack: the second adds nothing)
  expect(() => app.synth()).not.toThrow();
  expect(() => app.synth({ force: true })).not.toThrow();
  // WHEN both are widened in place (no construct added or removed) and the app synthesizes again
  subjects.setValue('web', 'sub', 'repo:*');
  repository.default = '*';
  // THEN the second synth judges the new values
  expect(() => app.synth({ force: true })).toThrow(/\[Stack\/Mapped\] SubWildcardRepository: .*"repo:\*"[^]*\[Stack\/Defaulted\] SubWildcardRepository: /);
});

// What an attacker who can get an override written (a copied snippet, a "temporary" widening) would try: any sub
// value, under StringLike or StringEquals. Whatever it is, the synth fails exactly when the rules find an error in the
// policy the template holds.
test('property: with any override of sub, the synth fails exactly when the template\'s policy has an ERROR finding', () => {
  const piece = fc.constantFrom('repo:', 'acme/web', 'acme', 'other/web', '/', ':', '*', '?', 'environment:production',
    'ref:refs/heads/main', 'pull_request', 'acme@1/web@2', 'repo:acme/web:', 'repo:*', '');
  const subArb = fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
  const operatorArb = fc.constantFrom('StringLike', 'StringEquals');
  fc.assert(fc.property(subArb, operatorArb, (sub, operator) => {
    const { app, stack, cfn } = deployRole();
    cfn.addPropertyDeletionOverride(`AssumeRolePolicyDocument.Statement.0.Condition.StringEquals.${SUB.replace(/\./g, '\\.')}`);
    cfn.addPropertyOverride(`AssumeRolePolicyDocument.Statement.0.Condition.${operator}.${SUB.replace(/\./g, '\\.')}`, sub);
    let failed = false;
    let policy: unknown;
    try {
      policy = onlyTrustPolicy(stack);
    } catch (err) {
      if (!/Validation failed/.test(String(err))) throw err;
      failed = true;
    }
    // The policy the template would hold: synthesized again with validation skipped.
    if (failed) {
      const template = app.synth({ force: true, skipValidation: true }).getStackByName(stack.stackName).template;
      policy = roleTrustPolicy(template);
    }
    const errors = TrustPolicyValidator.validate(policy, { providerUrls: { GitHubOidcProvider: `https://${GITHUB}` } })
      .filter((finding) => finding.severity === FindingSeverity.ERROR);
    expect({ sub, operator, failed }).toEqual({ sub, operator, failed: errors.length > 0 });
  }), { numRuns: 80 });
});
