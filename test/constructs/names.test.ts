import { deterministicRoleName, providerConstructId, readableConstructId } from '../../src/constructs/private/names';
import { GitHubIssuer } from '../../src/model/issuer';

// These names are deployed: a provider's logical ID or a role's name that changes replaces the resource (and a
// replaced OIDC provider breaks every role of the account). They are pinned here on purpose.
describe('names users deploy are stable across versions', () => {
  test.each([
    ['github.com', GitHubIssuer.GITHUB_COM, 'GitHubOidcProvider'],
    ['Enterprise Cloud', GitHubIssuer.enterprise('acme'), 'GitHubOidcProviderAcme42C10710'],
    ['GHE.com', GitHubIssuer.gheCom('octo'), 'GitHubOidcProviderOcto06C6793F'],
    ['GHE.com enterprise issuer', GitHubIssuer.gheCom('octo', 'acme'), 'GitHubOidcProviderOctoAcme2DCDBBD6'],
    ['GHES', GitHubIssuer.enterpriseServer('github.example.com'), 'GitHubOidcProviderGithubExample41C7B985'],
  ])('provider logical ID for %s', (_name, issuer, id) => {
    expect(providerConstructId(issuer)).toBe(id);
  });

  test.each([
    ['plain', '', ['acme', 'web', 'production'], 'acme-web-production'],
    ['prefixed', 'gh-', ['acme', 'web', 'production'], 'gh-acme-web-production'],
    ['a space IAM refuses', 'gh-', ['acme', 'web', 'prod 1'], 'gh-acme-web-prod-1-FECFA3BC'],
    ['over 64 characters', '', ['a'.repeat(39), 'b'.repeat(40), 'production'], `${'a'.repeat(39)}-${'b'.repeat(15)}-40AC5DA8`],
  ])('role name, %s', (_name, prefix, parts, name) => {
    expect(deterministicRoleName(prefix, parts)).toBe(name);
    expect(name.length).toBeLessThanOrEqual(64);
  });

  test('exactly 64 characters is kept as is; 65 is shortened', () => {
    const at = ['o'.repeat(20), 'r'.repeat(20), 'e'.repeat(22)];
    expect(deterministicRoleName('', at)).toBe(at.join('-'));
    const over = ['o'.repeat(20), 'r'.repeat(20), 'e'.repeat(23)];
    expect(deterministicRoleName('', over)).toMatch(/^o{20}-r{20}-e{13}-[0-9A-F]{8}$/);
  });

  test('construct IDs: readable, and a hash when characters were replaced so that inputs never collide', () => {
    expect(readableConstructId(['acme', 'web', 'production'])).toBe('acme-web-production');
    expect(readableConstructId(['acme', 'web', 'prod:eu'])).toBe('acme-web-prod-eu-0D0EA2B2');
    expect(readableConstructId(['acme', 'web', 'prod/eu'])).not.toBe(readableConstructId(['acme', 'web', 'prod:eu']));
  });
});
