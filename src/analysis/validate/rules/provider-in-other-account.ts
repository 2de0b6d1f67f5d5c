import { federatedIssuer, flattenIntrinsic, providerAccount } from '../../policy/principal';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, ResolvedOptions, StatementRule } from '../rule';
import { capitalize, quote } from '../text';

/**
 * A GitHub provider ARN of another account than the role's: a trust policy copied from one account to another with
 * its provider ARN unchanged. STS takes a token only through the provider of the role's own account (FACTS.md, "What a
 * `sub` value can match"), so no run can assume the role. Reported only when the caller knows the role's account
 * (`roleAccount`: audit and explain from the role's ARN, the constructs from a stack's literal account).
 */
const INFO: TrustPolicyRule = {
  ruleId: 'ProviderInOtherAccount',
  severity: FindingSeverity.ERROR,
  title: 'The GitHub provider the statement trusts is in another account than the role',
  explanation: 'STS looks the token\'s OIDC provider up in the account of the role being assumed: a trust policy that ' +
    'names the provider of another account (typically copied from that account, or deployed to every account of an ' +
    'organization with one account\'s ID in it) admits no token, and every run fails with "Not authorized to perform ' +
    'sts:AssumeRoleWithWebIdentity".',
  fix: 'Name the provider of the role\'s own account: "arn:aws:iam::<role account>:oidc-provider/token.actions.githubusercontent.com" ' +
    '(in CloudFormation, with ${AWS::AccountId}; each account needs its own provider).',
};

export const PROVIDER_IN_OTHER_ACCOUNT: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement, options: ResolvedOptions): FindingDraft[] {
    const roleAccount = options.roleAccount;
    if (roleAccount === undefined) return [];
    const findings: FindingDraft[] = [];
    for (const federated of github.statement.federated) {
      const account = providerAccount(federated);
      const issuer = federatedIssuer(federated, options.providerUrls);
      if (account === undefined || account === roleAccount || !issuer?.sameAs(github.issuer)) continue;
      // A CDK Fn::Join of a literal account is shown as text, its unknown parts as ${...}
      const arn = typeof federated === 'string' ? federated : flattenIntrinsic(federated) ?? JSON.stringify(federated);
      findings.push({
        message: `${capitalize(github.where)} trusts the GitHub provider of account ${account} (${quote(arn)}), but the role is in ` +
          `account ${roleAccount}: STS takes a token only through the provider of the role's own account, so no run can assume it.`,
        fix: `Write ${quote(arn.replace(/^(arn:[^:]*:iam::)\d{12}:/, `$1${roleAccount}:`))} in ${github.where} (the account needs its own ` +
          `provider for ${github.issuer.url}).`,
        statementIndex: github.index,
        value: arn,
      });
    }
    return findings;
  },
};
