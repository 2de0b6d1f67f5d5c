/**
 * Usage text of the command and its subcommands, with examples.
 */

/** The overview, for `--help` and no arguments. */
export const MAIN_HELP = `github-deploy-roles: explain and audit the trust policies of GitHub Actions OIDC deploy roles

Usage:
  github-deploy-roles explain --policy FILE [--role ID] [--parameters NAME=VALUE,...] [token input] [--format text|json]
  github-deploy-roles explain --cloudtrail FILE... --policy INPUT [--format text|json]
  github-deploy-roles audit INPUT... [--format text|json|sarif|markdown] [--fail-on error|warning|never]
                                     [--repositories FILE] [--show-policies]
  github-deploy-roles check [--workflows PATH...] --roles INPUT... [--repo OWNER/NAME] [--vars FILE]
                             [--format text|json|sarif|markdown] [--fail-on error|warning|never]
  github-deploy-roles help [explain|audit|check]
  github-deploy-roles --version

Commands:
  explain   Would this workflow run be allowed to assume this role? If not: which condition failed, the likely
            cause, and the smallest change to the policy that admits the run.
  audit     List every role that trusts a GitHub OIDC provider in IAM exports, templates or cdk.out directories,
            with the repositories and subjects it trusts and the findings of the trust-policy rules.
  check     Will each workflow job get the role it names? Reads the workflow files (permissions, triggers,
            environment, audience, role-to-assume) and the roles' trust policies together, before anything runs.

Examples:
  github-deploy-roles explain --policy role.json --repo acme/web --event push --ref refs/heads/main --environment production
  github-deploy-roles audit cdk.out
  github-deploy-roles check --workflows .github/workflows --roles cdk.out --repo acme/web
  aws iam get-account-authorization-details --filter Role > roles.json && github-deploy-roles audit roles.json --format sarif

Output goes to stdout, diagnostics to stderr. Exit codes: 0 allowed / no findings, 1 denied / findings at or above
--fail-on, 2 bad input.
`;

/** `help explain`. */
export const EXPLAIN_HELP = `github-deploy-roles explain: why a GitHub Actions run may or may not assume a role

Usage:
  github-deploy-roles explain --policy FILE [--role ID] [token input] [--format text|json]
  github-deploy-roles explain --cloudtrail FILE... --policy INPUT [--format text|json]

Policy:
  --policy FILE          a trust policy, \`aws iam get-role\` output (Role.AssumeRolePolicyDocument, object or
                         URL-encoded), a CloudFormation template (JSON or YAML), an IAM export, or a cdk.out directory
  --role ID              which role of a template or export: logical ID, role name, ARN or CDK construct path
                         (optional when only one role trusts GitHub)
  --rcp FILE             a resource control policy of the account (e.g. GitHubOwnerGuardrail's): its Deny wins
                         over the trust policy's Allow
  --parameters NAME=VALUE,...
                         the values of the template's parameters the stack is deployed with (otherwise the
                         policy is judged for their defaults and for values unknown at deploy)

Token input (one of):
  --token JWT            the run's OIDC token; decoded, NOT verified
  --token-file FILE      a file holding the token (or the token endpoint's {"value": "..."} response)
  --claims FILE          a JSON object of claims, e.g. {"sub": "...", "aud": "...", "iss": "..."}
  --repo OWNER/NAME      a run to simulate, with:
    --owner-id N --repo-id N        the numeric IDs (immutable subject owner@ID/repo@ID by default when given)
    --event NAME                    push (default), pull_request, workflow_dispatch, merge_group, ...
    --ref REF                       full ref: refs/heads/main (default), refs/tags/v1, refs/pull/1/merge
    --environment NAME              the environment the job references (decides sub whatever the branch)
    --job-workflow-ref REF          OWNER/REPO/.github/workflows/FILE@REF of the (reusable) workflow
    --workflow NAME                 the workflow's name
    --audience AUD                  default sts.amazonaws.com
    --issuer URL                    default https://token.actions.githubusercontent.com
    --subject-format name|immutable how sub spells the repository
    --template CLAIMS               the org/repo sub template, e.g. repo,context,job_workflow_ref
  (none)                 explains the missing \`permissions: id-token: write\` and prints the policy findings

After the fact, from CloudTrail (no token needed):
  --cloudtrail FILE...   records of denied calls: \`aws cloudtrail lookup-events\` output, log files as delivered to
                         S3 (also .json.gz), CloudWatch Logs \`filter-log-events\` output, JSON lines, or directories
                         of them; each burst of retries is explained against the roles of --policy (an IAM export
                         is the usual one). The record's role is often null: the roles that trust the provider are
                         then ranked, and the choice is marked a guess. Conditions on claims CloudTrail does not
                         record (repository_id, job_workflow_ref, ...) are reported as undecidable, never guessed.

Exit codes: 0 allowed, 1 denied (or no token), 2 bad input.

Examples:
  # A deploy job with "environment: production" on main, against a role that trusts the main branch
  github-deploy-roles explain --policy trust.json --repo acme/web --ref refs/heads/main --environment production

  # The real token of a failing run (the token endpoint's response saved to a file), against a template's role
  github-deploy-roles explain --policy cdk.out/Prod.template.json --role DeployRole1234 --token-file token.txt

  # The role as deployed
  aws iam get-role --role-name deploy-web > role.json
  github-deploy-roles explain --policy role.json --claims claims.json

  # A run that already failed: what CloudTrail recorded, against the account's roles
  aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=AssumeRoleWithWebIdentity > events.json
  aws iam get-account-authorization-details --filter Role > roles.json
  github-deploy-roles explain --cloudtrail events.json --policy roles.json
`;

/** `help audit`. */
export const AUDIT_HELP = `github-deploy-roles audit: the GitHub deploy roles of an account, a template or a CDK app

Usage:
  github-deploy-roles audit INPUT... [--format text|json|sarif|markdown] [--fail-on error|warning|never]
                                     [--repositories FILE] [--show-policies]

Inputs (any number, recognized by their shape):
  aws iam get-account-authorization-details output (RoleDetailList)
  aws iam list-roles output (Roles), aws iam get-role output (Role)
  a bare trust policy (Version, Statement)
  a CloudFormation template (JSON, or YAML with short forms such as !Sub and !GetAtt) with AWS::IAM::Role
    resources; OIDC providers in it resolve Ref/GetAtt principals
  a cdk.out directory: every *.template.json, nested stage assemblies (assembly-*/) included; the roles of a
    StackSet's inline template (GitHubOidcStackSet) too
  a directory of exports, one per account, or of templates: every .json, .yaml and .yml file in it, read one at
    a time; with several accounts the report adds findings per account (and a progress line on a terminal)

Options:
  --format text|json|sarif|markdown
                                 text (default; colour on a terminal unless NO_COLOR is set), JSON (a stable shape,
                                 "version": 1; a large report waits in a temporary file in $TMPDIR until its summary
                                 is known), SARIF 2.1.0 for code scanning, or Markdown for $GITHUB_STEP_SUMMARY
  --fail-on error|warning|never  exit 1 when findings at or above this level exist (default error)
  --repositories FILE            the organisation's repositories, one owner/name a line (# comments): report roles
                                 that trust other names (renamed, deleted or foreign: namespace recycling) and
                                 listed repositories without a role
  --show-policies                print each role's trust policy under it

Roles that do not trust a GitHub OIDC provider are counted, not listed; a policy that cannot be read is reported
as PolicyUnreadable.

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 bad input.

Examples:
  github-deploy-roles audit cdk.out --show-policies
  aws iam get-account-authorization-details --filter Role > account.json
  github-deploy-roles audit account.json --repositories repos.txt --fail-on warning
  github-deploy-roles audit account.json --format sarif > roles.sarif
`;

/** `help check`. */
export const CHECK_HELP = `github-deploy-roles check: will each workflow job get the role it names?

Usage:
  github-deploy-roles check [--workflows PATH...] --roles INPUT... [--repo OWNER/NAME] [--default-branch NAME]
                            [--vars FILE] [--owner-id N --repo-id N] [--subject-format name|immutable]
                            [--template CLAIMS] [--issuer URL]
                            [--format text|json|sarif|markdown] [--fail-on error|warning|never]

Inputs:
  --workflows PATH...    workflow files or directories (default .github/workflows); local reusable workflows
                         (uses: ./.github/workflows/x.yml) are followed, remote ones when their file is given too
  --roles INPUT...       the roles: a cdk.out directory, templates, IAM exports, get-role output or trust policies
  --repo OWNER/NAME      the repository the workflows belong to (default: the one repository the roles name,
                         else the git remote "origin" of the workflows' checkout)
  --default-branch NAME  where schedule, workflow_run, ... run (default: origin/HEAD, else main)
  --vars FILE            values of vars.X / secrets.X / env.X used in role-to-assume, audience or environment:
                         a JSON object {"NAME": "value"} or the output of \`gh variable list --json name,value\`
  --owner-id N --repo-id N  the repository's IDs (every real token carries them); sub then uses the immutable form
                         owner@ID/repo@ID unless --subject-format name
  --subject-format name|immutable  how sub spells the repository
  --template CLAIMS      the repository's custom sub template, e.g. repo,context,job_workflow_ref
  --issuer URL           the token issuer (default: the one the role trusts, else github.com)

For every job that runs aws-actions/configure-aws-credentials with role-to-assume (directly or in a called
workflow), check works out whether it gets a token at all (permissions), every sub its triggers and environment
can mint, the audience it asks for and the role it names, and evaluates each against that role's trust policy.
Verdicts: allowed (every run is admitted), partly (some are not: which), denied, unknown (the role cannot be
resolved). A role-to-assume of \${{ vars.X }} not given in --vars is matched to the role whose stack output or
construct has the same name (AWS_ROLE_ARN_WEB_PROD: output WebProdRoleArn, construct WebProd), or to the only role.

Causes: IdTokenPermissionMissing, ReusableWorkflowPermissions, SubjectNotTrusted, AudienceMismatch,
ProviderNotTrusted, RoleNotFound, RoleUnresolved (warning), and as notes RoleTrustsMoreThanWorkflowsUse,
ForkPullRequestNoToken, RoleMatchedByName, ExpressionUnresolved, ReusableWorkflowNotFollowed.

Exit codes: 0 clean, 1 causes at or above --fail-on (default error), 2 an input cannot be read.

Examples:
  npx cdk synth -q && github-deploy-roles check --roles cdk.out
  github-deploy-roles check --workflows .github/workflows --roles roles.json --repo acme/web --format sarif > check.sarif
  github-deploy-roles check --roles cdk.out --format markdown >> "$GITHUB_STEP_SUMMARY"
`;
