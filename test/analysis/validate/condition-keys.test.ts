import { claimSupported, editDistance, nearestClaim } from '../../../src/analysis/validate/condition-keys';
import { GitHubIssuer } from '../../../src/model/issuer';

describe('condition keys', () => {
  test.each([
    ['sub', 'sub', 0], ['sbu', 'sub', 1], ['aud', 'adu', 1], ['repository_id', 'repositoryid', 1], ['', 'abc', 3], ['a'.repeat(10), 'b', Infinity],
  ])('editDistance(%s, %s) = %s', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  test.each([['sbu', 'sub'], ['audience', undefined], ['repo_id', undefined], ['enviroment', 'environment'], ['ref', 'ref']])('nearestClaim(%s) = %s', (claim, nearest) => {
    expect(nearestClaim(claim)).toBe(nearest);
  });

  test('github.com supports the 2026 claims; for other issuers their support is not known', () => {
    expect(claimSupported(GitHubIssuer.GITHUB_COM, 'repository_id')).toBe(true);
    expect(claimSupported(GitHubIssuer.enterpriseServer('ghe.example.com'), 'repository_id')).toBeUndefined();
    expect(claimSupported(GitHubIssuer.enterpriseServer('ghe.example.com'), 'sub')).toBe(true);
    expect(claimSupported(GitHubIssuer.GITHUB_COM, 'event_name')).toBe(false);
  });
});
