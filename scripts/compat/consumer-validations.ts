// CDK-native validation on the newest aws-cdk-lib (which has `Validations`; the repository's jest suite runs on the
// floor, which does not): the one acknowledgement a newcomer sees, CDK's own `acknowledge({ id, reason })`, is
// honoured with its reason, and GitHubTrustChecks works as a policy-validation plugin. Run by scripts/compat/run.sh;
// a failed expectation throws, which fails the run. Apps do not synthesize again at exit (run.sh sets CDK_OUTDIR,
// which turns on autoSynth): the app that must fail would fail the process after every check has passed.
import { readdirSync, readFileSync } from 'fs';
import { App, Stack } from 'aws-cdk-lib';
import * as core from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  GitHubDeployRole, GitHubOidcProvider, GitHubRepository, GitHubTrustChecks, SubjectClaim, TrustAcknowledgements,
} from 'cdk-github-deploy-roles';

const Validations = (core as any).Validations;
if (typeof Validations?.of !== 'function') throw new Error('this aws-cdk-lib has no Validations: the newest side is not newest');
const web = GitHubRepository.of('acme', 'web');

function check(condition: boolean, what: string, detail?: unknown): void {
  if (!condition) throw new Error(`${what}${detail === undefined ? '' : `: ${JSON.stringify(detail, undefined, 1)}`}`);
  console.log(`ok: ${what}`);
}

function warnings(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((entry) => String(entry.entry.data));
}

// 1. A risky subject warns, naming CDK's acknowledge (the one way on this version) and ending with the rule's ID.
{
  const stack = new Stack(new App({ autoSynth: false }), 'Warn');
  new GitHubDeployRole(stack, 'Preview', { repository: web, subjects: [SubjectClaim.pullRequest()] });
  const [warning, ...more] = warnings(stack);
  check(more.length === 0 && warning !== undefined, 'one warning for a pull_request subject', warnings(stack));
  check(warning.includes("Validations.of(role).acknowledge({ id: 'cdk-github-deploy-roles::PullRequestSubject'")
    && !warning.includes('TrustAcknowledgements'), 'the warning names Validations.acknowledge, and only it', warning);
  check(warning.endsWith('(cdk-github-deploy-roles::PullRequestSubject)'), 'the warning ends with the rule ID the CDK CLI prints', warning);
}

// 2. CDK's acknowledge with a reason: no warning, information with the reason, the reason in the template (audit).
{
  const stack = new Stack(new App({ autoSynth: false }), 'Ack');
  const role = new GitHubDeployRole(stack, 'Preview', { repository: web, subjects: [SubjectClaim.pullRequest()] });
  Validations.of(role).acknowledge({ id: 'cdk-github-deploy-roles::PullRequestSubject', reason: 'Read-only plan for pull requests' });
  check(warnings(stack).length === 0, 'acknowledged with Validations: no warning', warnings(stack));
  const infos = Annotations.fromStack(stack).findInfo('*', Match.anyValue()).map((entry) => String(entry.entry.data));
  check(infos.some((info) => info.includes('PullRequestSubject (warning) acknowledged: Read-only plan for pull requests')),
    'acknowledged with Validations: information with the reason', infos);
  const template = Template.fromStack(stack).toJSON();
  const recorded = Object.values<any>(template.Resources).find((r) => r.Type === 'AWS::IAM::Role').Metadata?.['cdk-github-deploy-roles'];
  check(JSON.stringify(recorded?.acknowledgements) === JSON.stringify([{ ruleId: 'PullRequestSubject', reason: 'Read-only plan for pull requests' }]),
    'acknowledged with Validations: the reason is recorded in the template', recorded);
}

// 3. As a policy-validation plugin: an over-broad hand-written role fails the synth in CDK's report ...
function legacyApp(conditions: { [operator: string]: { [key: string]: string } }, acknowledge?: (role: iam.Role) => void): App {
  const app = new App({ autoSynth: false });
  const stack = new Stack(app, 'Legacy');
  const role = new iam.Role(stack, 'Shared', {
    assumedBy: new iam.WebIdentityPrincipal(GitHubOidcProvider.forAccount(stack).oidcProviderArn, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      ...conditions,
    }),
  });
  Validations.of(app).addPlugins(new GitHubTrustChecks());
  acknowledge?.(role);
  return app;
}
const ORG_WIDE = { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } };
const FOR_ALL_VALUES = { 'ForAllValues:StringLike': { 'token.actions.githubusercontent.com:sub': 'repo:acme/web:*' } };
const ORG_REASON = 'Read-only role shared by every acme repository';

/** CDK's validation report of a synth that fails ('' when it passes). */
function failedReport(app: App): string {
  let failure = '';
  try {
    app.synth();
  } catch (err) {
    failure = String((err as Error).message);
  }
  // CDK prints the report and throws naming its file (or, in memory, with the report in the message)
  const reportFile = /found in: (\S+)/.exec(failure)?.[1];
  return reportFile ? readFileSync(reportFile, 'utf8') : failure;
}
{
  const report = failedReport(legacyApp(ORG_WIDE));
  check(/"ruleName": "SubWildcardRepository"/.test(report) || /SubWildcardRepository.*cdk-github-deploy-roles/s.test(report),
    'plugin: an over-broad hand-written role fails the synth in CDK\'s validation report', report.slice(0, 600));
}
// ... passes once acknowledged with CDK's acknowledge, the reason in CDK's report ...
{
  const assembly = legacyApp(FOR_ALL_VALUES, (role) => Validations.of(role).acknowledge({
    id: 'cdk-github-deploy-roles::ForAllValuesInAllow', reason: 'Accepted for the test of CDK acknowledgements',
  })).synth();
  const reportFile = readdirSync(assembly.directory).find((name) => /validation-report/.test(name));
  const report = reportFile ? readFileSync(`${assembly.directory}/${reportFile}`, 'utf8') : '';
  check(report.includes('Accepted for the test of CDK acknowledgements'), 'plugin: acknowledged, the synth passes and CDK\'s report shows the reason', reportFile);
}
// ... except an owner-wide value, which only an acknowledgement naming it accepts (CDK's names a rule): fatal.
{
  const report = failedReport(legacyApp(ORG_WIDE, (role) => Validations.of(role).acknowledge({
    id: 'cdk-github-deploy-roles::SubWildcardRepository', reason: ORG_REASON,
  })));
  check(/SubWildcardRepository/.test(report) && /fatal/i.test(report), 'plugin: CDK\'s acknowledge does not accept an owner-wide value', report.slice(0, 600));
  const accepted = legacyApp(ORG_WIDE, (role) => TrustAcknowledgements.add(role, 'SubWildcardRepository', ORG_REASON, 'repo:acme/*'));
  check(failedReport(accepted) === '', 'plugin: TrustAcknowledgements naming the value accepts it');
}

// 4. An acknowledgement names a rule, not a value: CDK's acknowledge of SubWildcardRepository, written for an
// organization-wide `repo:acme/*`, does not accept a role that lets any owner in, neither as a check of its own
// (GitHubTrustChecks.applyTo) nor as a plugin.
function anyOwnerApp(asPlugin: boolean): App {
  const app = new App({ autoSynth: false });
  const stack = new Stack(app, 'AnyOwner');
  const role = new iam.Role(stack, 'Shared', {
    assumedBy: new iam.WebIdentityPrincipal(GitHubOidcProvider.forAccount(stack).oidcProviderArn, {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' },
    }),
  });
  if (asPlugin) Validations.of(app).addPlugins(new GitHubTrustChecks());
  else GitHubTrustChecks.applyTo(app);
  Validations.of(role).acknowledge({ id: 'cdk-github-deploy-roles::SubWildcardRepository', reason: 'Read-only role shared by every acme repository' });
  return app;
}
for (const asPlugin of [false, true]) {
  let failure = '';
  try {
    anyOwnerApp(asPlugin).synth();
  } catch (err) {
    failure = String((err as Error).message);
  }
  const reportFile = /found in: (\S+)/.exec(failure)?.[1];
  const report = reportFile ? readFileSync(reportFile, 'utf8') : failure;
  check(/SubWildcardRepository/.test(report), `${asPlugin ? 'plugin' : 'check'}: an acknowledged SubWildcardRepository still fails a repo:* role`, failure.slice(0, 600));
}
