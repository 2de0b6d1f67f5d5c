/**
 * Why each burst of denied `AssumeRoleWithWebIdentity` calls failed, from what CloudTrail recorded: the token's `aud`
 * and `sub` and the provider, evaluated against the roles of the policy input. Conditions on claims the record does
 * not carry (`repository_id`, `job_workflow_ref`, ...) are never guessed: they are reported as undecidable here.
 */
import { diagnose } from './diagnose';
import { Cause } from './diagnosis-types';
import { FailureBurst } from '../../analysis/cloudtrail/bursts';
import { closestAllow } from '../../analysis/evaluate/closest-allow';
import { TrustPolicyEvaluator } from '../../analysis/evaluate/evaluator';
import { ConditionEvaluation, TrustPolicyEvaluation } from '../../analysis/evaluate/types';
import { parsePolicy } from '../../analysis/policy/document';
import { GitHubIssuer } from '../../model/issuer';
import { roleAccountOf, RoleInput, roleLabel } from '../input/roles';
import { repositoryName, repositoryOfSubject } from '../subject-parts';

/** The claims a CloudTrail record carries: the rest of the token is unknown. */
const RECORDED_CLAIMS = new Set(['sub', 'aud']);

/** Cause IDs of CloudTrail failures besides the diagnosis' own (`Cause`). */
export const CloudTrailCause = {
  /** STS found no OIDC provider for the token's issuer in the account (cause 2). */
  PROVIDER_MISSING: 'PROVIDER_MISSING',
  /** The token's aud is not among the provider's client IDs (cause 5). */
  AUDIENCE_NOT_IN_PROVIDER: 'AUDIENCE_NOT_IN_PROVIDER',
  /** The role's conditions on aud and sub hold: what failed reads claims the record lacks. */
  UNDECIDABLE_FROM_CLOUDTRAIL: 'UNDECIDABLE_FROM_CLOUDTRAIL',
  /** The role the record names is not in the policy input. */
  ROLE_NOT_IN_INPUT: 'ROLE_NOT_IN_INPUT',
  /** No role of the input trusts the token's provider. */
  NO_ROLE_TRUSTS_PROVIDER: 'NO_ROLE_TRUSTS_PROVIDER',
  /** The trust policy admits the recorded aud and sub: the refusal came from elsewhere. */
  POLICY_ADMITS: 'POLICY_ADMITS',
  /** Another error than a policy refusal (expired token, throttling, ...). */
  OTHER_ERROR: 'OTHER_ERROR',
} as const;

/** One explained burst, in the JSON shape `explain --cloudtrail --format json` prints. */
export interface ExplainedFailure {
  readonly sub: string | null;
  readonly aud: string | null;
  readonly provider: string | null;
  readonly roleArn: string | null;
  readonly role: string | null;
  /** Roles that may have been meant when the record names none, most plausible first. */
  readonly candidates: { readonly role: string; readonly arn?: string; readonly why: string }[];
  readonly guessed: boolean;
  readonly count: number;
  readonly first: string | null;
  readonly last: string | null;
  readonly runIds: string[];
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly failedConditions: string[];
  /** Conditions the record cannot decide (claims it does not carry). */
  readonly undecidedConditions: string[];
  readonly cause: { readonly id: string; readonly seedCause?: number; readonly message: string };
  readonly fix: string;
}

/** Explains one burst against the roles of the policy input. */
export function explainBurst(burst: FailureBurst, roles: readonly RoleInput[]): ExplainedFailure {
  const attempt = burst.first;
  const issuer = attempt.issuerHostAndPath === undefined ? undefined : GitHubIssuer.tryFromUrl(`https://${attempt.issuerHostAndPath}`);
  const base = {
    sub: attempt.sub ?? null,
    aud: attempt.aud ?? null,
    provider: attempt.provider ?? null,
    roleArn: attempt.roleArn ?? null,
    count: burst.count,
    first: burst.firstTime ?? null,
    last: burst.lastTime ?? null,
    runIds: burst.runIds,
    errorCode: attempt.errorCode ?? null,
    errorMessage: attempt.errorMessage ?? null,
  };
  const message = attempt.errorMessage ?? '';
  // Failures decided before any trust policy is read, or without a role to read: no role, no candidates.
  const roleless = (cause: ExplainedFailure['cause'], fix: string, failedConditions: string[] = [],
    candidates: ExplainedFailure['candidates'] = []): ExplainedFailure =>
    ({ ...base, role: null, candidates, guessed: false, failedConditions, undecidedConditions: [], cause, fix });
  if (attempt.errorCode === 'InvalidIdentityToken' && /No OpenIDConnect provider found/i.test(message)) {
    return roleless({ id: CloudTrailCause.PROVIDER_MISSING, seedCause: 2, message: `The account has no OIDC provider for ${issuerText(attempt.issuerHostAndPath)}: STS refused the token before reading any trust policy.` },
      `Create the provider once per account (GitHubOidcProvider.forAccount(this), or aws iam create-open-id-connect-provider --url https://${attempt.issuerHostAndPath ?? 'token.actions.githubusercontent.com'} --client-id-list ${attempt.aud ?? 'sts.amazonaws.com'}).`);
  }
  if (attempt.errorCode === 'InvalidIdentityToken' && /Incorrect token audience/i.test(message)) {
    return roleless({ id: CloudTrailCause.AUDIENCE_NOT_IN_PROVIDER, seedCause: 5, message: `The token's aud ${quote(attempt.aud)} is not among the client IDs of the account's provider for ${issuerText(attempt.issuerHostAndPath)}.` },
      `Add ${quote(attempt.aud)} to the provider's client IDs (GitHubOidcProvider clientIds, or aws iam add-client-id-to-open-id-connect-provider), or request the audience the provider lists with the configure-aws-credentials input \`audience:\`.`,
      [`${attempt.issuerHostAndPath ?? 'token.actions.githubusercontent.com'}:aud`]);
  }
  if (attempt.errorCode !== undefined && attempt.errorCode !== 'AccessDenied') {
    return roleless({ id: CloudTrailCause.OTHER_ERROR, message: `STS answered ${attempt.errorCode}${message ? `: ${message}` : ''}, not a trust-policy refusal.` },
      'See the error: an expired or malformed token, throttling or a regional endpoint problem is not fixed in the trust policy.');
  }

  const claims: { [claim: string]: string } = {};
  if (issuer) claims.iss = issuer.url;
  if (attempt.aud !== undefined) claims.aud = attempt.aud;
  if (attempt.sub !== undefined) claims.sub = attempt.sub;
  const { role, candidates, guessed, whyMissing } = chooseRole(attempt.roleArn, issuer, claims, roles);
  if (!role) {
    return roleless(whyMissing!, whyMissing!.id === CloudTrailCause.ROLE_NOT_IN_INPUT
      ? `Pass the role's trust policy: aws iam get-role --role-name ${roleNameOf(attempt.roleArn)} > role.json, then --policy role.json.`
      : 'Pass the roles of the account (aws iam get-account-authorization-details --filter Role > roles.json), or create a role that trusts the provider.',
    [], candidates);
  }
  const evaluation = evaluate(role, claims);
  const closest = closestAllow(evaluation.statements);
  const failed = (closest?.conditions ?? []).filter((condition) => !condition.matched);
  const decidable = failed.filter(isDecidable);
  const undecided = failed.filter((condition) => !isDecidable(condition));
  const label = roleLabel(role);
  const common = {
    ...base,
    role: label,
    candidates,
    guessed,
    failedConditions: decidable.map((condition) => condition.key),
    undecidedConditions: undecided.map((condition) => condition.key),
  };
  if (evaluation.allowed || (closest && closest.principalMatched && closest.actionMatched && decidable.length === 0)) {
    const undecidable = undecided.length > 0;
    return {
      ...common,
      cause: undecidable
        ? { id: CloudTrailCause.UNDECIDABLE_FROM_CLOUDTRAIL, message: `${label} admits the recorded aud and sub; what fails reads claims CloudTrail does not record (${undecided.map((c) => c.key).join(', ')}): this cannot be decided from CloudTrail.` }
        : { id: CloudTrailCause.POLICY_ADMITS, message: `${label}'s trust policy admits the recorded aud and sub; the refusal came from elsewhere (another role than this one, a session policy, or an SCP/RCP).` },
      fix: undecidable ? 'Run explain with the token (--token-file) or the run (--repo, --owner-id, --repo-id ...) to decide those conditions.'
        : 'Check that the role ARN the workflow names is this role, and the organization policies of the account.',
    };
  }
  const parsed = parsePolicy(role.policy, { providerUrls: role.providerUrls });
  const diagnosis = diagnose({ evaluation, policy: parsed, claims, roleAccount: roleAccountOf(role), reevaluate: (other) => evaluate(role, other) });
  const findings = diagnosis.findings.filter((finding) => !(finding.cause === Cause.MISSING_CLAIM && !keyIsRecorded(finding.conditionKey)));
  const finding = findings[0];
  const change = diagnosis.changes.find((candidate) => !candidate.text.includes('remove the condition')) ?? diagnosis.changes[0];
  return {
    ...common,
    cause: finding ? { id: finding.cause, message: finding.text } : { id: Cause.VALUE_MISMATCH, message: evaluation.summary },
    fix: change ? `${change.text}${change.snippet ? `: ${change.snippet}` : ''}${change.alternative ? ` (or ${change.alternative})` : ''}` +
      `${change.warning ? ` (warning: ${change.warning})` : ''}` : 'See the failed conditions.',
  };
}

function evaluate(role: RoleInput, claims: { [claim: string]: string }): TrustPolicyEvaluation {
  return TrustPolicyEvaluator.evaluate(role.policy, claims, {
    providerUrls: role.providerUrls, roleAccount: roleAccountOf(role), templateMappings: role.mappings,
  });
}

/** The role the record names, or else the roles that trust the provider, most plausible first (a guess, said so). */
function chooseRole(roleArn: string | undefined, issuer: GitHubIssuer | undefined, claims: { [claim: string]: string },
  roles: readonly RoleInput[]): {
    role?: RoleInput;
    candidates: ExplainedFailure['candidates'];
    guessed: boolean;
    whyMissing?: ExplainedFailure['cause'];
  } {
  if (roleArn !== undefined) {
    const name = roleNameOf(roleArn);
    const named = roles.find((role) => role.arn === roleArn) ?? roles.find((role) => role.roleName === name);
    if (named) return { role: named, candidates: [], guessed: false };
    return { candidates: [], guessed: false, whyMissing: { id: CloudTrailCause.ROLE_NOT_IN_INPUT, message: `The record names ${roleArn}, which is not in the policy input.` } };
  }
  const trusting = roles.filter((role) => issuer !== undefined && parsePolicy(role.policy, { providerUrls: role.providerUrls })
    .statements.some((statement) => statement.issuer?.sameAs(issuer) || statement.everyone));
  if (trusting.length === 0) {
    return { candidates: [], guessed: false, whyMissing: { id: CloudTrailCause.NO_ROLE_TRUSTS_PROVIDER, message: `The record names no role (requestParameters.roleArn is null, as on denied calls) and no role of the input trusts ${issuer?.url ?? 'the token\'s provider'}.` } };
  }
  const repository = claims.sub === undefined ? undefined : repositoryName(repositoryOfSubject(claims.sub) ?? '');
  const ranked = trusting.map((role) => rank(role, claims, repository)).sort((a, b) => a.score - b.score);
  return {
    role: ranked[0].role,
    candidates: ranked.map(({ role, why }) => ({ role: roleLabel(role), ...(role.arn ? { arn: role.arn } : {}), why })),
    guessed: true,
  };
}

/** Lower is more plausible: trusts the token's repository, then fewest failed aud/sub conditions. */
function rank(role: RoleInput, claims: { [claim: string]: string }, repository: string | undefined): { role: RoleInput; score: number; why: string } {
  const evaluation = evaluate(role, claims);
  const closest = closestAllow(evaluation.statements);
  const failed = (closest?.conditions ?? []).filter((condition) => !condition.matched && isDecidable(condition)).length;
  const trustsRepository = repository !== undefined && (closest?.conditions ?? []).some((condition) =>
    condition.claim === 'sub' && condition.expected.some((value) => repositoryName(repositoryOfSubject(value) ?? '') === repository));
  // Then the kind of run: a role trusting some branch is the likelier target of a branch run than an environment role.
  const kind = contextKind(claims.sub);
  const sameKind = kind !== undefined && (closest?.conditions ?? []).some((condition) =>
    condition.claim === 'sub' && condition.expected.some((value) => contextKind(value) === kind));
  const score = (trustsRepository ? 0 : 100) + failed * 2 + (sameKind ? 0 : 1);
  const why = trustsRepository
    ? `trusts ${repository}${sameKind ? ` and ${kind} subjects` : ''}; ${failed === 0 ? 'its aud and sub conditions hold' : `${failed} aud/sub condition(s) fail`}`
    : `trusts the provider but not ${repository ?? 'the recorded repository'}`;
  return { role, score, why };
}

/** `ref`, `environment` or `pull_request`: the kind of context a default-template sub ends in. */
function contextKind(sub: string | undefined): string | undefined {
  return sub === undefined ? undefined : /:(ref|environment):[^:]*$|:(pull_request)$/.exec(sub)?.slice(1).find((part) => part !== undefined);
}

/** A condition the record decides: on `aud` or `sub`, or on a key that is no claim of the token (always missing). */
function isDecidable(condition: ConditionEvaluation): boolean {
  return condition.claim === undefined || RECORDED_CLAIMS.has(condition.claim);
}

function keyIsRecorded(key: string | undefined): boolean {
  if (key === undefined) return true;
  const claim = key.slice(key.lastIndexOf(':') + 1).toLowerCase();
  return RECORDED_CLAIMS.has(claim) || !key.includes(':');
}


function roleNameOf(arn: string | undefined): string {
  return arn === undefined ? '<name>' : arn.slice(arn.lastIndexOf('/') + 1);
}

function issuerText(hostAndPath: string | undefined): string {
  return hostAndPath === undefined ? 'the token\'s issuer' : `https://${hostAndPath}`;
}

function quote(value: string | undefined): string {
  return value === undefined ? '(unknown)' : JSON.stringify(value);
}
