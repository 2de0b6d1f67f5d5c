import * as fs from 'fs';
import * as path from 'path';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Stack } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { describe } from './trust-validation';
import { acknowledgingReasons, isAcknowledgeable, needsValueAcknowledgement } from '../../analysis/acknowledgements';
import { mergeSubjectForms } from '../../analysis/findings/merge-subject-forms';
import { templateRoles } from '../../analysis/template/template-roles';
import { FindingSeverity, TrustPolicyFinding } from '../../analysis/validate/finding';
import { TrustPolicyValidator } from '../../analysis/validate/validator';
import { GitHubDeployRole } from '../deploy-role';

/**
 * `GitHubTrustChecks` as a CDK policy-validation plugin: the same rules over the synthesized templates, reported in
 * CDK's validation report next to other plugins' (cdk-nag v3, cfn-guard). CDK applies `Validations.acknowledge` to
 * the violations itself (by rule ID `cdk-github-deploy-roles::<RuleId>` and construct path, showing the reason);
 * acknowledgements recorded in a template by `TrustAcknowledgements` are honoured here.
 */

/** What CDK passes a plugin (the fields every version has, and the app on newer ones). */
export interface PluginContext {
  readonly templatePaths: string[];
  readonly appConstruct?: IConstruct;
}

/** One violation in CDK's report shape. */
export interface PluginViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly fix?: string;
  readonly severity?: string;
  readonly violatingResources: { readonly resourceLogicalId: string; readonly templatePath: string; readonly locations: string[] }[];
}

/** The options the plugin judges with. */
export interface PluginOptions {
  readonly expectedAudience?: string;
  readonly sizeLimit: number;
}

const SEVERITY: { [severity: string]: string } = {
  [FindingSeverity.ERROR]: 'error',
  [FindingSeverity.WARNING]: 'warning',
  [FindingSeverity.INFO]: 'info',
};

/**
 * CDK's severity for a violation no acknowledgement may suppress: aws-cdk-lib (2.257 and later) suppresses any
 * violation whose rule is acknowledged with `Validations.acknowledge`, except a "fatal" one (`isSuppressibleViolation`
 * in core/lib/validation/private/report). Older versions only print the severity; the report's `success` decides.
 */
const FATAL = 'fatal';

/**
 * A finding's severity in CDK's report: "fatal" for an error no `Validations.acknowledge` may cover: a fact, any owner
 * let in, or a finding only an acknowledgement naming its value covers (CDK's acknowledgements name a rule only; a
 * `TrustAcknowledgements` entry with the value is honoured before this).
 */
function severityOf(finding: TrustPolicyFinding): string {
  return finding.severity === FindingSeverity.ERROR && (!isAcknowledgeable(finding) || needsValueAcknowledgement(finding))
    ? FATAL : SEVERITY[finding.severity];
}

/** The report of every GitHub trust policy in the templates. A template that cannot be read is a violation. */
export function trustPluginReport(context: PluginContext, options: PluginOptions): { success: boolean; violations: PluginViolation[] } {
  const selfChecked = deployRolesOf(context.appConstruct);
  const violations: PluginViolation[] = [];
  for (const templatePath of context.templatePaths ?? []) {
    let template: unknown;
    try {
      template = JSON.parse(fs.readFileSync(templatePath, 'utf8'));
    } catch (err) {
      violations.push({
        ruleName: 'PolicyUnreadable',
        severity: FATAL,
        description: `The template cannot be read: ${(err as Error).message}`,
        violatingResources: [{ resourceLogicalId: '', templatePath, locations: [] }],
      });
      continue;
    }
    for (const role of templateRoles(template)) {
      if (selfChecked.has(`${path.basename(templatePath)}#${role.logicalId}`)) continue;
      const findings = TrustPolicyValidator.validate(role.policy, {
        expectedAudience: options.expectedAudience,
        providerUrls: role.providerUrls,
        sizeLimit: options.sizeLimit,
        templateMappings: role.mappings,
      });
      for (const finding of mergeSubjectForms(findings)) {
        if (acknowledgingReasons(finding, role.acknowledgements).length > 0) continue;
        violations.push({
          ruleName: finding.ruleId,
          description: describe(finding),
          fix: finding.fix,
          severity: severityOf(finding),
          violatingResources: [{ resourceLogicalId: role.logicalId, templatePath, locations: ['Properties/AssumeRolePolicyDocument'] }],
        });
      }
    }
  }
  return { success: !violations.some((violation) => violation.severity === 'error' || violation.severity === FATAL), violations };
}

/**
 * `<template file>#<logical ID>` of every GitHubDeployRole's role: they check themselves at synth (and fail it on
 * an error before any plugin runs), so the plugin does not report them twice. Only newer aws-cdk-lib versions pass
 * the app; without it every role of the templates is judged.
 */
function deployRolesOf(app: IConstruct | undefined): Set<string> {
  const keys = new Set<string>();
  if (app === undefined) return keys;
  for (const construct of app.node.findAll()) {
    if (!(construct instanceof GitHubDeployRole)) continue;
    const cfnRole = construct.node.defaultChild as iam.CfnRole;
    const stack = Stack.of(construct);
    keys.add(`${stack.templateFile}#${stack.resolve(cfnRole.logicalId)}`);
  }
  return keys;
}
