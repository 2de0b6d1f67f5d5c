import { fail } from './errors';

/**
 * Where GitHub Actions runs, which decides the token's issuer URL.
 */
export enum GitHubIssuerKind {
  /** github.com, issuer `https://token.actions.githubusercontent.com`. */
  GITHUB_COM = 'GITHUB_COM',
  /** GitHub Enterprise Cloud with a unique issuer, `https://token.actions.githubusercontent.com/<slug>`. */
  ENTERPRISE_CLOUD = 'ENTERPRISE_CLOUD',
  /** GHE.com data residency, `https://token.actions.<subdomain>.ghe.com` (optionally `/<slug>`). */
  GHE_COM = 'GHE_COM',
  /** GitHub Enterprise Server, `https://<hostname>/_services/token`. */
  ENTERPRISE_SERVER = 'ENTERPRISE_SERVER',
}

const GITHUB_COM_HOST = 'token.actions.githubusercontent.com';
const GHES_PATH = '/_services/token';
// GitHub enterprise slugs and GHE.com subdomains: lowercase letters, digits and single inner hyphens.
const SLUG = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,99}$/;
// A DNS hostname (no scheme, port or path), at least two labels.
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The issuer of GitHub Actions OIDC tokens: the URL of the IAM OIDC provider and the prefix of its condition keys.
 *
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
 */
export class GitHubIssuer {
  /** github.com: `https://token.actions.githubusercontent.com`. */
  public static readonly GITHUB_COM = new GitHubIssuer(GitHubIssuerKind.GITHUB_COM, GITHUB_COM_HOST);

  /** github.com (the default issuer). */
  public static githubCom(): GitHubIssuer {
    return GitHubIssuer.GITHUB_COM;
  }

  /**
   * GitHub Enterprise Cloud with a unique token issuer: `https://token.actions.githubusercontent.com/<slug>`.
   *
   * @param enterpriseSlug the enterprise's slug, as in `github.com/enterprises/<slug>`
   * @see https://docs.github.com/en/enterprise-cloud@latest/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#switching-to-a-unique-token-url
   */
  public static enterprise(enterpriseSlug: string): GitHubIssuer {
    checkSlug('enterpriseSlug', enterpriseSlug);
    return new GitHubIssuer(GitHubIssuerKind.ENTERPRISE_CLOUD, `${GITHUB_COM_HOST}/${enterpriseSlug}`);
  }

  /**
   * GHE.com (GitHub Enterprise Cloud with data residency): `https://token.actions.<subdomain>.ghe.com`, or with an
   * enterprise slug, the enterprise's unique issuer below it.
   *
   * @param subdomain the enterprise's subdomain, as in `<subdomain>.ghe.com`
   * @param enterpriseSlug the enterprise slug of a unique issuer
   */
  public static gheCom(subdomain: string, enterpriseSlug?: string): GitHubIssuer {
    checkSlug('subdomain', subdomain);
    if (enterpriseSlug !== undefined) checkSlug('enterpriseSlug', enterpriseSlug);
    const host = `token.actions.${subdomain}.ghe.com`;
    return new GitHubIssuer(GitHubIssuerKind.GHE_COM, enterpriseSlug === undefined ? host : `${host}/${enterpriseSlug}`);
  }

  /**
   * GitHub Enterprise Server: `https://<hostname>/_services/token`.
   *
   * @param hostname the server's hostname, without scheme or path, e.g. `github.example.com`
   */
  public static enterpriseServer(hostname: string): GitHubIssuer {
    if (typeof hostname !== 'string' || !HOSTNAME.test(hostname)) {
      fail('hostname', hostname, 'a DNS hostname without scheme, port or path, e.g. "github.example.com"');
    }
    return new GitHubIssuer(GitHubIssuerKind.ENTERPRISE_SERVER, `${hostname}${GHES_PATH}`);
  }

  /**
   * The issuer of a token whose `iss` claim, or an OIDC provider whose URL, is `url`.
   *
   * Accepts the URL with or without `https://`, and a trailing slash.
   */
  public static fromUrl(url: string): GitHubIssuer {
    const issuer = GitHubIssuer.tryFromUrl(url);
    if (!issuer) {
      fail('issuer url', url, 'a GitHub Actions token issuer: https://token.actions.githubusercontent.com[/<slug>], ' +
        'https://token.actions.<subdomain>.ghe.com[/<slug>] or https://<hostname>/_services/token');
    }
    return issuer;
  }

  /**
   * Like `fromUrl`, but returns `undefined` for a URL that is not a GitHub Actions issuer.
   */
  public static tryFromUrl(url: string): GitHubIssuer | undefined {
    if (typeof url !== 'string') return undefined;
    const host = url.trim().replace(/^https:\/\//i, '').replace(/\/+$/, '');
    if (host === GITHUB_COM_HOST) return GitHubIssuer.GITHUB_COM;
    const slugOf = (prefix: string) => host.slice(prefix.length + 1);
    if (host.startsWith(`${GITHUB_COM_HOST}/`) && SLUG.test(slugOf(GITHUB_COM_HOST))) {
      return new GitHubIssuer(GitHubIssuerKind.ENTERPRISE_CLOUD, host);
    }
    const ghe = /^token\.actions\.([a-z0-9-]+)\.ghe\.com(?:\/([a-z0-9-]+))?$/.exec(host);
    if (ghe && SLUG.test(ghe[1]) && (ghe[2] === undefined || SLUG.test(ghe[2]))) {
      return new GitHubIssuer(GitHubIssuerKind.GHE_COM, host);
    }
    if (host.endsWith(GHES_PATH) && HOSTNAME.test(host.slice(0, -GHES_PATH.length))) {
      return new GitHubIssuer(GitHubIssuerKind.ENTERPRISE_SERVER, host);
    }
    return undefined;
  }

  /**
   * The issuer host and path, without scheme: the OIDC provider's name in its ARN and the prefix of its
   * condition keys, e.g. `token.actions.githubusercontent.com`.
   */
  public readonly conditionKeyPrefix: string;

  private constructor(
    /** Which kind of GitHub this issuer belongs to. */
    public readonly kind: GitHubIssuerKind,
    hostAndPath: string,
  ) {
    this.conditionKeyPrefix = hostAndPath;
  }

  /** The issuer URL, as in the token's `iss` claim and the OIDC provider's URL. */
  public get url(): string {
    return `https://${this.conditionKeyPrefix}`;
  }

  /**
   * Whether this issuer can mint immutable `owner@id/repo@id` subjects (github.com and GHE.com, not GHES).
   */
  public get supportsImmutableSubjects(): boolean {
    return this.kind !== GitHubIssuerKind.ENTERPRISE_SERVER;
  }

  /**
   * The trust-policy condition key of a token claim, e.g. `token.actions.githubusercontent.com:sub`.
   */
  public conditionKey(claim: string): string {
    return `${this.conditionKeyPrefix}:${claim}`;
  }

  /**
   * The OIDC provider's ARN in a given partition and account (both may be CDK tokens).
   */
  public providerArn(partition: string, account: string): string {
    return `arn:${partition}:iam::${account}:oidc-provider/${this.conditionKeyPrefix}`;
  }

  /** Whether two issuers are the same URL. */
  public sameAs(other: GitHubIssuer): boolean {
    return other.conditionKeyPrefix === this.conditionKeyPrefix;
  }

  public toString(): string {
    return this.url;
  }
}

function checkSlug(field: string, value: string): void {
  if (typeof value !== 'string' || !SLUG.test(value)) {
    fail(field, value, 'lowercase letters, digits and single inner hyphens, at most 100 characters');
  }
}
