/**
 * By attack: random policies hidden behind CloudFormation choices (one branch of an Fn::If, an element of an
 * Fn::Select, a value of a mapping) beside a narrow one. The evaluator, and the test-side assertions built on it, must
 * admit another repository's token exactly when one of the policies CloudFormation may deploy admits it (the test
 * writes those out itself): a test `assertCannotAssume(...)` that passes while one deployment of the template admits
 * the attacker is a way past the checks (a hidden Deny counts too: without it, a deployment admits more).
 */
import fc from 'fast-check';
import { attacker, everyReadingOf, G, hide, NARROW, pol, subsInMappings } from './attack-policies';
import { GitHubTrustAssertions } from '../../../src/analysis/assertions/trust-assertions';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { GitHubIssuer } from '../../../src/model/issuer';
import { GitHubRepository } from '../../../src/model/repository';

const options = { providerUrls: { P: `https://${G}` } };

test('a token one way of deploying the template admits is admitted, whichever way hides the policy', () => {
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, hide, (policy, token, hiding) => {
    // The oracle: the policies CloudFormation may deploy, written out by the test, each judged on its own.
    const expected = hiding.deployments(policy).some((deployed) => TrustPolicyEvaluator.evaluate(deployed, token, options).allowed);
    const hidden = hiding.hide(policy);
    const evaluation = TrustPolicyEvaluator.evaluate(hidden, token, options);
    if (expected) admitted++;
    expect([hiding.name, hidden, token.sub, evaluation.allowed]).toEqual([hiding.name, hidden, token.sub, expected]);
    // Every hiding but a policy with nothing to split makes variants; each is judged.
    expect((evaluation.variants ?? [evaluation]).some((variant) => variant.allowed)).toBe(expected);
  }), { numRuns: 2000 });
  expect(admitted).toBeGreaterThan(100);
});

test('a token a mapping value admits is admitted when the evaluator has the template\'s mappings', () => {
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, (policy, token) => {
    const { hidden, templateMappings, deployments } = subsInMappings(policy);
    if (Object.keys(templateMappings).length === 0) return;
    // Each lookup is judged on its own (conditional.ts): every combination of narrow and own value, as the oracle has it.
    const expected = deployments.some((deployed) => TrustPolicyEvaluator.evaluate(deployed, token, options).allowed);
    if (expected) admitted++;
    expect([hidden, token.sub, TrustPolicyEvaluator.evaluate(hidden, token, { ...options, templateMappings }).allowed])
      .toEqual([hidden, token.sub, expected]);
  }), { numRuns: 1500 });
  // Not vacuous: typically 60-80 of the 1,500 runs admit (50 was seen once, so the bar sits well below that).
  expect(admitted).toBeGreaterThan(20);
});

test('assertCannotAssume fails for the attacker\'s run whenever a deployment of the template admits it', () => {
  const evil = GitHubRepository.of('evil', 'repo');
  const run = { repository: evil, ref: 'refs/heads/main' };
  let admitted = 0;
  fc.assert(fc.property(pol, hide, (policy, hiding) => {
    const template = {
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
      Resources: {
        P: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: `https://${G}`, ClientIdList: ['sts.amazonaws.com'] } },
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: hiding.hide(policy) } },
      },
    };
    const withPolicy = (document: any) => GitHubTrustAssertions.fromTemplate({
      Resources: { ...template.Resources, Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: document } } },
    });
    // The oracle: each deployment, judged under every way IAM may read it (the test's own rewrites, attack-policies.ts).
    const admits = hiding.deployments(policy).some((deployed) => everyReadingOf(deployed).some((reading) => withPolicy(reading).evaluate('Role', run).allowed));
    if (admits) admitted++;
    const roles = GitHubTrustAssertions.fromTemplate(template);
    expect([hiding.name, policy, refuses(() => roles.assertCannotAssume('Role', run))]).toEqual([hiding.name, policy, !admits]);
  }), { numRuns: 1500 });
  expect(admitted).toBeGreaterThan(50);
});

test('assertCannotAssume fails for another repository\'s run of an enterprise whenever a reading admits it, its provider written as a pattern', () => {
  // The attack policies with an enterprise's keys and its provider ARN written as a pattern of enterprise providers
  // (or as its ARN): the assertion's readings (src) against the test's own (everyReadingOf).
  const enterprises: [GitHubIssuer, string[]][] = [
    [GitHubIssuer.enterprise('acme'), [`${G}/*`, `${G}/acm?`, `${G}/acme`]],
    [GitHubIssuer.gheCom('acme'), ['token.actions.*.ghe.com', 'token.actions.acme.ghe.com']],
  ];
  const run = (issuer: GitHubIssuer) => ({ repository: GitHubRepository.of('evil', 'repo'), ref: 'refs/heads/main', issuer });
  let admitted = 0;
  const enterprise = fc.constantFrom(...enterprises).chain(([issuer, patterns]) => fc.tuple(fc.constant(issuer), fc.constantFrom(...patterns)));
  fc.assert(fc.property(pol, enterprise, (generated, [issuer, pattern]) => {
    const policy = JSON.parse(JSON.stringify(generated).split(`oidc-provider/${G}"`).join(`oidc-provider/${pattern}"`)
      .replace(/"token\.actions\.githubusercontent\.com:/gi, `"${issuer.conditionKeyPrefix}:`));
    const roles = GitHubTrustAssertions.fromTemplate({ Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: policy } } } });
    const admits = everyReadingOf(policy).some((reading) => GitHubTrustAssertions.fromTemplate({
      Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: reading } } },
    }).evaluate('Role', run(issuer)).allowed);
    if (admits) admitted++;
    expect([policy, refuses(() => roles.assertCannotAssume('Role', run(issuer)))]).toEqual([policy, !admits]);
  }), { numRuns: 1000 });
  expect(admitted).toBeGreaterThan(50);
});

function refuses(assertion: () => void): boolean {
  try {
    assertion();
    return true;
  } catch (err) {
    if (!(err instanceof Error) || !err.message.includes('should refuse')) throw err;
    return false;
  }
}

test('the narrow branch is what the attacker is refused by', () => {
  // Guards the property above: were NARROW to admit the attacker, "hidden admits iff plain admits" would not hold.
  const token = fc.sample(attacker, 50);
  for (const claims of token) expect(TrustPolicyEvaluator.evaluate({ Statement: [NARROW] }, claims).allowed).toBe(false);
});
