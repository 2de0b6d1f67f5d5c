/**
 * The organization-wide guardrail: a resource control policy (AWS Organizations RCP) that denies
 * `sts:AssumeRoleWithWebIdentity` with a token of a GitHub issuer unless the token's repository owner is one of the
 * organization's GitHub owners. Whatever any role's trust policy says, a foreign owner's workflow gets no role.
 *
 * Facts (FACTS.md, "The owner guardrail"): RCPs apply to STS and an RCP Deny wins over a trust policy's Allow (AWS
 * Organizations User Guide, "Resource control policies"); `repository_owner_id` is among the GitHub claims STS puts
 * into the request context since 2026 (shared FACTS.md section 2). Where that ID is not evaluated (GitHub Enterprise
 * Server issuers, an owner without a known ID), the owner is matched by name in `sub` instead, which a recycled owner
 * name passes.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 */
import { fail } from '../../model/errors';
import { GitHubIssuer, GitHubIssuerKind } from '../../model/issuer';

/** A GitHub owner (organization or user) of the organization: its name and, where known, its immutable ID. */
export interface GuardrailOwner {
  readonly name: string;
  readonly id?: number;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** The RCP document: one Deny per issuer, by owner ID where every owner has one and the issuer evaluates it. */
export function ownerGuardrailPolicy(owners: readonly GuardrailOwner[], issuers: readonly GitHubIssuer[] = [GitHubIssuer.GITHUB_COM]): any {
  if (!Array.isArray(owners) || owners.length === 0) fail('owners', owners, 'at least one GitHub owner, e.g. [{ name: "acme", id: 1844662 }]');
  owners.forEach((owner, index) => {
    if (owner === null || typeof owner !== 'object' || typeof owner.name !== 'string' || !OWNER.test(owner.name)) {
      fail(`owners[${index}].name`, owner?.name, 'a GitHub owner name (letters, digits, single inner hyphens, at most 39)');
    }
    if (owner.id !== undefined && (!Number.isSafeInteger(owner.id) || owner.id <= 0)) {
      fail(`owners[${index}].id`, owner.id, 'the owner\'s numeric ID (gh api users/NAME --jq .id)');
    }
  });
  if (!Array.isArray(issuers) || issuers.length === 0 || issuers.some((issuer) => !(issuer instanceof GitHubIssuer))) {
    fail('issuers', issuers, 'a non-empty list of GitHubIssuer, e.g. [GitHubIssuer.GITHUB_COM]');
  }
  return {
    Version: '2012-10-17',
    Statement: issuers.map((issuer, index) => statementFor(owners, issuer, index)),
  };
}

function statementFor(owners: readonly GuardrailOwner[], issuer: GitHubIssuer, index: number): any {
  const byId = issuer.kind !== GitHubIssuerKind.ENTERPRISE_SERVER && owners.every((owner) => owner.id !== undefined);
  const key = (claim: string) => issuer.conditionKey(claim);
  const condition = byId
    ? { StringNotEquals: { [key('repository_owner_id')]: owners.map((owner) => String(owner.id)) } }
    : {
      // name-only and immutable subjects of the owner's repositories
      StringNotLike: { [key('sub')]: owners.flatMap((owner) => [`repo:${owner.name}/*`, `repo:${owner.name}@*`]) },
    };
  return {
    Sid: `DenyForeignGitHubOwners${index === 0 ? '' : index + 1}`,
    Effect: 'Deny',
    Principal: '*',
    Action: 'sts:AssumeRoleWithWebIdentity',
    Resource: '*',
    // Only tokens of this issuer carry its sub: other providers' tokens (EKS, Cognito) are left alone.
    Condition: { ...condition, Null: { [key('sub')]: 'false' } },
  };
}
