import { CfnResource, Stack, Token } from 'aws-cdk-lib/core';
import { IConstruct } from 'constructs';
import { renderedResource } from './rendered-resource';
import { mayBeResourceOfType } from './role-resources';
import { describe, withRuleId } from './trust-validation';
import { withAcknowledgement } from '../../analysis/acknowledgements';
import { templateRoles } from '../../analysis/template/template-roles';
import { parseTemplateText } from '../../analysis/template/template-text';
import { FindingSeverity } from '../../analysis/validate/finding';
import { TrustPolicyValidator } from '../../analysis/validate/validator';

/**
 * The trust policies of the roles a hand-written `AWS::CloudFormation::StackSet` deploys: a StackSet puts its
 * template's roles in every account it targets, so a `repo:*` role in its `TemplateBody` is open in the whole
 * organization. `GitHubTrustChecks` judges them with the same rules; the roles of a `GitHubOidcStackSet` are judged
 * when its template synthesizes, and are not judged twice.
 */

/** StackSets whose template this library synthesizes and checks itself (GitHubOidcStackSet). */
export const SELF_CHECKED_STACK_SETS = new WeakSet<IConstruct>();

/** Whether the construct is an `AWS::CloudFormation::StackSet` resource GitHubTrustChecks should open. */
export function isForeignStackSet(node: IConstruct): node is CfnResource {
  // A Type override may make any resource a StackSet: stackSetFindings reads the type it synthesizes to.
  return mayBeResourceOfType(node, STACK_SET_TYPE) && !SELF_CHECKED_STACK_SETS.has(node);
}

const STACK_SET_TYPE = 'AWS::CloudFormation::StackSet';

/** What to check against: the options of the `GitHubTrustChecks`. */
export interface StackSetCheck {
  readonly expectedAudience?: string;
  readonly sizeLimit: number;
}

/** Errors and warnings of the roles in the StackSet's inline template. */
export interface StackSetFindings {
  readonly errors: string[];
  readonly warnings: { readonly ruleId: string; readonly message: string }[];
}

/**
 * The findings of the StackSet's template roles, each message naming the role (`<role logical ID> in the StackSet
 * template: <RuleId>: ...`). A template given by URL cannot be read at synth (nothing to say: `audit` reads deployed
 * roles); a body that cannot be read (neither JSON nor YAML, or a value known only at deploy time) is a warning, not
 * silence.
 */
export function stackSetFindings(stackSet: CfnResource, check: StackSetCheck): StackSetFindings {
  const stack = Stack.of(stackSet);
  // As the template will hold it: escape hatches (addPropertyOverride('TemplateBody', ...)) included.
  const resource = renderedResource(stack, stackSet);
  const body = resource?.Type === STACK_SET_TYPE ? resource.Properties?.TemplateBody : undefined;
  if (body === undefined) return { errors: [], warnings: [] };
  const unread = (why: string) => ({
    errors: [],
    warnings: [{
      ruleId: 'StackSetTemplateUnread',
      message: `The StackSet's TemplateBody ${why}, so the trust policies of the roles it deploys to every target account are ` +
        'not checked at synth. Give it as JSON or YAML text known at synth, or audit the deployed roles ' +
        '(github-deploy-roles audit).',
    }],
  });
  if (typeof body !== 'string' || Token.isUnresolved(body)) return unread('is not text known at synth');
  const template = parseTemplateText(body);
  if (template === undefined) return unread('is neither JSON nor YAML the synth can read (duplicate keys included)');
  const errors: string[] = [];
  const warnings: { ruleId: string; message: string }[] = [];
  for (const role of templateRoles(template)) {
    const findings = TrustPolicyValidator.validate(role.policy, {
      providerUrls: role.providerUrls,
      templateMappings: role.mappings,
      expectedAudience: check.expectedAudience,
      sizeLimit: check.sizeLimit,
    }).map((finding) => withAcknowledgement(finding, role.acknowledgements));
    for (const finding of findings) {
      const message = withRuleId(`${role.logicalId} in the StackSet template: ${describe(finding)}`, finding.ruleId);
      if (finding.severity === FindingSeverity.ERROR) errors.push(message);
      else if (finding.severity === FindingSeverity.WARNING) warnings.push({ ruleId: finding.ruleId, message });
    }
  }
  return { errors, warnings };
}
