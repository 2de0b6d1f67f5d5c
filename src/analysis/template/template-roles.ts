/**
 * The IAM roles of a CloudFormation template (as synthesized by the CDK or written by hand), with their trust
 * policies and the issuer URLs of the OIDC providers defined beside them, so `Ref`/`Fn::GetAtt` principals can be
 * recognized. Pure: shared by the CLI and the test assertions.
 */
import { acknowledgementsOf, ACKNOWLEDGEMENTS_METADATA_KEY, RoleAcknowledgement } from '../acknowledgements';
import { ProviderUrls } from '../policy/principal';

/** One `AWS::IAM::Role` resource of a template. */
export interface TemplateRole {
  readonly logicalId: string;
  /** `RoleName`, when the template sets it as a string. */
  readonly roleName?: string;
  /** The CDK construct path (`aws:cdk:path` metadata), when present. */
  readonly constructPath?: string;
  /** The trust policy as written (undefined when the role has none). */
  readonly policy: unknown;
  /** Issuer URLs of the template's OIDC providers, by logical ID (shared by all roles of the template). */
  readonly providerUrls: ProviderUrls;
  /** Findings acknowledged with a reason in the role's metadata (`TrustAcknowledgements`). */
  readonly acknowledgements: RoleAcknowledgement[];
}

/** Resource types whose `Url` property is an OIDC provider's issuer URL (native, and CDK's custom resource). */
const PROVIDER_TYPES = new Set(['AWS::IAM::OIDCProvider', 'Custom::AWSCDKOpenIdConnectProvider']);

/** Whether a value looks like a CloudFormation template (an object with a `Resources` object). */
export function isTemplate(value: unknown): boolean {
  const resources = (value as any)?.Resources;
  return resources !== null && typeof resources === 'object' && !Array.isArray(resources);
}

/** The roles of a template, in template order; none when it is not a template. */
export function templateRoles(template: unknown): TemplateRole[] {
  if (!isTemplate(template)) return [];
  const resources = (template as any).Resources as { [logicalId: string]: any };
  const providerUrls: { [logicalId: string]: string } = {};
  const roleIds: string[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource === null || typeof resource !== 'object') continue;
    if (PROVIDER_TYPES.has(resource.Type) && typeof resource.Properties?.Url === 'string') {
      providerUrls[logicalId] = resource.Properties.Url;
    } else if (resource.Type === 'AWS::IAM::Role') {
      roleIds.push(logicalId);
    }
  }
  return roleIds.map((logicalId) => {
    const resource = resources[logicalId];
    const properties = resource.Properties ?? {};
    const cdkPath = resource.Metadata?.['aws:cdk:path'];
    return {
      logicalId,
      roleName: typeof properties.RoleName === 'string' ? properties.RoleName : undefined,
      constructPath: typeof cdkPath === 'string' ? cdkPath : undefined,
      policy: properties.AssumeRolePolicyDocument,
      providerUrls,
      acknowledgements: acknowledgementsOf(resource.Metadata?.[ACKNOWLEDGEMENTS_METADATA_KEY]),
    };
  });
}
