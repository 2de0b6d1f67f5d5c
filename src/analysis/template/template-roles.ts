/**
 * The IAM roles of a CloudFormation template (as synthesized by the CDK or written by hand), with their trust
 * policies and the issuer URLs of the OIDC providers defined beside them, so `Ref`/`Fn::GetAtt` principals can be
 * recognized. Pure: shared by the CLI and the test assertions.
 */
import { acknowledgementsOf, ACKNOWLEDGEMENTS_METADATA_KEY, RoleAcknowledgement } from '../acknowledgements';
import { withLoopsExpanded } from './for-each';
import { SAM_FUNCTION_TYPE, samFunctionRoleId, samFunctionTrustPolicy } from './sam-function';
import { parseTemplateText } from './template-text';
import { cfnJsonValuesOf, withCfnJsonValues } from '../policy/cfn-json';
import { ProviderUrls } from '../policy/principal';
import { parameterEntries } from '../policy/template-parameters';

/** One `AWS::IAM::Role` resource of a template. */
export interface TemplateRole {
  readonly logicalId: string;
  /** `RoleName`, when the template sets it as a string. */
  readonly roleName?: string;
  /**
   * The logical ID of the resource that writes the role, when it is not the role itself: a SAM function (`Api` for the
   * `ApiRole` the transform creates).
   */
  readonly resourceId?: string;
  /** Whether the trust policy is more than its resource's `AssumeRolePolicyDocument` (merged with the template's Globals). */
  readonly mergedPolicy?: boolean;
  /** The CDK construct path (`aws:cdk:path` metadata), when present. */
  readonly constructPath?: string;
  /** The trust policy as written (undefined when the role has none). */
  readonly policy: unknown;
  /** Issuer URLs of the template's OIDC providers, by logical ID (shared by all roles of the template). */
  readonly providerUrls: ProviderUrls;
  /** The template's `Mappings`, when it has them: what an `Fn::FindInMap` in the trust policy can read. */
  readonly mappings?: { [map: string]: unknown };
  /** Findings acknowledged with a reason in the role's metadata (`TrustAcknowledgements`). */
  readonly acknowledgements: RoleAcknowledgement[];
  /** Keys of the template's outputs whose value is the role's ARN or name (`Fn::GetAtt [id, Arn]`, `Ref`). */
  readonly outputs: string[];
  /**
   * The client IDs (audiences) of the OIDC providers of this template that the role's trust policy references, when
   * they are written as a list of strings.
   */
  readonly providerAudiences?: string[];
}

/** Resource types whose `Url` property is an OIDC provider's issuer URL (native, and CDK's custom resource). */
export const OIDC_PROVIDER_TYPES: ReadonlySet<string> = new Set(['AWS::IAM::OIDCProvider', 'Custom::AWSCDKOpenIdConnectProvider']);

/** Whether a value looks like a CloudFormation template (an object with a `Resources` object). */
export function isTemplate(value: unknown): boolean {
  const resources = (value as any)?.Resources;
  return resources !== null && typeof resources === 'object' && !Array.isArray(resources);
}

/**
 * The roles of a template, in template order (those of an `Fn::ForEach` loop by the logical IDs it writes), then
 * those of the templates its StackSets deploy (an inline `TemplateBody` in JSON, as `GitHubOidcStackSet` writes it, or
 * in YAML), named `<StackSet logical ID>/<role logical ID>`; none when it is not a template.
 */
export function templateRoles(written: unknown, depth = 0): TemplateRole[] {
  if (!isTemplate(written)) return [];
  // The resources CloudFormation deploys: `Fn::ForEach` loops written out (for-each.ts).
  const template = withLoopsExpanded(written);
  return [...ownRoles(template), ...(depth < 2 ? stackSetRoles(template, depth) : [])];
}

/** The roles of the templates of the template's `AWS::CloudFormation::StackSet` resources with an inline body. */
function stackSetRoles(template: unknown, depth: number): TemplateRole[] {
  const out: TemplateRole[] = [];
  for (const [logicalId, resource] of Object.entries((template as any).Resources as { [id: string]: any })) {
    const body = resource?.Type === 'AWS::CloudFormation::StackSet' ? resource.Properties?.TemplateBody : undefined;
    if (typeof body !== 'string') continue;
    const inner = parseTemplateText(body);
    if (inner === undefined) continue;
    const path = resource.Metadata?.['aws:cdk:path'];
    for (const role of templateRoles(inner, depth + 1)) {
      out.push({
        ...role,
        logicalId: `${logicalId}/${role.logicalId}`,
        constructPath: role.constructPath === undefined ? undefined
          : `${typeof path === 'string' ? path.replace(/\/Resource$/, '') : logicalId}/${role.constructPath}`,
      });
    }
  }
  return out;
}

function ownRoles(template: unknown): TemplateRole[] {
  const resources = (template as any).Resources as { [logicalId: string]: any };
  const providerUrls: { [logicalId: string]: string } = {};
  const clientIds: { [logicalId: string]: string[] } = {};
  // Each role: its logical ID, the resource that writes it, and its trust policy as written.
  const written: { logicalId: string; resource: any; document: unknown; resourceId?: string; merged?: boolean }[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource === null || typeof resource !== 'object') continue;
    if (OIDC_PROVIDER_TYPES.has(resource.Type) && typeof resource.Properties?.Url === 'string') {
      providerUrls[logicalId] = resource.Properties.Url;
      const list = resource.Properties.ClientIdList;
      if (Array.isArray(list) && list.every((id: unknown) => typeof id === 'string')) clientIds[logicalId] = list;
    } else if (resource.Type === 'AWS::IAM::Role') {
      written.push({ logicalId, resource, document: resource.Properties?.AssumeRolePolicyDocument });
    } else if (resource.Type === SAM_FUNCTION_TYPE) {
      // The role the SAM transform creates for the function (sam-function.ts), when it has a trust policy of its own.
      const document = samFunctionTrustPolicy(resource.Properties, (template as any).Globals);
      if (document === undefined) continue;
      const merged = document !== resource.Properties?.AssumeRolePolicyDocument;
      written.push({ logicalId: samFunctionRoleId(logicalId), resource, document, resourceId: logicalId, merged });
    }
  }
  const outputs = outputsByRole((template as any).Outputs);
  const mappings = (template as any).Mappings;
  const ownMappings = mappings !== null && typeof mappings === 'object' && !Array.isArray(mappings) ? mappings : undefined;
  // The parameters' defaults travel with the mappings: reading one is a choice too (policy/template-parameters.ts).
  const parameters = parameterEntries((template as any).Parameters);
  const templateMappings = Object.keys(parameters).length > 0 ? { ...ownMappings, ...parameters } : ownMappings;
  // A condition written through CDK's CfnJson is the JSON its resource returns (policy/cfn-json.ts).
  const cfnJson = cfnJsonValuesOf(resources, providerUrls);
  return written.map(({ logicalId, resource, document, resourceId, merged }) => {
    const properties = resource.Properties ?? {};
    const audiences = providerAudiencesOf(document, clientIds);
    const cdkPath = resource.Metadata?.['aws:cdk:path'];
    return {
      logicalId,
      ...(resourceId !== undefined ? { resourceId } : {}),
      ...(merged ? { mergedPolicy: true } : {}),
      roleName: typeof properties.RoleName === 'string' ? properties.RoleName : undefined,
      constructPath: typeof cdkPath === 'string' ? cdkPath : undefined,
      policy: cfnJson ? withCfnJsonValues(document, cfnJson) : document,
      providerUrls,
      acknowledgements: acknowledgementsOf(resource.Metadata?.[ACKNOWLEDGEMENTS_METADATA_KEY]),
      outputs: outputs.get(logicalId) ?? [],
      ...(audiences ? { providerAudiences: audiences } : {}),
      ...(templateMappings ? { mappings: templateMappings } : {}),
    };
  });
}

/** Output keys by the logical ID of the resource whose ARN (`Fn::GetAtt [id, Arn]`) or name (`Ref`) they hold. */
function outputsByRole(outputs: unknown): Map<string, string[]> {
  const byRole = new Map<string, string[]>();
  if (outputs === null || typeof outputs !== 'object') return byRole;
  for (const [key, output] of Object.entries(outputs as { [key: string]: any })) {
    const value = output?.Value;
    const getAtt = value?.['Fn::GetAtt'];
    const id = Array.isArray(getAtt) && getAtt[1] === 'Arn' ? getAtt[0] : typeof value?.Ref === 'string' ? value.Ref : undefined;
    if (typeof id === 'string') byRole.set(id, [...(byRole.get(id) ?? []), key]);
  }
  return byRole;
}

/** The client IDs of the template's providers that a trust policy references by `Ref` or `Fn::GetAtt`. */
function providerAudiencesOf(policy: unknown, clientIds: { [logicalId: string]: string[] }): string[] | undefined {
  const ids = Object.keys(clientIds);
  if (ids.length === 0 || policy === undefined) return undefined;
  const text = JSON.stringify(policy);
  const referenced = ids.filter((id) => text.includes(`{"Ref":"${id}"}`) || text.includes(`{"Fn::GetAtt":["${id}",`));
  if (referenced.length !== 1) return undefined;
  return clientIds[referenced[0]];
}
