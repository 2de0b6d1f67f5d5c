/**
 * Who can assume the roles of a synthesized template: the test-side of the library. Built on `GitHubToken.simulate`
 * and `TrustPolicyEvaluator`, so a unit test states "a push to main of acme/web may assume WebProd; a pull request
 * may not; acme/other may not" and a failure says which condition refused or admitted the run.
 *
 * Pure: takes the template as JSON (`Template.fromStack(stack).toJSON()`), imports nothing from aws-cdk-lib.
 */
import { describeValue, fail } from '../../model/errors';
import { TrustPolicyEvaluator } from '../evaluate/evaluator';
import { PolicyReading, policyReadings } from '../evaluate/readings';
import { StatementEvaluation, TrustPolicyEvaluation } from '../evaluate/types';
import { policyChoices } from '../policy/conditional';
import { ParsedPolicy, parsePolicy } from '../policy/document';
import { findRoles } from '../template/role-lookup';
import { isTemplate, TemplateRole, templateRoles } from '../template/template-roles';
import { GitHubToken } from '../token/token';
import { WorkflowRunOptions } from '../token/types';

/**
 * Assertions on who can assume the GitHub roles of a CloudFormation template.
 *
 * @example
 * import { Template } from 'aws-cdk-lib/assertions';
 * import { GitHubDeployRole, GitHubRepository, GitHubTrustAssertions, SubjectClaim } from 'cdk-github-deploy-roles';
 *
 * const web = GitHubRepository.of('acme', 'web');
 * new GitHubDeployRole(this, 'WebProd', { repository: web, subjects: [SubjectClaim.environment('production')] });
 *
 * const roles = GitHubTrustAssertions.fromTemplate(Template.fromStack(this).toJSON());
 * roles.assertCanAssume('WebProd', { repository: web, environment: 'production' });
 * roles.assertCannotAssume('WebProd', { repository: web, eventName: 'pull_request', ref: 'refs/pull/7/merge' });
 */
export class GitHubTrustAssertions {
  /**
   * The roles of a synthesized template, e.g. `Template.fromStack(stack).toJSON()` or a `cdk.out` template file.
   */
  public static fromTemplate(template: any): GitHubTrustAssertions {
    if (!isTemplate(template)) {
      fail('template', template, 'a CloudFormation template with Resources, e.g. Template.fromStack(stack).toJSON()');
    }
    return new GitHubTrustAssertions(templateRoles(template));
  }

  private constructor(private readonly roles: TemplateRole[]) {}

  /** Logical IDs of the roles that trust a GitHub OIDC provider. */
  public githubRoleIds(): string[] {
    return this.roles.filter(trustsGitHub).map((role) => role.logicalId);
  }

  /**
   * How the role's trust policy judges the token GitHub would mint for this run.
   *
   * @param role the role's logical ID, or the construct ID it was made from (e.g. `WebProd`), or its construct path
   * @param run the workflow run: repository, event, ref, environment...
   */
  public evaluate(role: string, run: WorkflowRunOptions): TrustPolicyEvaluation {
    const found = this.find(role);
    return TrustPolicyEvaluator.evaluate(found.policy, GitHubToken.simulate(run), {
      providerUrls: found.providerUrls,
      ...(found.mappings ? { templateMappings: found.mappings } : {}),
    });
  }

  /**
   * Whether the run may assume the role: for a role whose policy the template deploys in several ways (`Fn::If`,
   * `Fn::Select`, `Fn::FindInMap`), whether any of them admits it, and for a policy IAM may read in several ways
   * (an operator in another case, white space around a key: see `assertCannotAssume`), whether any of them does.
   */
  public canAssume(role: string, run: WorkflowRunOptions): boolean {
    return this.readings(role, run).some(({ evaluation }) => evaluation.allowed);
  }

  /**
   * Throws, with the evaluation's explanation, unless the run may assume the role: however the template's
   * CloudFormation choices are made, when its policy has some, and however IAM reads the policy where AWS documents
   * nothing (a key with white space around it may never match).
   */
  public assertCanAssume(role: string, run: WorkflowRunOptions): void {
    for (const { reading, evaluation } of this.readings(role, run)) {
      const everyWay = evaluation.variants === undefined ? evaluation.allowed
        : evaluation.variants.length > 0 && evaluation.variants.every((variant) => variant.allowed);
      if (!everyWay) throw new Error(explain(`${role} should admit`, run, evaluation, reading));
    }
  }

  /**
   * Throws, with the evaluation's explanation, if the run may assume the role: in any deployment the template's
   * CloudFormation choices allow, and also when they are too many to judge each (what cannot be shown refused is not
   * assumed refused). Likewise under each way IAM may read the policy where AWS documents nothing
   * (evaluate/readings.ts): a condition with an empty list of values ignored, white space around principals, actions,
   * operators and keys trimmed, an operator in another case than AWS's (`StringLIKE`) passed over, one spelling of a
   * key written twice in a block, a provider ARN in another case or with a wildcard matched leniently. `evaluate`
   * judges the policy one way only.
   */
  public assertCannotAssume(role: string, run: WorkflowRunOptions): void {
    for (const { reading, evaluation } of this.readings(role, run)) {
      if (evaluation.allowed || evaluation.variants?.length === 0) throw new Error(explain(`${role} should refuse`, run, evaluation, reading));
    }
  }

  /** The role's policy judged under each way IAM may read it, the evaluator's own first. */
  private readings(role: string, run: WorkflowRunOptions): { reading: PolicyReading; evaluation: TrustPolicyEvaluation }[] {
    const found = this.find(role);
    const token = GitHubToken.simulate(run);
    const options = { providerUrls: found.providerUrls, ...(found.mappings ? { templateMappings: found.mappings } : {}) };
    return policyReadings(found.policy).map((reading) => ({ reading, evaluation: TrustPolicyEvaluator.evaluate(reading.document, token, options) }));
  }

  private find(name: string): TemplateRole {
    if (typeof name !== 'string' || name === '') fail('role', name, 'a logical ID, construct ID or construct path');
    const matches = findRoles(this.roles, name);
    if (matches.length === 1) return matches[0];
    fail('role', name, matches.length > 1
      ? `one role; it names ${matches.map(describeRole).join(', ')}: give the full logical ID or construct path`
      : `a logical ID, construct ID or construct path of a role of the template: ${this.roles.map(describeRole).join(', ') || 'it has none'}`);
  }
}

/** Whether a statement of the policy, or of one of the ways the template can deploy it, trusts a GitHub provider. */
function trustsGitHub(role: TemplateRole): boolean {
  const trusting = (policy: ParsedPolicy) => policy.statements.some((statement) => statement.issuer !== undefined);
  const parsed = parsePolicy(role.policy, { providerUrls: role.providerUrls });
  if (trusting(parsed)) return true;
  const variants = policyChoices(parsed, role.policy, role.mappings)?.variants ?? [];
  return variants.some((variant) => trusting(parsePolicy(variant.document, { providerUrls: role.providerUrls })));
}

function describeRole(role: TemplateRole): string {
  return role.constructPath === undefined ? role.logicalId : `${role.logicalId} (${role.constructPath.replace(/\/Resource$/, '')})`;
}

function explain(expectation: string, run: WorkflowRunOptions, evaluation: TrustPolicyEvaluation, reading?: PolicyReading): string {
  const runText = describeValue({
    repository: run.repository?.toString(), eventName: run.eventName, ref: run.ref, environment: run.environment,
  });
  const lines = [`${expectation} the run ${runText}, but: ${evaluation.summary}`];
  if (reading && reading.description !== 'as written') {
    lines.push(`  when IAM reads the policy ${reading.description} (AWS does not document how IAM reads it as written)`);
  }
  if (evaluation.variants?.length === 0) lines.push(`  ${evaluation.problems.find((problem) => problem.includes('CloudFormation choices')) ?? ''}`);
  const conditionLines = (statements: StatementEvaluation[], indent: string) => {
    for (const statement of statements) {
      for (const condition of statement.conditions) {
        lines.push(`${indent}statement ${statement.index}: ${condition.matched ? 'matched' : 'did not match'}: ${condition.explanation}`);
      }
    }
  };
  if (evaluation.variants === undefined || evaluation.variants.length === 0) conditionLines(evaluation.statements, '  ');
  for (const variant of evaluation.variants ?? []) {
    lines.push(`  when ${variant.choices}: ${variant.summary}`);
    conditionLines(variant.statements, '    ');
  }
  return lines.join('\n');
}
