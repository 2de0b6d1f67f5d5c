import { App, CfnParameter, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { GITHUB, newStack } from './helpers';
import { GitHubDeployRole, GitHubDeployRoleProps } from '../../src/constructs/deploy-role';
import { GitHubOidcProvider } from '../../src/constructs/oidc-provider';
import { GitHubIssuer } from '../../src/model/issuer';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim, SubjectFormat } from '../../src/model/subject-claim';

const web = GitHubRepository.of('acme', 'web');
const pinned = GitHubRepository.of('acme', 'web', { ownerId: 1, repositoryId: 2 });
const production = [SubjectClaim.environment('production')];

/** The logical ID of a GitHubDeployRole's AWS::IAM::Role, without synthesizing. */
function roleLogicalId(role: GitHubDeployRole): string {
  return role.stack.resolve(role.roleName).Ref;
}

describe('an iam.Role', () => {
  test('is an iam.Role: every member of the user\'s iam.IRole is CDK\'s own, on any aws-cdk-lib version', () => {
    const { stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: production });
    expect(role).toBeInstanceOf(iam.Role);
    expect(role.node.defaultChild).toBeInstanceOf(iam.CfnRole);
    expect(stack.resolve(role.roleArn)).toEqual({ 'Fn::GetAtt': [roleLogicalId(role), 'Arn'] });
  });

  test('its AWS::IAM::Role is the construct\'s default child: logical ID from <id>, as for any iam.Role', () => {
    const { stack } = newStack();
    const ours = new GitHubDeployRole(stack, 'WebProd', { repository: web, subjects: production });
    const plain = new iam.Role(new Stack(undefined, 'Other'), 'WebProd', { assumedBy: new iam.AccountRootPrincipal() });
    expect(roleLogicalId(ours)).toBe(plain.stack.resolve(plain.roleName).Ref);
    expect(roleLogicalId(ours)).toBe('WebProdECE5CB69');
  });
});

describe('cdkDeployment', () => {
  const bootstrapCondition = {
    StringEquals: { 'iam:ResourceTag/aws-cdk:bootstrap-role': ['deploy', 'file-publishing', 'image-publishing', 'lookup'] },
  };

  test('may assume the CDK bootstrap roles of its account, recognized by their tag, and nothing else', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: production, cdkDeployment: true });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleLogicalId(role) }],
      PolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'AssumeCdkBootstrapRoles',
          Effect: 'Allow',
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/cdk-*']] },
          Condition: bootstrapCondition,
        }],
      }),
    });
  });

  test('cdkDeploymentAccounts: the bootstrap roles of those accounts as well', () => {
    const { stack } = newStack({ env: { account: '111111111111', region: 'us-east-1' } });
    new GitHubDeployRole(stack, 'Role', {
      repository: web, subjects: production, cdkDeployment: true, cdkDeploymentAccounts: ['222222222222', '111111111111'],
    });
    const arn = (account: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:role/cdk-*`]] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Resource: [arn('111111111111'), arn('222222222222')], Condition: bootstrapCondition }] },
    });
  });

  test('without cdkDeployment the role has no permissions of its own', () => {
    const { stack } = newStack();
    new GitHubDeployRole(stack, 'Role', { repository: web, subjects: production });
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);
  });
});

describe('an iam.IRole', () => {
  test('bucket.grantRead(role) attaches a policy to the role', () => {
    const { stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: production });
    const bucket = new s3.Bucket(stack, 'Bucket');
    // WHEN
    bucket.grantRead(role);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleLogicalId(role) }],
      PolicyDocument: {
        Statement: [Match.objectLike({
          Action: Match.arrayWith(['s3:GetObject*']),
          Resource: Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Bucket'), 'Arn'] }]),
        })],
      },
    });
  });

  test('delegates name, ARN, grants, policies and removal policy to the role it composes', () => {
    const { stack } = newStack();
    const deployRole = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: production });
    const role: iam.IRole = deployRole;
    const user = new iam.User(stack, 'User');
    const logicalId = roleLogicalId(deployRole);
    expect(stack.resolve(role.roleArn)).toEqual({ 'Fn::GetAtt': [logicalId, 'Arn'] });
    expect(stack.resolve(role.roleName)).toEqual({ Ref: logicalId });
    expect(role.assumeRoleAction).toBe('sts:AssumeRole');
    expect(stack.resolve(role.policyFragment.principalJson)).toEqual({ AWS: [{ 'Fn::GetAtt': [logicalId, 'Arn'] }] });
    expect(role.principalAccount).toBe(stack.account);
    expect(role.stack).toBe(stack);

    role.grantPassRole(user);
    role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess'));
    expect(role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] })).statementAdded).toBe(true);
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);

    const template = Template.fromStack(stack);
    template.hasResource('AWS::IAM::Role', {
      DeletionPolicy: 'Retain',
      Properties: { ManagedPolicyArns: [{ 'Fn::Join': ['', Match.arrayWith([':iam::aws:policy/ReadOnlyAccess'])] }] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Users: [{ Ref: Match.stringLikeRegexp('^User') }],
      PolicyDocument: { Statement: [{ Action: 'iam:PassRole', Effect: 'Allow', Resource: { 'Fn::GetAtt': [logicalId, 'Arn'] } }] },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: logicalId }],
      PolicyDocument: { Statement: [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: '*' }] },
    });
  });

  test('addRoleArnOutput: the role-to-assume as a stack output', () => {
    const { stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: production });
    role.addRoleArnOutput('acme-web-production-role');
    const outputs = Template.fromStack(stack).findOutputs('*');
    expect(Object.values(outputs)).toEqual([{
      Value: { 'Fn::GetAtt': [roleLogicalId(role), 'Arn'] },
      Description: 'role-to-assume for acme/web (environment:production)',
      Export: { Name: 'acme-web-production-role' },
    }]);
  });
});

describe('bad input fails at construction, naming the field, the value and what is accepted', () => {
  const cases: [string, () => Partial<GitHubDeployRoleProps>, RegExp][] = [
    ['repository as a string', () => ({ repository: 'acme/web' as any }), /Invalid repository "acme\/web": expected a GitHubRepository/],
    ['no subjects', () => ({ subjects: [] }), /Invalid subjects \[\]: expected a non-empty list of SubjectClaim/],
    ['subjects missing', () => ({ subjects: undefined as any }), /Invalid subjects undefined: expected a non-empty list/],
    ['a subject as a string', () => ({ subjects: ['repo:acme/web:*' as any] }), /Invalid subjects\[0\] "repo:acme\/web:\*": expected a SubjectClaim/],
    ['duplicate subjects', () => ({ subjects: [SubjectClaim.branch('main'), SubjectClaim.branch('main')] }),
      /Invalid subjects \["repo:acme\/web:ref:refs\/heads\/main"\]: expected each subject once/],
    ['role name too long', () => ({ roleName: 'r'.repeat(65) }), /Invalid roleName "r{65}": expected 1 to 64 characters of letters, digits and \+ = , \. @ _ -/],
    ['role name with a space', () => ({ roleName: 'deploy role' }), /Invalid roleName "deploy role": expected 1 to 64 characters/],
    ['path without slashes', () => ({ path: 'github' }), /Invalid path "github": expected "\/" or a path that starts and ends with "\/"/],
    ['path too long', () => ({ path: `/${'p'.repeat(511)}/` }), /Invalid path "\/p+\/": expected .*at most 512/],
    ['session shorter than 1 hour', () => ({ maxSessionDuration: Duration.minutes(30) }),
      /Invalid maxSessionDuration "30 minutes": expected 3600 to 43200 seconds \(1 to 12 hours\)/],
    ['session longer than 12 hours', () => ({ maxSessionDuration: Duration.hours(13) }), /Invalid maxSessionDuration "13 hours": expected 3600 to 43200/],
    ['session as a number', () => ({ maxSessionDuration: 3600 as any }), /Invalid maxSessionDuration 3600: expected a Duration/],
    // iam.Role would fail on these with a TypeError that names no field.
    ['managed policies not a list', () => ({ managedPolicies: 'arn:aws:iam::aws:policy/ReadOnlyAccess' as any }),
      /Invalid managedPolicies "arn:aws:iam::aws:policy\/ReadOnlyAccess": expected a list of iam\.IManagedPolicy/],
    ['a managed policy as an ARN string', () => ({ managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess' as any] }),
      /Invalid managedPolicies\[0\] "arn:aws:iam::aws:policy\/ReadOnlyAccess": expected an iam\.IManagedPolicy/],
    ['inline policies as a list', () => ({ inlinePolicies: [] as any }), /Invalid inlinePolicies \[\]: expected an object of iam\.PolicyDocument by policy name/],
    ['an inline policy as JSON', () => ({ inlinePolicies: { deploy: { Statement: [] } as any } }),
      /Invalid inlinePolicies\["deploy"\] \{"Statement":\[\]\}: expected an iam\.PolicyDocument/],
    ['a permissions boundary as a name', () => ({ permissionsBoundary: 'deploy-boundary' as any }),
      /Invalid permissionsBoundary "deploy-boundary": expected an iam\.IManagedPolicy/],
    ['empty audience', () => ({ audience: '' }), /Invalid audience "": expected the exact "aud" the workflow requests/],
    ['wildcard audience', () => ({ audience: 'sts.*' }), /Invalid audience "sts\.\*": expected .*no "\*" or "\?"/],
    ['size limit below the default quota', () => ({ trustPolicySizeLimit: 1024 }), /Invalid trustPolicySizeLimit 1024: expected a whole number from 2048/],
    ['size limit beyond any quota', () => ({ trustPolicySizeLimit: 100000 }), /Invalid trustPolicySizeLimit 100000: expected a whole number from 2048 .* to 8192/],
    ['IMMUTABLE without IDs', () => ({ subjectFormat: SubjectFormat.IMMUTABLE }),
      /Invalid subjectFormat "IMMUTABLE": expected NAME_ONLY, or a repository with ownerId and repositoryId \(acme\/web has none\)/],
    ['BOTH without IDs', () => ({ subjectFormat: SubjectFormat.BOTH }), /Invalid subjectFormat "BOTH": expected NAME_ONLY, or a repository with ownerId/],
    ['unknown subject format', () => ({ subjectFormat: 'ID_ONLY' as any }), /Invalid subjectFormat "ID_ONLY": expected one of NAME_ONLY, IMMUTABLE, BOTH/],
    ['IMMUTABLE on GitHub Enterprise Server', () => ({
      repository: pinned, issuer: GitHubIssuer.enterpriseServer('git.example.com'), subjectFormat: SubjectFormat.IMMUTABLE,
    }), /Invalid subjectFormat "IMMUTABLE": expected NAME_ONLY: https:\/\/git\.example\.com\/_services\/token is GitHub Enterprise Server/],
    ['cdkDeploymentAccounts without cdkDeployment', () => ({ cdkDeploymentAccounts: ['222222222222'] }),
      /Invalid cdkDeploymentAccounts \["222222222222"\]: expected cdkDeployment: true as well/],
    ['malformed cdkDeploymentAccounts', () => ({ cdkDeployment: true, cdkDeploymentAccounts: ['1234'] }),
      /Invalid cdkDeploymentAccounts\[0\] "1234": expected a 12-digit AWS account ID/],
    ['provider that is not one', () => ({ provider: {} as any }), /Invalid provider \{\}: expected an IGitHubOidcProvider/],
    ['issuer given as a string', () => ({ issuer: 'github.com' as any }), /Invalid issuer "github\.com": expected a GitHubIssuer/],
    ['description outside IAM\'s character set', () => ({ description: 'デプロイ' }), /Invalid description "デプロイ": expected at most 1000 characters of printable Latin-1 text/],
    ['short acknowledgement reason', () => ({ acknowledgements: [{ ruleId: 'PullRequestSubject', reason: 'because' }] }),
      /Invalid acknowledgements\[0\] reason for PullRequestSubject "because": expected a reason of at least 10 characters/],
    ['malformed acknowledgement rule ID', () => ({ acknowledgements: [{ ruleId: 'pull-request', reason: 'Read-only plan on PRs' }] }),
      /Invalid acknowledgements\[0\] ruleId "pull-request": expected a rule ID in PascalCase/],
  ];

  test.each(cases)('%s', (_name, override, message) => {
    const { stack } = newStack();
    expect(() => new GitHubDeployRole(stack, 'Role', { repository: web, subjects: production, ...override() })).toThrow(message);
  });

  test('the same props without the bad value are accepted', () => {
    const { stack } = newStack();
    expect(() => new GitHubDeployRole(stack, 'Role', {
      repository: pinned,
      subjects: production,
      roleName: 'r'.repeat(64),
      path: `/${'p'.repeat(510)}/`,
      maxSessionDuration: Duration.hours(12),
      audience: 'sts.amazonaws.com',
      trustPolicySizeLimit: 8192,
      subjectFormat: SubjectFormat.BOTH,
      cdkDeployment: true,
      cdkDeploymentAccounts: ['222222222222'],
      acknowledgements: [{ ruleId: 'PullRequestSubject', reason: 'Read-only plan on PRs' }],
    })).not.toThrow();
  });

  test('props missing altogether', () => {
    const { stack } = newStack();
    expect(() => new GitHubDeployRole(stack, 'Role', undefined as any)).toThrow(/Invalid props undefined: expected GitHubDeployRoleProps/);
  });

  // (a token maxSessionDuration is refused by iam.Role itself in aws-cdk-lib 2.200, so it is not tried here)
  test('values that are still tokens are not judged at construction', () => {
    const { stack } = newStack();
    const name = new CfnParameter(stack, 'RoleName').valueAsString;
    expect(() => new GitHubDeployRole(stack, 'Role', {
      repository: web, subjects: production, roleName: name, path: Token.asString({ Ref: 'Path' }),
    })).not.toThrow();
  });

  test('an audience the given provider does not accept: error naming the provider and its client IDs', () => {
    const { stack } = newStack();
    const provider = new GitHubOidcProvider(stack, 'Provider');
    expect(() => new GitHubDeployRole(stack, 'Role', { provider, audience: 'sts.amazonaws.com.cn', repository: web, subjects: production }))
      .toThrow(/Invalid audience "sts.amazonaws.com.cn": expected one of the client IDs of the provider at Stack\/Provider \(\["sts.amazonaws.com"\]\)/);
  });

  test('an issuer other than the given provider\'s: error', () => {
    const { stack } = newStack();
    const provider = new GitHubOidcProvider(stack, 'Provider');
    expect(() => new GitHubDeployRole(stack, 'Role', { provider, issuer: GitHubIssuer.enterprise('acme'), repository: web, subjects: production }))
      .toThrow(/Invalid issuer "https:\/\/token.actions.githubusercontent.com\/acme": expected the issuer of the provider, https:\/\/token.actions.githubusercontent.com, or no issuer/);
  });
});

describe('the caller\'s props are never changed', () => {
  test('frozen props, arrays and maps are accepted and stay as they were', () => {
    // GIVEN
    const { stack } = newStack();
    const subjects = Object.freeze([SubjectClaim.environment('production'), SubjectClaim.branch('main')]);
    const managedPolicies = Object.freeze([iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')]);
    const inlinePolicies = Object.freeze({
      Logs: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['logs:GetLogEvents'], resources: ['*'] })] }),
    });
    const acknowledgements = Object.freeze([Object.freeze({ ruleId: 'SubEveryBranch', reason: 'Not used here at all' })]);
    const props = Object.freeze({
      repository: web,
      subjects,
      managedPolicies,
      inlinePolicies,
      acknowledgements,
      cdkDeployment: true,
      cdkDeploymentAccounts: Object.freeze(['222222222222']),
    }) as unknown as GitHubDeployRoleProps;
    const before = JSON.stringify({ ...props, subjects: subjects.map(String), managedPolicies: managedPolicies.length });
    // WHEN
    const role = new GitHubDeployRole(stack, 'Role', props);
    role.subjects.push(SubjectClaim.tag('v1'));
    Template.fromStack(stack);
    // THEN
    expect(JSON.stringify({ ...props, subjects: subjects.map(String), managedPolicies: managedPolicies.length })).toBe(before);
    expect(subjects).toHaveLength(2);
  });
});

describe('trust policy size, checked at synth against the quota', () => {
  const branches = (count: number) => Array.from({ length: count }, (_, i) => SubjectClaim.branch(`release-${String(i).padStart(3, '0')}`));

  /** The compact size of the policy as IAM will hold it, written out independently of the construct. */
  function deployedSize(subjects: SubjectClaim[]): number {
    return JSON.stringify({
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: subjects.map((s) => s.render(web)[0]) } },
        Effect: 'Allow',
        Principal: { Federated: `arn:aws-us-gov:iam::123456789012:oidc-provider/${GITHUB}` },
      }],
      Version: '2012-10-17',
    }).length;
  }

  test('over 2,048 characters: synth fails naming the role, the size and the fix', () => {
    const { app, stack } = newStack();
    const subjects = branches(50);
    new GitHubDeployRole(stack, 'Role', { repository: web, subjects });
    const size = deployedSize(subjects);
    expect(size).toBeGreaterThan(2048);
    expect(() => app.synth()).toThrow(new RegExp(
      `\\[Stack/Role\\] PolicySizeExceeded: The trust policy's compact JSON is ${size} characters, more than the limit of 2048.*` +
      'Fix: split the subjects across several roles, or raise the account\'s ACLSizePerRole quota .* set trustPolicySizeLimit'));
  });

  test('the limit is inclusive and follows trustPolicySizeLimit', () => {
    const subjects = branches(50);
    const size = deployedSize(subjects);
    const at = newStack();
    new GitHubDeployRole(at.stack, 'Role', { repository: web, subjects, trustPolicySizeLimit: size });
    expect(() => at.app.synth()).not.toThrow();
    // 8 characters over even in "aws", 7 shorter than the "aws-us-gov" assumed: an error that names the assumption
    const below = newStack();
    new GitHubDeployRole(below.stack, 'Role', { repository: web, subjects, trustPolicySizeLimit: size - 8 });
    expect(() => below.app.synth()).toThrow(new RegExp(`is ${size} characters, more than the limit of ${size - 8};.*` +
      'the provider ARN counted in partition "aws-us-gov", the longest, since this stack\'s partition is not known at synth: ' +
      'give the stack an env with its region'));
  });

  test('over the quota only in the assumed partition: a warning for an env-agnostic stack, an error in that partition', () => {
    const subjects = branches(50);
    const size = deployedSize(subjects);
    // fits in "aws" (7 characters shorter), not in "aws-us-gov"
    const agnostic = newStack();
    new GitHubDeployRole(agnostic.stack, 'Role', { repository: web, subjects, trustPolicySizeLimit: size - 1 });
    const warnings = agnostic.app.synth().getStackArtifact('Stack').messages.filter((m) => m.level === 'warning').map((m) => String(m.entry.data));
    expect(warnings.join('\n')).toMatch(/PolicySizeExceeded: .*counted in partition "aws-us-gov".*; in partition "aws" it fits/);
    const app = new App();
    const gov = new Stack(app, 'Gov', { env: { region: 'us-gov-west-1' } });
    new GitHubDeployRole(gov, 'Role', { repository: web, subjects, trustPolicySizeLimit: size - 1 });
    expect(() => app.synth()).toThrow(new RegExp(`is ${size} characters, more than the limit of ${size - 1};`));
  });

  test('a region gives the partition: a stack in eu-west-1 is counted in "aws"', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { region: 'eu-west-1' } });
    const subjects = branches(50);
    new GitHubDeployRole(stack, 'Role', { repository: web, subjects, trustPolicySizeLimit: deployedSize(subjects) - 7 });
    expect(() => app.synth()).not.toThrow();
    expect(app.synth().getStackArtifact('Stack').messages.filter((m) => String(m.entry.data).includes('PolicySizeExceeded'))).toEqual([]);
  });

  test('a known partition and account are counted as they are', () => {
    const app = new App({ context: { '@aws-cdk/core:enablePartitionLiterals': true } });
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const subjects = branches(50);
    // 'aws' is 7 characters shorter than the 'aws-us-gov' assumed when the partition is unknown
    new GitHubDeployRole(stack, 'Role', { repository: web, subjects, trustPolicySizeLimit: deployedSize(subjects) - 7 });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('the trust rules run on the synthesized policy', () => {
  test('a statement added through the escape hatch that trusts every repository fails the synth', () => {
    // GIVEN
    const { app, stack } = newStack();
    const role = new GitHubDeployRole(stack, 'Role', { repository: web, subjects: production });
    // WHEN
    role.assumeRolePolicy!.addStatements(new iam.PolicyStatement({
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: [new iam.WebIdentityPrincipal(role.provider.oidcProviderArn)],
      conditions: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GITHUB}:sub`]: 'repo:*' } },
    }));
    // THEN
    expect(() => app.synth()).toThrow(/\[Stack\/Role\] SubWildcardRepository: .*"repo:\*".* Fix: /);
  });
});
