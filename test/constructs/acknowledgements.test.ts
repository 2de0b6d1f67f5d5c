import { CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { newStack } from './helpers';
import { TrustAcknowledgement, TrustAcknowledgements } from '../../src/constructs/acknowledgements';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim } from '../../src/model/subject-claim';

const web = GitHubRepository.of('acme', 'web');
const METADATA = 'cdk-github-deploy-roles';

function cfnRoleOf(role: GitHubDeployRole): CfnResource {
  return role.node.findAll().find((c): c is CfnResource => c instanceof iam.CfnRole)!;
}

describe('risky subjects are synth warnings until acknowledged', () => {
  test.each([
    ['PullRequestSubject', SubjectClaim.pullRequest(), /lets any pull request from a branch of the repository assume the role/],
    ['SubAnyRef', SubjectClaim.anyRef(), /lets every run of the repository assume the role/],
    ['SubEveryBranch', SubjectClaim.branch('*'), /lets a run on any branch assume the role/],
  ])('%s: warning with the rule ID, the value and the way to acknowledge it', (ruleId, subject, message) => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [subject] });
    // THEN
    const warnings = Annotations.fromStack(stack).findWarning('/Stack/Role', Match.anyValue());
    expect(warnings).toHaveLength(1);
    const text = warnings[0].entry.data as string;
    expect(text).toMatch(message);
    expect(text).toContain(`${ruleId}: `);
    expect(text).toContain(JSON.stringify(`repo:acme/web:${subject.context}`));
    expect(text).toMatch(/ Fix: /);
    expect(text).toContain(`TrustAcknowledgements.add(role, '${ruleId}', reason)`);
    // No CDK `[ack: ...]` hint: Annotations.acknowledgeWarning would record no reason (see private/trust-report.ts).
    expect(text).not.toContain('[ack:');
  });

  test.each([
    ['a branch', SubjectClaim.branch('main')],
    ['a branch pattern', SubjectClaim.branch('release/*')],
    ['an environment', SubjectClaim.environment('production')],
    ['a tag pattern', SubjectClaim.tag('v*')],
  ])('%s: no warning', (_name, subject) => {
    const { stack } = newStack();
    new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [subject] });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('acknowledged in props: recorded in the template, info instead of warning', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    new GitHubDeployRole(stack, 'Role', {
      repository: web,
      subjects: [SubjectClaim.pullRequest()],
      acknowledgements: [{ ruleId: 'PullRequestSubject', reason: 'Read-only terraform plan for pull requests' }],
    });
    // THEN
    Template.fromStack(stack).hasResource('AWS::IAM::Role', {
      Metadata: { [METADATA]: { acknowledgements: [{ ruleId: 'PullRequestSubject', reason: 'Read-only terraform plan for pull requests' }] } },
    });
    const annotations = Annotations.fromStack(stack);
    annotations.hasNoWarning('*', Match.anyValue());
    annotations.hasInfo('/Stack/Role', Match.stringLikeRegexp('^PullRequestSubject \\(warning\\) acknowledged: Read-only terraform plan for pull requests'));
  });

  test('a role trusting both subject forms shows an acknowledged finding once', () => {
    const { stack } = newStack();
    new GitHubDeployRole(stack, 'Role', {
      repository: GitHubRepository.of('acme', 'web', { ownerId: 1, repositoryId: 2 }),
      subjects: [SubjectClaim.pullRequest()],
      acknowledgements: [{ ruleId: 'PullRequestSubject', reason: 'Read-only terraform plan for pull requests' }],
    });
    expect(Annotations.fromStack(stack).findInfo('/Stack/Role', Match.stringLikeRegexp('^PullRequestSubject'))).toHaveLength(1);
  });

  test('acknowledging one rule leaves the others warned', () => {
    const { stack } = newStack();
    new GitHubDeployRole(stack, 'Role', {
      repository: web,
      subjects: [SubjectClaim.pullRequest(), SubjectClaim.branch('*')],
      acknowledgements: [{ ruleId: 'PullRequestSubject', reason: 'Read-only terraform plan for pull requests' }],
    });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => (w.entry.data as string).split(':')[0])).toEqual(['SubEveryBranch']);
  });

  test('TrustAcknowledgements.add after construction works the same, and of() reads it back', () => {
    const { stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.anyRef()] });
    // WHEN
    TrustAcknowledgements.add(role, 'SubAnyRef', 'Sandbox account, no production data');
    TrustAcknowledgements.add(role, 'SubAnyRef', 'Sandbox account, no production data'); // the same again: no duplicate
    // THEN
    expect(TrustAcknowledgements.of(cfnRoleOf(role))).toEqual([{ ruleId: 'SubAnyRef', reason: 'Sandbox account, no production data' }]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('on a stack: every role under it, including plain iam.Role; other metadata of the role is kept', () => {
    const { stack } = newStack();
    const first = new GitHubDeployRole(stack, 'First', { repository: web, subjects: [SubjectClaim.pullRequest()] });
    const second = new GitHubDeployRole(stack, 'Second', { repository: web, subjects: [SubjectClaim.branch('main')] });
    const plain = new iam.Role(stack, 'Plain', { assumedBy: new iam.AccountRootPrincipal() });
    (plain.node.defaultChild as CfnResource).addMetadata(METADATA, { owner: 'platform' });
    new s3.Bucket(stack, 'Bucket');
    // WHEN
    TrustAcknowledgements.add(stack, 'PullRequestSubject', 'Every role in this stack is read-only');
    // THEN
    const expected = [{ ruleId: 'PullRequestSubject', reason: 'Every role in this stack is read-only' }];
    expect(TrustAcknowledgements.of(cfnRoleOf(first))).toEqual(expected);
    expect(TrustAcknowledgements.of(cfnRoleOf(second))).toEqual(expected);
    expect((plain.node.defaultChild as CfnResource).getMetadata(METADATA)).toEqual({ owner: 'platform', acknowledgements: expected });
    expect(Template.fromStack(stack).findResources('AWS::S3::Bucket', { Metadata: { [METADATA]: Match.anyValue() } })).toEqual({});
  });

  test.each([
    ['a reason under 10 characters', 'PullRequestSubject', 'ok, fine', /Invalid acknowledgement reason for PullRequestSubject "ok, fine": expected a reason of at least 10 characters/],
    ['a blank reason padded to 10', 'PullRequestSubject', '          ', /expected a reason of at least 10 characters/],
    ['a rule ID that is not PascalCase', 'pull_request', 'Read-only plan on PRs', /Invalid acknowledgement ruleId "pull_request": expected a rule ID in PascalCase/],
  ])('add with %s: error', (_name, ruleId, reason, message) => {
    const { stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.pullRequest()] });
    expect(() => TrustAcknowledgements.add(role, ruleId, reason)).toThrow(message);
  });

  test.each([
    ['a misspelled rule ID', 'PullRequestSubjects', /Invalid acknowledgement ruleId "PullRequestSubjects": expected the ID of a rule: .*SubAnyRef.*PullRequestSubject/],
    ['a fact, not a choice: the size quota', 'PolicySizeExceeded',
      /Invalid acknowledgement ruleId "PolicySizeExceeded": expected a rule that describes a choice; PolicySizeExceeded describes a policy that cannot be deployed or read/],
    ['a fact, not a choice: an unreadable policy', 'PolicyUnreadable', /Invalid acknowledgement ruleId "PolicyUnreadable": expected a rule that describes a choice/],
  ])('add with %s: error', (_name, ruleId, message) => {
    const { stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.pullRequest()] });
    expect(() => TrustAcknowledgements.add(role, ruleId, 'A reason long enough')).toThrow(message);
  });

  test.each([['an error rule', 'SubWildcardRepository'], ['an info rule', 'RepositoryIdNotPinned']])(
    'add with %s: accepted and recorded (a deliberate choice, e.g. an org-wide read-only role)', (_name, ruleId) => {
      const { stack } = newStack();
      const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.pullRequest()] });
      TrustAcknowledgements.add(role, ruleId, 'A reason long enough');
      expect(TrustAcknowledgements.of(role.node.defaultChild as any).map((a) => a.ruleId)).toContain(ruleId);
    });

  test('add on a scope without roles: error telling to call it after defining the role', () => {
    const { stack } = newStack();
    expect(() => TrustAcknowledgements.add(stack, 'PullRequestSubject', 'Read-only plan on PRs'))
      .toThrow(/Invalid acknowledgement scope "Stack": expected a construct at or under which an AWS::IAM::Role is defined/);
  });

  test('of() on a resource without acknowledgements: empty; on a non-resource: error', () => {
    const { stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.branch('main')] });
    expect(TrustAcknowledgements.of(cfnRoleOf(role))).toEqual([]);
    expect(() => TrustAcknowledgements.of(Stack.of(role) as any)).toThrow(/Invalid resource .*: expected a CfnResource/);
  });

  test('warnings are reported once however often the app is synthesized', () => {
    const { app, stack } = newStack();
    new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.pullRequest()] });
    app.synth();
    app.synth({ force: true });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toHaveLength(1);
  });
});

describe('information from the rules', () => {
  test('a role trusting a repository by name only: info on its stack, naming the role, suggesting to pin its ID', () => {
    const { stack } = newStack();
    new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.branch('main')] });
    const infos = Annotations.fromStack(stack).findInfo('*', Match.anyValue());
    expect(infos.map((info) => info.id)).toEqual(['/Stack']);
    expect(infos[0].entry.data).toMatch(/^RepositoryIdNotPinned: Stack\/Role: Statement 0 trusts "acme\/web" by name only: .* Fix: .*\(cdk-github-deploy-roles::RepositoryIdNotPinned\)$/);
  });

  test('several roles trusting by name only: one info on the stack naming each, not one per role', () => {
    const { app, stack } = newStack();
    for (const name of ['web', 'api', 'docs']) {
      new GitHubDeployRole(stack, `Role-${name}`, { repository: GitHubRepository.of('acme', name), subjects: [SubjectClaim.branch('main')] });
    }
    new GitHubDeployRole(stack, 'Pinned', {
      repository: GitHubRepository.of('acme', 'ids', { ownerId: 1, repositoryId: 2 }), subjects: [SubjectClaim.branch('main')],
    });
    app.synth();
    app.synth({ force: true });
    const infos = Annotations.fromStack(stack).findInfo('*', Match.anyValue());
    expect(infos.map((info) => info.id)).toEqual(['/Stack']);
    expect(infos[0].entry.data).toBe('RepositoryIdNotPinned: 3 roles of this stack: The repository is trusted by name only, not by its '
      + 'immutable ID: Stack/Role-api ("repo:acme/api:ref:refs/heads/main"), Stack/Role-docs ("repo:acme/docs:ref:refs/heads/main"), '
      + 'Stack/Role-web ("repo:acme/web:ref:refs/heads/main"). Fix: give a GitHubDeployRole\'s repository its IDs, '
      + 'GitHubRepository.of(\'<owner>\', \'<name>\', { ownerId, repositoryId }) (gh api repos/<owner>/<name> --jq \'.owner.id, .id\'); '
      + 'on another role, pin "<issuer>:repository_id" under StringEquals or trust the immutable subject. '
      + '(cdk-github-deploy-roles::RepositoryIdNotPinned)');
  });

  test('many roles: twenty named, the rest counted', () => {
    const { stack } = newStack();
    for (let i = 0; i < 25; i++) {
      new GitHubDeployRole(stack, `Role${String(i).padStart(2, '0')}`, { repository: GitHubRepository.of('acme', `r${i}`), subjects: [SubjectClaim.branch('main')] });
    }
    const [info] = Annotations.fromStack(stack).findInfo('/Stack', Match.anyValue());
    expect(info.entry.data).toMatch(/^RepositoryIdNotPinned: 25 roles of this stack: .*Stack\/Role19 \("repo:acme\/r19:ref:refs\/heads\/main"\), and 5 more \(`github-deploy-roles audit cdk.out` lists every one\)\. Fix: /);
    expect(info.entry.data).not.toContain('Stack/Role20');
  });

  test('each stack has its own note', () => {
    const { app, stack } = newStack();
    const other = new Stack(app, 'Other');
    new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.branch('main')] });
    new GitHubDeployRole(other, 'Role', { repository: web, subjects: [SubjectClaim.branch('main')] });
    expect(Annotations.fromStack(stack).findInfo('*', Match.anyValue()).map((info) => [info.id, String(info.entry.data).slice(0, 40)]))
      .toEqual([['/Stack', 'RepositoryIdNotPinned: Stack/Role: State']]);
    expect(Annotations.fromStack(other).findInfo('*', Match.anyValue()).map((info) => [info.id, String(info.entry.data).slice(0, 40)]))
      .toEqual([['/Other', 'RepositoryIdNotPinned: Other/Role: State']]);
  });

  test('a role pinning the repository IDs: no such info', () => {
    const { stack } = newStack();
    new GitHubDeployRole(stack, 'Role', {
      repository: GitHubRepository.of('acme', 'web', { ownerId: 1, repositoryId: 2 }), subjects: [SubjectClaim.branch('main')],
    });
    expect(Annotations.fromStack(stack).findInfo('*', Match.anyValue())).toEqual([]);
  });
});

describe('what can be acknowledged (issue 10 item 15): errors and warnings, never the three facts', () => {
  test('an error is acknowledged like a warning: the synth passes and says why', () => {
    const { app, stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Org', { repository: web, subjects: [SubjectClaim.branch('main')] });
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [new iam.WebIdentityPrincipal(role.provider.oidcProviderArn)],
      conditions: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } },
    }));
    TrustAcknowledgements.add(role, 'SubWildcardRepository', 'Read-only role shared by every acme repository', 'repo:acme/*');
    expect(() => app.synth()).not.toThrow();
  });

  test('SubWildcardRepository is accepted value by value: an acknowledgement without one, or of another owner\'s, covers nothing', () => {
    const build = (acknowledge: (role: GitHubDeployRole) => void, sub: string, acknowledgements?: TrustAcknowledgement[]) => {
      const { app, stack } = newStack();
      const role = new GitHubDeployRole(stack, 'Org', { repository: web, subjects: [SubjectClaim.branch('main')], acknowledgements });
      role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [new iam.WebIdentityPrincipal(role.provider.oidcProviderArn)],
        conditions: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': sub } },
      }));
      acknowledge(role);
      return app;
    };
    const reason = 'Read-only role shared by every acme repository';
    // no value: the hint says which to write, and that the one written covers none
    expect(() => build((role) => TrustAcknowledgements.add(role, 'SubWildcardRepository', reason), 'repo:acme/*').synth())
      .toThrow(/record why for this value: TrustAcknowledgements.add\(role, 'SubWildcardRepository', reason, "repo:acme\/\*"\).*names no value/);
    // acme's value written, the policy trusts another owner's repositories: not accepted
    expect(() => build((role) => TrustAcknowledgements.add(role, 'SubWildcardRepository', reason, 'repo:acme/*'), 'repo:evilcorp/*').synth())
      .toThrow(/SubWildcardRepository: .*"repo:evilcorp\/\*" lets every repository of "evilcorp"/);
    // the value written through the construct's prop, on the policy it names: accepted
    expect(() => build(() => undefined, 'repo:acme/*', [{ ruleId: 'SubWildcardRepository', reason, value: 'repo:acme/*' }]).synth()).not.toThrow();
    expect(() => build(() => undefined, 'repo:acme/*', [{ ruleId: 'SubWildcardRepository', reason }]).synth()).toThrow(/names no value/);
  });

  test('an acknowledgement\'s value must be text', () => {
    const { stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.branch('main')] });
    expect(() => TrustAcknowledgements.add(role, 'SubAnyRef', 'A deliberate choice here', '')).toThrow(/acknowledgement value for SubAnyRef.*""/);
    expect(() => new GitHubDeployRole(stack, 'Other', {
      repository: web,
      subjects: [SubjectClaim.branch('main')],
      acknowledgements: [{ ruleId: 'SubAnyRef', reason: 'A deliberate choice here', value: 42 as any }],
    })).toThrow(/acknowledgements\[0\] value for SubAnyRef.*42/);
  });

  test.each(['PolicyUnreadable', 'PolicySizeExceeded', 'ValidationOptionsInvalid'])('%s is refused by TrustAcknowledgements', (ruleId) => {
    const { stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.branch('main')] });
    expect(() => TrustAcknowledgements.add(role, ruleId, 'we know better than the quota'))
      .toThrow(new RegExp(`${ruleId} describes a policy that cannot be deployed or read, which must be fixed`));
  });

  test('metadata written by hand does not acknowledge an oversized policy either', () => {
    const { app, stack } = newStack();
    const subjects = Array.from({ length: 60 }, (_, i) => SubjectClaim.branch(`release-${i}`));
    const role = new GitHubDeployRole(stack, 'Big', { repository: web, subjects });
    cfnRoleOf(role).addMetadata(METADATA, { acknowledgements: [{ ruleId: 'PolicySizeExceeded', reason: 'written by hand to get past' }] });
    expect(() => app.synth()).toThrow(/PolicySizeExceeded/);
  });
});
