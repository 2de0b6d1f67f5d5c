/**
 * Findings that only the CLI can make (they need the organisation's repository list), in the same shape as the
 * validator's rule catalogue, so SARIF lists them among `tool.driver.rules`.
 */
import { FindingSeverity, TrustPolicyRule } from '../../analysis/validate/finding';

/** A role trusts a repository that is not in the `--repositories` list. */
export const REPOSITORY_NOT_IN_INVENTORY: TrustPolicyRule = {
  ruleId: 'RepositoryNotInInventory',
  severity: FindingSeverity.WARNING,
  title: 'Role trusts a repository that is not in the inventory',
  explanation: 'A name-only sub (repo:owner/name:...) is the same for whoever owns that name. When a repository or ' +
    'organisation is renamed or deleted, someone else can register the old name and assume the role ' +
    '(namespace recycling, Astrix "Sub:jugation").',
  fix: 'Remove the repository from the trust policy, or pin repository_id and repository_owner_id next to sub, ' +
    'or add the repository to the list if it is yours.',
};

/** A listed repository that no audited role trusts. */
export const REPOSITORY_WITHOUT_ROLE: TrustPolicyRule = {
  ruleId: 'RepositoryWithoutRole',
  severity: FindingSeverity.INFO,
  title: 'Listed repository has no deploy role',
  explanation: 'The repository is in the inventory, but none of the audited roles trusts it: it cannot deploy with ' +
    'these roles, or the role that it uses was not among the inputs.',
  fix: 'Nothing, if the repository does not deploy; otherwise audit the account or template that holds its role.',
};

/** The CLI's own rules. */
export const CLI_RULES: readonly TrustPolicyRule[] = [REPOSITORY_NOT_IN_INVENTORY, REPOSITORY_WITHOUT_ROLE];
