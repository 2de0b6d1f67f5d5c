/**
 * Distinct, valid GitHub names for the i-th generated role, so that every role of a benchmark has its own trust
 * policy (identical policies could flatter a cache).
 */

/** Environments cycled through by index. */
export const ENVIRONMENTS: readonly string[] = ['production', 'staging', 'development'];

/** The owner and repository name of the i-th role: 13 owners, one repository per index. */
export function repositoryName(index: number): { owner: string; name: string } {
  return { owner: `acme-${index % 13}`, name: `service-${index}` };
}

/** The environment of the i-th role. */
export function environmentName(index: number): string {
  return ENVIRONMENTS[index % ENVIRONMENTS.length];
}

/** A 12-digit AWS account ID for the i-th account of an export. */
export function accountId(index: number): string {
  return String(123456789012 + index).padStart(12, '0');
}
