import { isNegatedString, isPositiveString, listsValues, unreadBlocksNote } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { claimConditions, GitHubStatement } from '../github-statement';
import { FindingDraft, ResolvedOptions, StatementRule } from '../rule';
import { capitalize, quote } from '../text';

/**
 * No condition on `aud`. WARNING, not ERROR: `sub` still decides which repository gets in, and STS only accepts
 * tokens whose audience is in the provider's client ID list; but a token the same repository requested for another
 * service (and that service could replay) is accepted too, whenever the provider lists that audience.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'AudienceMissing',
  severity: FindingSeverity.WARNING,
  title: 'No condition on "aud"',
  explanation: 'STS accepts a token only if its "aud" is in the OIDC provider\'s client ID list, so without an "aud" ' +
    'condition the role accepts every audience that list holds, and the list is shared by every role of the account that ' +
    'trusts the provider. A token a workflow requested for another service (which that service has seen and could replay) ' +
    'then works here too. It is a WARNING rather than an ERROR because it lets no other repository in: "sub" still decides that.',
  fix: 'Add "<issuer>:aud": "sts.amazonaws.com" under StringEquals.',
};

export const AUDIENCE_MISSING: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement, options: ResolvedOptions): FindingDraft[] {
    if (claimConditions(github, 'aud').some((condition) => (isPositiveString(condition) || isNegatedString(condition))
      && listsValues(condition))) return [];
    const key = github.issuer.conditionKey('aud');
    return [{
      message: `${capitalize(github.where)} does not check ${quote(key)}${unreadBlocksNote(github)}: it accepts every audience in the provider's client ID ` +
        'list, including tokens a workflow requested for another service.',
      fix: `Add ${quote(key)}: ${quote(options.expectedAudience)} under StringEquals in ${github.where}.`,
      statementIndex: github.index,
    }];
  },
};
