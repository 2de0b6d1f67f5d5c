/**
 * `github-deploy-roles explain`: would this run be allowed to assume this role, and if not, why and what to change.
 */
import type * as CloudTrailCommand from './cloudtrail-command';
import { diagnose } from './diagnose';
import { mappingsWithParameterValues, parseParameterValues } from './parameter-values';
import { renderExplanation, renderNoToken } from './render';
import { RUN_FLAGS } from './run-flags';
import { selectRole } from './select-role';
import { readTokenInput } from './token-input';
import { withAcknowledgement } from '../../analysis/acknowledgements';
import { TrustPolicyEvaluator } from '../../analysis/evaluate/evaluator';
import { policyReadings } from '../../analysis/evaluate/readings';
import { parsePolicy } from '../../analysis/policy/document';
import { GitHubToken } from '../../analysis/token/token';
import { TrustPolicyValidator } from '../../analysis/validate/validator';
import { FlagSpecs, parseCommandArgs, stringFlag } from '../args';
import { CliError, ExitCode } from '../cli-error';
import { loadInput, readRoleInput } from '../input/load';
import { roleAccountOf, roleLabel } from '../input/roles';
import { Io } from '../io';
import { printable } from '../output/printable';
import { makeStyle, useColour } from '../output/style';

/** The flags of `explain`. */
export const EXPLAIN_FLAGS: FlagSpecs = {
  'policy': { type: 'string', value: 'FILE' },
  'cloudtrail': { type: 'string', value: 'FILE...' },
  'rcp': { type: 'string', value: 'FILE' },
  'parameters': { type: 'string', value: 'NAME=VALUE,...' },
  'role': { type: 'string', value: 'ID' },
  'token': { type: 'string', value: 'JWT' },
  'token-file': { type: 'string', value: 'FILE' },
  'claims': { type: 'string', value: 'FILE' },
  ...Object.fromEntries(Object.entries(RUN_FLAGS).map(([name, value]) => [name, {
    type: 'string' as const,
    value,
    ...(name === 'subject-format' ? { choices: ['name', 'immutable'] } : {}),
  }])),
  'format': { type: 'string', value: 'text|json', choices: ['text', 'json'] },
  'help': { type: 'boolean', short: 'h' },
};

/** Runs `explain`; returns the exit code (0 allowed, 1 denied or no token, 2 bad input via CliError). */
export async function runExplain(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs('explain', argv, EXPLAIN_FLAGS, true);
  const policyPath = stringFlag(args, 'policy');
  const cloudTrail = stringFlag(args, 'cloudtrail');
  if (cloudTrail === undefined && args.positionals.length > 0) {
    throw new CliError(`explain: unexpected argument ${JSON.stringify(args.positionals[0])}: files come after --cloudtrail (explain --cloudtrail FILE... --policy INPUT)`);
  }
  if (cloudTrail !== undefined) {
    if (policyPath === undefined) {
      throw new CliError('explain --cloudtrail: missing --policy INPUT: the roles to explain the failures against (an IAM export, get-role output, a template or cdk.out)');
    }
    const other = ['role', 'token', 'token-file', 'claims', 'parameters', ...Object.keys(RUN_FLAGS)].find((name) => args.flags[name] !== undefined);
    if (other) throw new CliError(`explain --cloudtrail takes the tokens from the records: --${other} does not apply`);
    // Loaded only for --cloudtrail (the CLI's start stays small).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runCloudTrailExplain } = require('./cloudtrail-command') as typeof CloudTrailCommand;
    return runCloudTrailExplain([cloudTrail, ...args.positionals], policyPath, stringFlag(args, 'format') === 'json', io);
  }
  if (policyPath === undefined) {
    throw new CliError('explain: missing --policy FILE: a trust policy, `aws iam get-role` output, or a CloudFormation template (with --role ID)');
  }
  const parameterText = stringFlag(args, 'parameters');
  const parameterValues = parameterText === undefined ? undefined : parseParameterValues(parameterText);
  const token = await readTokenInput(args.flags, async () => GitHubToken.simulate, io.now());
  const input = loadInput(policyPath);
  const selected = selectRole(input.roles, stringFlag(args, 'role'), policyPath);
  const role = parameterValues ? { ...selected, mappings: mappingsWithParameterValues(selected, parameterValues) } : selected;
  const rcpPath = stringFlag(args, 'rcp');
  // A resource control policy of the account: its Deny wins over the trust policy's Allow.
  const resourceControlPolicies = rcpPath === undefined ? undefined : [readRoleInput(rcpPath).value];
  const options = { providerUrls: role.providerUrls, roleAccount: roleAccountOf(role), resourceControlPolicies, templateMappings: role.mappings };
  // As audit and synth show them: an acknowledged finding is information with its reason.
  const findings = TrustPolicyValidator.validate(role.policy, options)
    .map((finding) => withAcknowledgement(finding, role.acknowledgements));
  const json = stringFlag(args, 'format') === 'json';
  const style = makeStyle(!json && useColour(io.stdout, io.env));
  const label = role.logicalId !== undefined || role.roleName !== undefined ? `${roleLabel(role)}  (${role.file})` : role.file;

  // A note quotes the token's claims: each stays one line, and no escape sequence in them reaches the terminal.
  for (const note of token?.notes ?? []) io.stderr.write(`github-deploy-roles: note: ${printable(note)}\n`);
  if (!token) {
    io.stdout.write(json
      ? JSON.stringify({ decision: 'NO_TOKEN', allowed: false, role: label, findings }, null, 2) + '\n'
      : renderNoToken(label, findings, style));
    return ExitCode.FINDINGS;
  }

  const evaluation = TrustPolicyEvaluator.evaluate(role.policy, token.claims, options);
  // Where AWS leaves the policy's reading open (StringLIKE, white space around a key), the verdicts that differ.
  const otherReadings = policyReadings(role.policy).slice(1)
    .map((reading) => ({ reading: reading.description, allowed: TrustPolicyEvaluator.evaluate(reading.document, token.claims, options).allowed }))
    .filter((other) => other.allowed !== evaluation.allowed);
  const diagnosis = diagnose({
    evaluation,
    policy: parsePolicy(role.policy, options),
    claims: token.claims,
    roleAccount: options.roleAccount,
    reevaluate: (claims) => TrustPolicyEvaluator.evaluate(role.policy, claims, options),
  });
  io.stdout.write(json
    ? JSON.stringify({
      decision: evaluation.decision,
      allowed: evaluation.allowed,
      role: label,
      token: { source: token.source, claims: token.claims },
      evaluation,
      otherReadings,
      diagnosis,
      findings,
    }, null, 2) + '\n'
    : renderExplanation({ role: label, tokenSource: token.source, claims: token.claims }, evaluation, diagnosis, findings, style, otherReadings));
  return evaluation.allowed ? ExitCode.OK : ExitCode.FINDINGS;
}

