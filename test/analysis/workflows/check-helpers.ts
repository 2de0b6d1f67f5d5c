/**
 * Builds a workflow check from YAML texts and trust policies written inline, as the semantic tests need them.
 */
import { checkWorkflows } from '../../../src/analysis/workflows/check';
import { readWorkflow } from '../../../src/analysis/workflows/read-workflow';
import { CheckReport, CheckRole, JobCheck, WorkflowCheckOptions } from '../../../src/analysis/workflows/types';
import { GitHubRepository } from '../../../src/model/repository';

export const REPO = GitHubRepository.of('acme', 'web');
export const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/deploy';

/** A trust policy admitting these `sub` values (StringLike) for audience `aud`. */
export function trustPolicy(subs: string[], options: { aud?: string; extra?: object; deny?: string[] } = {}): object {
  const statements: object[] = [{
    Effect: 'Allow',
    Principal: { Federated: PROVIDER },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'token.actions.githubusercontent.com:aud': options.aud ?? 'sts.amazonaws.com', ...options.extra },
      StringLike: { 'token.actions.githubusercontent.com:sub': subs },
    },
  }];
  if (options.deny) {
    statements.push({
      Effect: 'Deny',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': options.deny } },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** A role named `deploy` with the ARN the workflows use. */
export function role(policy: object, extra: Partial<CheckRole> = {}): CheckRole {
  return { id: 'deploy', roleName: 'deploy', arn: ROLE_ARN, policy, ...extra };
}

/** Checks workflow files given by repository path (`deploy.yml` means `.github/workflows/deploy.yml`). */
export function check(files: { [name: string]: string }, roles: CheckRole[], options: Partial<WorkflowCheckOptions> = {}): CheckReport {
  const workflows = Object.entries(files).map(([name, text]) => readWorkflow(name, `.github/workflows/${name}`, text));
  return checkWorkflows(workflows, roles, { repository: REPO, ...options });
}

/** The one job of a report with this ID; fails when there is not exactly one. */
export function job(report: CheckReport, id: string): JobCheck {
  const found = report.jobs.filter((j) => j.job === id);
  if (found.length !== 1) throw new Error(`expected one job ${id}, got ${found.length}: ${JSON.stringify(report.jobs.map((j) => j.job))}`);
  return found[0];
}

/** The IDs of a job's causes. */
export function causeIds(checked: JobCheck): string[] {
  return checked.causes.map((c) => c.id);
}

/** A job that assumes the role, with the given extra YAML lines (indented under the job). */
export function deployJob(extra = '', withInputs = ''): string {
  return `
    runs-on: ubuntu-latest${extra ? `\n${extra}` : ''}
    steps:
      - uses: actions/checkout@v4
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: ${ROLE_ARN}
          aws-region: us-east-1${withInputs ? `\n${withInputs}` : ''}`;
}
