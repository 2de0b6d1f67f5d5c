import { GitHubIssuer, GitHubIssuerKind } from '../../src/model/issuer';

describe('GitHubIssuer (FACTS.md section 3)', () => {
  test.each([
    ['github.com', GitHubIssuer.githubCom(), GitHubIssuerKind.GITHUB_COM,
      'https://token.actions.githubusercontent.com', 'token.actions.githubusercontent.com'],
    ['GitHub Enterprise Cloud unique issuer', GitHubIssuer.enterprise('octo-corp'), GitHubIssuerKind.ENTERPRISE_CLOUD,
      'https://token.actions.githubusercontent.com/octo-corp', 'token.actions.githubusercontent.com/octo-corp'],
    ['GHE.com data residency', GitHubIssuer.gheCom('octocorp'), GitHubIssuerKind.GHE_COM,
      'https://token.actions.octocorp.ghe.com', 'token.actions.octocorp.ghe.com'],
    ['GHE.com enterprise issuer', GitHubIssuer.gheCom('octocorp', 'octo-ent'), GitHubIssuerKind.GHE_COM,
      'https://token.actions.octocorp.ghe.com/octo-ent', 'token.actions.octocorp.ghe.com/octo-ent'],
    ['GitHub Enterprise Server', GitHubIssuer.enterpriseServer('github.example.com'), GitHubIssuerKind.ENTERPRISE_SERVER,
      'https://github.example.com/_services/token', 'github.example.com/_services/token'],
  ])('%s: url, kind and condition-key prefix', (_name, issuer, kind, url, prefix) => {
    // THEN
    expect(issuer.kind).toBe(kind);
    expect(issuer.url).toBe(url);
    expect(issuer.conditionKeyPrefix).toBe(prefix);
    expect(issuer.conditionKey('sub')).toBe(`${prefix}:sub`);
    expect(issuer.providerArn('aws-cn', '123456789012')).toBe(`arn:aws-cn:iam::123456789012:oidc-provider/${prefix}`);
    // and the URL reads back as the same issuer
    expect(GitHubIssuer.fromUrl(url).sameAs(issuer)).toBe(true);
    expect(GitHubIssuer.fromUrl(`${prefix}/`).sameAs(issuer)).toBe(true);
  });

  test('only GitHub Enterprise Server lacks immutable subjects', () => {
    expect(GitHubIssuer.GITHUB_COM.supportsImmutableSubjects).toBe(true);
    expect(GitHubIssuer.gheCom('octocorp').supportsImmutableSubjects).toBe(true);
    expect(GitHubIssuer.enterpriseServer('ghes.example.com').supportsImmutableSubjects).toBe(false);
  });

  test.each([
    ['https://token.actions.githubusercontent.com.evil.com'],
    ['https://accounts.google.com'],
    ['https://token.actions.githubusercontent.com/Octo Corp'],
    ['https://example.com/_services/tokens'],
    [''],
  ])('tryFromUrl(%j) is not a GitHub issuer', (url) => {
    expect(GitHubIssuer.tryFromUrl(url)).toBeUndefined();
    expect(() => GitHubIssuer.fromUrl(url)).toThrow(/Invalid issuer url .*: expected a GitHub Actions token issuer/);
  });

  test.each([
    ['enterprise', () => GitHubIssuer.enterprise('Octo Corp'), /Invalid enterpriseSlug "Octo Corp": expected lowercase letters/],
    ['enterprise', () => GitHubIssuer.enterprise('-corp'), /Invalid enterpriseSlug "-corp"/],
    ['gheCom', () => GitHubIssuer.gheCom('octo.corp'), /Invalid subdomain "octo.corp"/],
    ['gheCom', () => GitHubIssuer.gheCom('octocorp', 'a/b'), /Invalid enterpriseSlug "a\/b"/],
    ['enterpriseServer', () => GitHubIssuer.enterpriseServer('https://github.example.com'), /Invalid hostname "https:\/\/github.example.com": expected a DNS hostname without scheme/],
    ['enterpriseServer', () => GitHubIssuer.enterpriseServer('github.example.com/_services/token'), /Invalid hostname/],
    ['enterpriseServer', () => GitHubIssuer.enterpriseServer(undefined as any), /Invalid hostname undefined/],
  ])('%s rejects bad input with a message naming the field', (_name, make, message) => {
    expect(make).toThrow(message);
  });
});
