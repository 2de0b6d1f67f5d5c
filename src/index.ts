// The public (jsii) API. Only what is exported here is translated to Python, Java, .NET and Go; internal modules
// are imported by path.

// model: GitHub's side, pure TypeScript
export { GitHubIssuer, GitHubIssuerKind } from './model/issuer';
export { GitHubRepository, GitHubRepositoryOptions } from './model/repository';
export { SubjectClaim, SubjectKind, SubjectFormat } from './model/subject-claim';
export { SubjectTemplate } from './model/subject-template';

// analysis: IAM trust-policy evaluation and GitHub token simulation, pure TypeScript
export { TrustPolicyEvaluator } from './analysis/evaluate/evaluator';
export { TrustPolicyEvaluationOptions, TrustPolicyEvaluation, StatementEvaluation, ConditionEvaluation, EvaluationDecision } from './analysis/evaluate/types';
export { GitHubToken } from './analysis/token/token';
export { WorkflowRunOptions } from './analysis/token/types';
export { TrustPolicyValidator } from './analysis/validate/validator';
export { GitHubTrustAssertions } from './analysis/assertions/trust-assertions';
export { FindingSeverity, TrustPolicyFinding, TrustPolicyRule, TrustPolicyValidationOptions } from './analysis/validate/finding';

// constructs: the CDK side
export { GitHubOidcProvider, GitHubOidcProviderProps, IGitHubOidcProvider, GitHubOidcProviderForAccountOptions, GitHubOidcProviderFromAccountOptions } from './constructs/oidc-provider';
export { GitHubDeployRole, GitHubDeployRoleProps, GitHubDeployRoleOptions } from './constructs/deploy-role';
export { GitHubDeployRoles, GitHubDeployRolesProps } from './constructs/deploy-roles';
export { TrustAcknowledgements, TrustAcknowledgement } from './constructs/acknowledgements';
export { GitHubTrustChecks, GitHubTrustChecksProps } from './constructs/trust-checks';
export { DeployRoleFailureMonitor, DeployRoleFailureMonitorProps } from './constructs/monitoring/deploy-role-failure-monitor';
export { GitHubWorkflowSnippet, GitHubWorkflowSnippetOptions } from './constructs/workflow/workflow-snippet';
export { GitHubWorkflowSnippetOutput, GitHubWorkflowSnippetOutputProps } from './constructs/workflow/workflow-snippet-output';
