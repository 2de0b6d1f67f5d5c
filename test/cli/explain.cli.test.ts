import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliRun, fixture, ROOT, runAll } from './run-cli';

// Spawned runs take about half a second each: start them all at once, then assert on each.
jest.setTimeout(120_000);

const GH = 'token.actions.githubusercontent.com';
const JWT = readFileSync(join(ROOT, fixture('token-environment.jwt')), 'utf8').trim();

/** No output line is a stack frame. */
function expectNoStack(run: CliRun): void {
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m);
}

describe('explain (spawned)', () => {
  const cases = {
    environmentJob: ['explain', '--policy', fixture('policy-branch-main.json'), '--repo', 'acme/web', '--event', 'push', '--ref', 'refs/heads/main', '--environment', 'production'],
    environmentExpected: ['explain', '--policy', fixture('policy-environment.json'), '--repo', 'acme/web'],
    pullRequest: ['explain', '--policy', fixture('policy-branch-main.json'), '--repo', 'acme/web', '--event', 'pull_request'],
    caseMismatch: ['explain', '--policy', fixture('policy-case.json'), '--repo', 'acme/web'],
    audience: ['explain', '--policy', fixture('policy-branch-main.json'), '--repo', 'acme/web', '--audience', 'sts.amazonaws.com.cn'],
    issuer: ['explain', '--policy', fixture('policy-branch-main.json'), '--repo', 'acme/web', '--issuer', `https://${GH}/acme-corp`],
    stringEqualsWildcard: ['explain', '--policy', fixture('policy-stringequals-wildcard.json'), '--repo', 'acme/web'],
    immutable: ['explain', '--policy', fixture('policy-branch-main.json'), '--repo', 'acme/web', '--owner-id', '1001', '--repo-id', '2002'],
    nameOnly: ['explain', '--policy', fixture('policy-immutable.json'), '--repo', 'acme/web', '--subject-format', 'name'],
    missingClaim: ['explain', '--policy', fixture('policy-environment-key.json'), '--repo', 'acme/web'],
    otherRepository: ['explain', '--policy', fixture('policy-branch-main.json'), '--repo', 'acme/api'],
    claimsAllowed: ['explain', '--policy', fixture('get-role.json'), '--claims', fixture('claims-main.json')],
    rcpForeign: ['explain', '--policy', fixture('policy-branch-main.json'), '--rcp', fixture('rcp-owner-acme.json'), '--repo', 'acme/web',
      '--owner-id', '9', '--repo-id', '8', '--subject-format', 'name'],
    rcpOwn: ['explain', '--policy', fixture('policy-branch-main.json'), '--rcp', fixture('rcp-owner-acme.json'), '--repo', 'acme/web',
      '--owner-id', '1844662', '--repo-id', '8', '--subject-format', 'name'],
    idsPinned: ['explain', '--policy', fixture('policy-ids-pinned.json'), '--repo', 'acme/web'],
    acknowledged: ['explain', '--policy', fixture('template-acknowledged.json'), '--repo', 'acme/web', '--owner-id', '1844662', '--repo-id', '599293758', '--format', 'json'],
    byConstructPath: ['explain', '--policy', fixture('two-stacks.out'), '--role', 'WebUs/WebProd', '--repo', 'acme/web'],
    otherAccount: ['explain', '--policy', fixture('get-role-other-account.json'), '--claims', fixture('claims-main.json')],
    tokenFileAllowed: ['explain', '--policy', fixture('get-role-encoded.json'), '--token-file', fixture('token-environment.jwt')],
    tokenTemplate: ['explain', '--policy', fixture('template-one-role.json'), '--token', JWT],
    templateRole: ['explain', '--policy', fixture('template-two-roles.json'), '--role', 'ApiRole', '--repo', 'acme/api', '--environment', 'production'],
    // configure-aws-credentials' sample: its sub is built from parameters, so only their values say who gets in
    sampleUnknown: ['explain', '--policy', fixture('yaml-templates/github-actions-oidc-federation-and-role.yml'), '--claims', fixture('claims-main.json')],
    sampleGiven: ['explain', '--policy', fixture('yaml-templates/github-actions-oidc-federation-and-role.yml'), '--claims', fixture('claims-main.json'),
      '--parameters', 'GitHubOrganization=acme,RepositoryName=web,BranchName=main'],
    sampleOtherBranch: ['explain', '--policy', fixture('yaml-templates/github-actions-oidc-federation-and-role.yml'), '--claims', fixture('claims-main.json'),
      '--parameters', 'GitHubOrganization=acme,RepositoryName=web,BranchName=release', '--format', 'json'],
    parameterUnread: ['explain', '--policy', fixture('yaml-templates/github-actions-oidc-federation-and-role.yml'), '--claims', fixture('claims-main.json'),
      '--parameters', 'GitHubOrganization=acme,Repo=web'],
    parameterMalformed: ['explain', '--policy', fixture('yaml-templates/github-actions-oidc-federation-and-role.yml'), '--claims', fixture('claims-main.json'),
      '--parameters', 'GitHubOrganization:acme'],
    parameterNotTemplate: ['explain', '--policy', fixture('get-role.json'), '--claims', fixture('claims-main.json'), '--parameters', 'Repo=web'],
    templateJson: ['explain', '--policy', fixture('template-two-roles.json'), '--role', 'WebRole', '--claims', fixture('claims-main.json'), '--format', 'json'],
    customTemplate: ['explain', '--policy', fixture('policy-branch-main.json'), '--repo', 'acme/web', '--template', 'repo,context,job_workflow_ref'],
    noToken: ['explain', '--policy', fixture('policy-stringequals-wildcard.json')],
    conditional: ['explain', '--policy', fixture('template-conditional.json'), '--repo', 'acme/api'],
    // "StringLIKE": the evaluator reads it as StringLike; IAM may pass the block over
    operatorCase: ['explain', '--policy', fixture('policy-operator-case.json'), '--repo', 'acme/api'],
    operatorCaseJson: ['explain', '--policy', fixture('policy-operator-case.json'), '--repo', 'acme/api', '--format', 'json'],
    conditionalJson: ['explain', '--policy', fixture('template-conditional.json'), '--repo', 'acme/api', '--format', 'json'],
  };
  const runs: { [name in keyof typeof cases]: CliRun } = {} as any;

  beforeAll(async () => {
    const names = Object.keys(cases) as (keyof typeof cases)[];
    const results = await runAll(names.map((name) => cases[name]));
    names.forEach((name, index) => { runs[name] = results[index]; });
  });

  test('a job with an environment against a branch policy: DENIED, the failed condition, the cause and the change', () => {
    const run = runs.environmentJob;
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('DENIED');
    expect(run.stdout).toContain('simulated run: acme/web, push on refs/heads/main, environment production');
    // the failed condition, with the token's value next to the expected one
    expect(run.stdout).toMatch(new RegExp(`NO MATCH StringEquals ${GH}:sub\\n\\s+token: +repo:acme/web:environment:production\\n\\s+expected: repo:acme/web:ref:refs/heads/main`));
    expect(run.stdout).toMatch(new RegExp(`match +StringEquals ${GH}:aud`));
    expect(run.stdout).toContain('Jobs that reference an environment get environment:NAME as sub, whatever the branch');
    expect(run.stdout).toContain(`statement 0: add "repo:acme/web:environment:production" to StringEquals ${GH}:sub`);
    expect(run.stdout).toContain('Policy findings');
    // no colour on a pipe
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stderr).toBe('');
  });

  test.each([
    ['environmentExpected', 'this job references no environment', 'WARNING: Adding "repo:acme/web:ref:refs/heads/main" lets the run in without the protection rules'],
    ['pullRequest', 'pull_request runs without an environment get sub "repo:acme/web:pull_request"', 'WARNING: Trusting pull_request'],
    ['caseMismatch', 'differ only in case', 'replace "repo:Acme/Web:ref:refs/heads/main" with "repo:acme/web:ref:refs/heads/main"'],
    ['audience', 'the token\'s aud is "sts.amazonaws.com.cn"', 'alternatively: set `audience: sts.amazonaws.com`'],
    ['issuer', `but the token was issued by https://${GH}/acme-corp`, `set Principal.Federated to arn:aws:iam::123456789012:oidc-provider/${GH}/acme-corp`],
    ['stringEqualsWildcard', 'StringEquals compares "*" and "?" as literal characters', 'alternatively: move "repo:acme/web:*" to a StringLike condition'],
    ['immutable', 'immutable owner@id/repo@id form', 'add "repo:acme@1001/web@2002:ref:refs/heads/main"'],
    ['nameOnly', 'is name-only', 'add "repo:acme/web:ref:refs/heads/main"'],
    ['missingClaim', 'the job references no environment, so the token has no environment claim', `remove the condition StringEquals ${GH}:environment`],
    ['otherRepository', 'the token comes from acme/api', 'WARNING: This makes the role trust acme/api as well as "acme/web": prefer one role per repository.'],
    ['customTemplate', 'follows a custom template', 'include_claim_keys'],
  ] as const)('%s: DENIED with its cause and change', (name, cause, change) => {
    const run = runs[name];
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('DENIED');
    expect(run.stdout).toContain('Likely cause');
    expect(run.stdout).toContain(cause);
    expect(run.stdout).toContain(change);
    expectNoStack(run);
  });

  test('claims of a run on main against get-role output: ALLOWED, exit 0', () => {
    const run = runs.claimsAllowed;
    // the owner guardrail RCP (rcp-owner-acme.json, written by ownerGuardrailPolicy): a recycled "acme" with another
    // owner ID passes the name-only trust policy but not the RCP; acme's own ID passes both
    expect(runs.rcpForeign.code).toBe(1);
    expect(runs.rcpForeign.stdout).toMatch(/DENIED {2}explicitly by resource control policy 0 statement 0 \("DenyForeignGitHubOwners"\), though the trust policy allows/);
    expect(runs.rcpOwn.code).toBe(0);
    // a role pinning IDs, simulated without them: the advice is to pass the IDs, never to drop the pin
    expect(runs.idsPinned.stdout).toContain('simulate with --owner-id and --repo-id');
    expect(runs.idsPinned.stdout).not.toContain('remove the condition');
    // an acknowledged warning is INFO with its reason, as synth and audit show it
    expect(JSON.parse(runs.acknowledged.stdout).findings).toEqual([expect.objectContaining({
      ruleId: 'SubEveryBranch', severity: 'INFO', message: expect.stringMatching(/^Acknowledged warning \(every branch deploys to the sandbox account\)/),
    })]);
    // a construct path as synth prints it picks one of two stacks' equal logical IDs
    expect(runs.byConstructPath.stdout).toContain('WebUs/WebProd/Resource (WebProdECE5CB69)');
    // the same role in another account than its provider (get-role-other-account.json) is denied, and says why
    expect(runs.otherAccount.code).toBe(1);
    expect(runs.otherAccount.stdout).toContain('trusts a provider of account 123456789012, not of the role\'s account 999999999999');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ALLOWED/m);
    expect(run.stdout).toContain('deploy-web');
    expect(run.stdout).toContain(`claims from --claims ${fixture('claims-main.json')}`);
    expect(run.stdout).not.toContain('Likely cause');
  });

  test('a JWT file against a URL-encoded get-role policy: ALLOWED, and stderr says the signature is not verified and the token expired', () => {
    const run = runs.tokenFileAllowed;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ALLOWED/m);
    expect(run.stdout).toContain('(signature not verified)');
    expect(run.stderr).toContain('signature is NOT verified');
    expect(run.stderr).toContain('the token expired at 2023-11-14T22:13:20.000Z');
  });

  test('a JWT against a template whose only GitHub role trusts a provider by Ref: no --role needed', () => {
    const run = runs.tokenTemplate;
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('DeployRole');
    expect(run.stdout).toMatch(/principal match, action match/);
    expect(run.stdout).toContain('whatever the branch');
  });

  test('a template whose sub is an Fn::If: ALLOWED when one deployment admits the token, and which one', () => {
    const run = runs.conditional;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ALLOWED {2}when IsProd is false \(by statement 0\); denied when IsProd is true /m);
    expect(run.stdout).toMatch(/ERROR {4}SubWildcardRepository .*"repo:acme\/\*".*\(when IsProd is false\)/);
    const json = JSON.parse(runs.conditionalJson.stdout);
    expect(json.evaluation.variants.map((variant: any) => [variant.choices, variant.decision]))
      .toEqual([['IsProd is true', 'IMPLICIT_DENY'], ['IsProd is false', 'ALLOWED']]);
  });

  test('--role picks a role of a template with several', () => {
    const run = runs.templateRole;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ApiRole');
    expect(run.stdout).toMatch(/^ALLOWED/m);
  });

  test('a policy IAM may read otherwise: the verdict as written, and a note for each reading that changes it', () => {
    const run = runs.operatorCase;
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^DENIED/m);
    expect(run.stdout).toContain('note     ALLOWED if IAM reads the policy with condition blocks whose operator is not written as AWS spells one');
    expect(run.stdout).toContain('(AWS does not document which reading IAM applies)');
    const json = JSON.parse(runs.operatorCaseJson.stdout);
    expect(json.allowed).toBe(false);
    expect(json.otherReadings).toEqual([{ reading: expect.stringContaining('not written as AWS spells one'), allowed: true }]);
    // a policy read one way only has no such note
    expect(runs.otherRepository.stdout).not.toContain('if IAM reads the policy');
    expect(JSON.parse(runs.templateJson.stdout).otherReadings).toEqual([]);
    expectNoStack(run);
  });

  test('--format json: the verdict, evaluation and diagnosis as JSON', () => {
    const run = runs.templateJson;
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.decision).toBe('IMPLICIT_DENY');
    expect(result.allowed).toBe(false);
    expect(result.token.claims.sub).toBe('repo:acme/web:ref:refs/heads/main');
    expect(result.evaluation.statements[0].principalMatched).toBe(true);
    expect(result.diagnosis.findings[0].cause).toBe('ENVIRONMENT_EXPECTED');
    expect(Array.isArray(result.findings)).toBe(true);
  });

  test('--parameters: the template\'s parameters fixed to the stack\'s values decide the verdict', () => {
    // without values, the owner is unknown: nothing can match
    expect(runs.sampleUnknown.code).toBe(1);
    expect(runs.sampleUnknown.stdout).toMatch(/^DENIED /m);
    // with the stack's values, acme/web's main branch gets in, and another branch does not
    expect(runs.sampleGiven.code).toBe(0);
    expect(runs.sampleGiven.stdout).toMatch(/^ALLOWED  by statement 0/m);
    expect(runs.sampleOtherBranch.code).toBe(1);
    expect(JSON.parse(runs.sampleOtherBranch.stdout).evaluation.statements[0].conditions[0]).toMatchObject({ matched: false });
  });

  test.each([
    ['parameterUnread', /--parameters Repo: the trust policy of RoleGithubActions reads no such parameter \(it reads GitHubOrganization\)/],
    ['parameterMalformed', /--parameters item "GitHubOrganization:acme" is not accepted: expected Name=value/],
    ['parameterNotTemplate', /--parameters applies to a role of a CloudFormation template/],
  ] as const)('--parameters bad input (%s): exit 2 with one line naming the item', (name, message) => {
    const run = runs[name];
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expectNoStack(run);
  });

  test('no token input: the missing id-token permission, then the policy findings', () => {
    const run = runs.noToken;
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('NO TOKEN');
    expect(run.stdout).toContain('id-token: write');
    expect(run.stdout).toContain('Credentials could not be loaded');
    expect(run.stdout).toContain('ACTIONS_ID_TOKEN_REQUEST_URL');
    expect(run.stdout).toContain('Policy findings');
    // the policy holds a wildcard under StringEquals: the rules say so
    expect(run.stdout).toMatch(/^Policy findings\n {2}(ERROR|WARNING|INFO) +\w+ +\S/m);
    expect(run.stdout).toMatch(/^ {11}fix: \S/m);
  });
});
