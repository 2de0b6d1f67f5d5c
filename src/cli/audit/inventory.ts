/**
 * Compares the repositories roles trust with the organisation's list of repositories (`--repositories FILE`).
 *
 * A role that trusts a repository no longer in the list (renamed, deleted, transferred, or never ours) can be
 * assumed by whoever registers that name next, because the name-only `sub` is the same (Astrix "Sub:jugation",
 * FACTS.md section 1). A listed repository that no role trusts is reported for information.
 */
import { wildcardPattern } from '../../analysis/evaluate/wildcard';
import { CliError } from '../cli-error';
import { repositoryName } from '../subject-parts';

// GitHub owner and repository names (src/model/repository.ts has the full rules).
const FULL_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9._-]{1,100}$/;

/** Reads an inventory file: one `owner/name` a line, `#` comments and blank lines allowed. */
export function parseRepositoryList(text: string, path: string): string[] {
  const names: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    if (!FULL_NAME.test(line)) {
      throw new CliError(`${path} line ${index + 1}: ${JSON.stringify(line)} is not a repository: expected owner/name, e.g. acme/web (# starts a comment)`);
    }
    names.push(line);
  });
  if (names.length === 0) throw new CliError(`${path} lists no repositories: expected one owner/name a line`);
  return names;
}

/** The result of comparing roles with the inventory. */
export interface InventoryComparison {
  /** Per role (same order as given), the repositories it trusts that match nothing in the list. */
  readonly unlisted: string[][];
  /** Listed repositories no role trusts, as written in the list. */
  readonly withoutRole: string[];
}

/**
 * Compares each role's repositories (as `trustScope` reads them) with the list. Names compare without case; a
 * pattern (`acme/*`) counts as trusting every listed repository it matches, and is unlisted when it matches none.
 * Exact names are looked up in a set, so the cost grows with roles plus list, not their product.
 */
export function compareWithInventory(roleRepositories: string[][], listed: string[]): InventoryComparison {
  const listedNames = listed.map((name) => name.toLowerCase());
  const listedSet = new Set(listedNames);
  const trusted = new Set<string>();
  const patternMatches = new Map<string, string[]>(); // pattern -> listed names it matches, computed once
  const unlisted = roleRepositories.map((repositories) => repositories.filter((repository) => {
    const name = repositoryName(repository);
    if (name === undefined) return false; // named by ID only: nothing to compare
    if (!/[*?]/.test(name)) {
      trusted.add(name);
      return !listedSet.has(name);
    }
    let matches = patternMatches.get(name);
    if (!matches) {
      // IAM StringLike semantics, matched in linear time (the name comes from a policy, which an attacker may write)
      const pattern = wildcardPattern(name);
      matches = listedNames.filter((candidate) => pattern.matches(candidate));
      matches.forEach((match) => trusted.add(match));
      patternMatches.set(name, matches);
    }
    return matches.length === 0;
  }));
  const withoutRole = listed.filter((_name, index) => !trusted.has(listedNames[index]));
  return { unlisted, withoutRole };
}
