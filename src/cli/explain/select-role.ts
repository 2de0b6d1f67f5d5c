/**
 * Picks the role `explain` evaluates from the roles of its `--policy` input.
 */
import { basename } from 'path';
import { parsePolicy } from '../../analysis/policy/document';
import { findRoles } from '../../analysis/template/role-lookup';
import { CliError } from '../cli-error';
import { RoleInput } from '../input/roles';

/**
 * The role named by `--role` (logical ID, role name, ARN or CDK construct path), or the only role, or the only role
 * that trusts GitHub; throws CliError listing the candidates otherwise.
 */
export function selectRole(roles: readonly RoleInput[], wanted: string | undefined, source: string): RoleInput {
  if (wanted !== undefined) {
    const found = findRoles(roles, wanted);
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      throw new CliError(`--role ${wanted} matches ${found.length} roles in ${source} (${found.map(where).join(', ')}): pass ` +
        'a construct path (Stack/Construct), an ARN, or a --policy file holding one stack');
    }
    throw new CliError(`--role ${wanted}: no role with that logical ID, name, ARN, construct path or construct ID in ${source}: ` +
      `expected one of ${listed(roles)}`);
  }
  if (roles.length === 1) return roles[0];
  const github = roles.filter((role) => parsePolicy(role.policy, { providerUrls: role.providerUrls }).statements.some((s) => s.issuer));
  if (github.length === 1) return github[0];
  if (github.length === 0) {
    throw new CliError(`${source} holds ${roles.length} roles and none trusts a GitHub OIDC provider: pass --role with one of ${listed(roles)}`);
  }
  throw new CliError(`${source} holds ${github.length} roles that trust GitHub: pass --role with one of ${listed(github)}`);
}

function name(role: RoleInput): string {
  return role.logicalId ?? role.roleName ?? role.arn ?? role.file;
}

/** A role with where it is: its construct path or ARN, else its file, so that two stacks' equal logical IDs differ. */
function where(role: RoleInput): string {
  const place = role.constructPath?.replace(/\/Resource$/, '') ?? role.arn ?? basename(role.file);
  return `${name(role)} in ${place}`;
}

function listed(roles: readonly RoleInput[]): string {
  const names = roles.slice(0, 12).map(name);
  return names.join(', ') + (roles.length > 12 ? `, ... (${roles.length} in all)` : '');
}
