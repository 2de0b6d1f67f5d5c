/**
 * The promise of the rules, checked against the evaluator: for ANY trust policy the rules pass without an ERROR, a
 * token GitHub would mint for another repository is denied — another name, another owner, and, where the policy pins
 * the repository's IDs, the same name with other IDs (a deleted name registered again). Policies are generated from
 * the shapes real policies take, broad ones included (`repo:*`, `repo:acme/*`, `repo:acme/web*`, `ForAllValues`,
 * `IfExists`, negations, lists hiding a loose value), so the rules must catch every one that would let another
 * repository in.
 */
import fc from 'fast-check';
import { readingsOf } from './attack-policies';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { GitHubToken } from '../../../src/analysis/token/token';
import { FindingSeverity } from '../../../src/analysis/validate/finding';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectFormat } from '../../../src/model/subject-claim';
import { githubPolicy } from '../validate/fixtures';

const GITHUB = 'token.actions.githubusercontent.com';
const HOME = { owner: 'acme', name: 'web', ownerId: 1844662, repositoryId: 599293758 };

// Repository parts of a `sub` value, from exact to open.
const repoPart = fc.constantFrom(
  'acme/web', 'acme@1844662/web@599293758', 'acme/*', 'acme/web*', 'acme/we?', '*', '*/*', 'acme@*/web@*',
  'acme@1844662/web@*', 'acme/web-*', '*/web', 'ac*/web', 'acme/*eb',
);
// Context parts, including wildcards after the repository.
const contextPart = fc.constantFrom(
  'ref:refs/heads/main', 'ref:refs/heads/*', 'ref:refs/tags/v*', 'environment:production', 'environment:prod*',
  'pull_request', '*', 'ref:*',
);
// Policy variables are replaced by what the token carries: the attacker's own claims.
const variable = (claim: string) => `\${${GITHUB}:${claim}}`;
const subValue = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(repoPart, contextPart).map(([repo, context]) => `repo:${repo}:${context}`) },
  { weight: 1, arbitrary: fc.constantFrom('repo:*', '*', 'repo:acme/web', 'repo:acme/*') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(`repo:${variable('repository')}:ref:refs/heads/main`, variable('sub'),
      `repo:acme/${variable('workflow')}:ref:refs/heads/main`, `repo:acme/web:ref:${variable('ref')}`),
  },
);
// Principals that cover GitHub's provider: the provider itself, and every spelling of "everyone".
// (Weighted towards the plain shape, so that enough generated policies pass the rules for the property to judge.)
const everyone = fc.constantFrom<unknown>('*', { AWS: '*' }, { Federated: '*' }, { AWS: ['arn:aws:iam::123456789012:root', '*'] });
const principal = fc.oneof(
  { weight: 4, arbitrary: fc.constant<unknown>({ Federated: `arn:aws:iam::123456789012:oidc-provider/${GITHUB}` }) },
  // The ARN with white space around it: whether IAM refuses it or trims it is not documented (see readingsOf).
  { weight: 1, arbitrary: fc.constant<unknown>({ Federated: ` arn:aws:iam::123456789012:oidc-provider/${GITHUB}\n` }) },
  // The ARN in another case, with a Region, or as a wildcard pattern: IAM documents none of these (see readingsOf).
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>({ Federated: `ARN:AWS:IAM::123456789012:OIDC-PROVIDER/${GITHUB}` },
      { Federated: `arn:aws:iam:us-east-1:123456789012:oidc-provider/${GITHUB}` }, { Federated: 'arn:aws:iam::123456789012:oidc-provider/*' },
      { Federated: 'arn:aws:iam::*:oidc-provider/token.actions.*' }, { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.co?' }),
  },
  { weight: 1, arbitrary: everyone },
);
const action = fc.oneof({ weight: 4, arbitrary: fc.constant('sts:AssumeRoleWithWebIdentity') },
  { weight: 1, arbitrary: fc.constantFrom('sts:*', '*', 'sts:AssumeRoleWith*', ' sts:AssumeRoleWithWebIdentity') });
// A second statement next to the first: everyone, conditioned on keys a GitHub token does not carry, or on none.
const extraStatement = fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, {
  weight: 1,
  arbitrary: fc.record({
    Effect: fc.constant('Allow'),
    Principal: everyone,
    Action: action,
    Condition: fc.constantFrom<unknown>(undefined, { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
      { StringEquals: { 'accounts.google.com:aud': 'x' } }, { StringLikeIfExists: { 'accounts.google.com:sub': 'x' } },
      { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' } }),
  }),
});
const operator = fc.constantFrom(
  'StringEquals', 'StringLike', 'StringEqualsIgnoreCase', 'ForAllValues:StringLike', 'ForAnyValue:StringLike',
  'StringLikeIfExists', 'StringNotLike', 'StringNotEquals',
);

/** A generated trust policy: a sub condition (or none), maybe an aud, maybe repository ID pins. */
const policy = fc.record({
  subOperator: fc.option(operator, { nil: undefined }),
  // An empty list too: IAM's reading of one is not documented (see withoutEmptyConditions).
  subValues: fc.oneof({ weight: 9, arbitrary: fc.array(subValue, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant([]) }),
  audience: fc.boolean(),
  pinIds: fc.boolean(),
  idOperator: fc.constantFrom('StringEquals', 'StringLike'),
  idsAsVariables: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  pinName: fc.boolean(),
  principal,
  action,
  extra: extraStatement,
}).map(({ subOperator, subValues, audience, pinIds, idOperator, idsAsVariables, pinName, principal: trusted, action: allowed, extra }) => {
  const conditions: { [operator: string]: { [key: string]: unknown } } = {};
  const add = (op: string, key: string, value: unknown) => { (conditions[op] ??= {})[`${GITHUB}:${key}`] = value; };
  if (audience) add('StringEquals', 'aud', 'sts.amazonaws.com');
  if (subOperator) add(subOperator, 'sub', subValues.length === 1 ? subValues[0] : subValues);
  if (pinIds) {
    add(idOperator, 'repository_id', idsAsVariables ? variable('repository_id') : String(HOME.repositoryId));
    add(idOperator, 'repository_owner_id', idsAsVariables ? variable('repository_owner_id') : String(HOME.ownerId));
  }
  if (pinName) add('StringEquals', 'repository', `${HOME.owner}/${HOME.name}`);
  const document = githubPolicy(conditions, { Principal: trusted, Action: allowed });
  if (extra) document.Statement.push(extra.Condition === undefined ? { ...extra, Condition: undefined } : extra);
  return document;
});

/** A run somewhere else: another name, another owner, or the same name recreated with other IDs. */
const intruder = fc.record({
  kind: fc.constantFrom('other-name', 'other-owner', 'recycled-name'),
  name: fc.constantFrom('web-evil', 'webx', 'we', 'other', 'web2'),
  owner: fc.constantFrom('evil', 'acme-evil', 'acmex', 'acm'),
  ref: fc.constantFrom('refs/heads/main', 'refs/tags/v1.0.0', 'refs/heads/feature/x'),
  environment: fc.option(fc.constantFrom('production', 'prod-eu', 'staging'), { nil: undefined }),
  eventName: fc.constantFrom('push', 'pull_request', 'workflow_dispatch'),
  immutable: fc.boolean(),
}).map(({ kind, name, owner, ref, environment, eventName, immutable }) => {
  const repository = kind === 'other-name' ? GitHubRepository.of(HOME.owner, name, { ownerId: HOME.ownerId, repositoryId: 7 })
    : kind === 'other-owner' ? GitHubRepository.of(owner, HOME.name, { ownerId: 8, repositoryId: 9 })
      : GitHubRepository.of(HOME.owner, HOME.name, { ownerId: 555, repositoryId: 666 });
  return {
    kind,
    claims: GitHubToken.simulate({
      repository,
      ref,
      environment,
      eventName,
      subjectFormat: immutable ? SubjectFormat.IMMUTABLE : SubjectFormat.NAME_ONLY,
    }),
  };
});

/**
 * Whether the policy tells a repository from a re-registered name: it pins `repository_id`, or every `sub` value is an
 * immutable `owner@id/name@id` subject (one name-only value in the list is enough to admit the recycled name).
 */
function pinsIds(document: any): boolean {
  const conditions = (document.Statement[0] as any).Condition as { [operator: string]: { [key: string]: unknown } };
  if (Object.values(conditions).some((block) => /^\d+$/.test(String(block[`${GITHUB}:repository_id`])))) return true;
  const subs = Object.values(conditions).flatMap((block) => {
    const value = block[`${GITHUB}:sub`];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  });
  return subs.length > 0 && subs.every((sub) => /^repo:[^:/]+@\d+\/[^:]+@\d+:/.test(String(sub)));
}

describe('rules and evaluator agree: a policy without ERROR admits no other repository', () => {
  test('for generated policies and intruding tokens', () => {
    let judged = 0;
    fc.assert(fc.property(policy, intruder, (document, { kind, claims }) => {
      const errors = TrustPolicyValidator.validate(document).filter((f) => f.severity === FindingSeverity.ERROR);
      fc.pre(errors.length === 0);
      // A recycled name is told apart only by its IDs: a policy that trusts by name alone is INFO, not ERROR.
      fc.pre(kind !== 'recycled-name' || pinsIds(document));
      judged++;
      for (const reading of readingsOf(document)) {
        const evaluation = TrustPolicyEvaluator.evaluate(reading, claims);
        expect([reading, claims.sub, evaluation.summary]).toEqual([reading, claims.sub, expect.not.stringMatching(/^allowed/)]);
      }
    }), { numRuns: 2000 });
    // The preconditions must leave real cases to judge, or the property says nothing.
    expect(judged).toBeGreaterThan(100);
  });

  test('the generator does produce policies the rules reject, and some of those admit an intruder', () => {
    // Guards the property above against a generator that only makes safe policies.
    const samples = fc.sample(fc.tuple(policy, intruder), { numRuns: 2000, seed: 42 });
    const admittedWithError = samples.filter(([document, { claims }]) =>
      TrustPolicyEvaluator.evaluate(document, claims).allowed
      && TrustPolicyValidator.validate(document).some((f) => f.severity === FindingSeverity.ERROR));
    expect(admittedWithError.length).toBeGreaterThan(10);
  });
});
