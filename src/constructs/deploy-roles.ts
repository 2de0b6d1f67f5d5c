import { Construct } from 'constructs';
import { GitHubDeployRole, GitHubDeployRoleOptions } from './deploy-role';
import { deterministicRoleName, readableConstructId } from './private/names';
import { checkRepository, checkRoleNamePrefix } from './private/prop-checks';
import { fail } from '../model/errors';
import { GitHubRepository } from '../model/repository';
import { SubjectClaim } from '../model/subject-claim';

/**
 * Properties of `GitHubDeployRoles`.
 */
export interface GitHubDeployRolesProps extends GitHubDeployRoleOptions {
  /** The repositories, each getting one role per environment. */
  readonly repositories: GitHubRepository[];

  /**
   * The GitHub environments, e.g. `['staging', 'production']`; each role trusts `environment:<name>` of its repository.
   */
  readonly environments: string[];

  /**
   * Prepended to every role name, e.g. `github-`. Role names are `<prefix><owner>-<repo>-<environment>`, with
   * characters IAM refuses written `-` and names over 64 characters cut and ended with a hash, the same on every synth.
   * IAM role names are unique per account across regions: deploying the same roles to two regions of one account
   * needs a different prefix in each.
   *
   * @default '' - no prefix
   */
  readonly roleNamePrefix?: string;
}

/**
 * Deploy roles for a matrix of repositories and GitHub environments: one `GitHubDeployRole` per pair, trusting
 * `repo:<owner>/<repo>:environment:<name>`, with readable construct IDs (`<owner>-<repo>-<environment>`) and role
 * names, sharing one provider and the role options.
 */
export class GitHubDeployRoles extends Construct {
  /** Every role, repositories outer and environments inner, in the order given. */
  public readonly roles: GitHubDeployRole[];

  private readonly byPair = new Map<string, GitHubDeployRole>();

  constructor(scope: Construct, id: string, props: GitHubDeployRolesProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      fail('props', props, 'GitHubDeployRolesProps with repositories and environments');
    }
    const repositories = checkRepositories(props.repositories);
    const environments = checkEnvironments(props.environments);
    checkRoleNamePrefix(props.roleNamePrefix);
    const { repositories: _repositories, environments: _environments, roleNamePrefix, ...roleOptions } = props;
    const prefix = roleNamePrefix ?? '';
    // Each role asks GitHubOidcProvider.forAccount (unless a provider is given), which returns the same provider,
    // or the same import, for every role of this stack.
    this.roles = [];
    checkDistinctNames(repositories, environments, prefix);
    for (const repository of repositories) {
      for (const environment of environments) {
        const role = new GitHubDeployRole(this, readableConstructId([repository.owner, repository.name, environment]), {
          ...roleOptions,
          repository,
          subjects: [SubjectClaim.environment(environment)],
          roleName: deterministicRoleName(prefix, [repository.owner, repository.name, environment]),
        });
        this.roles.push(role);
        this.byPair.set(pairKey(repository, environment), role);
      }
    }
  }

  /**
   * The role of one repository and environment.
   *
   * @param repository the repository, as given (compared by `owner/name`)
   * @param environment the environment name, as given
   */
  public roleFor(repository: GitHubRepository, environment: string): GitHubDeployRole {
    checkRepository('repository', repository);
    const role = this.byPair.get(pairKey(repository, environment));
    if (!role) {
      const known = this.roles.map((r) => `${r.repository.fullName} ${JSON.stringify(environmentOf(r))}`).join(', ');
      fail('repository and environment', { repository: repository.fullName, environment },
        `one of the pairs of ${this.node.path}: ${known}`);
    }
    return role;
  }
}

/**
 * Two pairs whose parts join to the same text (`acme/web-prod` x `eu` and `acme/web` x `prod-eu` both give
 * `acme-web-prod-eu`) would get the same construct ID and role name: refuse them, naming both pairs, before CDK's
 * "There is already a Construct with name" or IAM's EntityAlreadyExists. Compared without case, as IAM names are.
 */
function checkDistinctNames(repositories: GitHubRepository[], environments: string[], prefix: string): void {
  const seen = new Map<string, string>();
  for (const repository of repositories) {
    for (const environment of environments) {
      const parts = [repository.owner, repository.name, environment];
      const pair = `${repository.fullName} x ${JSON.stringify(environment)}`;
      for (const name of [readableConstructId(parts), deterministicRoleName(prefix, parts)]) {
        const key = name.toLowerCase();
        const other = seen.get(key);
        if (other !== undefined && other !== pair) {
          fail('repositories and environments', `${other} and ${pair}`,
            `pairs whose names differ: both are named "${name}". Create one of the two with its own GitHubDeployRole ` +
            '(and a roleName of your choice) outside this GitHubDeployRoles, or rename the environment');
        }
        seen.set(key, pair);
      }
    }
  }
}

function pairKey(repository: GitHubRepository, environment: string): string {
  return JSON.stringify([repository.fullName, environment]);
}

function environmentOf(role: GitHubDeployRole): string {
  return role.subjects[0].context.replace(/^environment:/, '').replace(/%3A/g, ':');
}

/**
 * A copy of the repositories, refusing duplicates. GitHub and IAM role names ignore case, so `Acme/Web` and
 * `acme/web` are the same repository and would get colliding role names.
 */
function checkRepositories(value: unknown): GitHubRepository[] {
  if (!Array.isArray(value) || value.length === 0) {
    fail('repositories', value, 'a non-empty list of GitHubRepository');
  }
  const seen = new Set<string>();
  return value.map((repository, index) => {
    checkRepository(`repositories[${index}]`, repository);
    const key = repository.fullName.toLowerCase();
    if (seen.has(key)) fail(`repositories[${index}]`, repository.fullName, 'each repository once (names compared without case)');
    seen.add(key);
    return repository;
  });
}

/** A copy of the environments, refusing duplicates (without case: IAM role names ignore it). */
function checkEnvironments(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    fail('environments', value, 'a non-empty list of GitHub environment names, e.g. ["staging", "production"]');
  }
  const seen = new Set<string>();
  return value.map((environment, index) => {
    // SubjectClaim.environment checks the name itself; here only the list.
    if (typeof environment !== 'string') fail(`environments[${index}]`, environment, 'a GitHub environment name');
    SubjectClaim.environment(environment);
    const key = environment.toLowerCase();
    if (seen.has(key)) fail(`environments[${index}]`, environment, 'each environment once (names compared without case)');
    seen.add(key);
    return environment;
  });
}
