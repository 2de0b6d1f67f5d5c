import { immutableRepositoryParts } from '../../../model/repository';
import { ParsedCondition } from '../../policy/document';
import { describeCondition, failsWhenMissing, hasWildcard, ignoresCase, isPattern, isPositiveString, listsValues, valueText } from '../conditions';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { claimConditions, GitHubStatement } from '../github-statement';
import { FindingDraft, StatementRule } from '../rule';
import { SubjectAnalysis } from '../subject';
import { subjectValues } from '../subject-values';
import { capitalize, quote } from '../text';

/**
 * A literal `sub` value that names a repository, its IDs or a ref, beside a condition on that claim (`repository`,
 * `repository_id`, `repository_owner_id`, `ref`) that admits none of it: both must hold for one token, so the value
 * never matches. The usual slip is copying a role and updating one of the two.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'ClaimContradictsSub',
  severity: FindingSeverity.ERROR,
  title: 'A "repository", ID or "ref" condition admits none of what a "sub" value names, so that value never matches',
  explanation: 'A literal subject says what the token\'s other claims are: "repo:acme/web:ref:refs/heads/main" is only ever ' +
    'written for a run whose repository claim is "acme/web" and whose ref is "refs/heads/main" (the immutable form ' +
    '"repo:acme@1844662/web@456789:..." also fixes repository_owner_id and repository_id; a custom template\'s ' +
    '"repository_id:..." or "ref:..." parts fix those claims). IAM requires every condition of a statement, so beside ' +
    '"repository": "acme/api" or "ref": "refs/heads/release" that subject matches no token: the role (or this value of it) ' +
    'never works, and STS answers with an AccessDenied that names no condition.',
  fix: 'Make the two agree: name the same repository, IDs and ref in the "sub" value and in the other condition (or drop ' +
    'the other condition when the "sub" value already says it).',
};

/** The claims a literal subject fixes, with the values it fixes them to. */
const JUDGED_CLAIMS = ['repository', 'repository_id', 'repository_owner_id', 'ref'] as const;
type JudgedClaim = typeof JUDGED_CLAIMS[number];

export const CLAIM_CONTRADICTS_SUB: StatementRule = {
  kind: 'statement',
  info: INFO,
  scope: 'allow-web-identity',
  check(github: GitHubStatement): FindingDraft[] {
    const pins = JUDGED_CLAIMS.flatMap((claim) => literalPins(github, claim));
    if (pins.length === 0) return [];
    const findings: FindingDraft[] = [];
    for (const { condition, text, pattern, analysis } of subjectValues(github)) {
      // Only a literal subject GitHub can write says what the other claims are.
      if (pattern || analysis.shapeProblem) continue;
      const fixed = claimsFixedBy(analysis);
      const subIgnoresCase = ignoresCase(condition);
      for (const pin of pins) {
        const named = fixed[pin.claim];
        if (named === undefined) continue;
        const fold = subIgnoresCase || pin.ignoresCase ? (value: string) => value.toLowerCase() : (value: string) => value;
        if (pin.values.some((value) => fold(value) === fold(named))) continue;
        findings.push({
          message: `${capitalize(github.where)}: ${describeCondition(condition)} value ${quote(text)} names ${pin.claim} ${quote(named)}, ` +
            `but ${describeCondition(pin.condition)} admits only ${pin.values.map(quote).join(', ')}: no token meets both, so this ` +
            'value never matches.',
          fix: INFO.fix,
          statementIndex: github.index,
          conditionKey: condition.key,
          value: text,
        });
        // One contradiction explains the value; a second would only repeat the fix.
        break;
      }
    }
    return findings;
  },
};

interface LiteralPin {
  readonly claim: JudgedClaim;
  readonly condition: ParsedCondition;
  readonly values: string[];
  readonly ignoresCase: boolean;
}

/**
 * The conditions on `claim` that every admitted token must meet and that list literal values only. A pattern, a
 * CloudFormation expression or a policy variable may admit what the subject names: such a condition is not judged.
 */
function literalPins(github: GitHubStatement, claim: JudgedClaim): LiteralPin[] {
  const pins: LiteralPin[] = [];
  for (const condition of claimConditions(github, claim)) {
    if (!isPositiveString(condition) || !failsWhenMissing(condition) || !listsValues(condition)) continue;
    const values = condition.values.map(valueText);
    // Any `${` under policy variables, escapes (`${*}`) included: the text then is not what IAM compares.
    const literal = (value: string | undefined): value is string => value !== undefined && !(isPattern(condition) && hasWildcard(value))
      && !(github.statement.replacesVariables && value.includes('${'));
    if (!values.every(literal)) continue;
    pins.push({ claim, condition, values: values as string[], ignoresCase: ignoresCase(condition) });
  }
  return pins;
}

/**
 * What a literal subject says the judged claims are: its `repo` part (`owner/name`, or `owner@id/name@id` with both
 * IDs), and a custom template's `repository`, `repository_id`, `repository_owner_id` and `ref` parts; the context
 * `ref:...` is the ref claim too. None of these values can hold the `:` GitHub writes as `%3A` elsewhere.
 */
function claimsFixedBy(analysis: SubjectAnalysis): Partial<Record<JudgedClaim, string>> {
  const fixed: Partial<Record<JudgedClaim, string>> = {};
  for (const item of analysis.items) {
    if (item.keyPattern || item.valuePattern || item.value === undefined) continue;
    if (item.key === 'repo') {
      const immutable = immutableRepositoryParts(item.value);
      if (immutable) {
        fixed.repository = immutable.name;
        fixed.repository_owner_id = immutable.ownerId;
        fixed.repository_id = immutable.repositoryId;
      } else {
        fixed.repository = item.value;
      }
    } else if ((JUDGED_CLAIMS as readonly string[]).includes(item.key)) {
      fixed[item.key as JudgedClaim] = item.value;
    }
  }
  return fixed;
}
