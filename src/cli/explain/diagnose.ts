/**
 * Why a trust policy refused a token, in plain words, and the smallest policy change that would admit the run.
 *
 * Pure: it reads the evaluator's verdict, the parsed policy and the token's claims, and knows the usual ways GitHub
 * deploys break (FACTS.md): a job with an environment gets `environment:NAME` as `sub` whatever the branch, a
 * `pull_request` run gets `pull_request`, IAM compares case-sensitively, `StringEquals` treats `*` literally,
 * immutable `owner@id/repo@id` subjects differ from name-only ones, and so on.
 */
import { Cause, Diagnosis, DiagnosisInput, Finding, PolicyChange } from './diagnosis-types';
import { StatementContext } from './statement-diagnosis';
import { closestAllow } from '../../analysis/evaluate/closest-allow';
import { EvaluationDecision, StatementEvaluation } from '../../analysis/evaluate/types';
import { ParsedStatement } from '../../analysis/policy/document';

/** Diagnoses a refused run; returns an empty diagnosis when the evaluation allowed it. */
export function diagnose(input: DiagnosisInput): Diagnosis {
  const { evaluation, policy } = input;
  if (evaluation.decision === EvaluationDecision.ALLOWED) return { findings: [], changes: [] };
  const findings: Finding[] = [];
  const changes: PolicyChange[] = [];

  for (const statement of evaluation.statements) {
    if (statement.effect === 'Deny' && statement.applies) {
      findings.push({
        cause: Cause.EXPLICIT_DENY,
        statementIndex: statement.index,
        text: `Statement ${statement.index}${sidText(statement)} is a Deny whose principal, action and conditions all match this token: ` +
          'an explicit deny wins over every Allow.',
      });
      changes.push({
        statementIndex: statement.index,
        text: `statement ${statement.index}: narrow the Deny's conditions so that they exclude this run, or remove the statement`,
      });
    }
  }

  const closest = closestAllow(evaluation.statements);
  if (!closest) {
    if (findings.length === 0) {
      findings.push({
        cause: Cause.NO_ALLOW_STATEMENT,
        text: policy.statements.length === 0
          ? `The policy could not be read (${policy.problems.join('; ') || 'no statements'}), so nothing allows the token.`
          : 'The policy has no Allow statement, so nothing allows the token.',
      });
    }
    return { findings, changes };
  }
  if (closest.applies) return { closestStatement: closest.index, findings, changes };

  const parsed = policy.statements.find((s) => s.index === closest.index);
  const context = new StatementContext(closest, parsed, input.claims, input.roleAccount);
  context.diagnosePrincipal(findings, changes);
  if (!closest.actionMatched) {
    findings.push({
      cause: Cause.ACTION_NOT_ALLOWED,
      statementIndex: closest.index,
      text: `Statement ${closest.index} does not allow sts:AssumeRoleWithWebIdentity ` +
        `(${parsed?.notAction ? 'NotAction' : 'Action'}: ${parsed?.actions.join(', ') || 'none'}), the call configure-aws-credentials makes with an OIDC token.`,
    });
    changes.push({ statementIndex: closest.index, text: `statement ${closest.index}: set "Action": "sts:AssumeRoleWithWebIdentity"` });
  }
  for (const condition of closest.conditions) {
    if (!condition.matched && !context.renamedByPrincipalChange(condition)) context.diagnoseCondition(condition, findings, changes);
  }
  diagnoseBehindIssuer(input, closest, parsed, findings, changes);
  return { closestStatement: closest.index, findings, changes };
}

/**
 * When the statement trusts another GitHub issuer, its conditions read no claim of this token, so they say nothing
 * yet. Evaluating the policy as if the token came from the trusted issuer shows whether the run would pass once the
 * provider is fixed, and if not, why.
 */
function diagnoseBehindIssuer(input: DiagnosisInput, closest: StatementEvaluation, parsed: ParsedStatement | undefined,
  findings: Finding[], changes: PolicyChange[]): void {
  const trusted = parsed?.issuer;
  if (closest.principalMatched || !trusted || !input.reevaluate || input.claims.iss === undefined) return;
  const claims = { ...input.claims, iss: trusted.url };
  const statement = input.reevaluate(claims).statements.find((s) => s.index === closest.index);
  if (!statement || !statement.principalMatched) return;
  const context = new StatementContext(statement, parsed, claims);
  const more: Finding[] = [];
  for (const condition of statement.conditions) {
    if (!condition.matched) context.diagnoseCondition(condition, more, changes);
  }
  findings.push(...more.map((finding) => ({ ...finding, text: `Once the token's issuer is trusted: ${finding.text}` })));
}

function sidText(statement: StatementEvaluation): string {
  return statement.sid ? ` (${statement.sid})` : '';
}
