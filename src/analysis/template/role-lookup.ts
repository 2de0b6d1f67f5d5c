/**
 * Finds a role of a template or an account export by the names a user knows it by: its logical ID, role name or ARN,
 * its CDK construct path (as `cdk synth` prints it, with or without `/Resource`), or the ID of the construct that
 * made it (`Prod`, also under a `Group`). Works without the `aws:cdk:path` metadata too (a plain `new App()` in a
 * unit test has none): a construct path is turned into the logical ID CDK gives it.
 *
 * Pure: the CLI (`explain --role`) and the test assertions (`GitHubTrustAssertions`) share it.
 */
import { createHash } from 'crypto';

/** What a role can be named by; every field is optional. */
export interface NamedRole {
  readonly logicalId?: string;
  readonly roleName?: string;
  readonly arn?: string;
  readonly constructPath?: string;
}

/**
 * The roles a name designates: those it names exactly (logical ID, role name, ARN or construct path) if any, else
 * those whose construct path it is (metadata or not) or whose construct has that ID. Empty when none.
 */
export function findRoles<T extends NamedRole>(roles: readonly T[], name: string): T[] {
  const exact = roles.filter((role) => role.logicalId === name || role.roleName === name || role.arn === name
    || role.constructPath === name || role.constructPath === `${name}/Resource`);
  if (exact.length > 0) return exact;
  const ofPath = logicalIdsOfPath(name);
  return roles.filter((role) => (role.logicalId !== undefined && ofPath.includes(role.logicalId)) || madeFrom(role, name));
}

/** Whether the role's construct path, or failing that its logical ID, shows it was made by a construct with this ID. */
function madeFrom(role: NamedRole, id: string): boolean {
  if (role.constructPath !== undefined) return `/${role.constructPath}/`.includes(`/${id}/`);
  if (role.logicalId === undefined) return false;
  const human = alphanumeric(id);
  if (human === '') return false;
  // CDK: the IDs below the stack, concatenated, then 8 hex digits of the path's hash. The hash tells `Group/Prod`
  // from a construct named `NonProd`: the construct at the stack root or under one parent is confirmed by it.
  const match = /^(.*)([0-9A-F]{8})$/.exec(role.logicalId);
  if (match === null || !match[1].endsWith(human)) return false;
  const parent = match[1].slice(0, match[1].length - human.length);
  const candidates = parent === '' ? [[id], [id, 'Resource']] : [[parent, id], [parent, id, 'Resource']];
  return candidates.some((path) => cdkLogicalId(path) === role.logicalId);
}

/**
 * The logical IDs CDK gives the resource at a construct path (`Stack/Group/Prod`) or its `Resource` child, reading
 * the first component as the stack when there is more than one, and trying the whole path too.
 */
function logicalIdsOfPath(path: string): string[] {
  const parts = path.split('/').filter((part) => part !== '');
  if (parts.length === 0) return [];
  const belowStack = parts.length > 1 ? [parts.slice(1), parts] : [parts];
  return belowStack.flatMap((components) => [cdkLogicalId(components), cdkLogicalId([...components, 'Resource'])])
    .filter((id): id is string => id !== undefined);
}

/**
 * The logical ID CDK allocates for a path below its stack: `Default` components are dropped; one component is its
 * alphanumeric characters; otherwise the components without consecutive repeats and without `Resource`, as
 * alphanumeric text (at most 240 characters), followed by the first 8 hex digits, upper case, of the MD5 of the
 * components joined by "/" (aws-cdk-lib, core/lib/private/uniqueid.ts, "makeUniqueId"). Checked against CDK's own
 * allocation by test/analysis/template/role-lookup.test.ts.
 */
export function cdkLogicalId(path: readonly string[]): string | undefined {
  const components = path.filter((component) => component !== 'Default');
  if (components.length === 0) return undefined;
  if (components.length === 1) {
    const only = alphanumeric(components[0]);
    if (only.length <= 255) return only;
  }
  const hash = createHash('md5').update(components.join('/')).digest('hex').slice(0, 8).toUpperCase();
  const human = withoutRepeats(components).filter((component) => component !== 'Resource').map(alphanumeric).join('').slice(0, 240);
  return human + hash;
}

function withoutRepeats(components: readonly string[]): string[] {
  return components.filter((component, i) => i === 0 || component !== components[i - 1]);
}

function alphanumeric(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}
