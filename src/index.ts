// The public (jsii) API. Only what is exported here is translated to Python, Java, .NET and Go; internal modules
// are imported by path. Interfaces are re-exported with `export type` (they have no runtime value, and the tests
// compile with isolatedModules).

// model: GitHub's side, pure TypeScript
export { GitHubIssuer, GitHubIssuerKind } from './model/issuer';
export { GitHubRepository } from './model/repository';
export type { GitHubRepositoryOptions } from './model/repository';
export { SubjectClaim, SubjectKind, SubjectFormat } from './model/subject-claim';
export { SubjectTemplate } from './model/subject-template';

// analysis: trust-policy rules, IAM evaluation, GitHub token simulation, test assertions; pure TypeScript
export { TrustPolicyValidator } from './analysis/validate/validator';
export { FindingSeverity } from './analysis/validate/finding';
export type { TrustPolicyFinding, TrustPolicyRule, TrustPolicyValidationOptions } from './analysis/validate/finding';
export { TrustPolicyEvaluator } from './analysis/evaluate/evaluator';
export { EvaluationDecision } from './analysis/evaluate/types';
export type {
  TrustPolicyEvaluationOptions, TrustPolicyEvaluation, TrustPolicyVariantEvaluation, StatementEvaluation, ConditionEvaluation,
} from './analysis/evaluate/types';
export { GitHubToken } from './analysis/token/token';
export type { WorkflowRunOptions } from './analysis/token/types';
export { GitHubTrustAssertions } from './analysis/assertions/trust-assertions';
export { GitHubWorkflowAssertions } from './analysis/assertions/workflow-assertions';
export type { GitHubWorkflowAssertionsOptions, GitHubWorkflowJobVerdict } from './analysis/assertions/workflow-assertions';

// constructs: the CDK side
export { GitHubOidcProvider } from './constructs/oidc-provider';
export type {
  GitHubOidcProviderProps, IGitHubOidcProvider, GitHubOidcProviderForAccountOptions, GitHubOidcProviderFromAccountOptions,
} from './constructs/oidc-provider';
export { GitHubDeployRole } from './constructs/deploy-role';
export type { GitHubDeployRoleProps, GitHubDeployRoleOptions } from './constructs/deploy-role';
export { GitHubDeployRoles } from './constructs/deploy-roles';
export type { GitHubDeployRolesProps } from './constructs/deploy-roles';
export { TrustAcknowledgements } from './constructs/acknowledgements';
export type { TrustAcknowledgement } from './constructs/acknowledgements';
export { GitHubTrustChecks } from './constructs/trust-checks';
export type { GitHubTrustChecksProps } from './constructs/trust-checks';
export { DeployRoleFailureMonitor } from './constructs/monitoring/deploy-role-failure-monitor';
export type { DeployRoleFailureMonitorProps } from './constructs/monitoring/deploy-role-failure-monitor';
export { GitHubWorkflowSnippet } from './constructs/workflow/workflow-snippet';
export type { GitHubWorkflowSnippetOptions } from './constructs/workflow/workflow-snippet';
export { GitHubWorkflowSnippetOutput } from './constructs/workflow/workflow-snippet-output';
export { GitHubOwnerGuardrail } from './constructs/organization/owner-guardrail';
export { GitHubOidcStackSet, StackSetCaller } from './constructs/organization/oidc-stack-set';
export type { GitHubOidcStackSetProps } from './constructs/organization/oidc-stack-set';
export type { GitHubOwnerGuardrailProps } from './constructs/organization/owner-guardrail';
export type { GuardrailOwner } from './analysis/guardrail/owner-guardrail';
export type { GitHubWorkflowSnippetOutputProps } from './constructs/workflow/workflow-snippet-output';
