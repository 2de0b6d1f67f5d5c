import { describeCondition, ignoresCase, positiveValues } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { capitalize, quote } from '../text';

/**
 * A condition on one of the other GitHub claims STS compares (`repository`, `repository_id`, `repository_owner_id`,
 * `actor_id`, `ref`) whose value is not one GitHub writes for that claim: the runs it was meant for are refused with an
 * AccessDenied that names no condition. SubShapeInvalid's counterpart for the claims beside `sub`.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'ClaimShapeInvalid',
  severity: FindingSeverity.ERROR,
  title: 'A "repository", ID or "ref" condition value is not one GitHub writes, so it never matches',
  explanation: 'GitHub writes the repository claim as "<owner>/<name>", the ID claims (repository_id, repository_owner_id, ' +
    'actor_id) as decimal numbers without leading zeros, and ref as a full git ref ("refs/heads/main", "refs/tags/v1", ' +
    '"refs/pull/7/merge"). A value such as "web" (no owner), "acme/web/api", "0123", "R_kgDOH" (a node ID, not the ' +
    'number) or "main" (a branch name, not a ref) is compared as written and matches no token: the role (or this value ' +
    'of it) never works, and STS answers with an AccessDenied that names no condition.',
  fix: 'Write the value as GitHub does, e.g. "acme/web" for repository, "456789" for repository_id (GET /repos/{owner}/{repo} ' +
    'gives "id"), "refs/heads/main" for ref.',
};

/** What GitHub writes for each claim this rule reads: why a literal value is not that, or undefined when it may be. */
const SHAPES: { readonly [claim: string]: (value: string, ignoreCase: boolean) => string | undefined } = {
  repository: repositoryProblem,
  repository_id: idProblem,
  repository_owner_id: idProblem,
  actor_id: idProblem,
  ref: refProblem,
};

export const CLAIM_SHAPE_INVALID: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    const findings: FindingDraft[] = [];
    for (const claim of Object.keys(SHAPES)) {
      for (const { condition, text, pattern } of positiveValues(github, claim)) {
        // A pattern may still match a value GitHub writes; only a literal value is certain not to.
        if (pattern) continue;
        const problem = SHAPES[claim](text, ignoresCase(condition));
        if (problem === undefined) continue;
        findings.push({
          message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} is not a ${claim} GitHub ` +
            `writes (${problem}), so no token matches it.`,
          fix: INFO.fix,
          statementIndex: github.index,
          conditionKey: condition.key,
          value: text,
        });
      }
    }
    return findings;
  },
};

// Owner and name as GitHub allows them, loosely: letters, digits, `-`, `_` (Enterprise Managed Users' logins end in
// `_<shortcode>`) and, in names, `.`. Looser than GitHubRepository's check on purpose: a name this passes that GitHub
// refuses only goes unreported, while a real name this refused would be a false error.
const OWNER = /^[A-Za-z0-9_-]+$/;
const NAME = /^[A-Za-z0-9._-]+$/;

function repositoryProblem(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length !== 2) return parts.length === 1 ? 'it names no owner: GitHub writes "<owner>/<name>"' : 'GitHub writes "<owner>/<name>", with one "/"';
  const [owner, name] = parts;
  if (!OWNER.test(owner)) return owner === '' ? 'the owner is empty' : `the owner ${quote(owner)} holds a character GitHub does not allow in one`;
  if (!NAME.test(name)) return name === '' ? 'the name is empty' : `the name ${quote(name)} holds a character GitHub does not allow in one`;
  return undefined;
}

const DECIMAL_ID = /^[1-9][0-9]*$/;

function idProblem(value: string): string | undefined {
  if (DECIMAL_ID.test(value)) return undefined;
  if (/^0[0-9]*$/.test(value)) return 'GitHub writes IDs without leading zeros';
  return 'GitHub writes IDs as decimal numbers';
}

function refProblem(value: string, ignoreCase: boolean): string | undefined {
  const start = value.slice(0, 'refs/'.length);
  if ((ignoreCase ? start.toLowerCase() : start) === 'refs/') return undefined;
  // A bare branch or tag name is the usual slip: show it as the branch's ref.
  return `GitHub writes the full ref, e.g. ${quote(NAME.test(value) ? `refs/heads/${value}` : 'refs/heads/main')}`;
}
