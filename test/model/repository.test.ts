import { GitHubRepository } from '../../src/model/repository';

describe('GitHubRepository', () => {
  test('renders the name-only and immutable forms', () => {
    // GIVEN
    const plain = GitHubRepository.of('octo-org', 'octo-repo');
    const pinned = GitHubRepository.of('octo-org', 'octo-repo', { ownerId: 123456, repositoryId: 456789 });

    // THEN
    expect(plain.fullName).toBe('octo-org/octo-repo');
    expect(plain.hasIds).toBe(false);
    expect(() => plain.immutableName).toThrow(/Invalid repository IDs "octo-org\/octo-repo": expected ownerId and repositoryId/);
    expect(pinned.immutableName).toBe('octo-org@123456/octo-repo@456789');
    expect(pinned.toString()).toBe('octo-org@123456/octo-repo@456789');
  });

  test('withIds returns a new repository and leaves the original unchanged', () => {
    const plain = GitHubRepository.of('acme', 'web');
    const pinned = plain.withIds(1, 2);
    expect(pinned.immutableName).toBe('acme@1/web@2');
    expect(plain.hasIds).toBe(false);
  });

  test('fromFullName splits owner/name', () => {
    expect(GitHubRepository.fromFullName('acme/web.site_2').name).toBe('web.site_2');
    expect(() => GitHubRepository.fromFullName('acme')).toThrow(/Invalid repository "acme": expected "owner\/name"/);
    expect(() => GitHubRepository.fromFullName('acme/web/x')).toThrow(/Invalid repository "acme\/web\/x"/);
  });

  test.each([
    // owner: letters, digits, single inner hyphens, at most 39
    ['acme', 'web', true],
    ['a'.repeat(39), 'web', true],
    ['a'.repeat(40), 'web', false],
    ['-acme', 'web', false],
    ['acme-', 'web', false],
    ['ac--me', 'web', false],
    ['ac_me', 'web', false],
    ['*', 'web', false],
    ['acme*', 'web', false],
    ['acme@1', 'web', false],
    // repository: letters, digits, '.', '-', '_', at most 100, not '.' or '..'
    ['acme', 'r'.repeat(100), true],
    ['acme', 'r'.repeat(101), false],
    ['acme', '.github', true],
    ['acme', '.', false],
    ['acme', '..', false],
    ['acme', 'web*', false],
    ['acme', 'we?', false],
    ['acme', 'web:prod', false],
    ['acme', 'web/x', false],
    ['acme', '', false],
  ])('of(%j, %j) valid: %s', (owner, name, valid) => {
    const make = () => GitHubRepository.of(owner, name);
    if (valid) {
      expect(make).not.toThrow();
    } else {
      expect(make).toThrow(/Invalid repository (owner|name) .*: expected a GitHub (user or organization|repository) name/);
    }
  });

  test.each([
    [{ ownerId: 0, repositoryId: 1 }, /Invalid ownerId 0: expected a positive whole number/],
    [{ ownerId: 1.5, repositoryId: 1 }, /Invalid ownerId 1.5/],
    [{ ownerId: 1, repositoryId: -3 }, /Invalid repositoryId -3/],
    [{ ownerId: '1' as any, repositoryId: 2 }, /Invalid ownerId "1"/],
    [{ ownerId: 1 }, /Invalid repository IDs .*: expected both ownerId and repositoryId, or neither/],
    [null as any, /Invalid repository options null/],
  ])('rejects IDs %j', (options, message) => {
    expect(() => GitHubRepository.of('acme', 'web', options)).toThrow(message);
  });

  test('a non-string from a JavaScript caller is an error, not a TypeError', () => {
    expect(() => GitHubRepository.of(undefined as any, 'web')).toThrow(/Invalid repository owner undefined/);
    expect(() => GitHubRepository.of('acme', 42 as any)).toThrow(/Invalid repository name 42/);
  });
});
