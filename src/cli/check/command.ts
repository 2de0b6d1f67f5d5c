/**
 * `github-deploy-roles check`: will each workflow job get the role it names? Reads the workflow files and the roles
 * (any `audit` input), and reports per job a verdict with causes pointing at workflow lines.
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { readCheckRoles } from './check-roles';
import { formatCheckJson } from './format-json';
import { formatCheckMarkdown } from './format-markdown';
import { formatCheckSarif } from './format-sarif';
import { formatCheckText } from './format-text';
import { checkFails } from './report-causes';
import { gitDefaultBranch, gitOriginRepository } from './repository-defaults';
import { readVarsFile } from './vars-file';
import { readWorkflowFiles } from './workflow-files';
import { checkWorkflows } from '../../analysis/workflows/check';
import { trustedSubjects } from '../../analysis/workflows/trusted-subjects';
import { CheckRole } from '../../analysis/workflows/types';
import { GitHubIssuer } from '../../model/issuer';
import { GitHubRepository } from '../../model/repository';
import { SubjectFormat } from '../../model/subject-claim';
import { SubjectTemplate } from '../../model/subject-template';
import { FlagSpecs, parseCommandArgs, stringFlag } from '../args';
import { FailOn } from '../audit/report';
import { CliError, ExitCode } from '../cli-error';
import { model, readId } from '../explain/run-flags';
import { Io } from '../io';
import { makeStyle, useColour } from '../output/style';
import { repositoryName, repositoryOfSubject } from '../subject-parts';

/** The flags of `check`. `--workflows` and `--roles` take one or more values each. */
export const CHECK_FLAGS: FlagSpecs = {
  'workflows': { type: 'string', value: 'PATH...' },
  'roles': { type: 'string', value: 'INPUT...' },
  'repo': { type: 'string', value: 'OWNER/NAME' },
  'default-branch': { type: 'string', value: 'NAME' },
  'vars': { type: 'string', value: 'FILE' },
  'owner-id': { type: 'string', value: 'N' },
  'repo-id': { type: 'string', value: 'N' },
  'subject-format': { type: 'string', value: 'name|immutable', choices: ['name', 'immutable'] },
  'template': { type: 'string', value: 'CLAIMS' },
  'issuer': { type: 'string', value: 'URL' },
  'format': { type: 'string', value: 'text|json|sarif|markdown', choices: ['text', 'json', 'sarif', 'markdown'] },
  'fail-on': { type: 'string', value: 'error|warning|never', choices: ['error', 'warning', 'never'] },
  'help': { type: 'boolean', short: 'h' },
};

const LIST_FLAGS = ['--workflows', '--roles'];

/** Runs `check`; returns the exit code (0 clean, 1 causes at or above --fail-on, 2 bad input via CliError). */
export function runCheck(argv: string[], io: Io, cwd: string = process.cwd()): number {
  const { lists, rest } = takeLists(argv);
  const args = parseCommandArgs('check', rest, CHECK_FLAGS, false);
  const rolePaths = lists['--roles'];
  if (rolePaths.length === 0) {
    throw new CliError('check: missing --roles INPUT...: the roles the jobs assume (a cdk.out directory, a template, an IAM export, get-role output or a trust policy)');
  }
  const workflowPaths = lists['--workflows'].length > 0 ? lists['--workflows'] : ['.github/workflows'];
  const roles = readCheckRoles(rolePaths);
  // The repository: as given; else the one the roles name; else the git remote of the workflows' checkout.
  const repoText = stringFlag(args, 'repo') ?? repositoryOfRoles(roles) ?? gitOriginRepository(workflowsCheckout(workflowPaths[0], cwd));
  if (repoText === undefined) {
    throw new CliError('check: missing --repo OWNER/NAME: the repository the workflows belong to (neither the roles nor the git remote "origin" tell)');
  }
  const ownerId = readId('owner-id', stringFlag(args, 'owner-id'));
  const repositoryId = readId('repo-id', stringFlag(args, 'repo-id'));
  if ((ownerId === undefined) !== (repositoryId === undefined)) {
    throw new CliError('check: --owner-id and --repo-id go together: the immutable subject names both IDs');
  }
  const repository = model('--repo', repoText, () => GitHubRepository.fromFullName(repoText, { ownerId, repositoryId }));
  const defaultBranch = stringFlag(args, 'default-branch') ?? gitDefaultBranch(cwd) ?? 'main';
  if (/[\s~^:?*[\\]|\.\.|^\/|\/$/.test(defaultBranch)) {
    throw new CliError(`check: --default-branch ${JSON.stringify(defaultBranch)} is not a branch name: expected e.g. main`);
  }
  const format = stringFlag(args, 'subject-format');
  if (format === 'immutable' && !repository.hasIds) {
    throw new CliError('check: --subject-format immutable needs --owner-id and --repo-id: the immutable subject is owner@ID/repo@ID');
  }
  const templateText = stringFlag(args, 'template');
  const subjectTemplate = templateText === undefined ? undefined
    : model('--template', templateText, () => SubjectTemplate.fromClaimKeys(templateText.split(',').map((key) => key.trim())));
  const issuerText = stringFlag(args, 'issuer');
  const issuer = issuerText === undefined ? undefined : model('--issuer', issuerText, () => GitHubIssuer.fromUrl(issuerText));
  const varsPath = stringFlag(args, 'vars');
  const { vars, environmentVars } = varsPath === undefined ? { vars: {}, environmentVars: {} } : readVarsFile(varsPath);

  const workflows = readWorkflowFiles(workflowPaths);
  const report = checkWorkflows(workflows, roles, {
    repository,
    defaultBranch,
    vars,
    environmentVars,
    ...(subjectTemplate ? { subjectTemplate } : {}),
    ...(format !== undefined ? { subjectFormat: format === 'immutable' ? SubjectFormat.IMMUTABLE : SubjectFormat.NAME_ONLY } : {}),
    ...(issuer ? { issuer } : {}),
  });
  const output = stringFlag(args, 'format') ?? 'text';
  io.stdout.write(output === 'json' ? formatCheckJson(report)
    : output === 'sarif' ? formatCheckSarif(report, cwd)
      : output === 'markdown' ? formatCheckMarkdown(report)
        : formatCheckText(report, makeStyle(useColour(io.stdout, io.env))));
  return checkFails(report, (stringFlag(args, 'fail-on') ?? 'error') as FailOn) ? ExitCode.FINDINGS : ExitCode.OK;
}

/** The one repository the roles' subjects name by name (their `repo:OWNER/NAME:` values), if exactly one. */
function repositoryOfRoles(roles: readonly CheckRole[]): string | undefined {
  const names = new Map<string, string>();
  for (const role of roles) {
    for (const sub of trustedSubjects(role.policy, role.providerUrls).subjects) {
      const repository = repositoryOfSubject(sub);
      const name = repository === undefined ? undefined : repositoryName(repository);
      if (name !== undefined && !/[*?]/.test(name) && name.includes('/')) names.set(name, repository!.replace(/@[0-9]*/g, ''));
    }
  }
  return names.size === 1 ? [...names.values()][0] : undefined;
}

/** The directory to ask git about: the workflows' (a file's directory), resolved against the working directory. */
function workflowsCheckout(path: string, cwd: string): string {
  const absolute = isAbsolute(path) ? path : join(cwd, path);
  try {
    return statSync(absolute).isDirectory() ? absolute : dirname(absolute);
  } catch {
    return cwd;
  }
}

/** Takes `--workflows A B --roles C` (and repeated or `--flag=value` forms) out of argv. */
function takeLists(argv: string[]): { lists: { [flag: string]: string[] }; rest: string[] } {
  const lists: { [flag: string]: string[] } = { '--workflows': [], '--roles': [] };
  const rest: string[] = [];
  let current: string | undefined;
  for (const arg of argv) {
    const eq = /^(--workflows|--roles)=(.*)$/.exec(arg);
    if (eq) {
      lists[eq[1]].push(eq[2]);
      current = undefined;
    } else if (LIST_FLAGS.includes(arg)) {
      current = arg;
    } else if (current !== undefined && !arg.startsWith('-')) {
      lists[current].push(arg);
    } else {
      current = undefined;
      rest.push(arg);
    }
  }
  for (const flag of LIST_FLAGS) {
    if (argv.includes(flag) && lists[flag].length === 0) throw new CliError(`check: option ${flag} needs a value: ${CHECK_FLAGS[flag.slice(2)].value}`);
  }
  return { lists, rest };
}
