/**
 * The flags that describe a workflow run (`--repo acme/web --event push --ref refs/heads/main ...`), read into
 * `WorkflowRunOptions` for `GitHubToken.simulate`, each malformed value reported as a one-line CliError.
 */
import { WorkflowRunOptions } from '../../analysis/token/types';
import { GitHubIssuer } from '../../model/issuer';
import { GitHubRepository } from '../../model/repository';
import { SubjectFormat } from '../../model/subject-claim';
import { SubjectTemplate } from '../../model/subject-template';
import { CliError } from '../cli-error';

/** The run flags, by long name, with their value placeholders (for parsing and help). */
export const RUN_FLAGS = {
  'repo': 'OWNER/NAME',
  'owner-id': 'N',
  'repo-id': 'N',
  'event': 'NAME',
  'ref': 'REF',
  'environment': 'NAME',
  'job-workflow-ref': 'REF',
  'workflow': 'NAME',
  'audience': 'AUD',
  'issuer': 'URL',
  'subject-format': 'name|immutable',
  'template': 'CLAIMS',
} as const;

/** The run flag names. */
export type RunFlag = keyof typeof RUN_FLAGS;

/** Which run flags were given. */
export function givenRunFlags(flags: { readonly [name: string]: unknown }): RunFlag[] {
  return (Object.keys(RUN_FLAGS) as RunFlag[]).filter((name) => flags[name] !== undefined);
}

/** Reads the run flags; `--repo` is required once any run flag is given. */
export function readRunFlags(flags: { readonly [name: string]: string | boolean | undefined }): WorkflowRunOptions {
  const text = (name: RunFlag) => (typeof flags[name] === 'string' ? flags[name] as string : undefined);
  const repo = text('repo');
  if (repo === undefined) {
    const given = givenRunFlags(flags).map((name) => `--${name}`).join(', ');
    throw new CliError(`${given} describe${given.includes(',') ? '' : 's'} a run and need${given.includes(',') ? '' : 's'} --repo OWNER/NAME, the repository the run belongs to`);
  }
  const ownerId = readId('owner-id', text('owner-id'));
  const repositoryId = readId('repo-id', text('repo-id'));
  if ((ownerId === undefined) !== (repositoryId === undefined)) {
    throw new CliError('--owner-id and --repo-id go together: the immutable subject names both IDs');
  }
  const repository = model('--repo', repo, () => GitHubRepository.fromFullName(repo, { ownerId, repositoryId }));

  const ref = text('ref');
  if (ref !== undefined && !/^refs\/(heads|tags|pull)\/\S+$/.test(ref)) {
    throw new CliError(`--ref ${JSON.stringify(ref)} is not a full ref: expected refs/heads/BRANCH, refs/tags/TAG or refs/pull/N/merge, e.g. refs/heads/${ref.replace(/^refs\//, '')}`);
  }
  const event = text('event');
  if (event !== undefined && !/^[a-z_]+$/.test(event)) {
    throw new CliError(`--event ${JSON.stringify(event)} is not a GitHub event name: expected e.g. push, pull_request, workflow_dispatch, schedule`);
  }
  const environment = text('environment');
  if (environment !== undefined && (environment.trim() === '' || environment.length > 255)) {
    throw new CliError(`--environment ${JSON.stringify(environment)}: expected a GitHub environment name of 1 to 255 characters`);
  }
  const issuerUrl = text('issuer');
  const issuer = issuerUrl === undefined ? undefined : model('--issuer', issuerUrl, () => GitHubIssuer.fromUrl(issuerUrl));
  const format = text('subject-format');
  if (format === 'immutable' && !repository.hasIds) {
    throw new CliError('--subject-format immutable needs --owner-id and --repo-id: the immutable subject is owner@ID/repo@ID');
  }
  const templateText = text('template');
  const subjectTemplate = templateText === undefined ? undefined
    : model('--template', templateText, () => SubjectTemplate.fromClaimKeys(templateText.split(',').map((key) => key.trim())));

  return {
    repository,
    ...(event !== undefined ? { eventName: event } : {}),
    ...(ref !== undefined ? { ref } : {}),
    ...(environment !== undefined ? { environment } : {}),
    ...(text('job-workflow-ref') !== undefined ? { jobWorkflowRef: text('job-workflow-ref') } : {}),
    ...(text('workflow') !== undefined ? { workflow: text('workflow') } : {}),
    ...(text('audience') !== undefined ? { audience: text('audience') } : {}),
    ...(issuer ? { issuer } : {}),
    ...(subjectTemplate ? { subjectTemplate } : {}),
    ...(format !== undefined ? { subjectFormat: format === 'immutable' ? SubjectFormat.IMMUTABLE : SubjectFormat.NAME_ONLY } : {}),
  };
}

/** A one-line description of a simulated run from its claims, e.g. `acme/web, push on refs/heads/main, no environment`. */
export function describeRun(claims: { readonly [claim: string]: string }): string {
  const parts = [claims.repository ?? '?', `${claims.event_name ?? '?'} on ${claims.ref ?? '?'}`];
  parts.push(claims.environment !== undefined ? `environment ${claims.environment}` : 'no environment');
  return parts.join(', ');
}

/** A numeric GitHub ID flag (`--owner-id`, `--repo-id`). */
export function readId(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]{0,15}$/.test(value)) throw new CliError(`--${flag} ${JSON.stringify(value)}: expected a positive whole number, the ID GitHub shows`);
  return Number(value);
}

/** Runs a model factory, turning its `Invalid ...` error into a CliError naming the flag. */
export function model<T>(flag: string, value: string, make: () => T): T {
  try {
    return make();
  } catch (err) {
    throw new CliError(`${flag} ${JSON.stringify(value)}: ${(err as Error).message}`);
  }
}
