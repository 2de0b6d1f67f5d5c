import * as core from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { UNACKNOWLEDGEABLE_RULE_IDS } from '../../analysis/acknowledgements';
import type { TrustAcknowledgement } from '../acknowledgements';

/**
 * aws-cdk-lib's own validation API where the user's version has it (`Validations`, aws-cdk-lib >= 2.257; our floor,
 * 2.200, has none), detected at run time so that one build of this library serves the whole peer range.
 *
 * One ID names each finding everywhere: `cdk-github-deploy-roles::<RuleId>`. It is what the CDK CLI shows next to
 * our messages ("Acknowledge with '...'", read from the message's trailing `(namespace::Rule)`), what
 * `Validations.of(scope).acknowledge({ id, reason })` takes, and the rule name of our policy-validation plugin
 * (CDK derives a plugin's namespace from its name).
 */

/** Our plugin name and the namespace of our rule IDs in CDK's validation report. */
export const CDK_RULE_NAMESPACE = 'cdk-github-deploy-roles';

/** CDK's construct-metadata key for acknowledgements (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`). */
const ACKNOWLEDGED_RULES_METADATA_KEY = 'aws:cdk:acknowledged-rules';

/** Whether the user's aws-cdk-lib has `Validations` (acknowledgements with a reason, policy-validation plugins). */
export function hasCdkValidations(): boolean {
  return typeof (core as any).Validations?.of === 'function';
}

/** The CDK rule ID of one of our rules. */
export function cdkRuleId(ruleId: string): string {
  return `${CDK_RULE_NAMESPACE}::${ruleId}`;
}

/** Our rule ID from a CDK rule ID (`cdk-github-deploy-roles::X`, also as CDK spells annotation IDs), or undefined. */
export function ourRuleId(cdkId: string): string | undefined {
  const match = /^(?:Annotation::)?cdk-github-deploy-roles(?:::|:)([A-Z][A-Za-z0-9]*)$/.exec(cdkId);
  return match?.[1];
}

/**
 * Acknowledgements recorded with CDK's `Validations.of(scope).acknowledge({ id, reason })` on the construct or any of
 * its scopes, for our rules: CDK writes them as construct metadata, which older versions simply never have. Rules
 * that describe facts (an unreadable or oversized policy) are not acknowledgeable, whichever API names them.
 */
export function cdkAcknowledgements(construct: IConstruct): TrustAcknowledgement[] {
  const found: TrustAcknowledgement[] = [];
  for (const scope of construct.node.scopes) {
    for (const entry of scope.node.metadata) {
      if (entry.type !== ACKNOWLEDGED_RULES_METADATA_KEY || entry.data === null || typeof entry.data !== 'object') continue;
      for (const [id, reason] of Object.entries(entry.data as { [id: string]: unknown })) {
        const ruleId = ourRuleId(id);
        if (ruleId === undefined || UNACKNOWLEDGEABLE_RULE_IDS.includes(ruleId) || typeof reason !== 'string') continue;
        if (reason.trim() === '') continue;
        found.push({ ruleId, reason: reason.trim() });
      }
    }
  }
  return found;
}
