import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { GITHUB, newStack, resourcesOf } from './helpers';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubDeployRoles } from '../../src/constructs/deploy-roles';
import { GitHubRepository } from '../../src/model/repository';

const web = GitHubRepository.of('acme', 'web');
const api = GitHubRepository.of('acme', 'api');

describe('GitHubDeployRoles: one role per repository and environment', () => {
  test('2 x 2: four roles with readable IDs and names, each trusting its own environment, one shared provider', () => {
    // GIVEN
    const { stack } = newStack();
    // WHEN
    const roles = new GitHubDeployRoles(stack, 'Deploy', {
      repositories: [web, api],
      environments: ['staging', 'production'],
      roleNamePrefix: 'gh-',
      cdkDeployment: true,
      maxSessionDuration: Duration.hours(2),
    });
    // THEN
    expect(roles.roles.map((role) => role.node.id)).toEqual(['acme-web-staging', 'acme-web-production', 'acme-api-staging', 'acme-api-production']);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template.resourceCountIs('AWS::IAM::Role', 4);
    template.resourceCountIs('AWS::IAM::Policy', 4);
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'gh-acme-api-production',
      MaxSessionDuration: 7200,
      AssumeRolePolicyDocument: {
        Statement: [{
          Principal: { Federated: { Ref: 'GitHubOidcProvider' } },
          Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: 'repo:acme/api:environment:production' } },
        }],
      },
    });
    const names = Object.values(resourcesOf(stack, 'AWS::IAM::Role')).map((r) => r.Properties.RoleName).sort();
    expect(names).toEqual(['gh-acme-api-production', 'gh-acme-api-staging', 'gh-acme-web-production', 'gh-acme-web-staging']);
  });

  test('roleFor finds the role of a pair', () => {
    const { stack } = newStack();
    const roles = new GitHubDeployRoles(stack, 'Deploy', { repositories: [web, api], environments: ['staging', 'production'] });
    const role = roles.roleFor(GitHubRepository.of('acme', 'api'), 'staging');
    expect(role).toBeInstanceOf(GitHubDeployRole);
    expect(role.trustedSubjects).toEqual(['repo:acme/api:environment:staging']);
  });

  test('roleFor an unknown pair: error naming the pair and the known ones', () => {
    const { stack } = newStack();
    const roles = new GitHubDeployRoles(stack, 'Deploy', { repositories: [web], environments: ['staging', 'production'] });
    expect(() => roles.roleFor(api, 'staging')).toThrow(
      'Invalid repository and environment {"repository":"acme/api","environment":"staging"}: expected one of the pairs of Stack/Deploy: ' +
      'acme/web "staging", acme/web "production".');
  });

  test('names IAM refuses and names over 64 characters: shortened deterministically with a hash', () => {
    // GIVEN
    const long = GitHubRepository.of('a-very-long-organization-name', 'an-even-longer-repository-name-for-tests');
    const build = () => {
      const { stack } = newStack();
      const roles = new GitHubDeployRoles(stack, 'Deploy', { repositories: [long, web], environments: ['production', 'prod 1', 'prod-1'] });
      const resources = Template.fromStack(stack).toJSON().Resources;
      return roles.roles.map((role) => ({ id: role.node.id, name: resources[stack.resolve(role.roleName).Ref].Properties.RoleName }));
    };
    // WHEN
    const first = build();
    const second = build();
    // THEN
    expect(second).toEqual(first);
    for (const { name } of first) {
      expect(name.length).toBeLessThanOrEqual(64);
      expect(name).toMatch(/^[\w+=,.@-]+$/);
    }
    expect(new Set(first.map((r) => r.name)).size).toBe(first.length);
    expect(new Set(first.map((r) => r.id)).size).toBe(first.length);
    const longName = first[0].name;
    expect(longName).toHaveLength(64);
    expect(longName).toMatch(/^a-very-long-organization-name-an-even-longer-repo.*-[0-9A-F]{8}$/);
    const spaced = first.find((r) => r.id.startsWith('acme-web-prod-1-'))!;
    expect(spaced.name).toMatch(/^acme-web-prod-1-[0-9A-F]{8}$/);
    expect(first.find((r) => r.id === 'acme-web-prod-1')!.name).toBe('acme-web-prod-1');
  });

  test('an environment with ":" keeps GitHub\'s %3A in sub and is readable in IDs', () => {
    const { stack } = newStack();
    const roles = new GitHubDeployRoles(stack, 'Deploy', { repositories: [web], environments: ['prod:eu'] });
    expect(roles.roles[0].trustedSubjects).toEqual(['repo:acme/web:environment:prod%3Aeu']);
    expect(roles.roles[0].node.id).toMatch(/^acme-web-prod-eu-[0-9A-F]{8}$/);
    expect(roles.roleFor(web, 'prod:eu')).toBe(roles.roles[0]);
  });

  test.each([
    ['duplicate repository', { repositories: [web, GitHubRepository.of('Acme', 'Web')], environments: ['production'] },
      /Invalid repositories\[1\] "Acme\/Web": expected each repository once \(names compared without case\)/],
    ['duplicate environment', { repositories: [web], environments: ['production', 'Production'] },
      /Invalid environments\[1\] "Production": expected each environment once/],
    ['no repositories', { repositories: [], environments: ['production'] }, /Invalid repositories \[\]: expected a non-empty list/],
    ['no environments', { repositories: [web], environments: [] }, /Invalid environments \[\]: expected a non-empty list/],
    ['a repository as a string', { repositories: ['acme/web' as any], environments: ['production'] },
      /Invalid repositories\[0\] "acme\/web": expected a GitHubRepository/],
    ['a wildcard environment', { repositories: [web], environments: ['prod*'] }, /Invalid environment "prod\*"/],
    ['a role name prefix IAM refuses', { repositories: [web], environments: ['production'], roleNamePrefix: 'gh/' },
      /Invalid roleNamePrefix "gh\/": expected at most 48 characters/],
  ])('%s: error', (_name, props, message) => {
    const { stack } = newStack();
    expect(() => new GitHubDeployRoles(stack, 'Deploy', props as any)).toThrow(message);
  });

  test('the caller\'s lists are not changed', () => {
    const { stack } = newStack();
    const repositories = Object.freeze([web, api]);
    const environments = Object.freeze(['staging']);
    const roles = new GitHubDeployRoles(stack, 'Deploy', { repositories, environments } as any);
    expect(repositories).toEqual([web, api]);
    expect(environments).toEqual(['staging']);
    expect(roles.roles).toHaveLength(2);
  });
});

test('two pairs whose names join to the same text are refused, naming both pairs and the fix (issue 10 item 14)', () => {
  const { stack } = newStack();
  expect(() => new GitHubDeployRoles(stack, 'Roles', {
    repositories: [GitHubRepository.of('acme', 'web-prod'), GitHubRepository.of('acme', 'web')],
    environments: ['eu', 'prod-eu'],
  })).toThrow(/Invalid repositories and environments "acme\/web-prod x \\"eu\\" and acme\/web x \\"prod-eu\\"": expected pairs whose names differ: both are named "acme-web-prod-eu"\. Create one of the two with its own GitHubDeployRole/);
});
