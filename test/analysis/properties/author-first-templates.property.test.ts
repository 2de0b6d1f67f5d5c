/**
 * Issue 10 item 4, by attack: custom subject templates that lead with a claim whoever edits a workflow chooses
 * (`workflow`, `environment`, `actor`, `ref`, `workflow_ref`, `event_name`) and then name the repository.
 *
 * The fact (shared FACTS.md, "A `:` inside a value is written `%3A`"): GitHub writes `sub` as `key:value` pairs and
 * encodes every `:` inside a value, so a `:` only ever separates a key from its value or one pair from the next. An
 * attacker controls their own repository's template, workflow names, environments, branches and login, and may call
 * a public reusable workflow of the victim; none of it can put the pair `repo:acme/web` into their subject. So under
 * exact matching such a role admits no other repository (and the rules, rightly, raise no ERROR: it stays
 * `SubTemplateAuthorClaimFirst`, a WARNING about runs inside the repository). Under `StringLike`, whatever the
 * evaluator admits from another repository, the validator must report as an ERROR.
 *
 * The attacker's subjects are rendered here by an independent oracle (not the library's renderer), from any keys in
 * any order, including templates without a repository claim, which the library's own builder refuses.
 */
import fc from 'fast-check';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { GitHubToken } from '../../../src/analysis/token/token';
import { FindingSeverity } from '../../../src/analysis/validate/finding';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectTemplate } from '../../../src/model/subject-template';
import { githubPolicy } from '../validate/fixtures';

const GITHUB = 'token.actions.githubusercontent.com';
const VICTIM = GitHubRepository.of('acme', 'web');
const AUTHOR_CLAIMS = ['workflow', 'environment', 'actor', 'ref', 'workflow_ref', 'event_name'];

// The victim's role: a template led by author-chosen claims, then the repository, maybe the context.
const victimTemplate = fc.tuple(
  fc.shuffledSubarray(AUTHOR_CLAIMS, { minLength: 1, maxLength: 2 }),
  fc.boolean(),
).map(([lead, context]) => [...lead, 'repo', ...(context ? ['context'] : [])]);

// What the attacker writes into values they choose: plain names, names that spell the victim's pairs, encodings.
const hostile = fc.constantFrom(
  'deploy', 'production', 'deploy:repo:acme/web', 'x:repo:acme/web:environment:production', 'deploy%3Arepo%3Aacme/web',
  'refs/heads/main:repo:acme/web', 'repo:acme/web', 'acme/web', '*', 'deploy:*',
);
const attackerKeys = fc.shuffledSubarray(['repo', 'context', ...AUTHOR_CLAIMS, 'job_workflow_ref', 'repository'], { minLength: 1, maxLength: 5 });
const attacker = fc.record({
  repository: fc.constantFrom(GitHubRepository.of('evil', 'repo'), GitHubRepository.of('acme', 'web-evil'), GitHubRepository.of('acme-web', 'x')),
  keys: attackerKeys,
  workflow: hostile,
  environment: hostile,
  actor: fc.constantFrom('octocat', 'acme', 'web'),
  branch: fc.constantFrom('main', 'repo', 'x:repo:acme/web'),
  callsVictimWorkflow: fc.boolean(),
}).map(({ repository, keys, workflow, environment, actor, branch, callsVictimWorkflow }) => (victimKeys: string[], mimic: boolean) => {
  const ref = `refs/heads/${branch.replace(/:/g, '-')}`;
  const claims: { [claim: string]: string } = {
    ...GitHubToken.simulate({
      repository,
      ref,
      environment: environment.replace(/[*]/g, 'x'),
      workflow,
      jobWorkflowRef: callsVictimWorkflow ? `acme/web/.github/workflows/deploy.yml@${ref}` : undefined,
    }),
    actor,
  };
  const encode = (value: string) => value.replace(/:/g, '%3A');
  const values: { [claim: string]: string } = { ...claims, repo: repository.fullName, context: `environment:${encode(claims.environment)}` };
  // The attacker may set the very template the victim uses.
  claims.sub = (mimic ? victimKeys : keys).map((key) => (key === 'context' ? values.context : `${key}:${encode(values[key])}`)).join(':');
  return claims;
});

/** The victim's subject for its deploy workflow's production job, rendered by the library. */
function victimSubject(keys: string[]): string {
  return GitHubToken.simulate({
    repository: VICTIM,
    environment: 'production',
    workflow: 'deploy',
    subjectTemplate: SubjectTemplate.fromClaimKeys(keys),
  }).sub;
}

function policyFor(operator: string, sub: string) {
  const conditions: { [operator: string]: { [key: string]: string } } = { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' } };
  conditions[operator] = { ...conditions[operator], [`${GITHUB}:sub`]: sub };
  return githubPolicy(conditions);
}

function errors(document: unknown) {
  return TrustPolicyValidator.validate(document).filter((finding) => finding.severity === FindingSeverity.ERROR);
}

describe('author-first custom templates (the %3A encoding decides)', () => {
  test('under StringEquals, no attacker token is admitted, and the rules raise no ERROR but the WARNING', () => {
    fc.assert(fc.property(victimTemplate, attacker, fc.boolean(), (keys, attack, mimic) => {
      const claims = attack(keys, mimic);
      const document = policyFor('StringEquals', victimSubject(keys));
      expect(errors(document)).toEqual([]);
      expect(TrustPolicyValidator.validate(document).map((finding) => finding.ruleId)).toContain('SubTemplateAuthorClaimFirst');
      expect([claims.sub, TrustPolicyEvaluator.evaluate(document, claims).allowed]).toEqual([claims.sub, false]);
    }), { numRuns: 1500 });
  });

  test('the victim\'s own run is admitted (the policy is not vacuous)', () => {
    fc.assert(fc.property(victimTemplate, (keys) => {
      const document = policyFor('StringEquals', victimSubject(keys));
      const own = GitHubToken.simulate({ repository: VICTIM, environment: 'production', workflow: 'deploy', subjectTemplate: SubjectTemplate.fromClaimKeys(keys) });
      expect(TrustPolicyEvaluator.evaluate(document, own).allowed).toBe(true);
    }), { numRuns: 100 });
  });

  test('under StringLike with a wildcard in any pair, an attacker admitted is always an ERROR', () => {
    let admitted = 0;
    fc.assert(fc.property(victimTemplate, fc.nat(), fc.constantFrom('*', '?*', 'dep*'), attacker, fc.boolean(), (keys, which, wildcard, attack, mimic) => {
      const claims = attack(keys, mimic);
      const pairs = victimSubject(keys).split(':');
      // Replace one value (odd positions hold values) or one key with the wildcard.
      pairs[which % pairs.length] = wildcard;
      const document = policyFor('StringLike', pairs.join(':'));
      if (!TrustPolicyEvaluator.evaluate(document, claims).allowed) return;
      admitted++;
      expect([pairs.join(':'), claims.sub, errors(document).map((finding) => finding.ruleId)])
        .toEqual([pairs.join(':'), claims.sub, expect.arrayContaining([expect.any(String)])]);
    }), { numRuns: 3000 });
    // The wildcard forms do let some attackers in: the property above is not vacuous.
    expect(admitted).toBeGreaterThan(0);
  });
});
