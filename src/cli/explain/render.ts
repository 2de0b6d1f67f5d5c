/**
 * The text `explain` prints: the verdict, each statement's conditions with the token's value next to the expected
 * ones, the likely cause, the smallest change, and the policy's rule findings.
 */
import { Diagnosis } from './diagnosis-types';
import { ConditionEvaluation, StatementEvaluation, TrustPolicyEvaluation } from '../../analysis/evaluate/types';
import { TrustPolicyFinding } from '../../analysis/validate/finding';
import { findingLines } from '../output/findings-text';
import { printable } from '../output/printable';
import { Style } from '../output/style';

/** Claims shown under the token line, when the token has them: what trust policies usually read. */
const SHOWN_CLAIMS = ['iss', 'aud', 'sub', 'repository', 'repository_id', 'repository_owner_id', 'event_name', 'ref', 'environment', 'job_workflow_ref'];

/** What the explanation is about. */
export interface ExplainSubject {
  /** How the role is named: file and logical ID, role name, or file. */
  readonly role: string;
  readonly tokenSource: string;
  readonly claims: { readonly [claim: string]: string };
}

/** A way IAM may read the policy, where AWS does not document it, under which the run's verdict differs. */
export interface OtherReading {
  readonly reading: string;
  readonly allowed: boolean;
}

// Open questions multiply; the first few verdicts say enough.
const READINGS_SHOWN = 4;

/** The explanation of an evaluated run. */
export function renderExplanation(subject: ExplainSubject, evaluation: TrustPolicyEvaluation, diagnosis: Diagnosis,
  findings: readonly TrustPolicyFinding[], style: Style, otherReadings: readonly OtherReading[] = []): string {
  const out: string[] = [];
  // Values from the token and the policy, each on its line whatever it holds (printable).
  out.push(`${style.dim('Role ')}  ${printable(subject.role)}`);
  out.push(`${style.dim('Token')}  ${printable(subject.tokenSource)}`);
  for (const claim of SHOWN_CLAIMS) {
    if (subject.claims[claim] !== undefined) out.push(`         ${style.dim(claim.padEnd(19))} ${printable(String(subject.claims[claim]))}`);
  }
  out.push('');
  const verdict = evaluation.allowed ? style.green(style.bold('ALLOWED')) : style.red(style.bold('DENIED'));
  // The summary starts with its own verdict ("denied: ...", "allowed by ..."): say it once.
  out.push(`${verdict}  ${printable(evaluation.summary.replace(/^(denied|allowed):?\s*/i, ''))}`);
  if (!evaluation.allowed) {
    out.push(style.dim('         (configure-aws-credentials reports this as "Not authorized to perform sts:AssumeRoleWithWebIdentity")'));
  }
  for (const problem of evaluation.problems) out.push(`${style.yellow('note')}     ${printable(problem)}`);
  for (const other of otherReadings.slice(0, READINGS_SHOWN)) {
    out.push(`${style.yellow('note')}     ${other.allowed ? 'ALLOWED' : 'DENIED'} if IAM reads the policy ${other.reading} ` +
      '(AWS does not document which reading IAM applies)');
  }
  if (otherReadings.length > READINGS_SHOWN) {
    out.push(`${style.yellow('note')}     and ${otherReadings.length - READINGS_SHOWN} more readings with that verdict (--format json lists them)`);
  }
  out.push('');

  for (const statement of evaluation.statements) out.push(...statementLines(statement, style), '');

  if (diagnosis.findings.length > 0) {
    out.push(style.bold('Likely cause'));
    for (const finding of diagnosis.findings) out.push(...bullet(printable(finding.text)));
    out.push('');
  }
  if (diagnosis.changes.length > 0) {
    out.push(style.bold(diagnosis.changes.length === 1 ? 'Smallest change to the policy that admits this run' : 'Smallest changes to the policy that admit this run (all of them)'));
    for (const change of diagnosis.changes) {
      out.push(...bullet(printable(change.text)));
      if (change.snippet) out.push(`      ${style.cyan(change.snippet)}`);
      if (change.warning) out.push(`    ${style.yellow('WARNING:')} ${printable(change.warning)}`);
      if (change.alternative) out.push(`    ${style.dim('alternatively:')} ${printable(change.alternative)}`);
    }
    out.push('');
  }
  out.push(...findingsSection(findings, style));
  return out.join('\n') + '\n';
}

/** The explanation when there is no token at all: the missing `id-token: write` permission. */
export function renderNoToken(role: string, findings: readonly TrustPolicyFinding[], style: Style): string {
  const out = [
    `${style.dim('Role ')}  ${printable(role)}`,
    `${style.dim('Token')}  none given`,
    '',
    `${style.red(style.bold('NO TOKEN'))}  a job gets an OIDC token only when its workflow grants it \`id-token: write\`.`,
    '',
    'Without that permission the runner sets no ACTIONS_ID_TOKEN_REQUEST_URL, and aws-actions/configure-aws-credentials',
    'fails before it reaches AWS with "It looks like you might be trying to authenticate with OIDC. Did you mean to set',
    'the `id-token` permission?" and "Credentials could not be loaded, please check your action inputs: Could not load',
    'credentials from any providers". Grant it in the workflow, or in the job that deploys:',
    '',
    style.cyan('    permissions:'),
    style.cyan('      id-token: write   # lets the job request the OIDC token'),
    style.cyan('      contents: read    # what actions/checkout needs once permissions are listed'),
    '',
    'Pull requests from forks never get a token (id-token is capped at read). To evaluate a run, pass its token',
    '(--token, --token-file), its claims (--claims) or a description of it (--repo OWNER/NAME --event ... --ref ...).',
    '',
    ...findingsSection(findings, style),
  ];
  return out.join('\n') + '\n';
}

function statementLines(statement: StatementEvaluation, style: Style): string[] {
  const ok = (matched: boolean) => (matched ? style.green('match') : style.red('NO MATCH'));
  const lines = [
    style.bold(`Statement ${statement.index}`) + ` (${statement.effect || 'no Effect'}${statement.sid ? `, Sid ${printable(statement.sid)}` : ''})` +
      `${statement.applies ? ' applies' : ' does not apply'}: principal ${ok(statement.principalMatched)}, action ${ok(statement.actionMatched)}`,
  ];
  for (const condition of statement.conditions) lines.push(...conditionLines(condition, style));
  return lines;
}

function conditionLines(condition: ConditionEvaluation, style: Style): string[] {
  const mark = condition.matched ? style.green('  match    ') : style.red('  NO MATCH ');
  const lines = [`${mark}${printable(condition.operator)} ${printable(condition.key)}`];
  if (!condition.matched) {
    lines.push(`             ${style.dim('token:   ')} ${condition.actual === undefined ? style.yellow('(no value)') : printable(condition.actual)}`);
    const [first, ...rest] = condition.expected;
    lines.push(`             ${style.dim('expected:')} ${first === undefined ? '(no values)' : printable(first)}`);
    for (const value of rest) lines.push(`                       ${printable(value)}`);
    lines.push(`             ${style.dim(printable(condition.explanation))}`);
  }
  return lines;
}

function findingsSection(findings: readonly TrustPolicyFinding[], style: Style): string[] {
  const out = [style.bold('Policy findings')];
  if (findings.length === 0) out.push(`  ${style.green('none')}`);
  else out.push(...findingLines(findings, '  ', style));
  return out;
}

/** A `  - text` bullet. */
function bullet(text: string): string[] {
  return [`  - ${text}`];
}
