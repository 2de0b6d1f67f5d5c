/**
 * The roles `check --roles` reads (every input `audit` reads), as the check's `CheckRole`s: each with a short
 * unique ID, its account, the stack outputs holding its ARN, and its provider's client IDs when the template has
 * the provider.
 */
import { basename } from 'node:path';
import { CheckRole } from '../../analysis/workflows/types';
import { expandInput, loadInput } from '../input/load';
import { roleAccountOf, RoleInput } from '../input/roles';

/** Reads the role inputs. */
export function readCheckRoles(paths: readonly string[]): CheckRole[] {
  const inputs: RoleInput[] = [];
  // A directory of policies or exports is read file by file, as `audit` reads one.
  for (const path of paths.flatMap(expandInput)) for (const role of loadInput(path).roles) inputs.push(role);
  const ids = inputs.map(shortId);
  const counts = new Map<string, number>();
  ids.forEach((id) => counts.set(id, (counts.get(id) ?? 0) + 1));
  return inputs.map((input, index) => {
    const id = counts.get(ids[index])! > 1 ? `${ids[index]} (${basename(input.file)})` : ids[index];
    const account = roleAccountOf(input);
    const aliases = aliasesOf(input);
    return {
      id,
      policy: input.policy,
      ...(input.logicalId !== undefined ? { logicalId: input.logicalId } : {}),
      ...(input.roleName !== undefined ? { roleName: input.roleName } : {}),
      ...(input.arn !== undefined ? { arn: input.arn } : {}),
      ...(input.constructPath !== undefined ? { constructPath: input.constructPath } : {}),
      ...(input.providerUrls ? { providerUrls: input.providerUrls } : {}),
      ...(input.mappings ? { mappings: input.mappings } : {}),
      ...(account ? { account } : {}),
      ...(aliases.length > 0 ? { aliases } : {}),
      ...(input.providerAudiences ? { providerAudiences: input.providerAudiences } : {}),
    };
  });
}

/**
 * Other names of a role: its stack outputs, and for a bare trust policy file the file's name, which is often the role's
 * (`deploy.json` for `role/deploy`).
 */
function aliasesOf(input: RoleInput): string[] {
  const fileName = input.shape === 'trust-policy' ? [basename(input.file).replace(/\.json$/i, '')] : [];
  return [...(input.outputs ?? []), ...fileName];
}

/** A role's name in the report: construct path (without `/Resource`), role name, ARN, logical ID, or file. */
function shortId(role: RoleInput): string {
  return role.constructPath?.replace(/\/Resource$/, '') ?? role.roleName ?? role.arn ?? role.logicalId ?? basename(role.file);
}
