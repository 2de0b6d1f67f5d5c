import { TrustPolicyEvaluator } from '../../../../src/analysis/evaluate/evaluator';
import { AUD, findingsOf, GITHUB, githubPolicy, SUB, validate, wellScopedCondition } from '../fixtures';

/** A policy whose Federated principal is written `federated` (where the provider's ARN belongs). */
const withFederated = (federated: string, condition: object = wellScopedCondition()) =>
  githubPolicy(condition, { Principal: { Federated: federated } });

describe('FederatedPrincipalNotArn', () => {
  test.each([
    ['github.com\'s host', GITHUB, `arn:aws:iam::<account>:oidc-provider/${GITHUB}`],
    ['github.com\'s issuer URL', `https://${GITHUB}`, `arn:aws:iam::<account>:oidc-provider/${GITHUB}`],
    ['an enterprise issuer of github.com', `${GITHUB}/acme`, `arn:aws:iam::<account>:oidc-provider/${GITHUB}/acme`],
    ['a GitHub Enterprise Server issuer', 'ghe.example.com/_services/token', 'arn:aws:iam::<account>:oidc-provider/ghe.example.com/_services/token'],
  ])('Noncompliance: %s in place of the ARN (no token matches it)', (_name, federated, arn) => {
    const prefix = federated.replace(/^https:\/\//, '');
    const [finding, ...others] = findingsOf('FederatedPrincipalNotArn', withFederated(federated, wellScopedCondition(prefix)));
    expect(others).toEqual([]);
    expect(finding.message).toContain(`names its Federated principal "${federated}", GitHub's issuer, where the ARN of the account's IAM OIDC provider belongs`);
    expect(finding.fix).toContain(`"Federated": "${arn}"`);
    expect(finding.value).toBe(federated);
    // the other principal check does not take it for a second principal
    expect(findingsOf('PrincipalNotOnlyGitHub', withFederated(federated, wellScopedCondition(prefix)))).toEqual([]);
  });

  test('the statement is still judged as GitHub\'s: "repo:*" beside a host principal is an ERROR (it passed unread before)', () => {
    const ruleIds = validate(withFederated(GITHUB, { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:*' } }))
      .filter((finding) => finding.severity === 'ERROR').map((finding) => finding.ruleId);
    expect(ruleIds).toEqual(expect.arrayContaining(['FederatedPrincipalNotArn', 'SubWildcardRepository']));
  });

  test('beside another principal that is no ARN (a built-in provider), the value is the GitHub host', () => {
    const input = githubPolicy(wellScopedCondition(), { Principal: { Federated: ['cognito-identity.amazonaws.com', GITHUB] } });
    const [finding] = findingsOf('FederatedPrincipalNotArn', input);
    expect(finding.value).toBe(GITHUB);
    expect(finding.message).toContain(`names its Federated principal "${GITHUB}"`);
  });

  test('the evaluator says why a token is refused', () => {
    const claims = { iss: `https://${GITHUB}`, aud: 'sts.amazonaws.com', sub: 'repo:acme/web:environment:production', repository_id: '456789' };
    const result = TrustPolicyEvaluator.evaluate(withFederated(GITHUB), claims);
    expect(result.allowed).toBe(false);
    expect(result.summary).toContain(`names https://${GITHUB} as "${GITHUB}", GitHub's issuer, not by its OIDC provider's ARN`);
  });

  test.each([
    ['a space before', ` arn:aws:iam::123456789012:oidc-provider/${GITHUB}`],
    ['a newline after', `arn:aws:iam::123456789012:oidc-provider/${GITHUB}\n`],
  ])('Noncompliance: the provider ARN with %s is judged as GitHub\'s: "repo:*" beside it was passed over as another provider\'s', (_name, federated) => {
    const input = withFederated(federated, { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:*' } });
    const [finding, ...others] = findingsOf('FederatedPrincipalNotArn', input);
    expect(others).toEqual([]);
    expect(finding.message).toContain(`names its Federated principal ${JSON.stringify(federated)}, the provider's ARN with white space around it, ` +
      'where the ARN of the account\'s IAM OIDC provider belongs');
    expect(finding.fix).toContain(`"Federated": "arn:aws:iam::<account>:oidc-provider/${GITHUB}"`);
    // should IAM trim it, the statement would admit anyone: that is reported too
    expect(findingsOf('SubWildcardRepository', input)).toHaveLength(1);
    const refused = TrustPolicyEvaluator.evaluate(input, { iss: `https://${GITHUB}`, aud: 'sts.amazonaws.com', sub: 'repo:evil/x:ref:refs/heads/main' });
    expect(refused.summary).toContain('the provider\'s ARN with white space around it, not by its OIDC provider\'s ARN');
  });

  test.each([
    ['in capitals', `ARN:AWS:IAM::123456789012:OIDC-PROVIDER/${GITHUB}`, 'the provider\'s ARN in another case than AWS writes it'],
    ['with its service in another case', `arn:aws:IAM::123456789012:oidc-provider/${GITHUB}`, 'the provider\'s ARN in another case than AWS writes it'],
    ['with a Region', `arn:aws:iam:us-east-1:123456789012:oidc-provider/${GITHUB}`, 'the provider\'s ARN with a Region, which IAM ARNs do not have'],
    ['as a pattern of every provider', 'arn:aws:iam::123456789012:oidc-provider/*', 'a wildcard pattern, which IAM does not match as a pattern in a principal'],
    ['as a pattern of its host', 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.co?', 'a wildcard pattern'],
    ['as a pattern across fields', 'arn:aws:iam::123456789012:*', 'a wildcard pattern'],
    ['as a pattern that is no ARN', '*:oidc-provider/token.actions.*', 'a wildcard pattern'],
    ['as a pattern with white space around it', ' arn:aws:iam::*:oidc-provider/* ', 'the provider\'s pattern with white space around it'],
  ])('Noncompliance: the provider ARN %s is judged as GitHub\'s: "repo:*" beside it passed every rule as another provider\'s', (_name, federated, kind) => {
    const input = withFederated(federated, { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:*' } });
    const [finding, ...others] = findingsOf('FederatedPrincipalNotArn', input);
    expect(others).toEqual([]);
    expect(finding.message).toContain(`names its Federated principal ${JSON.stringify(federated)}, ${kind}`);
    expect(finding.value).toBe(federated);
    // should IAM read it leniently, the statement would admit anyone: that is reported too
    expect(findingsOf('SubWildcardRepository', input)).toHaveLength(1);
    const refused = TrustPolicyEvaluator.evaluate(input, { iss: `https://${GITHUB}`, aud: 'sts.amazonaws.com', sub: 'repo:evil/x:ref:refs/heads/main' });
    expect(refused.allowed).toBe(false);
    expect(refused.summary).toContain(`${kind}`);
  });

  test.each([
    ['every enterprise of github.com', `arn:aws:iam::123456789012:oidc-provider/${GITHUB}/*`, `${GITHUB}/acme`],
    ['enterprises whose slug is four letters from acm', `arn:aws:iam::123456789012:oidc-provider/${GITHUB}/acm?`, `${GITHUB}/acme`],
    ['every GHE.com enterprise', 'arn:aws:iam::123456789012:oidc-provider/token.actions.*.ghe.com', 'token.actions.octo.ghe.com'],
    ['every path of a GitHub Enterprise Server host', 'arn:aws:iam::123456789012:oidc-provider/github.example.com/*', 'github.example.com/_services/token'],
    ['across fields, in capitals', 'ARN:AWS:IAM::123456789012:*/ACME', `${GITHUB}/acme`],
  ])('Noncompliance: a pattern of enterprise providers (%s) is judged as the enterprise its keys name: "repo:*" beside it passed every rule', (_name, federated, issuer) => {
    const input = withFederated(federated, { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${issuer}:sub`]: 'repo:*' } });
    const [finding, ...others] = findingsOf('FederatedPrincipalNotArn', input);
    expect(others).toEqual([]);
    expect(finding.message).toContain(`names its Federated principal ${JSON.stringify(federated)}, a wildcard pattern`);
    expect(findingsOf('SubWildcardRepository', input)).toHaveLength(1);
    expect(findingsOf('PrincipalNotOnlyGitHub', input)).toEqual([]);
    const refused = TrustPolicyEvaluator.evaluate(input, { iss: `https://${issuer}`, aud: 'sts.amazonaws.com', sub: 'repo:evil/x:ref:refs/heads/main' });
    expect(refused.allowed).toBe(false);
    expect(refused.summary).toContain('a wildcard pattern');
  });

  test('a pattern of enterprise providers whose keys name an enterprise it does not cover is not read as GitHub\'s', () => {
    const issuer = 'token.actions.octo.ghe.com';
    const input = withFederated(`arn:aws:iam::123456789012:oidc-provider/${GITHUB}/*`, { StringLike: { [`${issuer}:sub`]: 'repo:*' } });
    expect(findingsOf('FederatedPrincipalNotArn', input)).toEqual([]);
  });

  test.each([
    ['another provider\'s ARN in capitals', 'ARN:AWS:IAM::123456789012:OIDC-PROVIDER/GITLAB.COM'],
    ['a pattern of another provider\'s host', 'arn:aws:iam::123456789012:oidc-provider/gitlab.*'],
    ['a pattern of enterprise issuers only, with github.com\'s keys (which enterprise is unknown)', `arn:aws:iam::123456789012:oidc-provider/${GITHUB}/*`],
    ['everyone', '*'],
  ])('not read as GitHub\'s provider: %s', (_name, federated) => {
    expect(findingsOf('FederatedPrincipalNotArn', withFederated(federated))).toEqual([]);
  });

  test.each([
    ['the provider ARN', `arn:aws:iam::123456789012:oidc-provider/${GITHUB}`],
    ['the provider ARN of any account (a wildcard where the account belongs, read as GitHub\'s provider)', `arn:aws:iam::*:oidc-provider/${GITHUB}`],
    ['another provider\'s ARN', 'arn:aws:iam::123456789012:oidc-provider/accounts.google.com'],
    ['a built-in web identity provider', 'cognito-identity.amazonaws.com'],
  ])('Compliance: %s', (_name, federated) => {
    expect(findingsOf('FederatedPrincipalNotArn', withFederated(federated))).toEqual([]);
  });
});
