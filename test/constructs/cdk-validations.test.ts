import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GITHUB } from './helpers';
import { TrustAcknowledgements } from '../../src/constructs/acknowledgements';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubOidcProvider } from '../../src/constructs/oidc-provider';
import { cdkAcknowledgements, hasCdkValidations, ourRuleId } from '../../src/constructs/private/cdk-validations';
import { GitHubTrustChecks } from '../../src/constructs/trust-checks';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim } from '../../src/model/subject-claim';

// The floor (aws-cdk-lib 2.200, which these tests run on) has no `Validations`; its metadata is written here as
// aws-cdk-lib >= 2.257's `Validations.of(scope).acknowledge({ id, reason })` writes it. scripts/compat/
// consumer-validations.ts runs the same paths through the real API on the newest aws-cdk-lib.
const ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';
const web = GitHubRepository.of('acme', 'web');

function prRole() {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const role = new GitHubDeployRole(stack, 'Preview', { repository: web, subjects: [SubjectClaim.pullRequest()] });
  return { app, stack, role };
}

describe('one rule ID everywhere: cdk-github-deploy-roles::<RuleId>', () => {
  test('a warning ends with the rule\'s CDK ID (the CDK CLI prints it as the ID to acknowledge) and names one way', () => {
    const { stack } = prRole();
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((entry) => String(entry.entry.data));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^PullRequestSubject: .*\(cdk-github-deploy-roles::PullRequestSubject\)$/);
    // this aws-cdk-lib has no Validations: the hint names TrustAcknowledgements, and only it
    expect(hasCdkValidations()).toBe(false);
    expect(warnings[0]).toContain("TrustAcknowledgements.add(role, 'PullRequestSubject', reason)");
    expect(warnings[0]).not.toContain('Validations.of');
  });

  test.each([
    ['cdk-github-deploy-roles::PullRequestSubject', 'PullRequestSubject'],
    ['Annotation::cdk-github-deploy-roles:SubAnyRef', 'SubAnyRef'],
    ['cdk-nag::PullRequestSubject', undefined],
    ['cdk-github-deploy-roles::', undefined],
    ['cdk-github-deploy-roles::pullRequestSubject', undefined],
  ])('%s names our rule %s', (id, expected) => {
    expect(ourRuleId(id)).toBe(expected);
  });
});

describe('acknowledged with CDK\'s Validations.acknowledge (as its metadata records it)', () => {
  test('on the role: the warning becomes information with the reason, recorded in the template for audit', () => {
    // GIVEN
    const { stack, role } = prRole();
    // WHEN
    role.node.addMetadata(ACKNOWLEDGED_RULES, { 'cdk-github-deploy-roles::PullRequestSubject': 'Read-only plan for pull requests' });
    // THEN
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
    annotations.hasInfo('/Stack/Preview', Match.stringLikeRegexp('PullRequestSubject \\(warning\\) acknowledged: Read-only plan for pull requests'));
    Template.fromStack(stack).hasResource('AWS::IAM::Role', {
      Metadata: { 'cdk-github-deploy-roles': { acknowledgements: [{ ruleId: 'PullRequestSubject', reason: 'Read-only plan for pull requests' }] } },
    });
  });

  test('on a scope above the role (the stack): applies to the roles below, as CDK\'s acknowledge does', () => {
    const { stack, role } = prRole();
    stack.node.addMetadata(ACKNOWLEDGED_RULES, { 'cdk-github-deploy-roles::PullRequestSubject': 'Every preview role is read-only' });
    expect(cdkAcknowledgements(role.node.defaultChild!)).toEqual([{ ruleId: 'PullRequestSubject', reason: 'Every preview role is read-only' }]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('another plugin\'s rule, an empty reason, or a fact (PolicySizeExceeded) acknowledges nothing', () => {
    const { stack, role } = prRole();
    role.node.addMetadata(ACKNOWLEDGED_RULES, {
      'cdk-nag::PullRequestSubject': 'not ours',
      'cdk-github-deploy-roles::SubAnyRef': '  ',
      'cdk-github-deploy-roles::PolicySizeExceeded': 'facts cannot be acknowledged',
    });
    expect(cdkAcknowledgements(role.node.defaultChild!)).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toHaveLength(1);
  });

  test('an error acknowledged this way passes too (a deliberate choice), with its reason; SubWildcardRepository only with its value', () => {
    function orgWideRole(reason?: string): App {
      const app = new App();
      const stack = new Stack(app, 'Stack');
      const role = new iam.Role(stack, 'Shared', {
        assumedBy: new iam.WebIdentityPrincipal(GitHubOidcProvider.forAccount(stack).oidcProviderArn, {
          StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: 'repo:acme/*' },
        }),
      });
      if (reason) role.node.addMetadata(ACKNOWLEDGED_RULES, { 'cdk-github-deploy-roles::SubWildcardRepository': reason });
      Aspects.of(app).add(new GitHubTrustChecks());
      return app;
    }
    expect(() => orgWideRole().synth()).toThrow(/SubWildcardRepository/);
    // CDK's acknowledgement names a rule, not which repositories: it does not accept an owner-wide value
    expect(() => orgWideRole('Read-only role for every acme repository').synth())
      .toThrow(/TrustAcknowledgements.add\(role, 'SubWildcardRepository', reason, "repo:acme\/\*"\).*names no value/);
    const acknowledged = orgWideRole('Read-only role for every acme repository');
    TrustAcknowledgements.add(acknowledged.node.findChild('Stack').node.findChild('Shared'), 'SubWildcardRepository',
      'Read-only role for every acme repository', 'repo:acme/*');
    expect(() => acknowledged.synth()).not.toThrow();
    Annotations.fromStack(acknowledged.node.findChild('Stack') as Stack)
      .hasInfo('/Stack/Shared', Match.stringLikeRegexp('SubWildcardRepository \\(error\\) acknowledged: Read-only role for every acme repository'));
  });
});

describe('GitHubTrustChecks as a policy-validation plugin', () => {
  function wideRoleApp(plugin: GitHubTrustChecks, acknowledge?: string, context: { [key: string]: unknown } = {}) {
    const app = new App({ policyValidationBeta1: [plugin], context });
    const stack = new Stack(app, 'Stack');
    const provider = new iam.OidcProviderNative(stack, 'Provider', { url: `https://${GITHUB}`, clientIds: ['sts.amazonaws.com'] });
    const role = new iam.Role(stack, 'Legacy', {
      assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, {
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: 'repo:acme/*' },
      }),
    });
    if (acknowledge) TrustAcknowledgements.add(role, 'SubWildcardRepository', acknowledge, 'repo:acme/*');
    return { app, stack };
  }

  test('its findings land in CDK\'s validation report, and an error fails the synth', () => {
    // aws-cdk-lib 2.200 reports a failed plugin by setting the process's exit code (newer versions throw in memory)
    const exitCode = process.exitCode;
    try {
      const { app } = wideRoleApp(new GitHubTrustChecks(), undefined, { '@aws-cdk/core:validationReportJson': true });
      jest.spyOn(console, 'log').mockImplementation(() => undefined);
      const assembly = app.synth();
      expect(process.exitCode).toBe(1);
      const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'policy-validation-report.json'), 'utf8'));
      expect(JSON.stringify(report)).toMatch(/cdk-github-deploy-roles.*SubWildcardRepository/);
    } finally {
      process.exitCode = exitCode;
    }
  });

  test('validate() reports each finding with rule, severity, fix and the role\'s logical ID in its template', () => {
    // GIVEN a synthesized template
    const { app, stack } = wideRoleApp(new GitHubTrustChecks(), 'Read-only role for every acme repository');
    const assembly = app.synth();
    const templatePath = path.join(assembly.directory, stack.templateFile);
    const template = JSON.parse(fs.readFileSync(templatePath, 'utf8'));
    const roleId = Object.keys(template.Resources).find((id) => template.Resources[id].Type === 'AWS::IAM::Role')!;
    delete template.Resources[roleId].Metadata;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-plugin-'));
    const unacknowledged = path.join(dir, 'Stack.template.json');
    fs.writeFileSync(unacknowledged, JSON.stringify(template));
    // WHEN
    const report = new GitHubTrustChecks().validate({ templatePaths: [unacknowledged, templatePath] });
    // THEN the copy without the acknowledgement is reported, the acknowledged original is not
    expect(report.success).toBe(false);
    const wide = report.violations.filter((violation) => violation.ruleName === 'SubWildcardRepository');
    expect(wide).toHaveLength(1);
    // "fatal": CDK's own acknowledgements name a rule only, and this finding is accepted value by value
    expect(wide[0]).toMatchObject({
      severity: 'fatal',
      description: expect.stringMatching(/^SubWildcardRepository: .*repo:acme\/\*.* Fix: /),
      violatingResources: [{ resourceLogicalId: roleId, templatePath: unacknowledged, locations: ['Properties/AssumeRolePolicyDocument'] }],
    });
  });

  test('validate() does not let an acknowledgement in the template accept a value that lets any owner in', () => {
    // GIVEN the acknowledged template, its sub widened to every owner by hand
    const { app, stack } = wideRoleApp(new GitHubTrustChecks(), 'Read-only role for every acme repository');
    const assembly = app.synth();
    const template = JSON.parse(fs.readFileSync(path.join(assembly.directory, stack.templateFile), 'utf8'));
    const roleId = Object.keys(template.Resources).find((id) => template.Resources[id].Type === 'AWS::IAM::Role')!;
    template.Resources[roleId].Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringLike[`${GITHUB}:sub`] = 'repo:*';
    const widened = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trust-plugin-')), 'Stack.template.json');
    fs.writeFileSync(widened, JSON.stringify(template));
    // WHEN
    const report = new GitHubTrustChecks().validate({ templatePaths: [widened] });
    // THEN the acknowledgement still stands in the metadata, and the violation is reported all the same
    expect(template.Resources[roleId].Metadata['cdk-github-deploy-roles'].acknowledgements[0].ruleId).toBe('SubWildcardRepository');
    expect(report.success).toBe(false);
    // "fatal": the one severity aws-cdk-lib's own acknowledgements do not suppress
    expect(report.violations.find((violation) => violation.ruleName === 'SubWildcardRepository')?.severity).toBe('fatal');
  });

  test('GitHubDeployRoles are not reported twice where CDK passes the app (they check themselves)', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new GitHubDeployRole(stack, 'Preview', { repository: web, subjects: [SubjectClaim.pullRequest()] });
    const assembly = app.synth();
    const templatePath = path.join(assembly.directory, stack.templateFile);
    const plugin = new GitHubTrustChecks();
    expect(plugin.validate({ templatePaths: [templatePath] }).violations.map((v) => v.ruleName)).toContain('PullRequestSubject');
    expect(plugin.validate({ templatePaths: [templatePath], appConstruct: app } as any).violations).toEqual([]);
  });

  test('an unreadable template is a violation, not a crash', () => {
    const report = new GitHubTrustChecks().validate({ templatePaths: [path.join(os.tmpdir(), 'no-such-template.json')] });
    expect(report.success).toBe(false);
    expect(report.violations[0]).toMatchObject({ ruleName: 'PolicyUnreadable', severity: 'fatal' });
  });

  test('names itself and its rules for CDK\'s report', () => {
    const plugin = new GitHubTrustChecks();
    expect(plugin.name).toBe('cdk-github-deploy-roles');
    expect(plugin.ruleIds).toContain('SubWildcardRepository');
  });
});
