/**
 * `check`'s defaults from the git repository it runs in: `--repo` from the `origin` remote's URL, and
 * `--default-branch` from `origin/HEAD` (else `main`).
 */
import { execFileSync } from 'node:child_process';

/** `owner/name` of a GitHub remote URL (`git@github.com:o/r.git`, `https://github.com/o/r`, GHES hosts too). */
export function repositoryOfRemote(url: string): string | undefined {
  const match = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?[^/:]+[:/](?:\d+\/)?([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** The `origin` remote's repository, when the working directory is a git repository with one. */
export function gitOriginRepository(cwd?: string): string | undefined {
  const url = git(['remote', 'get-url', 'origin'], cwd);
  return url === undefined ? undefined : repositoryOfRemote(url);
}

/** The default branch `origin/HEAD` points at, when known. */
export function gitDefaultBranch(cwd?: string): string | undefined {
  const head = git(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], cwd);
  return head?.replace(/^origin\//, '') || undefined;
}

function git(args: string[], cwd?: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
  } catch {
    return undefined;
  }
}
