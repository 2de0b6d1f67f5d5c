/**
 * Whole policies: effects, principals, actions, the issuer, the forms a policy comes in, the summary line and the
 * problems list (IAM User Guide, "Policy evaluation logic").
 */
import { claims, GITHUB, GITHUB_PROVIDER_ARN, key, policyOf, trustPolicy } from './helpers';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { EvaluationDecision } from '../../../src/analysis/evaluate/types';
import { GitHubIssuer } from '../../../src/model/issuer';

const SCOPED = { StringEquals: { [key('aud')]: 'sts.amazonaws.com', [key('sub')]: 'repo:acme/web:ref:refs/heads/main' } };
const ENTERPRISE_HOST = `${GITHUB}/acme-corp`;

describe('TrustPolicyEvaluator: effects', () => {
  test('an Allow that applies allows', () => {
    // GIVEN a well-scoped policy and a token of the run it names
    // WHEN evaluated
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED), claims());

    // THEN it is allowed by statement 0
    expect(result).toMatchObject({ allowed: true, decision: EvaluationDecision.ALLOWED, summary: 'allowed by statement 0', problems: [] });
    expect(result.statements[0]).toMatchObject({ index: 0, effect: 'Allow', principalMatched: true, actionMatched: true, applies: true });
  });

  test('explicit Deny wins over an Allow that applies', () => {
    // GIVEN an Allow for the repository, a Deny for its main branch, and a main-branch token that both cover
    const policy = policyOf(
      { Condition: SCOPED },
      { Sid: 'NoMain', Effect: 'Deny', Condition: { StringLike: { [key('sub')]: '*:ref:refs/heads/main' } } },
    );

    // WHEN evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims());

    // THEN the Deny decides
    expect(result).toMatchObject({ allowed: false, decision: EvaluationDecision.EXPLICIT_DENY, summary: 'denied explicitly by statement 1 ("NoMain")' });
    expect(result.statements.map((s) => s.applies)).toEqual([true, true]);
  });

  test('a Deny whose conditions do not hold leaves the Allow', () => {
    // GIVEN a Deny of pull-request tokens
    const policy = policyOf(
      { Condition: SCOPED },
      { Effect: 'Deny', Condition: { StringLike: { [key('sub')]: '*:pull_request' } } },
    );

    // WHEN a main-branch token is evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims());

    // THEN it is allowed
    expect(result.decision).toBe(EvaluationDecision.ALLOWED);
    expect(result.statements[1].applies).toBe(false);
  });

  test('a Deny with Principal "*" applies to a GitHub token', () => {
    // GIVEN an Allow and a blanket Deny of tokens without an environment, written with Principal "*"
    const policy = policyOf(
      { Condition: SCOPED },
      { Effect: 'Deny', Principal: '*', Condition: { Null: { [key('environment')]: 'true' } } },
    );

    // WHEN a token without environment is evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims());

    // THEN the Deny applies
    expect(result.decision).toBe(EvaluationDecision.EXPLICIT_DENY);
    expect(result.statements[1].principalMatched).toBe(true);
  });

  test('no statement applies: implicit deny, and the summary says which claim failed', () => {
    // GIVEN a policy for the main branch and a token of an environment
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED), claims({ sub: 'repo:acme/web:environment:production' }));

    // THEN it is denied by default
    expect(result).toMatchObject({
      allowed: false,
      decision: EvaluationDecision.IMPLICIT_DENY,
      summary: 'denied: no statement allows this token (statement 0: sub did not match)',
    });
  });

  test('the summary names every failing claim of each Allow statement', () => {
    // GIVEN two Allow statements that fail on different claims
    const policy = policyOf(
      { Sid: 'Web', Condition: { StringEquals: { [key('aud')]: 'sts.amazonaws.com.cn', [key('sub')]: 'repo:acme/api:*' } } },
      { Condition: { StringEquals: { [key('environment')]: 'production' } } },
    );

    // WHEN evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims());

    // THEN both reasons are in the one line
    expect(result.summary).toBe('denied: no statement allows this token (statement 0 ("Web"): aud and sub did not match; statement 1: environment did not match)');
  });

  test('a policy with only Deny statements denies by default', () => {
    const result = TrustPolicyEvaluator.evaluate(policyOf({ Effect: 'Deny', Condition: { StringEquals: { [key('sub')]: 'x' } } }), claims());
    expect(result.summary).toBe('denied: no statement allows this token (the policy has no Allow statement)');
  });

  test('several Allow statements that apply are all named', () => {
    const result = TrustPolicyEvaluator.evaluate(policyOf({ Condition: SCOPED }, { Condition: SCOPED }), claims());
    expect(result.summary).toBe('allowed by statement 0 and statement 1');
  });

  test('an Effect that is neither Allow nor Deny decides nothing and is reported', () => {
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED, { Effect: 'allow' }), claims());
    expect(result.decision).toBe(EvaluationDecision.IMPLICIT_DENY);
    expect(result.problems).toContain('statement 0 has Effect "allow": expected "Allow" or "Deny"');
  });
});

describe('TrustPolicyEvaluator: principal and issuer', () => {
  test('a statement for another issuer does not apply', () => {
    // GIVEN a policy trusting an enterprise's unique issuer, and a github.com token
    const policy = trustPolicy(undefined, { Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ENTERPRISE_HOST}` } });

    // WHEN evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims());

    // THEN the principal does not match and the summary says whose it is
    expect(result.statements[0].principalMatched).toBe(false);
    expect(result.summary).toBe(`denied: no statement allows this token (statement 0: trusts https://${ENTERPRISE_HOST}, not https://${GITHUB})`);
  });

  test('the token\'s iss decides the issuer, and the keys it reads', () => {
    // GIVEN an enterprise policy whose conditions use the enterprise's keys, and an enterprise token
    const policy = trustPolicy(
      { StringEquals: { [`${ENTERPRISE_HOST}:sub`]: 'repo:acme/web:ref:refs/heads/main' } },
      { Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ENTERPRISE_HOST}` } },
    );

    // WHEN evaluated with an enterprise token
    const result = TrustPolicyEvaluator.evaluate(policy, claims({ iss: `https://${ENTERPRISE_HOST}` }));

    // THEN it is allowed, and a github.com token is not
    expect(result.allowed).toBe(true);
    expect(TrustPolicyEvaluator.evaluate(policy, claims()).allowed).toBe(false);
  });

  test('the issuer option wins over iss, and the difference is reported', () => {
    // GIVEN a github.com policy and token, evaluated as if from the enterprise issuer
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED), claims(), { issuer: GitHubIssuer.enterprise('acme-corp') });

    // THEN the github.com statement does not apply
    expect(result.allowed).toBe(false);
    expect(result.problems).toContain(`the token's iss https://${GITHUB} differs from the issuer option https://${ENTERPRISE_HOST}: the option is used`);
  });

  test('a token without iss is taken to be github.com\'s', () => {
    expect(TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED), claims({ iss: undefined })).allowed).toBe(true);
  });

  test('a token whose iss is not GitHub\'s matches no GitHub statement', () => {
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED), claims({ iss: 'https://accounts.google.com' }));
    expect(result.allowed).toBe(false);
    expect(result.problems).toContain('the token\'s iss "https://accounts.google.com" is not a GitHub Actions issuer');
    expect(result.summary).toMatch(/statement 0: the token's issuer is not a GitHub Actions issuer/);
  });

  test.each([
    ['only AWS principals', { AWS: 'arn:aws:iam::123456789012:root' }, 'trusts AWS principals, not a web identity'],
    ['only a service', { Service: 'ec2.amazonaws.com' }, 'trusts Service principals, not a web identity'],
    ['another identity provider', { Federated: 'arn:aws:iam::123456789012:oidc-provider/accounts.google.com' }, 'trusts another identity provider'],
  ])('a statement trusting %s does not apply', (_name, principal, reason) => {
    // GIVEN an Allow whose principal is not the token's provider
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(undefined, { Principal: principal }), claims());

    // THEN it does not apply, and the summary says what it trusts
    expect(result.statements[0].principalMatched).toBe(false);
    expect(result.summary).toBe(`denied: no statement allows this token (statement 0: ${reason})`);
  });

  test.each([['"*"', '*'], ['{"AWS":"*"}', { AWS: '*' }], ['{"AWS":["arn:aws:iam::123456789012:root","*"]}',
    { AWS: ['arn:aws:iam::123456789012:root', '*'] }], ['{"Federated":"*"}', { Federated: '*' }]])(
    'a statement trusting %s applies to web identities (IAM: "*" and {"AWS":"*"} are the same, everyone)', (_name, principal) => {
      const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED, { Principal: principal }), claims());
      expect(result.statements[0].principalMatched).toBe(true);
      expect(result.decision).toBe(EvaluationDecision.ALLOWED);
    });

  test('Fn::Join principal from a CDK template', () => {
    // GIVEN the provider ARN as CDK synthesizes it in an environment-agnostic stack
    const principal = {
      Federated: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:oidc-provider/${GITHUB}`]] },
    };

    // WHEN evaluated
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED, { Principal: principal }), claims());

    // THEN the principal is recognized
    expect(result.allowed).toBe(true);
  });

  test('Ref principal to a provider of the same template, through providerUrls', () => {
    // GIVEN a principal that references the template's provider
    const policy = trustPolicy(SCOPED, { Principal: { Federated: { 'Fn::GetAtt': ['GitHubProvider', 'Arn'] } } });

    // WHEN evaluated with the provider's URL, and with the URL of another issuer
    const github = TrustPolicyEvaluator.evaluate(policy, claims(), { providerUrls: { GitHubProvider: `https://${GITHUB}` } });
    const enterprise = TrustPolicyEvaluator.evaluate(policy, claims(), { providerUrls: { GitHubProvider: `https://${ENTERPRISE_HOST}` } });

    // THEN the URL decides, with nothing left to assume
    expect(github).toMatchObject({ allowed: true, problems: [] });
    expect(enterprise.statements[0].principalMatched).toBe(false);
  });

  test('a principal that cannot be read is assumed from the condition keys, and reported', () => {
    // GIVEN a principal from a parameter, and conditions on github.com keys
    const policy = trustPolicy(SCOPED, { Principal: { Federated: { Ref: 'ProviderArn' } } });

    // WHEN evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims());

    // THEN the statement is taken as github.com's, and the assumption is reported
    expect(result.allowed).toBe(true);
    expect(result.problems).toContain(`statement 0: its federated principal cannot be read; assumed to be https://${GITHUB}, whose condition keys it uses`);
  });

  test('a principal that cannot be read, with no condition naming an issuer, is assumed to be the token\'s provider, and reported', () => {
    // GIVEN an imported provider and no condition at all
    const policy = trustPolicy(undefined, { Principal: { Federated: { 'Fn::ImportValue': 'ProviderArn' } } });

    // WHEN evaluated with a github.com token and an enterprise token
    const github = TrustPolicyEvaluator.evaluate(policy, claims());
    const enterprise = TrustPolicyEvaluator.evaluate(policy, claims({ iss: `https://${ENTERPRISE_HOST}` }));

    // THEN either may be the provider's, so both get in, and the assumption is reported
    expect([github.allowed, enterprise.allowed]).toEqual([true, true]);
    expect(github.problems).toContain(`statement 0: its federated principal cannot be read and no condition names an issuer; assumed to be https://${GITHUB}`);
    expect(enterprise.problems).toContain(`statement 0: its federated principal cannot be read and no condition names an issuer; assumed to be https://${ENTERPRISE_HOST}`);
  });

  test('a statement listing two issuers applies to a token of either', () => {
    // GIVEN a principal listing the github.com provider second
    const policy = trustPolicy(undefined, {
      Principal: { Federated: [`arn:aws:iam::123456789012:oidc-provider/${ENTERPRISE_HOST}`, GITHUB_PROVIDER_ARN] },
      Condition: { StringEquals: { [key('sub')]: 'repo:acme/web:ref:refs/heads/main' } },
    });

    // WHEN a github.com token is evaluated THEN it is allowed
    expect(TrustPolicyEvaluator.evaluate(policy, claims()).allowed).toBe(true);
  });

  test('NotPrincipal applies to every principal it does not name', () => {
    // GIVEN a Deny with NotPrincipal naming only an AWS account
    const policy = policyOf(
      { Condition: SCOPED },
      { Effect: 'Deny', Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } },
    );

    // WHEN a GitHub token is evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims());

    // THEN the Deny applies to it, and the use of NotPrincipal is reported
    expect(result.decision).toBe(EvaluationDecision.EXPLICIT_DENY);
    expect(result.problems).toContain('statement 1 uses NotPrincipal: evaluated as applying to every principal it does not name');
  });

  test('NotPrincipal naming the token\'s provider excludes it', () => {
    const policy = policyOf({ Condition: SCOPED }, { Effect: 'Deny', Principal: undefined, NotPrincipal: { Federated: GITHUB_PROVIDER_ARN } });
    const result = TrustPolicyEvaluator.evaluate(policy, claims());
    expect(result.decision).toBe(EvaluationDecision.ALLOWED);
    expect(result.statements[1].principalMatched).toBe(false);
  });

  test('a statement without Principal applies to no one', () => {
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED, { Principal: undefined }), claims());
    expect(result.statements[0].principalMatched).toBe(false);
    expect(result.problems).toContain('statement 0 has no Principal: it applies to no one in a trust policy');
  });
});

describe('TrustPolicyEvaluator: actions', () => {
  test.each([
    ['the exact action', { Action: 'sts:AssumeRoleWithWebIdentity' }, true],
    ['the action in another case', { Action: 'STS:assumerolewithwebidentity' }, true],
    ['sts:*', { Action: 'sts:*' }, true],
    ['*', { Action: '*' }, true],
    ['a list with the action', { Action: ['sts:TagSession', 'sts:AssumeRoleWithWebIdentity'] }, true],
    ['another action', { Action: 'sts:AssumeRole' }, false],
    ['NotAction naming another action', { Action: undefined, NotAction: 'sts:AssumeRole' }, true],
    ['NotAction naming the action', { Action: undefined, NotAction: 'sts:AssumeRoleWith*' }, false],
    ['no Action at all', { Action: undefined }, false],
  ])('%s: actionMatched is %s', (_name, statement, matched) => {
    // GIVEN a well-scoped statement with this Action
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED, statement), claims());

    // THEN the action decides whether the statement applies
    expect(result.statements[0].actionMatched).toBe(matched);
    expect(result.allowed).toBe(matched);
  });

  test('the action option evaluates another call', () => {
    // GIVEN a statement for web identities, asked about sts:TagSession
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED), claims(), { action: 'sts:TagSession' });

    // THEN it does not apply, and the summary says so
    expect(result.summary).toBe('denied: no statement allows this token (statement 0: does not cover sts:TagSession)');
  });
});

describe('TrustPolicyEvaluator: policy forms', () => {
  test.each([
    ['JSON text', JSON.stringify(trustPolicy(SCOPED))],
    ['indented JSON text', JSON.stringify(trustPolicy(SCOPED), null, 2)],
    ['URL-encoded JSON text (IAM API)', encodeURIComponent(JSON.stringify(trustPolicy(SCOPED)))],
  ])('%s evaluates as the object does', (_name, text) => {
    // GIVEN the same policy as text WHEN evaluated (twice: the second from the cache)
    const first = TrustPolicyEvaluator.evaluate(text, claims());
    const second = TrustPolicyEvaluator.evaluate(text, claims({ sub: 'repo:acme/web:ref:refs/heads/dev' }));

    // THEN the decisions are those of the object
    expect(first).toEqual(TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED), claims()));
    expect(second.allowed).toBe(false);
  });

  test('a duplicate operator in JSON text: the last one wins, as in IAM', () => {
    // GIVEN text with StringEquals twice (JSON.parse keeps the second)
    const text = `{"Statement":[{"Effect":"Allow","Principal":{"Federated":"${GITHUB_PROVIDER_ARN}"},` +
      '"Action":"sts:AssumeRoleWithWebIdentity","Condition":{' +
      `"StringEquals":{"${key('sub')}":"repo:acme/web:ref:refs/heads/main"},` +
      `"StringEquals":{"${key('aud')}":"sts.amazonaws.com"}}}]}`;

    // WHEN any repository's token is evaluated
    const result = TrustPolicyEvaluator.evaluate(text, claims({ sub: 'repo:evil/web:ref:refs/heads/main' }));

    // THEN only the audience was checked, and the token is allowed
    expect(result.statements[0].conditions.map((c) => c.claim)).toEqual(['aud']);
    expect(result.allowed).toBe(true);
  });

  test('FACTS.md: the secure-by-default check is shallow, but every value counts here: ["repo:acme/x", "*"] admits anyone', () => {
    // GIVEN a StringLike list whose second value is "*"
    const policy = trustPolicy({ StringLike: { [key('sub')]: ['repo:acme/x:*', '*'] } });

    // WHEN a token of another owner is evaluated THEN it is allowed
    expect(TrustPolicyEvaluator.evaluate(policy, claims({ sub: 'repo:evil/x:ref:refs/heads/main' })).allowed).toBe(true);
  });

  test.each([
    ['not JSON', '{"Statement": [', /^denied: the policy could not be read \(the policy is not JSON: /],
    ['without Statement', { Version: '2012-10-17' }, /^denied: the policy could not be read \(the policy has no "Statement"\)$/],
    ['null', null, /^denied: the policy could not be read \(the policy is not a JSON object \(got null\)\)$/],
    ['undefined', undefined, /^denied: the policy could not be read/],
    ['a number', 42, /^denied: the policy could not be read/],
  ])('a policy that is %s is denied with a reason, not an exception', (_name, policy, summary) => {
    const result = TrustPolicyEvaluator.evaluate(policy, claims());
    expect(result.decision).toBe(EvaluationDecision.IMPLICIT_DENY);
    expect(result.summary).toMatch(summary);
    expect(result.problems.length).toBeGreaterThan(0);
  });
});

describe('TrustPolicyEvaluator: claims that are not plain text', () => {
  test.each([
    ['null claims', null, 'the claims are null: evaluated as a token with no claims'],
    ['a string', 'eyJhbGciOi...', 'the claims are not an object of claim names to values (got a string): evaluated as a token with no claims'],
    ['an array', ['sub'], 'the claims are not an object of claim names to values (got an array): evaluated as a token with no claims'],
    ['a boolean claim', claims({ workflow: true }), 'claim "workflow" is the JSON boolean true: compared as the text "true"'],
    ['an object claim', claims({ workflow: { name: 'deploy' } }), 'claim "workflow" is an object: IAM cannot compare it, evaluated as missing'],
    ['a null claim', claims({ workflow: null }), 'claim "workflow" is null: IAM cannot compare it, evaluated as missing'],
    ['an empty list', claims({ workflow: [] }), 'claim "workflow" is an empty list: evaluated as missing'],
    ['a list with an object', claims({ workflow: ['deploy', {}] }), 'claim "workflow" holds a value that is not text or a number: that value is ignored'],
    ['a list of two values', claims({ workflow: ['deploy', 'build'] }), 'claim "workflow" has 2 values: evaluated as a multivalued key'],
  ])('%s is reported', (_name, token, problem) => {
    // GIVEN a policy reading the workflow claim, and claims of an odd shape
    const policy = trustPolicy({ StringEqualsIfExists: { [key('workflow')]: 'deploy' } });

    // WHEN evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, token as any);

    // THEN nothing throws and the oddity is reported
    expect(result.problems).toContain(problem);
  });

  test('claims no condition reads are not reported, whatever they hold', () => {
    // GIVEN a decoded JWT with numeric times and a nested object
    const token = claims({ 'iat': 1767225600, 'exp': 1767229200, 'https://aws.amazon.com/tags': { principal_tags: {} } });

    // WHEN evaluated THEN there is nothing to report
    expect(TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED), token).problems).toEqual([]);
  });

  test('claim names are found without regard to case', () => {
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED), claims({ sub: undefined, Sub: 'repo:acme/web:ref:refs/heads/main' }));
    expect(result.allowed).toBe(true);
  });

  test.each([
    ['options that are a string', 'sts:AssumeRole', 'the options are not an object: ignored'],
    ['an issuer that is a URL string', { issuer: `https://${GITHUB}` }, 'the issuer option is not a GitHubIssuer: ignored'],
    ['an empty action', { action: '' }, 'the action option is not an action name: sts:AssumeRoleWithWebIdentity is evaluated'],
    ['providerUrls that are a list', { providerUrls: [] }, 'the providerUrls option is not an object of logical IDs to issuer URLs: ignored'],
  ])('%s are reported and ignored', (_name, options, problem) => {
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED), claims(), options as any);
    expect(result.allowed).toBe(true);
    expect(result.problems).toContain(problem);
  });
});

describe('TrustPolicyEvaluator: condition blocks that cannot be read', () => {
  test.each([
    ['a Condition that is a string', 'aud=sts.amazonaws.com', 'the Condition is not an object of operators, so it cannot match', 'Condition did not match'],
    ['an operator holding a string', { StringEquals: 'repo:acme/web:*' }, 'StringEquals does not hold an object of keys and values, so it cannot match',
      'StringEquals did not match'],
  ])('%s never lets the statement apply', (_name, condition, explanation, why) => {
    // GIVEN an Allow whose Condition the reader cannot take apart
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(undefined, { Condition: condition }), claims());

    // THEN the block counts as a condition that does not match, rather than as no condition at all
    expect(result.allowed).toBe(false);
    expect(result.statements[0].conditions).toEqual([expect.objectContaining({ matched: false, explanation })]);
    expect(result.summary).toBe(`denied: no statement allows this token (statement 0: ${why})`);
  });
});

describe('TrustPolicyEvaluator: the provider must be in the role\'s account', () => {
  const SCOPED_MAIN = { StringEquals: { [key('aud')]: 'sts.amazonaws.com', [key('sub')]: 'repo:acme/web:ref:refs/heads/main' } };

  test('a provider ARN of another account does not match when the role\'s account is known', () => {
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED_MAIN), claims(), { roleAccount: '999999999999' });
    expect(result.allowed).toBe(false);
    expect(result.summary).toBe('denied: no statement allows this token (statement 0: trusts a provider of account 123456789012, not of the role\'s account 999999999999)');
  });

  test('the same account, or an unknown one, matches', () => {
    expect(TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED_MAIN), claims(), { roleAccount: '123456789012' }).allowed).toBe(true);
    expect(TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED_MAIN), claims()).allowed).toBe(true);
  });

  test('a roleAccount that is not 12 digits is reported and ignored', () => {
    const result = TrustPolicyEvaluator.evaluate(trustPolicy(SCOPED_MAIN), claims(), { roleAccount: 'acme' });
    expect(result.allowed).toBe(true);
    expect(result.problems).toContain('the roleAccount option "acme" is not a 12-digit account ID: ignored');
  });
});
