import { TrustPolicyEvaluator } from '../../src/analysis/evaluate/evaluator';
import { parsePolicy } from '../../src/analysis/policy/document';
import { GitHubToken } from '../../src/analysis/token/token';
import { WorkflowRunOptions } from '../../src/analysis/token/types';
import { diagnose } from '../../src/cli/explain/diagnose';
import { Cause, Diagnosis } from '../../src/cli/explain/diagnosis-types';
import { GitHubIssuer } from '../../src/model/issuer';
import { GitHubRepository } from '../../src/model/repository';

const GH = 'token.actions.githubusercontent.com';
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${GH}`;
const WEB = GitHubRepository.of('acme', 'web');

/** A one-statement GitHub trust policy with an audience condition and the given conditions. */
function policy(conditions: { [operator: string]: { [key: string]: string | string[] } }, principal: string = PROVIDER) {
  const condition: { [operator: string]: { [key: string]: string | string[] } } = { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' } };
  for (const [operator, keys] of Object.entries(conditions)) condition[operator] = { ...condition[operator], ...keys };
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: principal }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
  };
}

function sub(value: string | string[], operator = 'StringEquals') {
  return { [operator]: { [`${GH}:sub`]: value } };
}

/** Evaluates the policy for the claims and diagnoses the result, as `explain` does. */
function diagnosisOf(document: unknown, claims: { [claim: string]: string }, roleAccount?: string): Diagnosis {
  const evaluation = TrustPolicyEvaluator.evaluate(document, claims, { roleAccount });
  const reevaluate = (other: { [claim: string]: string }) => TrustPolicyEvaluator.evaluate(document, other, { roleAccount });
  return diagnose({ evaluation, policy: parsePolicy(document), claims, roleAccount, reevaluate });
}

function run(options: Partial<WorkflowRunOptions> = {}) {
  return GitHubToken.simulate({ repository: WEB, ...options });
}

function causes(diagnosis: Diagnosis): Cause[] {
  return diagnosis.findings.map((finding) => finding.cause);
}

describe('diagnose', () => {
  test('an allowed run has nothing to diagnose', () => {
    // GIVEN a policy that trusts main and a push to main
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')), run());

    // THEN
    expect(diagnosis).toEqual({ findings: [], changes: [] });
  });

  test('a job with an environment gets environment:NAME as sub, whatever the branch', () => {
    // GIVEN a policy for the main branch and a job on main that references the environment "production"
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')), run({ environment: 'production' }));

    // THEN the cause names both subjects, and the change adds the environment's sub
    expect(causes(diagnosis)).toEqual([Cause.ENVIRONMENT_SUBJECT]);
    expect(diagnosis.findings[0].text).toContain('"repo:acme/web:environment:production", whatever the branch');
    expect(diagnosis.findings[0].text).toContain('"repo:acme/web:ref:refs/heads/main"');
    expect(diagnosis.changes).toHaveLength(1);
    expect(diagnosis.changes[0].text).toBe(`statement 0: add "repo:acme/web:environment:production" to StringEquals ${GH}:sub`);
    expect(JSON.parse(diagnosis.changes[0].snippet!)).toEqual({
      StringEquals: { [`${GH}:sub`]: ['repo:acme/web:ref:refs/heads/main', 'repo:acme/web:environment:production'] },
    });
    expect(diagnosis.changes[0].warning).toBeUndefined();
  });

  test('a policy that expects an environment refuses a job without one, and warns that adding the branch skips protection', () => {
    // GIVEN
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:environment:production')), run());

    // THEN
    expect(causes(diagnosis)).toEqual([Cause.ENVIRONMENT_EXPECTED]);
    expect(diagnosis.findings[0].text).toContain('this job references no environment');
    expect(diagnosis.changes[0].warning).toMatch(/without the protection rules of environment "production"/);
    expect(diagnosis.changes[0].alternative).toBe('add `environment: production` to the job instead (no policy change)');
  });

  test('a pull_request run gets sub ...:pull_request, not the branch', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')), run({ eventName: 'pull_request' }));

    expect(causes(diagnosis)).toEqual([Cause.PULL_REQUEST_SUBJECT]);
    expect(diagnosis.findings[0].text).toContain('"repo:acme/web:pull_request"');
    expect(diagnosis.changes[0].text).toContain('add "repo:acme/web:pull_request"');
    expect(diagnosis.changes[0].warning).toMatch(/any pull request/);
  });

  test('a policy for pull requests refuses a push', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:pull_request')), run());

    expect(causes(diagnosis)).toEqual([Cause.PULL_REQUEST_EXPECTED]);
    expect(diagnosis.findings[0].text).toContain('(event push)');
  });

  test('values equal ignoring case are a case mismatch, fixed by writing the token\'s spelling', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:Acme/Web:ref:refs/heads/main')), run());

    expect(causes(diagnosis)).toEqual([Cause.CASE_MISMATCH]);
    expect(diagnosis.findings[0].text).toContain('differ only in case');
    expect(diagnosis.changes[0].text).toBe(`statement 0: replace "repo:Acme/Web:ref:refs/heads/main" with "repo:acme/web:ref:refs/heads/main" in StringEquals ${GH}:sub`);
  });

  test('a StringLike pattern that matches ignoring case is a case mismatch too', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:ACME/web:*', 'StringLike')), run());
    expect(causes(diagnosis)).toEqual([Cause.CASE_MISMATCH]);
  });

  test('the audience must match', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')), run({ audience: 'https://github.com/acme' }));

    expect(causes(diagnosis)).toEqual([Cause.AUDIENCE_MISMATCH]);
    expect(diagnosis.findings[0].text).toContain('"https://github.com/acme"');
    expect(diagnosis.changes[0].alternative).toBe('set `audience: sts.amazonaws.com` in the configure-aws-credentials step instead');
  });

  test('a token of another issuer than the trusted provider', () => {
    // GIVEN an enterprise with a unique issuer, and a role that trusts github.com's provider
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')), run({ issuer: GitHubIssuer.enterprise('acme-corp') }));

    // THEN one cause, not one per condition key, and a change of the principal and keys
    expect(causes(diagnosis)).toEqual([Cause.ISSUER_MISMATCH]);
    expect(diagnosis.findings[0].text).toContain(`trusts the OIDC provider of https://${GH}, but the token was issued by https://${GH}/acme-corp`);
    expect(diagnosis.changes).toHaveLength(1);
    expect(diagnosis.changes[0].text).toContain(`arn:aws:iam::123456789012:oidc-provider/${GH}/acme-corp`);
    expect(diagnosis.changes[0].text).toContain(`rename the condition keys from ${GH}:... to ${GH}/acme-corp:...`);
  });

  test('behind an issuer mismatch, the conditions are judged as if the issuer were trusted', () => {
    // GIVEN an enterprise token of a job with an environment, and a role for github.com's main branch
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')),
      run({ issuer: GitHubIssuer.enterprise('acme-corp'), environment: 'production' }));

    // THEN both the issuer and the subject are named, and both changes are needed
    expect(causes(diagnosis)).toEqual([Cause.ISSUER_MISMATCH, Cause.ENVIRONMENT_SUBJECT]);
    expect(diagnosis.findings[1].text).toMatch(/^Once the token's issuer is trusted: The job references the environment "production"/);
    expect(diagnosis.changes).toHaveLength(2);
  });

  test('a principal that names GitHub\'s issuer by its host: that is the cause, and the change writes the ARN (no key renamed)', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main'), GH), run());
    expect(causes(diagnosis)).toEqual([Cause.PROVIDER_NAMED_BY_HOST]);
    expect(diagnosis.findings[0].text).toContain(`names its Federated principal "${GH}", GitHub's issuer, where the ARN of the account's OIDC provider belongs`);
    expect(diagnosis.changes.map((change) => change.text)).toEqual([`statement 0: set Principal.Federated to arn:aws:iam::<ACCOUNT>:oidc-provider/${GH}`]);
  });

  test('the provider of another account than the role\'s: that is the cause, and the change names the role\'s account', () => {
    // GIVEN a role of account 111111111111 trusting the provider of 123456789012 (PROVIDER)
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')), run(), '111111111111');
    // THEN not an issuer mismatch (the issuer is the token's), and no key to rename
    expect(causes(diagnosis)).toEqual([Cause.PROVIDER_OF_OTHER_ACCOUNT]);
    expect(diagnosis.findings[0].text).toContain(`trusts the https://${GH} provider of account 123456789012, but the role is in account 111111111111`);
    expect(diagnosis.changes.map((change) => change.text))
      .toEqual([`statement 0: set Principal.Federated to arn:aws:iam::111111111111:oidc-provider/${GH} (account 111111111111 needs an OIDC provider for https://${GH})`]);
    // the role's own account's provider is no cause
    expect(diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')), run(), '123456789012').findings).toEqual([]);
  });

  test('a principal that is no GitHub provider', () => {
    const document = policy(sub('repo:acme/web:ref:refs/heads/main'), 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC');
    const diagnosis = diagnosisOf(document, run());

    expect(causes(diagnosis)[0]).toBe(Cause.NOT_GITHUB_PRINCIPAL);
    expect(diagnosis.findings[0].text).toContain('oidc.eks.eu-west-1.amazonaws.com');
  });

  test('StringEquals holding a wildcard compares it literally', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:*')), run());

    expect(causes(diagnosis)).toEqual([Cause.STRING_EQUALS_WILDCARD]);
    expect(diagnosis.findings[0].text).toContain('as literal characters');
    expect(diagnosis.changes[0].text).toContain('add "repo:acme/web:ref:refs/heads/main" to StringEquals');
    expect(diagnosis.changes[0].alternative).toBe(`move "repo:acme/web:*" to a StringLike condition on ${GH}:sub`);
    expect(diagnosis.changes[0].warning).toBeUndefined();
  });

  test('StringEquals holding a wildcard in the repository part: moving it to StringLike is warned against', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme/*')), run());

    expect(causes(diagnosis)).toEqual([Cause.STRING_EQUALS_WILDCARD]);
    expect(diagnosis.changes[0].warning).toMatch(/wildcard in the repository part: it would admit every repository it matches/);
  });

  test('an immutable sub against a name-only policy', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')),
      run({ repository: WEB.withIds(1001, 2002) }));

    expect(causes(diagnosis)).toEqual([Cause.IMMUTABLE_SUBJECT]);
    expect(diagnosis.findings[0].text).toContain('"repo:acme@1001/web@2002:ref:refs/heads/main"');
    expect(diagnosis.changes[0].text).toContain('add "repo:acme@1001/web@2002:ref:refs/heads/main"');
    expect(diagnosis.changes[0].warning).toBeUndefined();
  });

  test('a name-only sub against an immutable policy', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme@1001/web@2002:ref:refs/heads/main')), run());
    expect(causes(diagnosis)).toEqual([Cause.NAME_ONLY_SUBJECT]);
  });

  test('the same name with other IDs is a recycled or re-created repository', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme@1001/web@2002:ref:refs/heads/main')), run({ repository: WEB.withIds(1001, 9999) }));

    expect(causes(diagnosis)).toEqual([Cause.ID_MISMATCH]);
    expect(diagnosis.changes[0].warning).toMatch(/Only add/);
  });

  test('a claim the token lacks: the environment key of a job without environment', () => {
    const document = policy({ ...sub('repo:acme/web:*', 'StringLike'), StringEquals: { [`${GH}:environment`]: 'production' } });
    const diagnosis = diagnosisOf(document, run());

    expect(causes(diagnosis)).toEqual([Cause.MISSING_CLAIM]);
    expect(diagnosis.findings[0].text).toContain('the job references no environment');
    expect(diagnosis.changes[0].text).toBe(`statement 0: remove the condition StringEquals ${GH}:environment`);
    expect(diagnosis.changes[0].alternative).toBe('reference the environment in the job instead: `environment: production`');
  });

  test('a repository ID pin the simulated token lacks: pass the IDs, never drop the pin', () => {
    const document = policy({ ...sub('repo:acme/web:*', 'StringLike'), StringEquals: { [`${GH}:repository_id`]: '2002' } });
    const diagnosis = diagnosisOf(document, run());

    expect(causes(diagnosis)).toEqual([Cause.MISSING_CLAIM]);
    expect(diagnosis.findings[0].text).toMatch(/Keep the condition, which pins the repository's immutable ID; simulate with --owner-id and --repo-id/);
    expect(diagnosis.changes).toEqual([]);
  });

  test('a condition key of another issuer is missing from the request', () => {
    // GIVEN a policy whose principal is read from its keys (a parameter) and whose keys name another enterprise
    const document = policy(sub('repo:acme/web:*', 'StringLike'));
    (document.Statement[0].Condition as any).StringEquals[`${GH}/other-corp:aud`] = 'sts.amazonaws.com';
    const diagnosis = diagnosisOf(document, run());

    expect(causes(diagnosis)).toEqual([Cause.MISSING_CLAIM]);
    expect(diagnosis.findings[0].text).toContain(`belongs to the issuer https://${GH}/other-corp`);
    expect(diagnosis.changes[0].text).toBe(`statement 0: rename the key ${GH}/other-corp:aud to ${GH}:aud`);
  });

  test('another repository: adding its sub makes the role trust two repositories, with a warning', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')), run({ repository: GitHubRepository.of('acme', 'api') }));

    expect(causes(diagnosis)).toEqual([Cause.OTHER_REPOSITORY]);
    expect(diagnosis.changes[0].warning).toBe('This makes the role trust acme/api as well as "acme/web": prefer one role per repository.');
  });

  test('another branch', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')), run({ ref: 'refs/heads/feature/x' }));

    expect(causes(diagnosis)).toEqual([Cause.OTHER_REF]);
    expect(diagnosis.findings[0].text).toContain('this run is on refs/heads/feature/x');
    expect(diagnosis.changes[0].warning).toBeUndefined();
  });

  test('a custom sub template against a default-form policy', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')),
      { ...run(), sub: 'repo:acme/web:ref:refs/heads/main:job_workflow_ref:acme/deploy/.github/workflows/deploy.yml@refs/heads/main' });

    expect(causes(diagnosis)).toEqual([Cause.SUBJECT_TEMPLATE]);
    expect(diagnosis.findings[0].text).toContain('include_claim_keys');
  });

  test('a negated operator that excludes the token', () => {
    const document = policy({ ...sub('repo:acme/web:*', 'StringLike'), StringNotEquals: { [`${GH}:ref`]: 'refs/heads/main' } });
    const diagnosis = diagnosisOf(document, run());

    expect(causes(diagnosis)).toEqual([Cause.EXCLUDED_VALUE]);
    expect(diagnosis.changes[0].text).toContain('remove the values matching "refs/heads/main"');
  });

  test('an explicit deny wins and is named', () => {
    const document = policy(sub('repo:acme/web:*', 'StringLike'));
    (document.Statement as any[]).push({
      Effect: 'Deny',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${GH}:ref`]: 'refs/heads/main' } },
    });
    const diagnosis = diagnosisOf(document, run());

    expect(causes(diagnosis)).toEqual([Cause.EXPLICIT_DENY]);
    expect(diagnosis.findings[0].statementIndex).toBe(1);
  });

  test('a wrong action', () => {
    const document = policy(sub('repo:acme/web:*', 'StringLike'));
    (document.Statement[0] as any).Action = 'sts:AssumeRole';
    const diagnosis = diagnosisOf(document, run());

    expect(causes(diagnosis)).toEqual([Cause.ACTION_NOT_ALLOWED]);
    expect(diagnosis.changes[0].text).toBe('statement 0: set "Action": "sts:AssumeRoleWithWebIdentity"');
  });

  test('a policy without Allow statements', () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'sts:*' }] };
    const diagnosis = diagnosisOf(document, run());

    expect(causes(diagnosis)).toContain(Cause.EXPLICIT_DENY);
  });

  test('an unreadable policy', () => {
    const diagnosis = diagnosisOf('not json', run());
    expect(causes(diagnosis)).toEqual([Cause.NO_ALLOW_STATEMENT]);
    expect(diagnosis.findings[0].text).toContain('could not be read');
  });

  test('several failed conditions each get a change', () => {
    const diagnosis = diagnosisOf(policy(sub('repo:acme/web:ref:refs/heads/main')),
      run({ environment: 'production', audience: 'sts.amazonaws.com.cn' }));

    expect(causes(diagnosis).sort()).toEqual([Cause.AUDIENCE_MISMATCH, Cause.ENVIRONMENT_SUBJECT].sort());
    expect(diagnosis.changes).toHaveLength(2);
  });
});
