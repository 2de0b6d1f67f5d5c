/**
 * Policies in the shape of the plain policy (src/analysis/validate/plain-policy.ts) and at every edge of it, with every
 * option, for the properties that compare the shortcut with the rules (plain-policy.test.ts) and the audit's reading of
 * it with the general one (test/cli/audit-plain.test.ts). Each part is drawn from plain values and from the edges of
 * the shape (names GitHub refuses, wildcards, white space, `%3A`, other partitions, issuers, operators, keys, extra
 * elements).
 */
import fc from 'fast-check';

export const G = 'token.actions.githubusercontent.com';

/** Mostly the first (plain) values, one time in `1 + weight` one of the edges. */
export function mostly<T>(plain: readonly T[], edges: readonly T[], weight = 10): fc.Arbitrary<T> {
  return fc.oneof({ weight, arbitrary: fc.constantFrom(...plain) }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

const owner = mostly(['acme', 'Acme-Corp', 'a', 'a1-b2', 'x'.repeat(39)], ['x'.repeat(40), '-acme', 'acme-', 'ac--me', 'ac_me',
  'ac.me', 'acmé', '*', 'acme*', 'ac?e', '', ' acme', 'ACME']);
const repositoryName = mostly(['web', 'web.site', 'web-app', '_web', 'WEB', 'w'.repeat(100)], ['.github', 'web.', '.', '..', 'we b', 'web*',
  'we?', 'web%3Aevil', 'web:ref', 'web.git', 'w'.repeat(101), '', '-web', 'web-']);
const id = mostly(['1', '123456', '9'.repeat(16)], ['0', '01', '9'.repeat(17), '*', '1*', '-1', '']);
const segment = mostly(['main', 'prod', 'release', 'v1.2.3', 'feature_x', 'a-b', '_x', 'HEAD', 'Prod-1'], ['.hidden', 'x.lock', 'a..b', 'x.',
  '*', 'x*', 'x?', 'pro d', 'x%3Ay', 'x:y', '$x', '${x}', 'é', '', '@', 'a@b', '-x', 'x-', 'x/', 'e'.repeat(255), 'e'.repeat(256),
  'x.lock.y', 'a/.b', '@{x}', 'x~1', 'x^', 'x[1]', 'x\\y']);
const context = fc.oneof(
  { weight: 4, arbitrary: segment.map((name) => `environment:${name}`) },
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom('heads', 'tags'), fc.array(segment, { minLength: 1, maxLength: 3 }))
      .map(([kind, parts]) => `ref:refs/${kind}/${parts.join('/')}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('pull_request', 'ref:refs/pull/1/merge', 'ref:refs/heads/', 'ref:refs/heads', 'environment:',
      'job_workflow_ref:acme/web/.github/workflows/d.yml@refs/heads/main', 'ref:refs/heads/*', 'environment:*', '*', 'ref:refs/remotes/x'),
  },
);
/** A subject of one repository (the first drawn), in the forms GitHub mints and at their edges. */
const subjectOf = (names: { owner: string; name: string; ownerId: string; repositoryId: string }) => fc.tuple(
  mostly(['name-only', 'immutable'], ['owner id only', 'other repository', 'other ids']), context,
).map(([form, ctx]) => {
  switch (form) {
    case 'name-only': return `repo:${names.owner}/${names.name}:${ctx}`;
    case 'immutable': return `repo:${names.owner}@${names.ownerId}/${names.name}@${names.repositoryId}:${ctx}`;
    case 'owner id only': return `repo:${names.owner}@${names.ownerId}/${names.name}:${ctx}`;
    case 'other repository': return `repo:${names.owner}/other:${ctx}`;
    default: return `repo:${names.owner}@${names.ownerId}/${names.name}@7${names.repositoryId}:${ctx}`;
  }
});
type Names = { owner: string; name: string; ownerId: string; repositoryId: string };
const subjectsOf = (names: Names) => fc.oneof(
  { weight: 3, arbitrary: subjectOf(names) },
  { weight: 3, arbitrary: fc.array(subjectOf(names), { minLength: 1, maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>([], Array.from({ length: 21 }, (_, i) => `repo:acme/web:environment:e${i}`), 42, null,
      [`repo:${names.owner}/${names.name}:environment:prod`, `repo:${names.owner}/${names.name}:environment:prod`], { Ref: 'Subject' }),
  },
);
/** The `repository_id` and `repository_owner_id` pins GitHubDeployRole writes beside the subjects, and their edges. */
const pinsOf = (names: Names) => mostly<{ [claim: string]: unknown }>([
  {}, { repository_id: names.repositoryId, repository_owner_id: names.ownerId },
], [
  { repository_id: `7${names.repositoryId}`, repository_owner_id: names.ownerId },
  { repository_id: names.repositoryId, repository_owner_id: `7${names.ownerId}` },
  { repository_id: names.repositoryId }, { repository_owner_id: names.ownerId }, { repository_id: 'x', repository_owner_id: names.ownerId },
  { repository_id: [names.repositoryId], repository_owner_id: names.ownerId }, { repository_id: `0${names.repositoryId}`, repository_owner_id: names.ownerId },
  { repository_id: 7, repository_owner_id: 8 }, { repository_id: '*', repository_owner_id: names.ownerId }, { repository_id: '', repository_owner_id: '' },
], 3);
const audience = mostly<unknown>(['sts.amazonaws.com'], ['sts.amazonaws.com.cn', 'https://github.com/acme',
  'api://AzureADTokenExchange', 'STS.amazonaws.com', ' sts.amazonaws.com', 'sts.amazonaws.com ', '', '*', 'sts.*', ['sts.amazonaws.com'], 7]);
const federated = mostly<unknown>([`arn:aws:iam::123456789012:oidc-provider/${G}`, `arn:aws-cn:iam::123456789012:oidc-provider/${G}`,
  `arn:aws-us-gov:iam::210987654321:oidc-provider/${G}`], [`arn:aws-iso:iam::123456789012:oidc-provider/${G}`, `arn:aws:iam::12345678901:oidc-provider/${G}`,
  `arn:aws:iam::123456789012:oidc-provider/${G}/acme`, `arn:aws:iam::123456789012:oidc-provider/${G.toUpperCase()}`,
  `ARN:aws:iam::123456789012:oidc-provider/${G}`, ` arn:aws:iam::123456789012:oidc-provider/${G}`,
  `arn:aws:iam::123456789012:oidc-provider/${G}/`, 'arn:aws:iam::123456789012:oidc-provider/*', `arn:aws:iam:us-east-1:123456789012:oidc-provider/${G}`,
  'arn:aws:iam::123456789012:oidc-provider/token.actions.octocorp.ghe.com', 'arn:aws:iam::123456789012:oidc-provider/accounts.google.com',
  { Ref: 'GitHubProvider' }, [`arn:aws:iam::123456789012:oidc-provider/${G}`], '*']);
const conditionKey = (claim: string) => mostly([`${G}:${claim}`], [`${G}:${claim.toUpperCase()}`, `${G.toUpperCase()}:${claim}`,
  ` ${G}:${claim}`, `${G}/acme:${claim}`, `${G}:${claim} `], 8);
const operator = mostly(['StringEquals'], ['StringLike', 'stringequals', 'StringEqualsIgnoreCase', 'ForAnyValue:StringEquals',
  'StringEqualsIfExists', 'StringEquals ', 'ForAllValues:StringEquals', 'StringNotEquals'], 8);

/** A document in the plain shape, each part either plain or at an edge, sometimes with an element more or less. */
const names = fc.record({ owner, name: repositoryName, ownerId: id, repositoryId: id });
export const document = names.chain((repository) => fc.record({
  version: mostly<unknown>(['2012-10-17'], ['2008-10-17', undefined, '2012-10-17 '], 8),
  effect: mostly<unknown>(['Allow'], ['Deny', 'allow', 'Allow '], 8),
  action: mostly<unknown>(['sts:AssumeRoleWithWebIdentity'], [['sts:AssumeRoleWithWebIdentity'], 'sts:*', 'STS:AssumeRoleWithWebIdentity',
    'sts:AssumeRoleWithWebIdentity ', ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'], 'sts:AssumeRole', '*'], 8),
  federated,
  operator,
  audKey: conditionKey('aud'),
  subKey: conditionKey('sub'),
  audience,
  subjects: subjectsOf(repository),
  pins: pinsOf(repository),
  pinKey: mostly([(claim: string) => `${G}:${claim}`], [(claim: string) => `${G}:${claim.toUpperCase()}`, (claim: string) => ` ${G}:${claim}`]),
  extra: mostly(['none'], ['sid', 'resource', 'statement list of two', 'statement not a list', 'no aud', 'no sub', 'another condition',
    'another block', 'principal with AWS', 'condition list', 'document key', 'pins in StringLike'], 6),
  // github.com's issuer, or an enterprise's (on github.com, on GHE.com, a GitHub Enterprise Server) written everywhere,
  // in the principal only or in the keys only
  issuer: mostly([{ host: G, where: 'everywhere' }], [
    { host: `${G}/acme`, where: 'everywhere' }, { host: 'token.actions.octocorp.ghe.com', where: 'everywhere' },
    { host: 'token.actions.octocorp.ghe.com/acme', where: 'everywhere' }, { host: 'github.example.com/_services/token', where: 'everywhere' },
    { host: `${G}/acme`, where: 'principal' }, { host: 'github.example.com/_services/token', where: 'keys' },
    { host: `${G}/ACME`, where: 'everywhere' }, { host: 'GitHub.example.com/_services/token', where: 'everywhere' },
  ], 2),
})).map((parts) => {
  const block: { [key: string]: unknown } = { [parts.audKey]: parts.audience, [parts.subKey]: parts.subjects };
  const pins = Object.fromEntries(Object.entries(parts.pins).map(([claim, value]) => [parts.pinKey(claim), value]));
  if (parts.extra !== 'pins in StringLike') Object.assign(block, pins);
  if (parts.extra === 'no aud') delete block[parts.audKey];
  if (parts.extra === 'no sub') delete block[parts.subKey];
  if (parts.extra === 'another condition') block[`${G}:repository_owner`] = 'acme';
  const condition: { [operator: string]: unknown } = { [parts.operator]: block };
  if (parts.extra === 'another block') condition.StringLike = { [`${G}:ref`]: 'refs/heads/*' };
  if (parts.extra === 'pins in StringLike' && Object.keys(pins).length > 0) condition.StringLike = pins;
  const statement: { [key: string]: unknown } = {
    Action: parts.action,
    Condition: parts.extra === 'condition list' ? [condition] : condition,
    Effect: parts.effect,
    Principal: parts.extra === 'principal with AWS' ? { Federated: parts.federated, AWS: '*' } : { Federated: parts.federated },
  };
  if (parts.extra === 'sid') statement.Sid = 'GitHub';
  if (parts.extra === 'resource') statement.Resource = '*';
  const statements = parts.extra === 'statement list of two' ? [statement, statement] : parts.extra === 'statement not a list' ? statement : [statement];
  const policy: { [key: string]: unknown } = { Statement: statements, Version: parts.version };
  if (parts.version === undefined) delete policy.Version;
  if (parts.extra === 'document key') policy.Id = 'x';
  return withIssuer(policy, parts.issuer.host, parts.issuer.where);
});

/** The policy with github.com's issuer written as `host` in its principals, its condition keys, or both. */
function withIssuer(policy: object, host: string, where: string): any {
  if (host === G) return policy;
  const text = JSON.stringify(policy);
  const swapped = where === 'keys' ? text.split(`"${G}:`).join(`"${host}:`)
    : where === 'principal' ? text.split(`oidc-provider/${G}"`).join(`oidc-provider/${host}"`)
      : text.split(G).join(host);
  return JSON.parse(swapped);
}

export const options = mostly<unknown>([undefined, {}, { expectedAudience: 'sts.amazonaws.com' }, { sizeLimit: 2048 }, { roleAccount: '123456789012' }],
  [{ expectedAudience: 'sts.amazonaws.com.cn' }, { expectedAudience: 'https://github.com/acme' }, { expectedAudience: '' },
    { expectedAudience: 'sts.amazonaws.com ' }, { sizeLimit: 200 }, { sizeLimit: 280 }, { sizeLimit: 300 }, { sizeLimit: 320 },
    { sizeLimit: 350 }, { sizeLimit: 1.5 }, { sizeLimit: 0 },
    { roleAccount: '123456789012' }, { roleAccount: '210987654321' }, { roleAccount: '12345' },
    { providerUrls: { GitHubProvider: `https://${G}` } }, { providerUrls: { GitHubProvider: 7 } }, { templateMappings: { M: { a: { b: 'c' } } } },
    { templateMappings: 'x' }, null, 'options', []], 3);
