/**
 * Which of the given roles a job's `role-to-assume` names. A literal ARN or name is looked up by ARN, role name,
 * logical ID or construct path. A `${{ vars.X }}` / `${{ secrets.X }}` the user did not supply is matched to a role
 * whose stack output or construct ID spells the same words: `vars.AWS_ROLE_ARN_WEB_PROD` names the role of output
 * `WebProdRoleArn` (`GitHubWorkflowSnippetOutput`) or of construct `WebProd` (the variable `GitHubWorkflowSnippet`
 * suggests). With one role given and nothing to tell otherwise, the job is checked against that role, and says so.
 */
import { CheckRole } from './types';
import { findRoles } from '../template/role-lookup';

/** The outcome of resolving a `role-to-assume`. */
export type RoleResolution =
  | { readonly kind: 'found'; readonly role: CheckRole; readonly note?: string }
  | { readonly kind: 'not-found'; readonly message: string }
  | { readonly kind: 'unresolved'; readonly message: string };

/** Resolves a role-to-assume, given as its known text or as the expressions it could not be resolved from. */
export function resolveRole(value: string | undefined, unresolved: readonly string[], roles: readonly CheckRole[], written = ''): RoleResolution {
  if (value !== undefined) return resolveLiteral(value, roles);
  // `arn:aws:iam::${{ secrets.ACCOUNT_ID }}:role/deploy`: the account is unknown, the role name is not.
  const skeleton = /^arn:[^:]*:iam::[^:]*:role\/(?:[^$]*\/)?([\w+=,.@*-]+)$/.exec(written.trim().replace(/\$\{\{[^}]*\}\}/g, '*'));
  if (skeleton && !skeleton[1].includes('*')) {
    const named = roles.filter((role) => role.roleName === skeleton[1] || (role.arn?.endsWith(`/${skeleton[1]}`) ?? false));
    if (named.length === 1) return { kind: 'found', role: named[0], note: `role name ${skeleton[1]} matched (the account comes from ${unresolved.join(', ')})` };
  }
  const variable = unresolved.map((e) => /^(?:vars|secrets|env)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(e)?.[1]).find((v) => v !== undefined);
  if (variable !== undefined) {
    // A name given for the variable (GitHubWorkflowAssertions' `roles`, a stack output key) decides first.
    const named = roles.filter((role) => (role.aliases ?? []).some((alias) => alias.toLowerCase() === variable.toLowerCase()));
    if (named.length === 1) return { kind: 'found', role: named[0], note: `\`${unresolved[0]}\` read as ${named[0].id} (named so)` };
    const words = normalized(variable);
    const matches = words === '' ? [] : roles.filter((role) => namesOf(role).some((name) => normalized(name) === words));
    if (matches.length === 1) return { kind: 'found', role: matches[0], note: `\`${unresolved[0]}\` read as ${matches[0].id} (a stack output or construct of the same name)` };
    if (matches.length > 1) {
      return { kind: 'unresolved', message: `\`${unresolved[0]}\` could name ${matches.map((r) => r.id).join(' or ')}: pass its value with --vars` };
    }
  }
  if (roles.length === 1) return { kind: 'found', role: roles[0], note: `\`${unresolved.join(', ')}\` is not known; checked against the only role given, ${roles[0].id}` };
  return {
    kind: 'unresolved',
    message: `role-to-assume is \`\${{ ${unresolved.join(' }} / ${{ ')} }}\`, which the files do not decide: pass its value with --vars (a JSON object of names to values)`,
  };
}

function resolveLiteral(value: string, roles: readonly CheckRole[]): RoleResolution {
  const trimmed = value.trim();
  if (!trimmed.startsWith('arn:')) {
    // configure-aws-credentials turns a bare name into an ARN with the source account, which OIDC has not got.
    return {
      kind: 'not-found',
      message: `role-to-assume \`${trimmed}\` is a role name, not an ARN: with OIDC configure-aws-credentials fails ("Source Account ID is needed if the Role Name is provided and not the Role Arn"); write the role's full ARN`,
    };
  }
  const arn = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(trimmed);
  if (arn === null) {
    return { kind: 'not-found', message: `role-to-assume \`${trimmed}\` is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)` };
  }
  const [, account, name] = arn;
  const byArn = findRoles(roles, trimmed);
  const byName = byArn.length > 0 ? byArn
    : roles.filter((role) => role.roleName === name && (role.account === undefined || role.account === account));
  // A role known by no name but an alias spelling the ARN's (a trust policy file named after the role).
  const byAlias = byName.length > 0 ? byName
    : roles.filter((role) => role.roleName === undefined && role.arn === undefined && (role.aliases ?? []).includes(name));
  if (byAlias.length === 1 && byName.length === 0) return { kind: 'found', role: byAlias[0], note: `${trimmed} read as ${byAlias[0].id}, named like the role` };
  if (byName.length === 1) return { kind: 'found', role: byName[0] };
  if (byName.length > 1) return { kind: 'unresolved', message: `role-to-assume ${trimmed} matches ${byName.map((r) => r.id).join(', ')}` };
  const unnamed = roles.filter((role) => role.roleName === undefined && role.arn === undefined);
  if (unnamed.length === 0) {
    return { kind: 'not-found', message: `no role given is ${trimmed} (roles given: ${listed(roles)})` };
  }
  if (roles.length === 1) return { kind: 'found', role: roles[0], note: `${trimmed} checked against the only role given, ${roles[0].id}, whose name the input does not hold` };
  return { kind: 'unresolved', message: `${trimmed} names a role whose name the inputs do not hold (${unnamed.length} roles have generated names): give the role a roleName, or pass the account's get-role output` };
}

/** Every name a role goes by: construct ID, logical ID, role name, output keys. */
function namesOf(role: CheckRole): string[] {
  const constructId = role.constructPath?.replace(/\/Resource$/, '').split('/').pop();
  // Without construct paths (a unit test's template), CDK's logical ID is the construct ID and an 8-hex hash.
  const fromLogicalId = role.logicalId?.replace(/[0-9A-F]{8}$/, '');
  return [constructId, role.logicalId, fromLogicalId, role.roleName, ...(role.aliases ?? [])].filter((n): n is string => n !== undefined);
}

/** A name reduced to its words: `AWS_ROLE_ARN_WEB_PROD`, `WebProdRoleArn` and `WebProd` all give `webprod`. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/^awsrolearn/, '').replace(/rolearn$/, '').replace(/^role/, '').replace(/role$/, '');
}

function listed(roles: readonly CheckRole[]): string {
  return roles.slice(0, 8).map((r) => r.id).join(', ') + (roles.length > 8 ? `, ... (${roles.length})` : '');
}
