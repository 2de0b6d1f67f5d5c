import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { capitalize } from '../text';

/**
 * `NotPrincipal` or `NotAction` in an Allow that involves the GitHub provider: both invert what the statement names.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'NotPrincipalOrNotAction',
  severity: FindingSeverity.ERROR,
  title: 'An Allow statement for GitHub uses NotPrincipal or NotAction',
  explanation: '"NotPrincipal" in an Allow trusts every principal except the one named, so naming the GitHub provider ' +
    'there lets everyone else in. "NotAction" in an Allow grants every action except those named, so the GitHub principal ' +
    'gets sts:AssumeRole, sts:TagSession and whatever else the role can be the target of, not just the web-identity call ' +
    'that aws-actions/configure-aws-credentials makes.',
  fix: 'Use "Principal": { "Federated": "<GitHub provider ARN>" } and "Action": "sts:AssumeRoleWithWebIdentity".',
};

export const NOT_PRINCIPAL_OR_NOT_ACTION: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow',
  check(github: GitHubStatement): FindingDraft[] {
    const findings: FindingDraft[] = [];
    if (github.statement.notPrincipal) {
      const namesGitHub = github.statement.issuer !== undefined;
      findings.push({
        message: namesGitHub
          ? `${capitalize(github.where)} is an Allow with "NotPrincipal" naming the GitHub provider ${github.issuer.url}: ` +
            'it trusts every principal except that provider.'
          : `${capitalize(github.where)} is an Allow with "NotPrincipal" ${JSON.stringify(github.statement.raw.NotPrincipal)}: ` +
            'it trusts every principal except those, the web identities of every provider (GitHub\'s included) among them; ' +
            'IAM refuses NotPrincipal in a role trust policy, so the role also fails to deploy.',
        fix: `Replace "NotPrincipal" with "Principal" in ${github.where}.`,
        statementIndex: github.index,
      });
    }
    if (github.statement.notAction) {
      findings.push({
        message: `${capitalize(github.where)} is an Allow with "NotAction" ${JSON.stringify(github.statement.actions)}: ` +
          'the GitHub principal is allowed every other action on the role.',
        fix: `Replace "NotAction" with "Action": "sts:AssumeRoleWithWebIdentity" in ${github.where}.`,
        statementIndex: github.index,
      });
    }
    return findings;
  },
};
