import { SubjectClaim, SubjectKind } from '../../model/subject-claim';
import { TrustAcknowledgement } from '../acknowledgements';

/**
 * The one place where a construct's synthesized trust policy is judged. The constructs call `validateTrustPolicy`
 * from `node.addValidation` and turn the result into synth errors, warnings and info.
 *
 * PLUG-IN POINT: once `TrustPolicyValidator` (src/analysis/validate/validator.ts) exists, `findings` below calls it
 * on the deployed-form policy, so our roles are judged by the same rules as everyone else's (DESIGN.md). Until then
 * it checks the size and the three risky-subject rules from the role's own subjects, under the rule IDs the rules
 * engineer uses.
 */

/** Severity of a finding, as in the analysis contract's FindingSeverity. */
export type Severity = 'ERROR' | 'WARNING' | 'INFO';

/** One finding, shaped like the analysis contract's TrustPolicyFinding. */
export interface TrustFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: string;
  readonly value?: string;
}

/** What to judge. */
export interface TrustPolicyCheck {
  /** The construct path, for messages. */
  readonly path: string;
  /**
   * The trust policy as it will be deployed: resolved, with the provider ARN written as a string in the most
   * conservative (longest) form when the partition or account is not known at synth.
   */
  readonly deployedPolicy: any;
  /** The role's subjects. */
  readonly subjects: SubjectClaim[];
  /** The `sub` values in the policy. */
  readonly subjectValues: string[];
  /** The audience the role pins. */
  readonly audience: string;
  /** The account's trust-policy size quota, in characters of compact JSON. */
  readonly sizeLimit: number;
  /** Acknowledgements recorded on the role. */
  readonly acknowledgements: TrustAcknowledgement[];
}

/** The outcome, ready for `addValidation` and `Annotations`. */
export interface TrustPolicyCheckResult {
  /** Messages that fail the synth. */
  readonly errors: string[];
  /** Unacknowledged warnings: rule ID and message. */
  readonly warnings: { readonly ruleId: string; readonly message: string }[];
  /** Information, including acknowledged warnings with their reasons. */
  readonly infos: string[];
}

/** Rule IDs of the risky-but-legitimate subjects; acknowledgements name them. */
export const PULL_REQUEST_SUBJECT = 'PullRequestSubject';
export const ANY_REF_SUBJECT = 'AnyRefSubject';
export const ALL_BRANCHES_SUBJECT = 'AllBranchesSubject';
export const TRUST_POLICY_TOO_LARGE = 'TrustPolicyTooLarge';

/** Judges a role's trust policy. Never throws. */
export function validateTrustPolicy(check: TrustPolicyCheck): TrustPolicyCheckResult {
  const errors: string[] = [];
  const warnings: { ruleId: string; message: string }[] = [];
  const infos: string[] = [];
  for (const finding of findings(check)) {
    const value = finding.value === undefined ? '' : ` (value: ${JSON.stringify(finding.value)})`;
    const text = `${finding.ruleId}: ${finding.message}${value}. Fix: ${finding.fix}`;
    if (finding.severity === 'ERROR') {
      errors.push(`${check.path}: ${text}`);
    } else if (finding.severity === 'WARNING') {
      const acknowledged = check.acknowledgements.filter((ack) => ack.ruleId === finding.ruleId);
      if (acknowledged.length > 0) {
        infos.push(`${finding.ruleId} acknowledged: ${acknowledged.map((ack) => ack.reason).join('; ')} (${finding.message})`);
      } else {
        warnings.push({
          ruleId: finding.ruleId,
          message: `${text}. If it is deliberate, acknowledge it with a reason: acknowledgements: [{ ruleId: '${finding.ruleId}', ` +
            `reason: '...' }], or TrustAcknowledgements.add(role, '${finding.ruleId}', reason)`,
        });
      }
    } else {
      infos.push(text);
    }
  }
  return { errors, warnings, infos };
}

/** The findings of one role; see PLUG-IN POINT above. */
function findings(check: TrustPolicyCheck): TrustFinding[] {
  return [...sizeFindings(check), ...subjectFindings(check)];
}

/** The compact JSON size against the account's quota (FACTS.md section 2: whitespace is not counted here). */
export function trustPolicySize(policy: unknown): number {
  return JSON.stringify(policy).length;
}

function sizeFindings(check: TrustPolicyCheck): TrustFinding[] {
  const size = trustPolicySize(check.deployedPolicy);
  if (size <= check.sizeLimit) return [];
  return [{
    ruleId: TRUST_POLICY_TOO_LARGE,
    severity: 'ERROR',
    message: `the trust policy is ${size} characters of compact JSON, over the limit of ${check.sizeLimit} ` +
      '(IAM quota ACLSizePerRole; deploying it fails with LimitExceeded)',
    fix: 'split the subjects across several roles, or raise the account\'s ACLSizePerRole quota in Service Quotas and ' +
      'set trustPolicySizeLimit to the new quota',
  }];
}

function subjectFindings(check: TrustPolicyCheck): TrustFinding[] {
  const result: TrustFinding[] = [];
  check.subjects.forEach((subject) => {
    const value = subject.context;
    if (subject.kind === SubjectKind.PULL_REQUEST) {
      result.push({
        ruleId: PULL_REQUEST_SUBJECT,
        severity: 'WARNING',
        message: 'the role trusts pull_request runs: anyone who can push a branch of the repository and open a pull ' +
          'request can run a workflow that assumes it',
        fix: 'trust a protected environment instead, or keep this role read-only',
        value,
      });
    } else if (subject.kind === SubjectKind.ANY_REF) {
      result.push({
        ruleId: ANY_REF_SUBJECT,
        severity: 'WARNING',
        message: 'the role trusts every run of the repository: any branch, tag, pull request or environment',
        fix: 'trust the environments, branches or tags that deploy',
        value,
      });
    } else if (subject.kind === SubjectKind.BRANCH && /^ref:refs\/heads\/\*+$/.test(subject.context)) {
      result.push({
        ruleId: ALL_BRANCHES_SUBJECT,
        severity: 'WARNING',
        message: 'the role trusts runs on every branch: anyone who can push a branch can run a workflow that assumes it',
        fix: 'trust the deploying branch (e.g. SubjectClaim.branch("main")) or a protected environment',
        value,
      });
    }
  });
  return result;
}
