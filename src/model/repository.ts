import { fail } from './errors';

// GitHub's rules: https://docs.github.com/en/get-started/learning-about-github/types-of-github-accounts and the
// repository-creation form. Owner: letters, digits, single inner hyphens, at most 39. Repository: letters, digits,
// '.', '-', '_', at most 100, not '.' or '..'. Neither can hold '@', ':', '/', '*' or '?', which is what makes a
// subject built from them unambiguous.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Options of `GitHubRepository.of`.
 */
export interface GitHubRepositoryOptions {
  /**
   * The numeric ID of the owner (user or organization), the `repository_owner_id` claim.
   *
   * With `repositoryId`, the role pins both IDs, so a re-registered owner or repository of the same name (namespace
   * recycling) cannot assume it, and can trust the immutable `owner@id/repo@id` subject.
   *
   * @default - not pinned
   * @see https://docs.github.com/en/rest/users/users#get-a-user
   */
  readonly ownerId?: number;

  /**
   * The numeric ID of the repository, the `repository_id` claim.
   *
   * @default - not pinned
   * @see https://docs.github.com/en/rest/repos/repos#get-a-repository
   */
  readonly repositoryId?: number;
}

/**
 * One GitHub repository, by name and optionally by its immutable numeric IDs. Immutable: `withIds` returns a new one.
 */
export class GitHubRepository {
  /**
   * A repository by owner and name, e.g. `GitHubRepository.of('acme', 'web')`.
   *
   * @param owner the user or organization, e.g. `acme`
   * @param name the repository name, e.g. `web`
   */
  public static of(owner: string, name: string, options: GitHubRepositoryOptions = {}): GitHubRepository {
    if (typeof owner !== 'string' || !OWNER.test(owner)) {
      fail('repository owner', owner,
        'a GitHub user or organization name: letters, digits and single inner hyphens, at most 39 characters, no wildcards');
    }
    if (typeof name !== 'string' || !REPOSITORY.test(name) || name === '.' || name === '..') {
      fail('repository name', name,
        'a GitHub repository name: letters, digits, ".", "-" and "_", at most 100 characters, not "." or "..", no wildcards');
    }
    if (options === null || typeof options !== 'object') {
      fail('repository options', options, 'an object with optional ownerId and repositoryId');
    }
    checkId('ownerId', options.ownerId);
    checkId('repositoryId', options.repositoryId);
    if ((options.ownerId === undefined) !== (options.repositoryId === undefined)) {
      fail('repository IDs', { ownerId: options.ownerId, repositoryId: options.repositoryId },
        'both ownerId and repositoryId, or neither: the immutable subject names both');
    }
    return new GitHubRepository(owner, name, options.ownerId, options.repositoryId);
  }

  /**
   * A repository from its full name, `owner/name`.
   */
  public static fromFullName(fullName: string, options: GitHubRepositoryOptions = {}): GitHubRepository {
    const parts = typeof fullName === 'string' ? fullName.split('/') : [];
    if (parts.length !== 2) fail('repository', fullName, '"owner/name", e.g. "acme/web"');
    return GitHubRepository.of(parts[0], parts[1], options);
  }

  private constructor(
    /** The user or organization that owns the repository. */
    public readonly owner: string,
    /** The repository's name. */
    public readonly name: string,
    /** The owner's numeric ID, if known. */
    public readonly ownerId?: number,
    /** The repository's numeric ID, if known. */
    public readonly repositoryId?: number,
  ) {}

  /** `owner/name`, as in the `repository` claim and the name-only subject. */
  public get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** Whether both numeric IDs are known. */
  public get hasIds(): boolean {
    return this.ownerId !== undefined && this.repositoryId !== undefined;
  }

  /**
   * `owner@ownerId/name@repositoryId`, the repository part of an immutable subject.
   *
   * @see https://docs.github.com/en/actions/reference/security/oidc
   */
  public get immutableName(): string {
    if (!this.hasIds) {
      fail('repository IDs', this.fullName, 'ownerId and repositoryId for an immutable subject; pass them to GitHubRepository.of');
    }
    return `${this.owner}@${this.ownerId}/${this.name}@${this.repositoryId}`;
  }

  /** A copy of this repository with its numeric IDs. */
  public withIds(ownerId: number, repositoryId: number): GitHubRepository {
    return GitHubRepository.of(this.owner, this.name, { ownerId, repositoryId });
  }

  public toString(): string {
    return this.hasIds ? this.immutableName : this.fullName;
  }
}

function checkId(field: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    fail(field, value, 'a positive whole number, the ID GitHub shows for the account or repository');
  }
}

/** The parts of a repository written in its immutable form, `owner@ownerId/name@repositoryId`. */
export interface ImmutableRepositoryParts {
  /** `owner/name`, as the `repository` claim writes it. */
  readonly name: string;
  readonly ownerId: string;
  readonly repositoryId: string;
}

const IMMUTABLE_FORM = /^([^@/]+)@(\d+)\/([^@/]+)@(\d+)$/;

/**
 * `acme@1844662/web@456789` read as its name and IDs; undefined for any other text. Reads the form only: the names
 * are not checked against GitHub's rules (`GitHubRepository.of` does that).
 */
export function immutableRepositoryParts(text: string): ImmutableRepositoryParts | undefined {
  const match = IMMUTABLE_FORM.exec(text);
  return match ? { name: `${match[1]}/${match[3]}`, ownerId: match[2], repositoryId: match[4] } : undefined;
}
