import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GITHUB, newStack } from './helpers';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubIssuer } from '../../src/model/issuer';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim, SubjectFormat } from '../../src/model/subject-claim';
import { SubjectTemplate } from '../../src/model/subject-template';

const web = GitHubRepository.of('acme', 'web');
const pinned = GitHubRepository.of('acme', 'web', { ownerId: 1844662, repositoryId: 599293758 });
const provider = { Ref: 'GitHubOidcProvider' };

/** The whole trust policy GitHubDeployRole renders: one statement. */
function trustPolicy(condition: object, federated: object = provider): object {
  return {
    Version: '2012-10-17',
    Statement: [{
      Action: 'sts:AssumeRoleWithWebIdentity',
      Effect: 'Allow',
      Principal: { Federated: federated },
      Condition: condition,
    }],
  };
}

function expectTrustPolicy(props: Partial<ConstructorParameters<typeof GitHubDeployRole>[2]>, expected: object): void {
  // GIVEN
  const { stack } = newStack();
  // WHEN
  new GitHubDeployRole(stack, 'Role', { repository: web, subjects: [SubjectClaim.branch('main')], ...props } as any);
  // THEN
  Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: Match.objectEquals(expected) });
}

describe('trust policy per subject builder (github.com, name-only subjects)', () => {
  test.each([
    ['environment', SubjectClaim.environment('production'), 'repo:acme/web:environment:production'],
    ['branch', SubjectClaim.branch('main'), 'repo:acme/web:ref:refs/heads/main'],
    ['tag', SubjectClaim.tag('v1.2.3'), 'repo:acme/web:ref:refs/tags/v1.2.3'],
    ['pull request', SubjectClaim.pullRequest(), 'repo:acme/web:pull_request'],
    ['environment with ":"', SubjectClaim.environment('prod:eu'), 'repo:acme/web:environment:prod%3Aeu'],
  ])('%s: exact sub under StringEquals, aud pinned', (_name, subject, sub) => {
    expectTrustPolicy({ subjects: [subject] }, trustPolicy({
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: sub },
    }));
  });

  test.each([
    ['tag pattern', SubjectClaim.tag('v*'), 'repo:acme/web:ref:refs/tags/v*'],
    ['branch pattern', SubjectClaim.branch('release/*'), 'repo:acme/web:ref:refs/heads/release/*'],
    ['any ref', SubjectClaim.anyRef(), 'repo:acme/web:*'],
  ])('%s: sub under StringLike, aud still StringEquals', (_name, subject, sub) => {
    expectTrustPolicy({ subjects: [subject] }, trustPolicy({
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [`${GITHUB}:sub`]: sub },
    }));
  });

  test('several exact subjects: one StringEquals list (OR)', () => {
    expectTrustPolicy({ subjects: [SubjectClaim.environment('production'), SubjectClaim.branch('main')] }, trustPolicy({
      StringEquals: {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: ['repo:acme/web:environment:production', 'repo:acme/web:ref:refs/heads/main'],
      },
    }));
  });

  test('exact and wildcard subjects together: all sub values under StringLike, never split across ANDed operators', () => {
    expectTrustPolicy({ subjects: [SubjectClaim.environment('production'), SubjectClaim.branch('release/*')] }, trustPolicy({
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
      StringLike: { [`${GITHUB}:sub`]: ['repo:acme/web:environment:production', 'repo:acme/web:ref:refs/heads/release/*'] },
    }));
  });

  test('custom include_claim_keys template', () => {
    const subject = SubjectClaim.environment('prod').withTemplate(SubjectTemplate.withJobWorkflowRef(), {
      job_workflow_ref: 'acme/deploy/.github/workflows/deploy.yml@refs/heads/main',
    });
    expectTrustPolicy({ subjects: [subject] }, trustPolicy({
      StringEquals: {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: 'repo:acme/web:environment:prod:job_workflow_ref:acme/deploy/.github/workflows/deploy.yml@refs/heads/main',
      },
    }));
  });

  test.each([SubjectFormat.BOTH, SubjectFormat.IMMUTABLE, SubjectFormat.NAME_ONLY])(
    'a template without "repo" has one subject whatever the subject format (%s)', (subjectFormat) => {
      const withIds = GitHubRepository.of('acme', 'web', { ownerId: 1844662, repositoryId: 599293758 });
      const subject = SubjectClaim.branch('main').withTemplate(SubjectTemplate.fromClaimKeys(['repository_owner_id', 'repository_id', 'ref']),
        { ref: 'refs/heads/main' });
      const { stack } = newStack();
      new GitHubDeployRole(stack, 'Role', { repository: withIds, subjects: [subject], subjectFormat });
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({
            Condition: Match.objectLike({
              StringEquals: Match.objectLike({ [`${GITHUB}:sub`]: 'repository_owner_id:1844662:repository_id:599293758:ref:refs/heads/main' }),
            }),
          })],
        },
      });
    });

  test('custom audience: pinned, and the provider the role creates accepts it', () => {
    expectTrustPolicy({ audience: 'sts.amazonaws.com.cn' }, trustPolicy({
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com.cn', [`${GITHUB}:sub`]: 'repo:acme/web:ref:refs/heads/main' },
    }));
    const { stack } = newStack();
    new GitHubDeployRole(stack, 'Role', { audience: 'sts.amazonaws.com.cn', repository: web, subjects: [SubjectClaim.branch('main')] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::OIDCProvider', { ClientIdList: ['sts.amazonaws.com.cn'] });
  });
});

describe('repository IDs: pinned, and immutable subjects', () => {
  const ids = { [`${GITHUB}:repository_owner_id`]: '1844662', [`${GITHUB}:repository_id`]: '599293758' };

  test('default with IDs: both sub forms (GitHub mints either, by repository age) plus repository_id and repository_owner_id', () => {
    expectTrustPolicy({ repository: pinned, subjects: [SubjectClaim.environment('production')] }, trustPolicy({
      StringEquals: {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: ['repo:acme/web:environment:production', 'repo:acme@1844662/web@599293758:environment:production'],
        ...ids,
      },
    }));
  });

  test('IMMUTABLE: only the immutable sub, IDs pinned', () => {
    expectTrustPolicy({ repository: pinned, subjects: [SubjectClaim.environment('production')], subjectFormat: SubjectFormat.IMMUTABLE }, trustPolicy({
      StringEquals: {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: 'repo:acme@1844662/web@599293758:environment:production',
        ...ids,
      },
    }));
  });

  test('BOTH, for a migration: name-only and immutable sub, IDs pinned', () => {
    expectTrustPolicy({ repository: pinned, subjectFormat: SubjectFormat.BOTH }, trustPolicy({
      StringEquals: {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: ['repo:acme/web:ref:refs/heads/main', 'repo:acme@1844662/web@599293758:ref:refs/heads/main'],
        ...ids,
      },
    }));
  });

  test('NAME_ONLY with IDs: name-only sub, IDs still pinned', () => {
    expectTrustPolicy({ repository: pinned, subjectFormat: SubjectFormat.NAME_ONLY }, trustPolicy({
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: 'repo:acme/web:ref:refs/heads/main', ...ids },
    }));
  });

  test('IDs with a wildcard subject: IDs stay under StringEquals', () => {
    expectTrustPolicy({ repository: pinned, subjects: [SubjectClaim.tag('v*')], subjectFormat: SubjectFormat.IMMUTABLE }, trustPolicy({
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', ...ids },
      StringLike: { [`${GITHUB}:sub`]: 'repo:acme@1844662/web@599293758:ref:refs/tags/v*' },
    }));
  });
});

describe('issuers: provider URL and condition keys', () => {
  test.each([
    ['GitHub Enterprise Cloud', GitHubIssuer.enterprise('acme'), `${GITHUB}/acme`],
    ['GHE.com', GitHubIssuer.gheCom('octo'), 'token.actions.octo.ghe.com'],
    ['GitHub Enterprise Server', GitHubIssuer.enterpriseServer('git.example.com'), 'git.example.com/_services/token'],
  ])('%s', (_name, issuer, prefix) => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    new GitHubDeployRole(stack, 'Role', { issuer, repository: web, subjects: [SubjectClaim.environment('production')] });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: `https://${prefix}` });
    const providerId = Object.keys(template.findResources('AWS::IAM::OIDCProvider'))[0];
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectEquals(trustPolicy({
        StringEquals: { [`${prefix}:aud`]: 'sts.amazonaws.com', [`${prefix}:sub`]: 'repo:acme/web:environment:production' },
      }, { Ref: providerId })),
    });
  });

  test('GitHub Enterprise Server with repository IDs defaults to name-only subjects (GHES mints no immutable ones)', () => {
    const { stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', {
      issuer: GitHubIssuer.enterpriseServer('git.example.com'), repository: pinned, subjects: [SubjectClaim.branch('main')],
    });
    expect(role.subjectFormat).toBe(SubjectFormat.NAME_ONLY);
    expect(role.trustedSubjects).toEqual(['repo:acme/web:ref:refs/heads/main']);
  });
});

describe('role properties', () => {
  test('default description names the repository and subjects; the logical ID comes from the construct ID', () => {
    const { stack } = newStack();
    const role = new GitHubDeployRole(stack, 'WebProd', { repository: web, subjects: [SubjectClaim.environment('production')] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', { Description: 'GitHub Actions deploy role for acme/web: environment:production' });
    expect(stack.resolve(role.roleArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^WebProd[0-9A-F]{8}$/), 'Arn'] });
  });

  test('name, path, description, session duration, boundary and policies pass through', () => {
    const { stack } = newStack();
    const boundary = iam.ManagedPolicy.fromManagedPolicyName(stack, 'Boundary', 'deploy-boundary');
    new GitHubDeployRole(stack, 'Role', {
      repository: web,
      subjects: [SubjectClaim.branch('main')],
      roleName: 'acme-web-deploy',
      path: '/github/',
      description: 'Deploys acme/web',
      maxSessionDuration: Duration.hours(2),
      permissionsBoundary: boundary,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
      inlinePolicies: { Logs: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['logs:GetLogEvents'], resources: ['*'] })] }) },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'acme-web-deploy',
      Path: '/github/',
      Description: 'Deploys acme/web',
      MaxSessionDuration: 7200,
      PermissionsBoundary: { 'Fn::Join': ['', Match.arrayWith([':policy/deploy-boundary'])] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', Match.arrayWith([':iam::aws:policy/ReadOnlyAccess'])] }],
      Policies: [{ PolicyName: 'Logs', PolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Action: 'logs:GetLogEvents' })] }) }],
    });
  });
});
