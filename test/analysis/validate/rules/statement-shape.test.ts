import { ACCOUNT, findingsOf, GITHUB, githubPolicy, providerArn, SUB, wellScopedCondition } from '../fixtures';

describe('PrincipalNotOnlyGitHub', () => {
  test.each([
    ['Noncompliance 1: Principal "*" with GitHub conditions', githubPolicy(wellScopedCondition(), { Principal: '*' }), 'Principal "*" (anyone)'],
    ['Noncompliance 1b: Principal { "AWS": "*" } with GitHub conditions', githubPolicy(wellScopedCondition(), { Principal: { AWS: '*' } }), 'AWS "*"'],
    ['Noncompliance 2: an AWS principal next to the provider', githubPolicy(wellScopedCondition(), {
      Principal: { Federated: providerArn(), AWS: `arn:aws:iam::${ACCOUNT}:root` },
    }), `AWS "arn:aws:iam::${ACCOUNT}:root"`],
    ['Noncompliance 3: a Service principal next to the provider', githubPolicy(wellScopedCondition(), {
      Principal: { Federated: providerArn(), Service: 'lambda.amazonaws.com' },
    }), 'Service "lambda.amazonaws.com"'],
    ['Noncompliance 4: a second federated provider', githubPolicy(wellScopedCondition(), {
      Principal: { Federated: [providerArn(), `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com`] },
    }), `Federated "arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com"`],
  ])('%s', (_name, input, other) => {
    const findings = findingsOf('PrincipalNotOnlyGitHub', input);
    expect(findings).toHaveLength(1);
    expect(findings[0].statementIndex).toBe(0);
    expect(findings[0].message).toContain(`trusts the GitHub provider https://${GITHUB} together with ${other}`);
  });

  test.each([
    ['only the provider', githubPolicy(wellScopedCondition())],
    ['an unreadable principal whose keys name GitHub', githubPolicy(wellScopedCondition(), { Principal: { Federated: { 'Fn::ImportValue': 'GitHubProviderArn' } } })],
    ['a Deny with several principals', githubPolicy({ StringLike: { [SUB]: 'repo:evil/*' } }, { Effect: 'Deny', Principal: { Federated: providerArn(), AWS: '*' } })],
  ])('Compliance: %s', (_name, input) => {
    expect(findingsOf('PrincipalNotOnlyGitHub', input)).toEqual([]);
  });
});

describe('NotPrincipalOrNotAction', () => {
  test('Noncompliance 1: NotPrincipal in an Allow', () => {
    const findings = findingsOf('NotPrincipalOrNotAction', githubPolicy(wellScopedCondition(), {
      Principal: undefined, NotPrincipal: { Federated: providerArn() },
    }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('"NotPrincipal" naming the GitHub provider');
    expect(findings[0].fix).toBe('Replace "NotPrincipal" with "Principal" in statement 0.');
  });

  test('Noncompliance 2: NotAction in an Allow', () => {
    const findings = findingsOf('NotPrincipalOrNotAction', githubPolicy(wellScopedCondition(), { Action: undefined, NotAction: 'sts:AssumeRole' }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('"NotAction" ["sts:AssumeRole"]: the GitHub principal is allowed every other action');
  });

  test('Compliance: Principal and Action, and NotAction in a Deny', () => {
    expect(findingsOf('NotPrincipalOrNotAction', githubPolicy(wellScopedCondition()))).toEqual([]);
    expect(findingsOf('NotPrincipalOrNotAction', githubPolicy(undefined, { Effect: 'Deny', Action: undefined, NotAction: 'sts:AssumeRoleWithWebIdentity' }))).toEqual([]);
  });
});
