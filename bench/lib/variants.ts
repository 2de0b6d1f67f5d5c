/**
 * The apps whose synth the benchmarks time. Each variant builds one provider and `n` roles, each role trusting its
 * own repository and environment (generate/names.ts), with the same `aud` and `sub` conditions in every variant.
 *
 * A variant's `load` imports its modules, so the child can exclude module loading from the timed part. It returns
 * a reason instead of a builder when the code it needs does not exist yet (the library is built in parallel).
 */
/* eslint-disable @typescript-eslint/no-require-imports -- modules are required, never imported: see `cdk` below */
import type { App, Environment } from 'aws-cdk-lib';
import { ENVIRONMENTS, environmentName, repositoryName } from '../generate/names';

/**
 * Builds the stacks of the app; called between the timer's start and `app.synth()`. `env` is the stacks' account and
 * region (environment-agnostic stacks when undefined).
 */
export type Builder = (app: App, n: number, env?: Environment) => void;

/**
 * The library the variants of ours load: the transpile of src/ (the default, bench/lib/build.ts), or the compiled
 * package at the absolute path in BENCH_LIB (lib/, bundled as published: the whole-process section loads it).
 */
function loadLibrary(): any {
  return process.env.BENCH_LIB ? require(process.env.BENCH_LIB) : require('../../src/index');
}

/*
 * Modules are loaded with require, as an app compiled to CommonJS loads them, never with import(): the transpile keeps
 * import() as Node's own, and Node's import() of a CommonJS module reads every export it detects to build the
 * namespace, so importing aws-cdk-lib ran every one of its lazy getters (every service module, about 400 ms and tens
 * of MiB). The synth section times after loading and does not see that, but peak RSS and the whole-process section
 * did. An app whose TypeScript says `import * as cdk from 'aws-cdk-lib'` gets a require (aws-cdk-lib is marked
 * __esModule, so __importStar returns it as is).
 */
const cdk: typeof import('aws-cdk-lib') = require('aws-cdk-lib');

export interface Variant {
  readonly name: string;
  /** One line for the report. */
  readonly description: string;
  /** Whether this is the library's own code (profiled and compared against the targets). */
  readonly ours: boolean;
  readonly load: () => Promise<Builder | string>;
}

const ISSUER_HOST = 'token.actions.githubusercontent.com';
const STACK_ID = 'BenchStack';

/** `repo:<owner>/<name>:environment:<env>`, the subject every variant's i-th role trusts. */
export function subjectOf(index: number): string {
  const { owner, name } = repositoryName(index);
  return `repo:${owner}/${name}:environment:${environmentName(index)}`;
}

export const VARIANTS: readonly Variant[] = [
  {
    name: 'deploy-role',
    description: '`GitHubDeployRole` with synth-time validation (this library), one `GitHubOidcProvider`',
    ours: true,
    load: async () => {
      const lib = loadLibrary();
      if (typeof lib.GitHubDeployRole !== 'function' || typeof lib.GitHubOidcProvider !== 'function') {
        return 'GitHubDeployRole / GitHubOidcProvider are not exported from src/index.ts yet';
      }
      return (app, n, env) => {
        const stack = new cdk.Stack(app, STACK_ID, { env });
        const provider = lib.GitHubOidcProvider.forAccount(stack);
        for (let i = 0; i < n; i++) {
          const { owner, name } = repositoryName(i);
          new lib.GitHubDeployRole(stack, `Role${i}`, {
            provider,
            repository: lib.GitHubRepository.of(owner, name),
            subjects: [lib.SubjectClaim.environment(environmentName(i))],
          });
        }
      };
    },
  },
  {
    name: 'plain-role',
    description: '`iam.Role` with `iam.WebIdentityPrincipal` and the same conditions, one `iam.OidcProviderNative` (baseline)',
    ours: false,
    load: async () => {
      const iam: typeof import('aws-cdk-lib/aws-iam') = require('aws-cdk-lib/aws-iam');
      return (app, n, env) => {
        const stack = new cdk.Stack(app, STACK_ID, { env });
        const provider = new iam.OidcProviderNative(stack, 'GitHubProvider', {
          url: `https://${ISSUER_HOST}`,
          clientIds: ['sts.amazonaws.com'],
        });
        for (let i = 0; i < n; i++) {
          new iam.Role(stack, `Role${i}`, {
            assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, {
              StringEquals: {
                [`${ISSUER_HOST}:aud`]: 'sts.amazonaws.com',
                [`${ISSUER_HOST}:sub`]: subjectOf(i),
              },
            }),
          });
        }
      };
    },
  },
  {
    name: 'github-oidc',
    description: '`GithubActionsRole` of aws-cdk-github-oidc 2.4.1, provider imported with `fromAccount` ' +
      '(its own provider is a Lambda-backed custom resource whose asset staging would swamp small stacks)',
    ours: false,
    load: async () => {
      // A dev dependency on purpose: it is only ever compared against, never used by the library.
      // eslint-disable-next-line import/no-extraneous-dependencies
      const oidc: typeof import('aws-cdk-github-oidc') = require('aws-cdk-github-oidc');
      return (app, n, env) => {
        const stack = new cdk.Stack(app, STACK_ID, { env });
        const provider = oidc.GithubActionsIdentityProvider.fromAccount(stack, 'GithubProvider');
        for (let i = 0; i < n; i++) {
          const { owner, name } = repositoryName(i);
          // Its `sub` condition is always StringLike; the value is the same subject as the other variants'.
          new oidc.GithubActionsRole(stack, `Role${i}`, { provider, owner, repo: name, filter: `environment:${environmentName(i)}` });
        }
      };
    },
  },
];

/** Repositories per stack in the matrix: 50 x 3 environments = 150 roles, well under 500 resources. */
const MATRIX_REPOSITORIES_PER_STACK = 50;

/**
 * `GitHubDeployRoles`: `n` repositories times every environment of names.ts, one `GitHubDeployRoles` per stack of
 * 50 repositories, each role asking `GitHubOidcProvider.forAccount` for its provider (the default).
 */
export const MATRIX_VARIANT: Variant = {
  name: 'deploy-roles-matrix',
  description: `\`GitHubDeployRoles\` over repositories x ${ENVIRONMENTS.length} environments, ` +
    `${MATRIX_REPOSITORIES_PER_STACK * ENVIRONMENTS.length} roles per stack`,
  ours: true,
  load: async () => {
    const lib = loadLibrary();
    if (typeof lib.GitHubDeployRoles !== 'function') {
      return 'GitHubDeployRoles is not exported from src/index.ts yet';
    }
    return (app, n, env) => {
      for (let first = 0, stackIndex = 0; first < n; first += MATRIX_REPOSITORIES_PER_STACK, stackIndex++) {
        const stack = new cdk.Stack(app, `${STACK_ID}${stackIndex}`, { env });
        const repositories = [];
        for (let i = first; i < Math.min(n, first + MATRIX_REPOSITORIES_PER_STACK); i++) {
          const { owner, name } = repositoryName(i);
          repositories.push(lib.GitHubRepository.of(owner, name));
        }
        new lib.GitHubDeployRoles(stack, 'DeployRoles', { repositories, environments: [...ENVIRONMENTS] });
      }
    };
  },
};

export function findVariant(name: string): Variant {
  const variant = [...VARIANTS, MATRIX_VARIANT].find((v) => v.name === name);
  if (!variant) throw new Error(`unknown variant ${JSON.stringify(name)}; expected one of ${[...VARIANTS, MATRIX_VARIANT].map((v) => v.name).join(', ')}`);
  return variant;
}
