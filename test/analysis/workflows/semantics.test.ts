/**
 * One test per rule of GitHub's semantics the check relies on (FACTS-WORKFLOWS.md): permissions, the `sub` per
 * trigger, environments, reusable workflows, matrices, the audience input.
 */
import { causeIds, check, deployJob, job, role, ROLE_ARN, trustPolicy } from './check-helpers';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectTemplate } from '../../../src/model/subject-template';

const MAIN = 'repo:acme/web:ref:refs/heads/main';
const onPushMain = 'on:\n  push:\n    branches: [main]\n';

describe('permissions (FACTS-WORKFLOWS section 1)', () => {
  test('a job block replaces the workflow block: no id-token without naming it again', () => {
    const report = check({
      'deploy.yml': `${onPushMain}permissions:\n  id-token: write\n  contents: read\njobs:\n  deploy:${deployJob('    permissions:\n      contents: read')}\n`,
    }, [role(trustPolicy([MAIN]))]);
    const deploy = job(report, 'deploy');
    expect(deploy.verdict).toBe('denied');
    const cause = deploy.causes.find((c) => c.id === 'IdTokenPermissionMissing')!;
    expect(cause.message).toMatch(/job's permissions \(contents: read\) replace the workflow's/);
    expect(cause.fix).toContain('id-token: write');
    expect(cause.fix).toContain('contents: read');
    expect(cause.line).toBe(10);
  });

  test('`permissions: {}` grants nothing', () => {
    const report = check({ 'deploy.yml': `${onPushMain}permissions: {}\njobs:\n  deploy:${deployJob()}\n` }, [role(trustPolicy([MAIN]))]);
    expect(job(report, 'deploy').verdict).toBe('denied');
    expect(causeIds(job(report, 'deploy'))).toContain('IdTokenPermissionMissing');
  });

  test('read-all gives no token; write-all does', () => {
    const readAll = check({ 'deploy.yml': `${onPushMain}permissions: read-all\njobs:\n  deploy:${deployJob()}\n` }, [role(trustPolicy([MAIN]))]);
    expect(job(readAll, 'deploy').verdict).toBe('denied');
    const writeAll = check({ 'deploy.yml': `${onPushMain}permissions: write-all\njobs:\n  deploy:${deployJob()}\n` }, [role(trustPolicy([MAIN]))]);
    expect(job(writeAll, 'deploy').verdict).toBe('allowed');
  });

  test('no permissions anywhere: the defaults never include id-token', () => {
    const report = check({ 'deploy.yml': `${onPushMain}jobs:\n  deploy:${deployJob()}\n` }, [role(trustPolicy([MAIN]))]);
    const deploy = job(report, 'deploy');
    expect(deploy.verdict).toBe('denied');
    expect(deploy.causes.find((c) => c.id === 'IdTokenPermissionMissing')!.message).toMatch(/default token permissions never include id-token/);
  });

  test('id-token: write at the workflow level reaches every job without its own block', () => {
    const report = check({ 'deploy.yml': `${onPushMain}permissions:\n  id-token: write\njobs:\n  deploy:${deployJob()}\n` }, [role(trustPolicy([MAIN]))]);
    expect(job(report, 'deploy').verdict).toBe('allowed');
    expect(job(report, 'deploy').subjects).toEqual([MAIN]);
  });
});

describe('sub per trigger (section 3)', () => {
  const granted = 'permissions:\n  id-token: write\n';

  test('a job with an environment mints environment:NAME whatever the branch', () => {
    const workflow = `${onPushMain}${granted}jobs:\n  deploy:${deployJob('    environment: production')}\n`;
    const allowed = check({ 'deploy.yml': workflow }, [role(trustPolicy(['repo:acme/web:environment:production']))]);
    expect(job(allowed, 'deploy').verdict).toBe('allowed');
    expect(job(allowed, 'deploy').subjects).toEqual(['repo:acme/web:environment:production']);

    const branchRole = check({ 'deploy.yml': workflow }, [role(trustPolicy([MAIN]))]);
    const denied = job(branchRole, 'deploy');
    expect(denied.verdict).toBe('denied');
    const cause = denied.causes.find((c) => c.id === 'SubjectNotTrusted')!;
    expect(cause.message).toContain('repo:acme/web:environment:production');
    expect(cause.line).toBe(9); // the environment: line
    expect(cause.fix).toMatch(/^add repo:acme\/web:environment:production to the role's subjects \(safer than dropping the environment/);
  });

  test('the `{name, url}` form of environment is read too', () => {
    const workflow = `${onPushMain}${granted}jobs:\n  deploy:${deployJob('    environment:\n      name: production\n      url: https://example.com')}\n`;
    const report = check({ 'deploy.yml': workflow }, [role(trustPolicy(['repo:acme/web:environment:production']))]);
    expect(job(report, 'deploy').subjects).toEqual(['repo:acme/web:environment:production']);
  });

  test('pull_request mints pull_request, and fork runs get no token', () => {
    const workflow = `on: pull_request\n${granted}jobs:\n  plan:${deployJob()}\n`;
    const report = check({ 'plan.yml': workflow }, [role(trustPolicy(['repo:acme/web:pull_request']))]);
    const plan = job(report, 'plan');
    expect(plan.verdict).toBe('allowed');
    expect(plan.subjects).toEqual(['repo:acme/web:pull_request']);
    expect(causeIds(plan)).toContain('ForkPullRequestNoToken');
    expect(job(check({ 'plan.yml': workflow }, [role(trustPolicy([MAIN]))]), 'plan').verdict).toBe('denied');
  });

  test('push with only tag filters never runs on a branch', () => {
    const workflow = `on:\n  push:\n    tags: ['v*']\n${granted}jobs:\n  release:${deployJob()}\n`;
    const report = check({ 'release.yml': workflow }, [role(trustPolicy(['repo:acme/web:ref:refs/tags/v*']))]);
    const release = job(report, 'release');
    expect(release.verdict).toBe('allowed');
    expect(release.subjects).toEqual(['repo:acme/web:ref:refs/tags/v*']);
    expect(release.runs.every((r) => r.ref.startsWith('refs/tags/'))).toBe(true);
  });

  test('push without filters runs on every branch and tag', () => {
    const report = check({ 'ci.yml': `on: push\n${granted}jobs:\n  ci:${deployJob()}\n` }, [role(trustPolicy([MAIN]))]);
    const ci = job(report, 'ci');
    expect(ci.verdict).toBe('partly');
    expect(ci.subjects).toEqual(['repo:acme/web:ref:refs/heads/*', 'repo:acme/web:ref:refs/tags/*']);
  });

  test('workflow_dispatch runs on any branch or tag: partly against a role trusting main', () => {
    const workflow = `on:\n  push:\n    branches: [main]\n  workflow_dispatch:\n${granted}jobs:\n  deploy:${deployJob()}\n`;
    const deploy = job(check({ 'deploy.yml': workflow }, [role(trustPolicy([MAIN]))]), 'deploy');
    expect(deploy.verdict).toBe('partly');
    const messages = deploy.causes.filter((c) => c.id === 'SubjectNotTrusted').map((c) => c.message);
    expect(messages.some((m) => m.startsWith('workflow_dispatch on a branch other than main'))).toBe(true);
    expect(messages.some((m) => m.startsWith('workflow_dispatch on any tag'))).toBe(true);
    expect(deploy.causes.find((c) => c.id === 'SubjectNotTrusted')!.line).toBe(4); // the workflow_dispatch key
    // Narrowing the job is offered before widening the role.
    expect(deploy.causes.find((c) => c.id === 'SubjectNotTrusted')!.fix).toMatch(/^safer: keep job deploy to the refs the role trusts:\n {2}if: github\.ref == 'refs\/heads\/main'\n/);
    expect(messages[0]).toContain('mints sub repo:acme/web:ref:refs/heads/*,');
  });

  test('schedule runs on the default branch only', () => {
    const workflow = `on:\n  schedule:\n    - cron: '0 0 * * *'\n${granted}jobs:\n  nightly:${deployJob()}\n`;
    const develop = 'repo:acme/web:ref:refs/heads/develop';
    const report = check({ 'nightly.yml': workflow }, [role(trustPolicy([develop]))], { defaultBranch: 'develop' });
    expect(job(report, 'nightly').verdict).toBe('allowed');
    expect(job(report, 'nightly').subjects).toEqual([develop]);
  });

  test('a branch filter with wildcards: the role must admit every branch the filter admits', () => {
    const workflow = `on:\n  push:\n    branches: ['release/**']\n${granted}jobs:\n  deploy:${deployJob()}\n`;
    expect(job(check({ 'd.yml': workflow }, [role(trustPolicy(['repo:acme/web:ref:refs/heads/release/*']))]), 'deploy').verdict).toBe('allowed');
    // A role admitting only release/v* leaves release/other out.
    const narrow = job(check({ 'd.yml': workflow }, [role(trustPolicy(['repo:acme/web:ref:refs/heads/release/v*']))]), 'deploy');
    expect(narrow.verdict).toBe('partly');
  });

  test('a Deny carve-out in the role is found', () => {
    const workflow = `on:\n  push:\n    branches: ['**']\n${granted}jobs:\n  deploy:${deployJob()}\n`;
    const report = check({ 'd.yml': workflow }, [role(trustPolicy(['repo:acme/web:ref:refs/heads/*'], { deny: ['repo:acme/web:ref:refs/heads/experiment-*'] }))]);
    expect(job(report, 'deploy').verdict).toBe('partly');
    expect(job(report, 'deploy').runs.some((r) => !r.allowed && r.ref === 'refs/heads/experiment-x')).toBe(true);
  });

  test('the immutable subject with repository IDs, and a custom template', () => {
    const workflow = `${onPushMain}${granted}jobs:\n  deploy:${deployJob()}\n`;
    const repository = GitHubRepository.of('acme', 'web', { ownerId: 11, repositoryId: 22 });
    const immutable = job(check({ 'd.yml': workflow }, [role(trustPolicy(['repo:acme@11/web@22:ref:refs/heads/main']))], { repository }), 'deploy');
    expect(immutable.verdict).toBe('allowed');
    const template = SubjectTemplate.fromClaimKeys(['repo', 'context', 'job_workflow_ref']);
    const custom = job(check({ 'd.yml': workflow }, [role(trustPolicy([MAIN]))], { subjectTemplate: template }), 'deploy');
    expect(custom.verdict).toBe('denied');
    expect(custom.subjects[0]).toBe('repo:acme/web:ref:refs/heads/main:job_workflow_ref:acme/web/.github/workflows/d.yml@refs/heads/main');
  });

  test("a job's if: on the ref drops the runs it excludes", () => {
    const workflow = `on: push\n${granted}jobs:\n  deploy:\n    if: github.ref == 'refs/heads/main'${deployJob()}\n`;
    const deploy = job(check({ 'd.yml': workflow }, [role(trustPolicy([MAIN]))]), 'deploy');
    expect(deploy.verdict).toBe('allowed');
    expect(deploy.runs.map((r) => r.ref)).toEqual(['refs/heads/main']);
  });
});

describe('reusable workflows (section 1 and 3)', () => {
  const caller = (permissions: string) => `on:\n  push:\n    branches: [main]\njobs:\n  release:\n    uses: ./.github/workflows/deploy.yml\n${permissions}    with:\n      target: production\n`;
  const called = (permissions = '') => `on:\n  workflow_call:\n    inputs:\n      target:\n        type: string\njobs:\n  deploy:${deployJob(`${permissions}    environment: \${{ inputs.target }}`)}\n`;

  test('the called job runs in the caller context: its event and ref, the environment of the called job', () => {
    const jobWorkflowRef = { 'token.actions.githubusercontent.com:job_workflow_ref': 'acme/web/.github/workflows/deploy.yml@refs/heads/main' };
    const report = check({
      'release.yml': caller('    permissions:\n      id-token: write\n      contents: read\n'),
      'deploy.yml': called(),
    }, [role(trustPolicy(['repo:acme/web:environment:production'], { extra: jobWorkflowRef }))]);
    const deploy = job(report, 'deploy');
    expect(deploy.verdict).toBe('allowed');
    expect(deploy.via).toBe('.github/workflows/release.yml:release -> .github/workflows/deploy.yml:deploy');
    expect(deploy.runs.map((r) => [r.event, r.ref, r.environment])).toEqual([['push', 'refs/heads/main', 'production']]);
  });

  test('a called job asking for id-token beyond its caller fails the whole run', () => {
    const report = check({
      'release.yml': caller('    permissions:\n      contents: read\n'),
      'deploy.yml': called('    permissions:\n      id-token: write\n'),
    }, [role(trustPolicy(['repo:acme/web:environment:production']))]);
    const deploy = job(report, 'deploy');
    expect(deploy.verdict).toBe('denied');
    const cause = deploy.causes.find((c) => c.id === 'ReusableWorkflowPermissions')!;
    expect(cause.file).toBe('release.yml');
    expect(cause.message).toMatch(/requesting 'id-token: write', but is only allowed 'id-token: none'/);
  });

  test('a called workflow without permissions inherits the caller job\'s', () => {
    const report = check({ 'release.yml': caller('    permissions:\n      id-token: write\n'), 'deploy.yml': called() },
      [role(trustPolicy(['repo:acme/web:environment:production']))]);
    expect(job(report, 'deploy').verdict).toBe('allowed');
    const none = check({ 'release.yml': caller(''), 'deploy.yml': called() }, [role(trustPolicy(['repo:acme/web:environment:production']))]);
    expect(job(none, 'deploy').verdict).toBe('denied');
    expect(job(none, 'deploy').causes.find((c) => c.id === 'IdTokenPermissionMissing')!.file).toBe('release.yml');
  });

  test('two levels of calls: the cap passes down the chain', () => {
    const middle = (permissions: string) => `on: workflow_call\njobs:\n  inner:\n    uses: ./.github/workflows/deploy.yml\n${permissions}    with:\n      target: production\n`;
    const top = 'on:\n  push:\n    branches: [main]\njobs:\n  release:\n    uses: ./.github/workflows/middle.yml\n    permissions:\n      id-token: write\n';
    const roles = [role(trustPolicy(['repo:acme/web:environment:production']))];
    const granted = check({ 'release.yml': top, 'middle.yml': middle('    permissions:\n      id-token: write\n'), 'deploy.yml': called() }, roles);
    expect(job(granted, 'deploy').verdict).toBe('allowed');
    expect(job(granted, 'deploy').via).toBe('.github/workflows/release.yml:release -> .github/workflows/middle.yml:inner -> .github/workflows/deploy.yml:deploy');
    // The middle job lowers the cap: the called job asking for id-token fails the run.
    const lowered = check({ 'release.yml': top, 'middle.yml': middle('    permissions:\n      contents: read\n'), 'deploy.yml': called('    permissions:\n      id-token: write\n') }, roles);
    expect(causeIds(job(lowered, 'deploy'))).toContain('ReusableWorkflowPermissions');
    expect(job(lowered, 'deploy').verdict).toBe('denied');
  });

  test('a remote reusable workflow not given is reported as not followed', () => {
    const report = check({ 'release.yml': 'on: push\njobs:\n  release:\n    uses: octo/shared/.github/workflows/deploy.yml@v1\n' }, [role(trustPolicy([MAIN]))]);
    expect(report.jobs).toEqual([]);
    expect(report.problems.map((p) => p.id)).toEqual(['ReusableWorkflowNotFollowed']);
  });
});

describe('matrix, expressions and the audience input (sections 4 and 5)', () => {
  const granted = 'permissions:\n  id-token: write\n';

  test('matrix environments: every leg is a run; a role trusting one of them is partly', () => {
    const workflow = `${onPushMain}${granted}jobs:\n  deploy:\n    strategy:\n      matrix:\n        env: [staging, production]${deployJob('    environment: ${{ matrix.env }}')}\n`;
    const deploy = job(check({ 'd.yml': workflow }, [role(trustPolicy(['repo:acme/web:environment:staging']))]), 'deploy');
    expect(deploy.verdict).toBe('partly');
    expect(deploy.subjects).toEqual(['repo:acme/web:environment:staging', 'repo:acme/web:environment:production']);
    expect(deploy.matrix).toEqual([{ env: 'staging' }, { env: 'production' }]);
  });

  test('a choice input decides the environment of a dispatch', () => {
    const workflow = `on:\n  workflow_dispatch:\n    inputs:\n      env:\n        type: choice\n        options: [staging, production]\n${granted}jobs:\n  deploy:${deployJob('    environment: ${{ inputs.env }}')}\n`;
    const deploy = job(check({ 'd.yml': workflow }, [role(trustPolicy(['repo:acme/web:environment:*']))]), 'deploy');
    expect(deploy.verdict).toBe('allowed');
    expect(deploy.subjects).toEqual(['repo:acme/web:environment:staging', 'repo:acme/web:environment:production']);
  });

  test('an environment chosen by the ref is resolved per run', () => {
    const workflow = `on: push\n${granted}jobs:\n  deploy:${deployJob("    environment: ${{ github.ref == 'refs/heads/main' && 'production' || 'staging' }}")}\n`;
    const deploy = job(check({ 'd.yml': workflow }, [role(trustPolicy(['repo:acme/web:environment:production', 'repo:acme/web:environment:staging']))]), 'deploy');
    expect(deploy.verdict).toBe('allowed');
    const pairs = deploy.runs.map((r) => `${r.ref} ${r.environment}`);
    expect(pairs).toContain('refs/heads/main production');
    expect(pairs).toContain('refs/heads/unlisted-branch staging');
    expect(pairs).not.toContain('refs/heads/main staging');
    expect(pairs).not.toContain('refs/heads/unlisted-branch production');
  });

  test('an environment from an expression the files do not decide: any environment, said so', () => {
    const workflow = `${onPushMain}${granted}jobs:\n  deploy:${deployJob('    environment: ${{ needs.plan.outputs.env }}')}\n`;
    const deploy = job(check({ 'd.yml': workflow }, [role(trustPolicy(['repo:acme/web:environment:production']))]), 'deploy');
    expect(deploy.verdict).toBe('partly');
    expect(deploy.causes.find((c) => c.id === 'ExpressionUnresolved')!.message).toContain('needs.plan.outputs.env');
    expect(deploy.subjects).toContain('repo:acme/web:environment:*');
  });

  test('the audience input must be what the policy expects', () => {
    const workflow = `${onPushMain}${granted}jobs:\n  deploy:${deployJob('', '          audience: sts.amazonaws.com.cn')}\n`;
    const deploy = job(check({ 'd.yml': workflow }, [role(trustPolicy([MAIN]))]), 'deploy');
    expect(deploy.verdict).toBe('denied');
    expect(deploy.audience).toBe('sts.amazonaws.com.cn');
    const cause = deploy.causes.find((c) => c.id === 'AudienceMismatch')!;
    expect(cause.message).toMatch(/asks for audience sts\.amazonaws\.com\.cn; deploy expects sts\.amazonaws\.com/);
    expect(cause.line).toBe(15);
    expect(causeIds(deploy)).not.toContain('SubjectNotTrusted');
  });

  test("the provider's client IDs are checked when the input has the provider", () => {
    const workflow = `${onPushMain}${granted}jobs:\n  deploy:${deployJob()}\n`;
    const deploy = job(check({ 'd.yml': workflow }, [role(trustPolicy([MAIN]), { providerAudiences: ['sigstore'] })]), 'deploy');
    expect(deploy.verdict).toBe('denied');
    expect(deploy.causes.find((c) => c.id === 'AudienceMismatch')!.message).toMatch(/provider does not list/);
  });
});

describe('role-to-assume', () => {
  const granted = 'permissions:\n  id-token: write\n';
  const withRole = (value: string) => `${onPushMain}${granted}jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: ${value}\n          aws-region: us-east-1\n`;
  const other = { id: 'other', roleName: 'other', arn: 'arn:aws:iam::123456789012:role/other', policy: trustPolicy(['repo:acme/other:*']) };

  test('a variable given with --vars is resolved', () => {
    const report = check({ 'd.yml': withRole('${{ vars.DEPLOY_ROLE }}') }, [role(trustPolicy([MAIN])), other], { vars: { DEPLOY_ROLE: ROLE_ARN } });
    expect(job(report, 'deploy').role).toBe('deploy');
    expect(job(report, 'deploy').roleToAssume).toBe(ROLE_ARN);
  });

  test('a variable not given, with several roles: unknown, naming the expression', () => {
    const deploy = job(check({ 'd.yml': withRole('${{ secrets.ROLE }}') }, [role(trustPolicy([MAIN])), other]), 'deploy');
    expect(deploy.verdict).toBe('unknown');
    expect(deploy.role).toBeNull();
    expect(deploy.causes.find((c) => c.id === 'RoleUnresolved')!.message).toContain('secrets.ROLE');
  });

  test('a variable named like a stack output or construct finds its role', () => {
    const web = { id: 'Stack/WebProd', constructPath: 'Stack/WebProd/Resource', aliases: ['WebProdRoleArn'], policy: trustPolicy([MAIN]) };
    const report = check({ 'd.yml': withRole('${{ vars.AWS_ROLE_ARN_WEB_PROD }}') }, [web, other]);
    expect(job(report, 'deploy').role).toBe('Stack/WebProd');
    expect(job(report, 'deploy').verdict).toBe('allowed');
  });

  test('an ARN whose account is an expression is matched by the role name', () => {
    const report = check({ 'd.yml': withRole('arn:aws:iam::${{ secrets.ACCOUNT }}:role/other') }, [role(trustPolicy([MAIN])), other]);
    expect(job(report, 'deploy').role).toBe('other');
  });

  test('matrix legs naming different roles by a partly known ARN: one entry per role', () => {
    const workflow = `${onPushMain}${granted}jobs:\n  deploy:\n    strategy:\n      matrix:\n        env: [staging, production]\n    environment: \${{ matrix.env }}\n    runs-on: x\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::\${{ secrets.ACCOUNT }}:role/deploy-\${{ matrix.env }}\n`;
    const staging = { id: 'deploy-staging', roleName: 'deploy-staging', policy: trustPolicy(['repo:acme/web:environment:staging']) };
    const production = { id: 'deploy-production', roleName: 'deploy-production', policy: trustPolicy(['repo:acme/web:environment:production']) };
    const report = check({ 'd.yml': workflow }, [staging, production]);
    expect(report.jobs.map((j) => [j.role, j.verdict, j.matrix])).toEqual([
      ['deploy-staging', 'allowed', [{ env: 'staging' }]],
      ['deploy-production', 'allowed', [{ env: 'production' }]],
    ]);
  });

  test('a role known only by an alias (a trust policy file named after it) matches the ARN\'s role name', () => {
    const named = { id: 'deploy.json', aliases: ['deploy'], policy: trustPolicy([MAIN]) };
    const unnamed = { id: 'other.json', aliases: ['other'], policy: trustPolicy(['repo:acme/other:*']) };
    expect(job(check({ 'd.yml': withRole(ROLE_ARN) }, [named, unnamed]), 'deploy').role).toBe('deploy.json');
  });

  test('a bare role name fails with OIDC; an ARN of no role given is not found', () => {
    const bare = job(check({ 'd.yml': withRole('deploy') }, [role(trustPolicy([MAIN]))]), 'deploy');
    expect(bare.verdict).toBe('denied');
    expect(bare.causes.find((c) => c.id === 'RoleNotFound')!.message).toMatch(/Source Account ID is needed/);
    const missing = job(check({ 'd.yml': withRole('arn:aws:iam::123456789012:role/gone') }, [role(trustPolicy([MAIN])), other]), 'deploy');
    expect(missing.verdict).toBe('denied');
    expect(causeIds(missing)).toEqual(['RoleNotFound']);
  });

  test('access keys or role chaining: not an OIDC step, not checked', () => {
    const keys = `${onPushMain}jobs:\n  deploy:\n    runs-on: x\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: \${{ secrets.KEY }}\n          role-to-assume: ${ROLE_ARN}\n`;
    expect(check({ 'd.yml': keys }, [role(trustPolicy([MAIN]))]).jobs).toEqual([]);
  });

  test('the role trusts more than these workflows mint: a note with the narrower list', () => {
    const workflow = `${onPushMain}${granted}jobs:\n  deploy:${deployJob('    environment: production')}\n`;
    const report = check({ 'd.yml': workflow }, [role(trustPolicy(['repo:acme/web:environment:production', 'repo:acme/web:environment:staging', MAIN]))]);
    const cause = report.roles[0].causes[0];
    expect(cause.id).toBe('RoleTrustsMoreThanWorkflowsUse');
    expect(cause.severity).toBe('info');
    expect(cause.message).toContain('repo:acme/web:environment:staging, repo:acme/web:ref:refs/heads/main');
    expect(cause.fix).toBe('narrow the role\'s subjects to repo:acme/web:environment:production');
  });
});

describe('a trust policy IAM may read more than one way (evaluate/readings.ts)', () => {
  const deployWorkflow = `${onPushMain}permissions:\n  id-token: write\njobs:\n  deploy:${deployJob()}\n`;

  test('a key with white space: refused as written, admitted if IAM trims it, and the check says both', () => {
    const spaced = {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', ' token.actions.githubusercontent.com:sub': MAIN } },
      }],
    };
    const deploy = job(check({ 'deploy.yml': deployWorkflow }, [role(spaced)]), 'deploy');
    expect(deploy.verdict).toBe('denied');
    const cause = deploy.causes.find((c) => c.id === 'TrustPolicyReadingDependent')!;
    expect(cause.severity).toBe('warning');
    expect(cause.message).toMatch(/role deploy's trust policy reads more than one way where AWS documents nothing: the run .* is refused as the check reads it, admitted if IAM reads the policy with white space trimmed from condition operators and keys/);
    expect(cause.fix).toContain('audit');
    // internal to the check: not in the report's runs
    expect(deploy.runs.some((run) => 'otherReading' in run)).toBe(false);
  });

  test('a policy read one way only has no such cause', () => {
    const deploy = job(check({ 'deploy.yml': deployWorkflow }, [role(trustPolicy([MAIN]))]), 'deploy');
    expect(deploy.verdict).toBe('allowed');
    expect(causeIds(deploy)).not.toContain('TrustPolicyReadingDependent');
  });
});
