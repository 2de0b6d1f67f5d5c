import { describeValue } from '../../../model/errors';
import { federatedIssuer, issuerOfMiswrittenPrincipal } from '../../policy/principal';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, ResolvedOptions, StatementRule } from '../rule';
import { capitalize } from '../text';

/**
 * A statement that trusts the GitHub provider and someone else: the conditions written for GitHub tokens are then all
 * that stands between the role and the other principals (with `*`, everyone).
 */
const INFO: TrustPolicyRule = {
  ruleId: 'PrincipalNotOnlyGitHub',
  severity: FindingSeverity.ERROR,
  title: 'A statement trusting GitHub also trusts "*" or other principals',
  explanation: 'Principal "*" lets any caller, with any web identity token the account accepts, use the statement; an AWS, ' +
    'Service or second Federated principal in the same statement shares its conditions, which were written for GitHub ' +
    'tokens and say nothing about the others (a negated or IfExists condition is even true for them). One statement ' +
    'should trust exactly one GitHub OIDC provider.',
  fix: 'Keep only the GitHub provider in "Principal": { "Federated": "arn:<partition>:iam::<account>:oidc-provider/<issuer>" }, ' +
    'and give any other principal a statement of its own.',
};

export const PRINCIPAL_NOT_ONLY_GITHUB: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow',
  check(github: GitHubStatement, options: ResolvedOptions): FindingDraft[] {
    const statement = github.statement;
    const principal = (statement.raw as { Principal?: unknown; NotPrincipal?: unknown }).Principal
      ?? (statement.raw as { NotPrincipal?: unknown }).NotPrincipal;
    const others: string[] = [];
    for (const type of statement.otherPrincipals) {
      others.push(type === '*' ? 'Principal "*" (anyone)' : `${type} ${describeValue((principal as { [type: string]: unknown })[type])}`);
    }
    for (const federated of statement.federated) {
      // GitHub's issuer named by its host is FederatedPrincipalNotArn's finding, not another principal.
      const issuer = federatedIssuer(federated, options.providerUrls) ?? issuerOfMiswrittenPrincipal(federated, [github.issuer]);
      // A principal that cannot be read (an import, a parameter) is taken to be the provider its keys name.
      const unreadable = typeof federated !== 'string' && issuer === undefined;
      if (!unreadable && !(issuer && issuer.sameAs(github.issuer))) others.push(`Federated ${describeValue(federated)}`);
    }
    if (others.length === 0) return [];
    return [{
      message: `${capitalize(github.where)} trusts the GitHub provider ${github.issuer.url} together with ${others.join(', ')}: ` +
        'the GitHub conditions are all that limits the others.',
      fix: `Keep only the GitHub provider in the Principal of ${github.where}, and move ${others.join(', ')} to a statement of its own.`,
      statementIndex: github.index,
    }];
  },
};
