/**
 * JavaScript callers (and jsii languages, where a type check is missed) can pass anything: each public entry point
 * fails with an error that names the field, the value and what is accepted, never with a TypeError from inside
 * aws-cdk-lib or from our own code.
 */
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import fc from 'fast-check';
import {
  DeployRoleFailureMonitor, GitHubDeployRole, GitHubOidcProvider, GitHubOidcStackSet, GitHubOwnerGuardrail,
  GitHubRepository, GitHubTrustChecks, GitHubWorkflowAssertions, SubjectClaim, TrustAcknowledgements,
} from '../../src';

function stack(): Stack {
  return new Stack(new App(), 'Deploy', { env: { account: '123456789012', region: 'us-east-1' } });
}

function deployRole(scope: Stack): GitHubDeployRole {
  return new GitHubDeployRole(scope, 'Web', { repository: GitHubRepository.of('acme', 'web'), subjects: [SubjectClaim.branch('main')] });
}

describe('wrong types get an error naming the field', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['TrustAcknowledgements.add on a plain object', () => TrustAcknowledgements.add({} as any, 'SubAnyRef', 'every branch deploys here'),
      /Invalid scope \{\}: expected a construct at or under which the roles are/],
    ['GitHubTrustChecks.applyTo on a string', () => GitHubTrustChecks.applyTo('app' as any), /Invalid scope "app": expected an App, a Stage or a Stack/],
    ['GitHubOidcProvider.forAccount on undefined', () => GitHubOidcProvider.forAccount(undefined as any), /Invalid scope undefined: expected a construct in the stack/],
    ['GitHubOidcProvider.forAccount with null options', () => GitHubOidcProvider.forAccount(stack(), null as any), /Invalid options null: expected an object of options/],
    ['GitHubOidcProvider.fromAccount on a plain object', () => GitHubOidcProvider.fromAccount({} as any, 'P'), /Invalid scope \{\}: expected a construct in the stack that imports/],
    ['a provider with a removal policy as text', () => new GitHubOidcProvider(stack(), 'P', { removalPolicy: 'keep' as any }),
      /Invalid removalPolicy "keep": expected a RemovalPolicy: destroy, retain/],
    ['a provider with null props', () => new GitHubOidcProvider(stack(), 'P', null as any), /Invalid props null: expected an object of options/],
    ['a monitor with a number for an alarm name', () => new DeployRoleFailureMonitor(stack(), 'M', {
      cloudTrailLogGroup: logs.LogGroup.fromLogGroupName(new Stack(), 'Trail', 'trail'), alarmName: 42 as any,
    }), /Invalid alarmName 42: expected 1 to 255 printable characters/],
    ['a guardrail with a list for its name', () => new GitHubOwnerGuardrail(stack(), 'G', {
      owners: [{ name: 'acme', id: 1844662 }], targetIds: ['r-ab12'], policyName: ['guardrail'] as any,
    }), /Invalid policyName \["guardrail"\]: expected a policy name of 1 to 128 characters/],
    ['a stack set name with a space', () => new GitHubOidcStackSet(stack(), 'S', {
      organizationalUnitIds: ['ou-ab12-cdef3456'], region: 'us-east-1', stackSetName: 'github oidc',
    }), /Invalid stackSetName "github oidc": expected a name that starts with a letter/],
    ['workflow assertions with one path as a string', () => GitHubWorkflowAssertions.fromTemplate(Template.fromStack(withRole()).toJSON(), {
      repository: GitHubRepository.of('acme', 'web'), workflows: '.github/workflows' as any,
    }), /Invalid options\.workflows "\.github\/workflows": expected a list of workflow files or directories/],
    ['workflow assertions with a number as a variable', () => GitHubWorkflowAssertions.fromTemplate(Template.fromStack(withRole()).toJSON(), {
      repository: GitHubRepository.of('acme', 'web'), vars: { ROLE: 1 as any },
    }), /Invalid options\.vars\["ROLE"\] 1: expected a string/],
    ['workflow assertions with an issuer as a URL', () => GitHubWorkflowAssertions.fromTemplate(Template.fromStack(withRole()).toJSON(), {
      repository: GitHubRepository.of('acme', 'web'), issuer: 'https://token.actions.githubusercontent.com' as any,
    }), /Invalid options\.issuer "https:\/\/token\.actions\.githubusercontent\.com": expected a GitHubIssuer/],
  ])('%s', (_name, call, message) => {
    expect(call).toThrow(message);
  });

  test('the values that are right still pass (tokens, RemovalPolicy, the default names)', () => {
    const scope = stack();
    const provider = new GitHubOidcProvider(scope, 'P', { removalPolicy: RemovalPolicy.DESTROY });
    new GitHubDeployRole(scope, 'Web', { provider, repository: GitHubRepository.of('acme', 'web'), subjects: [SubjectClaim.branch('main')] });
    TrustAcknowledgements.add(scope, 'RepositoryIdNotPinned', 'the repository is never renamed');
    GitHubTrustChecks.applyTo(scope);
    new GitHubOwnerGuardrail(scope, 'G', { owners: [{ name: 'acme', id: 1844662 }], targetIds: ['r-ab12'], policyName: 'guardrail' });
    new DeployRoleFailureMonitor(scope, 'M', { cloudTrailLogGroup: new logs.LogGroup(scope, 'Trail'), alarmName: 'deploy-role-failures', period: Duration.minutes(5) });
    expect(() => Template.fromStack(scope)).not.toThrow();
  });
});

function withRole(): Stack {
  const scope = stack();
  deployRole(scope);
  return scope;
}

describe('property: any value in any prop fails with our error or works, never a TypeError', () => {
  // The values a caller gets wrong: other types, empty and odd strings, lists where one value belongs and back.
  const odd = fc.constantFrom<unknown>(undefined, null, 0, -1, 1.5, Number.NaN, true, '', ' ', '*', 'x'.repeat(300), [], [null], ['a'], {}, { a: 1 },
    () => 1, Symbol.for('s'), BigInt(10), new Date(0), '123456789012', Duration.hours(99), [{ name: 'acme' }]);
  const entries: Array<[string, string[], (scope: Stack, props: any) => unknown]> = [
    ['GitHubDeployRole', ['provider', 'repository', 'subjects', 'subjectFormat', 'audience', 'path', 'maxSessionDuration', 'managedPolicies',
      'inlinePolicies', 'permissionsBoundary', 'cdkDeployment', 'cdkDeploymentAccounts', 'trustPolicySizeLimit', 'acknowledgements', 'roleName',
      'description', 'issuer'], (scope, props) => new GitHubDeployRole(scope, 'R', { repository: GitHubRepository.of('acme', 'web'), subjects: [SubjectClaim.branch('main')], ...props })],
    ['GitHubOidcProvider', ['issuer', 'clientIds', 'removalPolicy'], (scope, props) => new GitHubOidcProvider(scope, 'P', props)],
    ['GitHubOwnerGuardrail', ['owners', 'targetIds', 'issuers', 'policyName'],
      (scope, props) => new GitHubOwnerGuardrail(scope, 'G', { owners: [{ name: 'acme', id: 1 }], targetIds: ['r-ab12'], ...props })],
    ['GitHubOidcStackSet', ['organizationalUnitIds', 'region', 'accountsWithProvider', 'issuer', 'clientIds', 'stackSetName', 'callAs'],
      (scope, props) => new GitHubOidcStackSet(scope, 'S', { organizationalUnitIds: ['ou-ab12-cdef3456'], region: 'us-east-1', ...props })],
    ['DeployRoleFailureMonitor', ['roles', 'metricNamespace', 'metricName', 'threshold', 'period', 'evaluationPeriods', 'alarmName', 'alarmTopic', 'alarmEmails'],
      (scope, props) => new DeployRoleFailureMonitor(scope, 'M', { cloudTrailLogGroup: new logs.LogGroup(scope, 'Trail'), ...props })],
  ];
  const caseOf = fc.constantFrom(...entries).chain(([name, fields, make]) => fc.record({
    name: fc.constant(name),
    make: fc.constant(make),
    props: fc.dictionary(fc.constantFrom(...fields), odd, { maxKeys: 3 }),
  }));

  test('construct, then synth', () => {
    let ourErrors = 0;
    fc.assert(fc.property(caseOf, ({ make, props }) => {
      const scope = stack();
      try {
        make(scope, props);
        Template.fromStack(scope);
      } catch (err) {
        expect(err).not.toBeInstanceOf(TypeError);
        expect(err).not.toBeInstanceOf(RangeError);
        expect(String((err as Error).message)).not.toMatch(/Cannot read prop|is not a function|is not iterable|Do not know how to serialize/);
        ourErrors++;
      }
    }), { numRuns: 300 });
    // Not vacuous: most wrong values are refused.
    expect(ourErrors).toBeGreaterThan(100);
  }, 120_000);
});
