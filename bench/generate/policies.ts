/**
 * Generated trust policies for the analysis benchmarks: the shapes seen in real accounts and templates, from a
 * well-scoped environment role to `repo:*`, with principals written as plain ARNs, CDK's `Fn::Join`, or a `Ref`
 * to a provider in the same template, and documents given as objects, JSON text or URL-encoded JSON text.
 *
 * Deterministic for a given seed.
 */
import { environmentName, repositoryName } from './names';
import { SeededRandom } from './random';

/** What a generated policy is meant to exercise. */
export type PolicyKind =
  | 'scoped-environment' | 'scoped-branch' | 'branch-pattern' | 'scoped-immutable' | 'several-subjects'
  | 'pull-request' | 'any-ref' | 'owner-wildcard' | 'everything' | 'no-sub' | 'no-conditions' | 'star-in-equals'
  | 'for-all-values' | 'several-statements' | 'enterprise-issuer' | 'server-issuer' | 'service-role';

/** How the federated principal is written. */
export type PrincipalStyle = 'arn' | 'join' | 'ref';

/** How the document is handed over. */
export type DocumentForm = 'object' | 'json' | 'url-encoded';

export interface GeneratedPolicy {
  readonly kind: PolicyKind;
  /** The policy as handed to the analysis: an object or text. */
  readonly document: unknown;
  /** The index of the repository the policy names (see names.ts), to simulate tokens of it or of another. */
  readonly repositoryIndex: number;
  /** The issuer URL the GitHub statement trusts; undefined for a role that does not trust GitHub. */
  readonly issuerUrl?: string;
}

export interface PolicyGenerationOptions {
  readonly seed?: number;
  /** Relative weight of each kind. @default DEFAULT_KIND_WEIGHTS */
  readonly kinds?: Readonly<Record<PolicyKind, number>>;
  /** Relative weight of each principal style. @default every style; only 'arn' for an account export */
  readonly principals?: Readonly<Record<PrincipalStyle, number>>;
  /** Relative weight of each document form. @default mostly objects */
  readonly forms?: Readonly<Record<DocumentForm, number>>;
}

/** The mix of a CDK code base: mostly narrow roles, a tail of broad and malformed ones. */
export const DEFAULT_KIND_WEIGHTS: Readonly<Record<PolicyKind, number>> = {
  'scoped-environment': 20,
  'scoped-branch': 10,
  'branch-pattern': 8,
  'scoped-immutable': 6,
  'several-subjects': 6,
  'pull-request': 4,
  'any-ref': 5,
  'owner-wildcard': 4,
  'everything': 3,
  'no-sub': 3,
  'no-conditions': 2,
  'star-in-equals': 3,
  'for-all-values': 3,
  'several-statements': 8,
  'enterprise-issuer': 4,
  'server-issuer': 3,
  'service-role': 8,
};

/** The logical ID of the provider that `ref` principals point at; pass PROVIDER_URLS to the analysis. */
export const PROVIDER_LOGICAL_ID = 'GitHubProvider0A1B2C3D';
export const PROVIDER_URLS: { [logicalId: string]: string } = {
  [PROVIDER_LOGICAL_ID]: 'https://token.actions.githubusercontent.com',
};

const GITHUB_COM = 'token.actions.githubusercontent.com';
const ENTERPRISE = 'token.actions.githubusercontent.com/acme-enterprise';
const SERVER = 'github.acme.example/_services/token';

/** `count` policies, deterministic for a seed. */
export function generatePolicies(count: number, options: PolicyGenerationOptions = {}): GeneratedPolicy[] {
  const random = new SeededRandom(options.seed ?? 20260501);
  const kinds = options.kinds ?? DEFAULT_KIND_WEIGHTS;
  const principals = options.principals ?? { arn: 4, join: 5, ref: 1 };
  const forms = options.forms ?? { 'object': 92, 'json': 5, 'url-encoded': 3 };
  const policies: GeneratedPolicy[] = [];
  for (let index = 0; index < count; index++) {
    const kind = random.weighted(kinds);
    const style = random.weighted(principals);
    const { document, issuerUrl } = buildDocument(kind, index, style, random);
    policies.push({ kind, document: encode(document, random.weighted(forms)), repositoryIndex: index, issuerUrl });
  }
  return policies;
}

function buildDocument(kind: PolicyKind, index: number, style: PrincipalStyle, random: SeededRandom): { document: object; issuerUrl?: string } {
  const { owner, name } = repositoryName(index);
  const repo = `${owner}/${name}`;
  const environment = environmentName(index);
  const host = kind === 'enterprise-issuer' ? ENTERPRISE : kind === 'server-issuer' ? SERVER : GITHUB_COM;
  // A `ref` principal only resolves to github.com through PROVIDER_URLS: other issuers are written as ARNs.
  const principal = federated(host, host === GITHUB_COM ? style : style === 'ref' ? 'arn' : style, random);
  const key = (claim: string) => `${host}:${claim}`;
  const aud = { [key('aud')]: 'sts.amazonaws.com' };
  const github = (condition?: object) => webIdentityStatement(principal, condition);

  let statements: object[];
  switch (kind) {
    case 'scoped-environment':
    case 'enterprise-issuer':
    case 'server-issuer':
      statements = [github({ StringEquals: { ...aud, [key('sub')]: `repo:${repo}:environment:${environment}` } })];
      break;
    case 'scoped-branch':
      statements = [github({ StringEquals: { ...aud, [key('sub')]: `repo:${repo}:ref:refs/heads/main` } })];
      break;
    case 'branch-pattern':
      statements = [github({ StringEquals: aud, StringLike: { [key('sub')]: `repo:${repo}:ref:refs/heads/release/*` } })];
      break;
    case 'scoped-immutable': {
      const ownerId = 1000 + (index % 13);
      const repositoryId = 500000 + index;
      statements = [github({
        StringEquals: {
          ...aud,
          [key('sub')]: [`repo:${repo}:environment:${environment}`, `repo:${owner}@${ownerId}/${name}@${repositoryId}:environment:${environment}`],
          [key('repository_id')]: String(repositoryId),
          [key('repository_owner_id')]: String(ownerId),
        },
      })];
      break;
    }
    case 'several-subjects':
      statements = [github({
        StringEquals: aud,
        StringLike: { [key('sub')]: [`repo:${repo}:environment:${environment}`, `repo:${repo}:ref:refs/heads/main`, `repo:${repo}:ref:refs/tags/v*`] },
      })];
      break;
    case 'pull-request':
      statements = [github({ StringEquals: { ...aud, [key('sub')]: `repo:${repo}:pull_request` } })];
      break;
    case 'any-ref':
      statements = [github({ StringEquals: aud, StringLike: { [key('sub')]: `repo:${repo}:*` } })];
      break;
    case 'owner-wildcard':
      statements = [github({ StringEquals: aud, StringLike: { [key('sub')]: `repo:${owner}/*` } })];
      break;
    case 'everything':
      statements = [github({ StringLike: { ...aud, [key('sub')]: random.pick(['repo:*', '*', 'repo:*/*']) } })];
      break;
    case 'no-sub':
      statements = [github({ StringEquals: aud })];
      break;
    case 'no-conditions':
      statements = [github()];
      break;
    case 'star-in-equals':
      statements = [github({ StringEquals: { ...aud, [key('sub')]: `repo:${repo}:*` } })];
      break;
    case 'for-all-values':
      statements = [github({ 'StringEquals': aud, 'ForAllValues:StringLike': { [key('sub')]: `repo:${repo}:ref:refs/heads/main` } })];
      break;
    case 'several-statements':
      statements = [
        github({ StringEquals: { ...aud, [key('sub')]: `repo:${repo}:environment:${environment}` } }),
        github({ StringEquals: aud, StringLike: { [key('sub')]: `repo:${repo}:ref:refs/heads/*` } }),
        serviceStatement('lambda.amazonaws.com'),
        { Effect: 'Deny', Principal: { Federated: principal }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { [key('sub')]: `repo:${repo}:pull_request` } } },
      ].slice(0, 2 + random.int(3));
      break;
    case 'service-role':
      statements = [serviceStatement(random.pick(['lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'codebuild.amazonaws.com']))];
      return { document: { Version: '2012-10-17', Statement: statements } };
  }
  return { document: { Version: '2012-10-17', Statement: statements }, issuerUrl: `https://${host}` };
}

function webIdentityStatement(principal: unknown, condition?: object): object {
  return {
    Effect: 'Allow',
    Principal: { Federated: principal },
    Action: 'sts:AssumeRoleWithWebIdentity',
    ...(condition ? { Condition: condition } : {}),
  };
}

function serviceStatement(service: string): object {
  return { Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' };
}

function federated(host: string, style: PrincipalStyle, random: SeededRandom): unknown {
  switch (style) {
    case 'ref':
      return { Ref: PROVIDER_LOGICAL_ID };
    case 'join':
      // What CDK synthesizes for `arn:${Partition}:iam::${Account}:oidc-provider/<host>`.
      return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:oidc-provider/${host}`]] };
    case 'arn':
      return `arn:${random.pick(['aws', 'aws', 'aws', 'aws-us-gov', 'aws-cn'])}:iam::123456789012:oidc-provider/${host}`;
  }
}

function encode(document: object, form: DocumentForm): unknown {
  switch (form) {
    case 'object': return document;
    case 'json': return JSON.stringify(document);
    // As the IAM API (and get-account-authorization-details without the CLI's decoding) returns it.
    case 'url-encoded': return encodeURIComponent(JSON.stringify(document));
  }
}
