/**
 * Recognizes a federated principal that is a GitHub Actions OIDC provider, however the ARN is written: a plain
 * string in any partition, a CloudFormation `Fn::Join` or `Fn::Sub` with the partition and account pseudo
 * parameters (what CDK synthesizes), or a `Ref`/`Fn::GetAtt` to an OIDC provider defined in the same template.
 */
import { getAttTarget } from './intrinsic-shape';
import { GitHubIssuer } from '../../model/issuer';
import { hasWildcard, wildcardMatches } from '../evaluate/wildcard';

/**
 * Whether a `Principal` covers every caller, web identities of every provider in the account included: `"*"`,
 * `{ "AWS": "*" }` or `{ "Federated": "*" }` (a list holding `"*"` too). The one place this is decided; the validator
 * and the evaluator both read it through `ParsedStatement.everyone`.
 *
 * Fact (FACTS.md, "A principal of *"): the IAM User Guide, Principal element, "All principals": `"Principal": "*"`
 * and `"Principal": { "AWS": "*" }` are equivalent and mean everyone, anonymous callers included, and an
 * `AssumeRoleWithWebIdentity` caller is unsigned (anonymous) until STS accepts its token. AWS documents no meaning for
 * `{ "Federated": "*" }`; it is read the safe way, as every federated provider.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous
 */
export function coversEveryone(principal: unknown): boolean {
  if (isStar(principal)) return true;
  if (principal === null || typeof principal !== 'object' || Array.isArray(principal)) return false;
  const { AWS: aws, Federated: federated } = principal as { AWS?: unknown; Federated?: unknown };
  return holdsStar(aws) || holdsStar(federated);
}

function holdsStar(value: unknown): boolean {
  return isStar(value) || (Array.isArray(value) && value.some(isStar));
}

/**
 * Whether a principal value is `*`, white space around it included: whether IAM refuses `" *"` or trims it is
 * UNVERIFIED (FACTS.md, "Element names in another case"); read as everyone, the reading that admits the most.
 */
export function isStar(value: unknown): boolean {
  return value === '*' || (typeof value === 'string' && value.trim() === '*');
}

/** Issuer URLs of `AWS::IAM::OIDCProvider` resources, by logical ID. */
export interface ProviderUrls {
  readonly [logicalId: string]: string;
}

// arn:<partition>:iam::<account>:oidc-provider/<issuer host and path>
const PROVIDER_ARN = /^arn:[^:]*:iam::[^:]*:oidc-provider\/(.+)$/;

/** The issuer host and path a provider ARN names (`token.actions.githubusercontent.com`), or undefined for other text. */
export function providerArnIssuer(arn: string): string | undefined {
  return PROVIDER_ARN.exec(arn)?.[1];
}

/** The GitHub issuer a federated principal names, or undefined when it is not (recognizably) a GitHub provider. */
export function federatedIssuer(principal: unknown, providerUrls: ProviderUrls = {}): GitHubIssuer | undefined {
  const reference = referencedLogicalId(principal);
  if (reference !== undefined) {
    const url = providerUrls[reference];
    if (url === undefined) return undefined;
    // The map comes from the caller: a value may be anything, which tryFromUrl refuses; only text is cached.
    return typeof url === 'string' ? cached(issuerOfUrl, url, () => issuerOfHost(url)) : GitHubIssuer.tryFromUrl(url);
  }
  const text = flattenIntrinsic(principal);
  if (text === undefined) return undefined;
  return cached(issuerOfArn, text, () => {
    const host = providerArnIssuer(text);
    return host !== undefined ? issuerOfHost(host) : undefined;
  });
}

/**
 * The GitHub issuer a federated principal names otherwise than by the ARN of an IAM OIDC provider, as STS matches it:
 * by its host or URL (`"token.actions.githubusercontent.com"`, as one writes `"cognito-identity.amazonaws.com"`), or
 * by a provider ARN written loosely: with white space around it, `arn`, `iam` or `oidc-provider` in another case, a
 * Region in it, or a wildcard where GitHub's host belongs (`oidc-provider/*`, or `oidc-provider/<github.com's host>/*`
 * when `named`, the GitHub issuers the statement's condition keys name, holds an enterprise issuer it covers); undefined
 * for anything else. STS matches a token to the provider's ARN (shared FACTS.md, "The role"), so no GitHub token
 * matches such a statement; the rules still judge what it would admit (FACTS.md, "A provider named by its host", "A
 * provider ARN written loosely"): should IAM read the ARN leniently after all, a `repo:*` beside it lets anyone in.
 */
export function issuerOfMiswrittenPrincipal(principal: unknown, named: readonly GitHubIssuer[] = []): GitHubIssuer | undefined {
  const found = miswrittenIssuer(principal);
  if (found || named.length === 0 || typeof principal !== 'string') return found;
  // A pattern covering enterprise issuers only: which enterprise is the one the statement's condition keys name.
  const pattern = principal.trim();
  if (!hasWildcard(pattern) || isStar(pattern)) return undefined;
  return named.find((issuer) => patternCovers(pattern, issuer));
}

function miswrittenIssuer(principal: unknown): GitHubIssuer | undefined {
  if (typeof principal !== 'string') return undefined;
  const trimmed = principal.trim();
  if (!/^arn:/i.test(trimmed)) {
    // `"*"` is everyone's (coversEveryone); `"*:oidc-provider/token.actions.githubusercontent.com"` a loose pattern.
    if (hasWildcard(trimmed) && !isStar(trimmed)) return cached(issuerOfLooseArn, trimmed, () => looseArnIssuer(trimmed));
    return cached(issuerOfUrl, principal, () => issuerOfHost(principal));
  }
  if (trimmed !== principal) return federatedIssuer(trimmed) ?? cached(issuerOfLooseArn, trimmed, () => looseArnIssuer(trimmed));
  // The ARN as STS matches it, GitHub's provider's or another's, is not miswritten.
  if (federatedIssuer(principal) !== undefined || (PROVIDER_ARN.test(principal) && !hasWildcard(principal))) return undefined;
  return cached(issuerOfLooseArn, principal, () => looseArnIssuer(principal));
}

/** How a principal `issuerOfMiswrittenPrincipal` reads names its issuer, as a message says it. */
export function miswrittenPrincipalKind(principal: string): string {
  const trimmed = principal.trim();
  const wildcard = hasWildcard(trimmed);
  if (!/^arn:/i.test(trimmed) && !wildcard) return 'GitHub\'s issuer';
  if (trimmed !== principal) return `the provider's ${wildcard ? 'pattern' : 'ARN'} with white space around it`;
  if (wildcard) return 'a wildcard pattern, which IAM does not match as a pattern in a principal';
  if (/^arn:[^:]*:iam:[^:]+:/i.test(principal)) return 'the provider\'s ARN with a Region, which IAM ARNs do not have';
  return 'the provider\'s ARN in another case than AWS writes it';
}

// arn:<partition>:iam:<region>:<account>:oidc-provider/<host>, in any case: a provider ARN as it would read were IAM
// lenient where it documents nothing. Each field stops at a `:`, so the match is linear.
const LOOSE_PROVIDER_ARN = /^arn:[^:]*:iam:[^:]*:[^:]*:oidc-provider\/(.+)$/i;

/**
 * The GitHub issuer a provider ARN written loosely names: its host read without regard to case, or, for a wildcard
 * pattern, github.com's when the pattern covers github.com's provider ARN (a pattern covering only enterprise issuers'
 * hosts is read as the enterprise the statement's keys name: `issuerOfMiswrittenPrincipal`). UNVERIFIED (FACTS.md,
 * "A provider ARN written loosely"): whether IAM refuses such a principal or reads it leniently (in any case, without
 * its Region, as a pattern); read as the provider it would then name, the reading that admits the most.
 */
function looseArnIssuer(arn: string): GitHubIssuer | undefined {
  const host = LOOSE_PROVIDER_ARN.exec(arn)?.[1];
  if (host !== undefined && !hasWildcard(host)) return issuerOfHost(host);
  if (!hasWildcard(arn)) return undefined;
  return patternCovers(arn, GitHubIssuer.GITHUB_COM) ? GitHubIssuer.GITHUB_COM : undefined;
}

/**
 * Whether a wildcard pattern written where a provider ARN belongs covers an issuer's provider: its host part (of an
 * ARN however loosely written) matched against the issuer's host and path; a wildcard across fields
 * (`arn:aws:iam::123456789012:*`, `*:oidc-provider/...`) against the issuer's provider ARN in the partition and account
 * the pattern writes out, where it does, and against its host. Without regard to case; linear (wildcard.ts).
 */
function patternCovers(arn: string, issuer: GitHubIssuer): boolean {
  const prefix = issuer.conditionKeyPrefix.toLowerCase();
  const host = LOOSE_PROVIDER_ARN.exec(arn)?.[1];
  if (host !== undefined) return wildcardMatches(host.toLowerCase(), prefix);
  const partition = /^arn:([^:*?]+):/i.exec(arn)?.[1]?.toLowerCase() ?? 'aws';
  const account = /:(\d{12}):/.exec(arn)?.[1] ?? '123456789012';
  const pattern = arn.toLowerCase();
  return wildcardMatches(pattern, issuer.providerArn(partition, account).toLowerCase()) || wildcardMatches(pattern, prefix);
}

// `<issuer>:<claim>`: the issuer part of a condition key.
const KEY_ISSUER = /^(.+):[^:/]+$/;

/** The issuer part of a condition key as written (`token.actions.githubusercontent.com/acme` of `...acme:sub`), or undefined. */
export function conditionKeyIssuer(key: string): string | undefined {
  return KEY_ISSUER.exec(key)?.[1];
}

/** The GitHub issuer a condition key names, read without regard to case as IAM reads keys; undefined for another's. */
export function issuerOfConditionKey(key: string): GitHubIssuer | undefined {
  const prefix = conditionKeyIssuer(key)?.toLowerCase();
  return prefix === undefined ? undefined : cached(issuerOfUrl, prefix, () => issuerOfHost(prefix));
}

/**
 * The GitHub issuers a statement's condition keys name (`token.actions.githubusercontent.com/acme:sub` names acme's
 * enterprise issuer), each once, in the order written, white space around a key trimmed.
 */
export function issuersNamedByKeys(keys: Iterable<string>): GitHubIssuer[] {
  const issuers: GitHubIssuer[] = [];
  for (const key of keys) {
    const issuer = issuerOfConditionKey(key.trim());
    if (issuer && !issuers.some((other) => other.sameAs(issuer))) issuers.push(issuer);
  }
  return issuers;
}

/**
 * Whether a federated principal names a provider that cannot be known before deploy: a reference to something that
 * is not a provider of the template (a parameter, a custom resource), an import, or a provider ARN whose host is not
 * written out. Whose tokens it trusts is then unknown, GitHub's maybe. A literal principal (a provider ARN, or a
 * name such as `accounts.google.com`) and a template's own provider are known, whoever they are.
 */
export function providerUnknown(principal: unknown, providerUrls: ProviderUrls = {}): boolean {
  if (typeof principal === 'string') return false;
  const reference = referencedLogicalId(principal);
  if (reference !== undefined) return providerUrls[reference] === undefined;
  const text = flattenIntrinsic(principal);
  if (text === undefined) return true;
  const host = providerArnIssuer(text) ?? text;
  return host.includes('${');
}

/**
 * The GitHub issuer of a provider URL or ARN resource name, its host read without regard to case (hosts are
 * case-insensitive; whether IAM matches a provider named `TOKEN.ACTIONS.GITHUBUSERCONTENT.COM` to GitHub's tokens is
 * UNVERIFIED): a principal in another case is judged as GitHub's rather than passed over as another issuer's.
 */
function issuerOfHost(url: string): GitHubIssuer | undefined {
  const exact = GitHubIssuer.tryFromUrl(url);
  if (exact) return exact;
  const lowered = url.replace(/^(\s*(?:https:\/\/)?)([^/]*)/i, (_whole, scheme: string, host: string) => scheme.toLowerCase() + host.toLowerCase());
  return lowered === url ? undefined : GitHubIssuer.tryFromUrl(lowered);
}

// An account's policies name a handful of providers (one ARN per issuer, partition and account), and every statement
// of every policy reads its principal (the validator twice): read each ARN or URL once. Issuers are immutable values.
// Bounded, for long audit runs over many accounts.
const CACHE_LIMIT = 1_000;
const issuerOfArn = new Map<string, GitHubIssuer | null>();
const issuerOfUrl = new Map<string, GitHubIssuer | null>();
const issuerOfLooseArn = new Map<string, GitHubIssuer | null>();

function cached(cache: Map<string, GitHubIssuer | null>, key: string, read: () => GitHubIssuer | undefined): GitHubIssuer | undefined {
  let issuer = cache.get(key);
  if (issuer === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    issuer = read() ?? null;
    cache.set(key, issuer);
  }
  return issuer ?? undefined;
}

// arn:<partition>:iam::<12 digits>:oidc-provider/...: the account, when written literally.
const PROVIDER_ACCOUNT = /^arn:[^:]*:iam::(\d{12}):oidc-provider\//;

/** The account a federated principal's provider ARN names literally, or undefined (a pseudo parameter, a reference). */
export function providerAccount(principal: unknown): string | undefined {
  const text = flattenIntrinsic(principal);
  return text === undefined ? undefined : PROVIDER_ACCOUNT.exec(text)?.[1];
}

/** The logical ID a `{ Ref }` or `{ Fn::GetAtt: [id, 'Arn'] }` points at (not pseudo parameters). */
export function referencedLogicalId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as any;
  if (typeof v.Ref === 'string' && !v.Ref.startsWith('AWS::')) return v.Ref;
  return getAttTarget(v['Fn::GetAtt'], 'Arn');
}

/**
 * A CloudFormation value as text, with pseudo parameters and unknown parts written `${...}` placeholders (or as
 * `unknown` gives them); undefined when it cannot be read at all. Only the shapes ARNs and condition values take:
 * strings, `Ref`, `Fn::Join`, `Fn::Sub`.
 */
export function flattenIntrinsic(value: unknown, depth = 0, unknown: (name: string) => string = placeholder): string | undefined {
  if (typeof value === 'string') return value;
  if (depth > 8 || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as any;
  const keys = Object.keys(v);
  if (keys.length !== 1) return undefined;
  if (typeof v.Ref === 'string') return unknown(v.Ref);
  const join = v['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map((part: unknown) => flattenIntrinsic(part, depth + 1, unknown) ?? unknown('?'));
    return parts.join(join[0]);
  }
  const sub = v['Fn::Sub'];
  const [template, variables] = Array.isArray(sub) ? [sub[0], sub[1] ?? {}] : [sub, {}];
  if (typeof template === 'string' && variables !== null && typeof variables === 'object') {
    return template.replace(/\$\{([^}!]+)\}/g, (_whole: string, name: string) =>
      (name in variables ? flattenIntrinsic(variables[name], depth + 1, unknown) : undefined) ?? unknown(name));
  }
  return undefined;
}

// `${AWS.Partition}`: a placeholder with no `:`, so that it stays inside one ARN field.
function placeholder(name: string): string {
  return `\${${name.replace(/:+/g, '.')}}`;
}
