/**
 * Turns a parsed input document of any accepted shape into the roles it holds, each with its trust policy as
 * written (an object, or the URL-encoded string IAM returns) and where it came from.
 */
import { basename } from 'node:path';
import { RoleAcknowledgement } from '../../analysis/acknowledgements';
import { ProviderUrls } from '../../analysis/policy/principal';
import { templateRoles } from '../../analysis/template/template-roles';
import { findDuplicateKeys, valueTexts } from '../../analysis/validate/json-duplicates';
import { CliError } from '../cli-error';
import { InputFile } from './json-file';
import { LineIndex } from './line-index';
import { describeShape, detectShape, EXPECTED_ROLE_INPUT, InputShape } from './shapes';

/** One role read from an input, with its trust policy. */
export interface RoleInput {
  /** The file it came from, as given (or found under a cdk.out directory). */
  readonly file: string;
  readonly shape: InputShape;
  /** The role's name in the account, when known. */
  readonly roleName?: string;
  readonly arn?: string;
  /** The logical ID in a CloudFormation template. */
  readonly logicalId?: string;
  /** The CDK construct path (`aws:cdk:path` metadata), when the template comes from the CDK. */
  readonly constructPath?: string;
  /** The trust policy: an object, a (possibly URL-encoded) JSON string, or undefined when the input has none. */
  readonly policy: unknown;
  /** Issuer URLs of OIDC providers in the same template, by logical ID. */
  readonly providerUrls?: ProviderUrls;
  /** The template's `Mappings`, for an `Fn::FindInMap` in the trust policy. */
  readonly mappings?: { [map: string]: unknown };
  /** The 1-based line where the role is written in `file`, when cheap to know. */
  readonly line?: number;
  /** Findings acknowledged with a reason in the template (`TrustAcknowledgements`). */
  readonly acknowledgements?: RoleAcknowledgement[];
  /** Keys of the template's outputs that hold the role's ARN or name. */
  readonly outputs?: string[];
  /** The client IDs of the template's OIDC provider the role trusts, when the template defines it. */
  readonly providerAudiences?: string[];
}

/**
 * The roles of a JSON input file; throws CliError for an unknown shape, or for an export or template with no role
 * when `requireRoles` is set (a cdk.out directory may well hold templates without roles).
 */
export function rolesOfFile(file: InputFile, requireRoles = true): RoleInput[] {
  const shape = detectShape(file.value);
  if (!shape) {
    throw new CliError(`${file.path}: unrecognized input (got ${describeShape(file.value)}): expected ${EXPECTED_ROLE_INPUT}`);
  }
  const roles = rolesOf(file, shape);
  if (roles.length === 0 && requireRoles) {
    const what = shape === 'cloudformation-template' ? 'no AWS::IAM::Role resource' : `no roles (${shape === 'list-roles' ? 'Roles' : 'RoleDetailList'} is empty)`;
    throw new CliError(`${file.path} holds ${what}: expected at least one role`);
  }
  return roles;
}

function rolesOf(file: InputFile, shape: InputShape): RoleInput[] {
  const value = file.value as any;
  switch (shape) {
    case 'account-authorization-details':
      return (value.RoleDetailList as unknown[]).map((role, index) => accountRole(file.path, shape, role, `RoleDetailList[${index}]`));
    case 'list-roles':
      return (value.Roles as unknown[]).map((role, index) => accountRole(file.path, shape, role, `Roles[${index}]`));
    case 'get-role':
      return [accountRole(file.path, shape, value.Role, 'Role')];
    case 'trust-policy':
      return [{ file: file.path, shape, policy: value }];
    case 'cloudformation-template':
      return templateRolesOf(file);
  }
}

function accountRole(path: string, shape: InputShape, role: unknown, where: string): RoleInput {
  if (role === null || typeof role !== 'object' || Array.isArray(role)) {
    // Reported as an unreadable policy rather than failing the whole export.
    return { file: path, shape, roleName: where, policy: undefined };
  }
  const r = role as any;
  return {
    file: path,
    shape,
    roleName: typeof r.RoleName === 'string' ? r.RoleName : where,
    arn: typeof r.Arn === 'string' ? r.Arn : undefined,
    policy: r.AssumeRolePolicyDocument,
  };
}

function templateRolesOf(file: InputFile): RoleInput[] {
  const roles = templateRoles(file.value);
  if (roles.length === 0) return [];
  const yaml = file.format === 'yaml';
  // A YAML file with a duplicate key is not read at all (readRoleInput): only JSON can hide one.
  const written = yaml ? new Map<string, string>() : policyTextsWithDuplicates(file.text);
  const lines = new LineIndex(file.text);
  const offsetOfKey = (key: string, from?: number) => (yaml ? lines.offsetOfYamlKey(key, from) : lines.offsetOfKey(key, from));
  const resourcesAt = Math.max(0, offsetOfKey('Resources'));
  // Resources are written in the order the parse lists them: searching on from the last role keeps this linear.
  let cursor = resourcesAt;
  return roles.map((role) => {
    // A SAM function's role is written by the function: its line, and its text, are the function's.
    const resourceId = role.resourceId ?? role.logicalId;
    let offset = offsetOfKey(resourceId, cursor);
    if (offset < 0) offset = offsetOfKey(resourceId, resourcesAt);
    if (offset >= 0) cursor = offset;
    return {
      file: file.path,
      shape: 'cloudformation-template' as const,
      logicalId: role.logicalId,
      roleName: role.roleName,
      constructPath: role.constructPath,
      policy: (role.mergedPolicy ? undefined : written.get(resourceId)) ?? role.policy,
      providerUrls: role.providerUrls,
      acknowledgements: role.acknowledgements,
      outputs: role.outputs,
      ...(role.providerAudiences ? { providerAudiences: role.providerAudiences } : {}),
      ...(role.mappings ? { mappings: role.mappings } : {}),
      line: offset >= 0 ? lines.lineAt(offset) : undefined,
    };
  });
}

/**
 * The trust policies of a template file that repeat a key, as written, by the role's logical ID. Parsing the file
 * keeps only the last of two equal keys (two "StringLike" blocks in one Condition), so the audit judges such a policy
 * as its text, where `DuplicateJsonKey` sees what was dropped. Hardly any file has one: the scan for duplicates comes
 * first and costs one pass over the text.
 */
function policyTextsWithDuplicates(text: string): Map<string, string> {
  const inPolicy = (path: readonly (string | number)[]) => path.length >= 4 && path[0] === 'Resources' && path[2] === 'Properties'
    && path[3] === 'AssumeRolePolicyDocument';
  const roles = new Set(findDuplicateKeys(text).filter((duplicate) => inPolicy(duplicate.path)).map((duplicate) => String(duplicate.path[1])));
  const byRole = new Map<string, string>();
  if (roles.size === 0) return byRole;
  const texts = valueTexts(text, (path) => path.length === 4 && inPolicy(path) && roles.has(String(path[1])));
  for (const [path, policy] of texts) byRole.set(String(JSON.parse(path)[1]), policy);
  return byRole;
}

/** The 12-digit account of the role's ARN (`arn:aws:iam::123456789012:role/x`), when the input has one. */
export function roleAccountOf(role: RoleInput): string | undefined {
  return role.arn === undefined ? undefined : /^arn:[^:]+:iam::(\d{12}):role\//.exec(role.arn)?.[1];
}

/** How a role is named in output: its construct path or logical ID, its role name, or its file. */
export function roleLabel(role: RoleInput): string {
  if (role.logicalId !== undefined) {
    const name = role.constructPath ?? role.logicalId;
    return `${basename(role.file)} ${name}${role.constructPath ? ` (${role.logicalId})` : ''}`;
  }
  if (role.roleName !== undefined) return role.roleName;
  return basename(role.file);
}
