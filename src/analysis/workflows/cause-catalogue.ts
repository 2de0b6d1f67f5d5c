/**
 * The causes `check` reports, by stable ID, with what each means: the SARIF rule catalogue and the README's table.
 */

/** One kind of cause. */
export interface CheckCauseKind {
  readonly id: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly title: string;
  readonly explanation: string;
}

/** Every cause ID the check can report. */
export const CHECK_CAUSES: readonly CheckCauseKind[] = [
  { id: 'IdTokenPermissionMissing', severity: 'error', title: 'The job gets no OIDC token', explanation: 'No permissions block that applies to the job grants id-token: write (a job block replaces the workflow block; the defaults never include id-token), so configure-aws-credentials cannot request a token.' },
  { id: 'ReusableWorkflowPermissions', severity: 'error', title: 'A called workflow asks for more than its caller allows', explanation: 'A job of a called workflow asks for id-token: write and the calling job does not grant it: GitHub fails the whole run.' },
  { id: 'SubjectNotTrusted', severity: 'error', title: 'The role does not trust what the job mints', explanation: 'A run the job\'s triggers can produce mints a sub (or another claim) the trust policy does not admit: a job with environment: mints environment:NAME, a pull_request run mints pull_request, workflow_dispatch runs on any ref.' },
  { id: 'AudienceMismatch', severity: 'error', title: 'The audience differs', explanation: 'The audience the step asks for is not what the trust policy\'s aud condition, or the OIDC provider\'s client IDs, expect.' },
  { id: 'ProviderNotTrusted', severity: 'error', title: 'The role does not trust this issuer', explanation: 'No Allow statement of the role trusts the OIDC provider of the token\'s issuer.' },
  { id: 'TrustPolicyReadingDependent', severity: 'warning', title: 'The verdict depends on how IAM reads the policy', explanation: 'The role\'s trust policy is written in a way AWS does not document (an operator in another case, white space around a key, a key written twice), and a run that the check admits or refuses would get the other verdict if IAM read it another way.' },
  { id: 'RoleNotFound', severity: 'error', title: 'role-to-assume names no role given', explanation: 'The role-to-assume is not an ARN, or names a role the inputs do not hold.' },
  { id: 'RoleUnresolved', severity: 'warning', title: 'role-to-assume cannot be resolved', explanation: 'role-to-assume comes from an expression the files do not decide (a variable or secret not passed with --vars), or names a role whose name the inputs do not hold.' },
  { id: 'RoleMatchedByName', severity: 'info', title: 'role-to-assume matched by name', explanation: 'The role was found through a stack output or construct named like the variable, or as the only role given.' },
  { id: 'ExpressionUnresolved', severity: 'info', title: 'An expression is not decided by the files', explanation: 'An environment or audience depends on an expression the check cannot resolve: it tries the values the role names and one it does not.' },
  { id: 'ForkPullRequestNoToken', severity: 'info', title: 'Pull requests from forks get no token', explanation: 'pull_request runs from forks have no id-token permission whatever the workflow says.' },
  { id: 'RoleTrustsMoreThanWorkflowsUse', severity: 'info', title: 'The role trusts more than these workflows use', explanation: 'The role admits subjects no job of the given workflows mints; a narrower list would still admit every job.' },
  { id: 'ReusableWorkflowNotFollowed', severity: 'info', title: 'A called workflow is not checked', explanation: 'A job calls a reusable workflow whose file was not given.' },
  { id: 'WorkflowYamlInvalid', severity: 'error', title: 'Not valid YAML', explanation: 'The file is not valid YAML: GitHub refuses the workflow.' },
  { id: 'WorkflowNotMapping', severity: 'error', title: 'Not a workflow', explanation: 'The file is not a mapping with on and jobs.' },
  { id: 'WorkflowMultipleDocuments', severity: 'error', title: 'Several YAML documents', explanation: 'A workflow file is one YAML document.' },
  { id: 'WorkflowTooLarge', severity: 'error', title: 'The file is too large to read', explanation: 'The file exceeds what the check reads.' },
  { id: 'UnknownEvent', severity: 'warning', title: 'An event GitHub does not document', explanation: 'The on: key names an event GitHub Actions does not document.' },
  { id: 'PermissionsInvalid', severity: 'warning', title: 'A permissions value GitHub does not accept', explanation: 'permissions takes read-all, write-all or a mapping of scopes; id-token takes write or none.' },
];
