/**
 * Writes the GitHub Actions job that assumes a role: one place for the snippet's shape, used for the synth-time
 * text and for the stack output CloudFormation fills in at deploy time.
 */
import { Token } from 'aws-cdk-lib/core';
import { yamlComment, yamlScalar } from './yaml';

/** What the job says; values are already checked. */
export interface JobSpec {
  readonly comments: string[];
  readonly jobId: string;
  readonly runsOn: string;
  readonly environment?: string;
  readonly actionRef: string;
  /** A literal ARN, a `${{ vars.NAME }}` expression, or a token CloudFormation resolves. */
  readonly roleToAssume: string;
  /** A literal region, a `${{ vars.NAME }}` expression, or a token CloudFormation resolves. */
  readonly region: string;
  /** Written only when it is not the action's default. */
  readonly audience?: string;
  readonly roleSessionName?: string;
  readonly roleDurationSeconds?: number;
}

/** `jobs:` with one job: permissions for the OIDC token, the environment, and the credentials step. */
export function renderJob(spec: JobSpec): string {
  const lines = [
    ...spec.comments.map((text) => yamlComment('', text)),
    'jobs:',
    `  ${spec.jobId}:`,
    `    runs-on: ${yamlScalar(spec.runsOn)}`,
  ];
  if (spec.environment !== undefined) lines.push(`    environment: ${yamlScalar(spec.environment)}`);
  lines.push(
    '    permissions:',
    '      id-token: write # lets the job request the OIDC token',
    '      contents: read',
    '    steps:',
    '      - name: Configure AWS credentials',
    `        uses: ${spec.actionRef}`,
    '        with:',
    `          role-to-assume: ${value(spec.roleToAssume)}`,
    `          aws-region: ${value(spec.region)}`,
  );
  if (spec.audience !== undefined) lines.push(`          audience: ${yamlScalar(spec.audience)}`);
  if (spec.roleSessionName !== undefined) lines.push(`          role-session-name: ${yamlScalar(spec.roleSessionName)}`);
  if (spec.roleDurationSeconds !== undefined) lines.push(`          role-duration-seconds: ${spec.roleDurationSeconds}`);
  lines.push(
    '      - name: Show the assumed role',
    '        run: aws sts get-caller-identity',
  );
  return `${lines.join('\n')}\n`;
}

/** The expression of a repository variable, `${{ vars.NAME }}`. */
export function variableExpression(name: string): string {
  return `\${{ vars.${name} }}`;
}

// Expressions and tokens are written as they are: an expression is valid as a plain scalar, and a token becomes an
// ARN or region, which are too.
function value(text: string): string {
  return text.startsWith('${{ ') || Token.isUnresolved(text) ? text : yamlScalar(text);
}
