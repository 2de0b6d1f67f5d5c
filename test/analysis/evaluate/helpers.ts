/** Policies and tokens for the evaluator tests, on the policy builders the validator tests use. */
import { GITHUB, githubPolicy, policy, providerArn, statement } from '../validate/fixtures';

export { GITHUB };
export const GITHUB_PROVIDER_ARN = providerArn();

/** The condition key of a github.com claim, e.g. `token.actions.githubusercontent.com:sub`. */
export function key(claim: string): string {
  return `${GITHUB}:${claim}`;
}

/** A one-statement trust policy for the github.com provider with this Condition and statement fields. */
export function trustPolicy(condition?: object, fields: { [field: string]: unknown } = {}): any {
  return githubPolicy(condition, fields);
}

/** A trust policy of several statements, each completed like `trustPolicy`'s. */
export function policyOf(...statements: { [field: string]: unknown }[]): any {
  return policy(...statements.map((fields) => statement(undefined, fields)));
}

/** The claims of a push to main in acme/web on github.com, with overrides (undefined removes a claim). */
export function claims(overrides: { [claim: string]: unknown } = {}): any {
  const all: { [claim: string]: unknown } = {
    iss: `https://${GITHUB}`,
    aud: 'sts.amazonaws.com',
    sub: 'repo:acme/web:ref:refs/heads/main',
    ref: 'refs/heads/main',
    repository: 'acme/web',
    repository_id: '599293758',
    repository_owner_id: '1844662',
    event_name: 'push',
    ...overrides,
  };
  for (const [name, value] of Object.entries(all)) if (value === undefined) delete all[name];
  return all;
}
