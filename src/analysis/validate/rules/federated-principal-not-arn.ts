import { issuerOfMiswrittenPrincipal, miswrittenPrincipalKind } from '../../policy/principal';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { capitalize, quote } from '../text';

/**
 * `"Federated": "token.actions.githubusercontent.com"`: GitHub's issuer named the way the built-in web identity
 * providers are (`"cognito-identity.amazonaws.com"`), where an IAM OIDC provider's ARN belongs. The role trusts no
 * provider of the account, so every run gets the same opaque AccessDenied. The statement is still judged as that
 * issuer's by the other rules (document.ts, `issuer-host`): what it would admit is reported too. So is a provider ARN
 * written loosely (principal.ts, `issuerOfMiswrittenPrincipal`): with white space around it, in another case, with a
 * Region, or as a wildcard pattern; none is the ARN STS matches (what IAM does with it: principal.ts, `looseArnIssuer`).
 */
const INFO: TrustPolicyRule = {
  ruleId: 'FederatedPrincipalNotArn',
  severity: FindingSeverity.ERROR,
  title: 'The Federated principal is GitHub\'s issuer host or a loosely written ARN, not the ARN of the account\'s OIDC provider',
  explanation: 'A web identity role trusts an IAM OIDC provider by its ARN, "arn:aws:iam::<account>:oidc-provider/' +
    'token.actions.githubusercontent.com", and STS matches a GitHub token to that provider. Only the built-in identity ' +
    'providers (Amazon Cognito, Login with Amazon, Facebook, Google) are named by a host such as ' +
    '"cognito-identity.amazonaws.com". With GitHub\'s host in its place the role names no provider of the account: ' +
    'no GitHub Actions run can assume it, and each fails with "Not authorized to perform sts:AssumeRoleWithWebIdentity". ' +
    'A provider ARN with white space around it, in another case ("ARN:AWS:IAM::"), with a Region, or written as a ' +
    'wildcard pattern ("oidc-provider/*", which IAM does not match as a pattern in a principal) is not the ARN either; ' +
    'the rules judge what it would admit should IAM read it leniently.',
  fix: 'Write the provider\'s ARN: "Federated": "arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com" ' +
    '(in CDK, GitHubOidcProvider.forAccount(stack).oidcProviderArn, or use a GitHubDeployRole).',
};

export const FEDERATED_PRINCIPAL_NOT_ARN: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    if (github.statement.issuerSource !== 'issuer-host') return [];
    // The principal document.ts read as the issuer's host (another non-ARN beside it, say Cognito's, is not it).
    const written = github.statement.federated.find((value) => issuerOfMiswrittenPrincipal(value, [github.issuer]) !== undefined) as string;
    return [{
      message: `${capitalize(github.where)} names its Federated principal ${quote(written)}, ${miswrittenPrincipalKind(written)}, ` +
        'where the ARN of the account\'s IAM OIDC provider belongs: STS matches a GitHub token to that provider\'s ARN, so no ' +
        'run can assume the role (each gets "Not authorized to perform sts:AssumeRoleWithWebIdentity").',
      fix: `Write "Federated": ${quote(github.issuer.providerArn('aws', '<account>'))} in ${github.where} ` +
        '(in CDK: GitHubOidcProvider.forAccount(stack).oidcProviderArn).',
      statementIndex: github.index,
      value: written,
    }];
  },
};
