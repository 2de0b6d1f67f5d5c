import * as fc from 'fast-check';
import {
  ACCOUNT, cdkProviderArn, findingsOf, GITHUB, githubPolicy, ofSeverity, policy, providerArn, statement, summary, validate,
  wellScopedCondition,
} from './fixtures';
import { FindingSeverity } from '../../../src/analysis/validate/finding';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectClaim, SubjectFormat } from '../../../src/model/subject-claim';
import { REPOSITORY_BOUND_CLAIM_KEYS, REPOSITORY_CLAIM_KEYS, SUBJECT_CLAIM_KEYS, SubjectTemplate } from '../../../src/model/subject-template';

const GHEC = `${GITHUB}/acme-corp`;
const GHE_COM = 'token.actions.octocorp.ghe.com';
const GHES = 'github.example.com/_services/token';

describe('TrustPolicyValidator: Compliance (well-scoped policies yield nothing)', () => {
  test.each([
    ['github.com, plain ARN', githubPolicy(wellScopedCondition())],
    ['github.com, CDK Fn::Join ARN with AWS::Partition', githubPolicy(wellScopedCondition(), { Principal: { Federated: cdkProviderArn() } })],
    ['github.com, Fn::Sub ARN', githubPolicy(wellScopedCondition(), {
      Principal: { Federated: { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GITHUB}` } },
    })],
    ['GitHub Enterprise Cloud issuer with a slug', githubPolicy(wellScopedCondition(GHEC), { Principal: { Federated: providerArn(GHEC) } })],
    ['GHE.com issuer', githubPolicy(wellScopedCondition(GHE_COM), { Principal: { Federated: providerArn(GHE_COM) } })],
    ['aws-us-gov partition', githubPolicy(wellScopedCondition(), { Principal: { Federated: providerArn(GITHUB, 'aws-us-gov') } })],
    ['immutable subject, no repository_id key', githubPolicy({
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: 'repo:acme@123456/web@456789:ref:refs/heads/main' },
    })],
    ['a branch pattern after the repository part', githubPolicy({
      StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:repository_id`]: '456789' },
      StringLike: { [`${GITHUB}:sub`]: 'repo:acme/web:ref:refs/heads/release/*' },
    })],
    ['several named repositories and contexts', githubPolicy({
      StringEquals: {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: ['repo:acme@1/web@2:environment:production', 'repo:acme@1/api@3:ref:refs/tags/v1.2.3'],
      },
    })],
  ])('%s', (_name, input) => {
    const findings = validate(input);
    expect(summary(findings)).toEqual([]);
  });

  test('GitHub Enterprise Server: no ERROR or WARNING (no immutable subjects there, so no INFO either)', () => {
    const input = githubPolicy({
      StringEquals: { [`${GHES}:aud`]: 'sts.amazonaws.com', [`${GHES}:sub`]: 'repo:acme/web:environment:production' },
    }, { Principal: { Federated: providerArn(GHES) } });
    expect(summary(validate(input))).toEqual([]);
  });

  test('aws-cn partition with the China audience, when that audience is expected', () => {
    const input = githubPolicy(wellScopedCondition(GITHUB, undefined, 'sts.amazonaws.com.cn'), {
      Principal: { Federated: providerArn(GITHUB, 'aws-cn') },
    });
    expect(summary(validate(input, { expectedAudience: 'sts.amazonaws.com.cn' }))).toEqual([]);
    // WHEN the default audience is expected THEN the China audience is reported, so the option matters
    expect(findingsOf('AudienceUnexpected', input)).toHaveLength(1);
  });

  test('a Ref to a provider of the same template, resolved through providerUrls', () => {
    const input = githubPolicy(wellScopedCondition(), { Principal: { Federated: { 'Fn::GetAtt': ['GitHubProvider', 'Arn'] } } });
    expect(summary(validate(input, { providerUrls: { GitHubProvider: `https://${GITHUB}` } }))).toEqual([]);
  });

  test('the same policy as an object, JSON text and URL-encoded JSON text gives the same findings', () => {
    const input = githubPolicy({ StringLike: { [`${GITHUB}:sub`]: 'repo:acme/*' } });
    const text = JSON.stringify(input);
    const expected = validate(input);
    expect(expected.length).toBeGreaterThan(0);
    expect(validate(text)).toEqual(expected);
    expect(validate(encodeURIComponent(text))).toEqual(expected);
  });
});

describe('TrustPolicyValidator: statements that do not trust GitHub yield nothing', () => {
  test.each([
    ['a Service principal', { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    ['an AWS account principal', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
    ['a Cognito identity pool', {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
    }],
    ['another OIDC provider (GitLab) with a wildcard subject', {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/gitlab.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { 'gitlab.com:sub': 'project_path:*' } },
    }],
    ['a SAML provider', {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/Okta` },
      Action: 'sts:AssumeRoleWithSAML',
    }],
  ])('%s', (_name, other) => {
    expect(validate(policy(other))).toEqual([]);
    // AND next to a well-scoped GitHub statement, only that statement is judged
    expect(validate(policy(other, statement(wellScopedCondition())))).toEqual([]);
  });

  test('an Allow from GitHub for another action than AssumeRoleWithWebIdentity is not judged by the subject rules', () => {
    expect(validate(githubPolicy(undefined, { Action: 'sts:AssumeRole' }))).toEqual([]);
  });
});

describe('TrustPolicyValidator: findings', () => {
  test('carry the rule\'s severity, the statement index, the key and the offending value', () => {
    const input = policy(
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      statement({ StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:repository_id`]: '1' }, StringLike: { [`${GITHUB}:sub`]: 'repo:acme/web:*' } }),
    );
    const [finding] = findingsOf('SubAnyRef', input);
    expect(finding).toEqual({
      ruleId: 'SubAnyRef',
      severity: FindingSeverity.WARNING,
      message: expect.stringContaining('Statement 1: StringLike "token.actions.githubusercontent.com:sub" value "repo:acme/web:*"'),
      fix: expect.stringContaining('"repo:acme/web:environment:production"'),
      statementIndex: 1,
      conditionKey: `${GITHUB}:sub`,
      value: 'repo:acme/web:*',
    });
  });

  test('policy-level findings come first, then statements in order', () => {
    const text = JSON.stringify(policy(statement({ StringLike: { [`${GITHUB}:sub`]: 'repo:*' } }), statement(undefined)))
      .replace('"Version":"2012-10-17"', '"Version":"2012-10-17","Version":"2008-10-17"');
    const findings = validate(text);
    expect(findings[0].ruleId).toBe('DuplicateJsonKey');
    const indexes = findings.slice(1).map((finding) => finding.statementIndex);
    expect(indexes).toEqual([...indexes].sort());
    expect(indexes).toContain(0);
    expect(indexes).toContain(1);
  });

  test('every finding\'s severity is its rule\'s severity in the catalogue', () => {
    const catalogue = new Map(TrustPolicyValidator.rules().map((rule) => [rule.ruleId, rule.severity]));
    const input = githubPolicy({ 'ForAllValues:StringLike': { [`${GITHUB}:sub`]: ['repo:acme/x', '*'], [`${GITHUB}:sbu`]: 'x' } });
    const findings = validate(input);
    expect(findings.length).toBeGreaterThan(2);
    for (const finding of findings) expect(finding.severity).toBe(catalogue.get(finding.ruleId));
  });
});

describe('TrustPolicyValidator: options', () => {
  test.each([
    ['options that are a string', 'sts.amazonaws.com', /not an object/],
    ['an empty expectedAudience', { expectedAudience: ' ' }, /expectedAudience is " "/],
    ['a negative sizeLimit', { sizeLimit: -1 }, /sizeLimit is -1/],
    ['a fractional sizeLimit', { sizeLimit: 10.5 }, /sizeLimit is 10.5/],
    ['providerUrls with a non-string', { providerUrls: { Provider: 42 } }, /providerUrls is \{"Provider":42\}/],
  ])('Noncompliance: %s is reported and the default used', (_name, options, message) => {
    const findings = validate(githubPolicy(wellScopedCondition()), options as any);
    expect(findings.map((finding) => finding.ruleId)).toEqual(['ValidationOptionsInvalid']);
    expect(findings[0].message).toMatch(message);
  });

  test('Compliance: valid options, and no options at all', () => {
    expect(findingsOf('ValidationOptionsInvalid', githubPolicy(wellScopedCondition()), { expectedAudience: 'x', sizeLimit: 4096, providerUrls: {} })).toEqual([]);
    expect(findingsOf('ValidationOptionsInvalid', githubPolicy(wellScopedCondition()))).toEqual([]);
  });
});

describe('TrustPolicyValidator: properties', () => {
  test('validate never throws, whatever the input and options', () => {
    const conditionValue = fc.oneof(fc.string(), fc.constantFrom('*', 'repo:*', 'repo:acme/*', 'repo:a/b:ref:*', '?'), fc.anything());
    const condition = fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('StringEquals', 'StringLike', 'ForAllValues:StringLikeIfExists', 'StringNotLike')),
      fc.oneof(fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(`${GITHUB}:sub`, `${GITHUB}:aud`, `https://${GITHUB}:x`)),
        fc.oneof(conditionValue, fc.array(conditionValue))), fc.anything()),
    );
    const statementArb = fc.record({
      Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), fc.anything()),
      Principal: fc.oneof(fc.constant({ Federated: providerArn() }), fc.constant('*'), fc.anything()),
      Action: fc.oneof(fc.constant('sts:AssumeRoleWithWebIdentity'), fc.anything()),
      Condition: fc.oneof(condition, fc.anything()),
    }, { requiredKeys: [] });
    const input = fc.oneof(
      fc.anything(), fc.jsonValue(), fc.string(), fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.array(statementArb).map((statements) => ({ Statement: statements })),
      fc.array(statementArb).map((statements) => JSON.stringify({ Statement: statements })),
    );
    fc.assert(fc.property(input, fc.anything(), (policyInput, options) => {
      const findings = TrustPolicyValidator.validate(policyInput, options as any);
      expect(Array.isArray(findings)).toBe(true);
      for (const finding of findings) {
        expect(typeof finding.message).toBe('string');
        expect(typeof finding.fix).toBe('string');
      }
    }), { numRuns: 500 });
  });

  test('a policy the model renders for one repository yields no ERROR', () => {
    const owner = fc.stringMatching(/^[A-Za-z0-9]{1,12}(?:-[A-Za-z0-9]{1,12}){0,2}$/);
    const name = fc.stringMatching(/^[A-Za-z0-9._-]{1,100}$/).filter((n) => n !== '.' && n !== '..');
    const branch = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,40}$/)
      .filter((b) => !/\.\.|\/\/|\/$|\.$|\.lock$|(^|\/)\./.test(b));
    const environment = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _:.-]{0,40}[A-Za-z0-9]$/);
    const subject = fc.oneof(
      branch.map((b) => SubjectClaim.branch(b)),
      branch.map((b) => SubjectClaim.tag(b)),
      environment.map((e) => SubjectClaim.environment(e)),
      fc.constant(SubjectClaim.pullRequest()),
      fc.constant(SubjectClaim.anyRef()),
    );
    const ids = fc.option(fc.tuple(fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 })));
    fc.assert(fc.property(owner, name, fc.array(subject, { minLength: 1, maxLength: 4 }), ids, (o, n, subjects, idPair) => {
      const repository = GitHubRepository.of(o, n, idPair ? { ownerId: idPair[0], repositoryId: idPair[1] } : {});
      const format = idPair ? SubjectFormat.BOTH : SubjectFormat.NAME_ONLY;
      const values = subjects.flatMap((s) => s.render(repository, format));
      const operator = subjects.some((s) => s.hasWildcard) ? 'StringLike' : 'StringEquals';
      const input = githubPolicy({
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
        [operator]: { ...(operator === 'StringEquals' ? { [`${GITHUB}:aud`]: 'sts.amazonaws.com' } : {}), [`${GITHUB}:sub`]: values },
      });
      const errors = ofSeverity(validate(input, { sizeLimit: 100_000 }), FindingSeverity.ERROR);
      expect(summary(errors)).toEqual([]);
    }), { numRuns: 300 });
  });
  test('a custom-template policy the model renders for one repository yields no ERROR', () => {
    // Values the model accepts for the template's other claims, shaped as GitHub writes them.
    const sampleValue = (claim: string) => (
      claim === 'ref' || claim === 'base_ref' ? 'refs/heads/main'
        : claim.endsWith('workflow_ref') ? 'acme/deploy/.github/workflows/deploy.yml@refs/heads/main'
          : claim.endsWith('_id') || claim.startsWith('run_') ? '42'
            : `${claim}-value`);
    const others = SUBJECT_CLAIM_KEYS.filter((key) => !['repo', 'context', 'repository', 'repository_owner', 'repository_id', 'repository_owner_id'].includes(key));
    const template = fc.tuple(
      fc.subarray([...REPOSITORY_CLAIM_KEYS], { minLength: 1 }),
      fc.subarray(['context', 'repository_owner', 'repository_owner_id', ...others], { maxLength: 4 }),
    ).chain(([repositoryKeys, otherKeys]) => fc.shuffledSubarray([...repositoryKeys, ...otherKeys], {
      minLength: repositoryKeys.length + otherKeys.length,
    }))
      // The model refuses templates of repository claims only (every run would share one subject).
      .filter((keys) => !keys.every((key) => REPOSITORY_BOUND_CLAIM_KEYS.includes(key)));
    const subject = fc.constantFrom(SubjectClaim.branch('main'), SubjectClaim.environment('production'), SubjectClaim.tag('v*'));
    fc.assert(fc.property(template, subject, (keys, claim) => {
      const subjectTemplate = SubjectTemplate.fromClaimKeys(keys);
      const values = Object.fromEntries(keys.filter((key) => others.includes(key)).map((key) => [key, sampleValue(key)]));
      const rendered = claim.withTemplate(subjectTemplate, values).render(GitHubRepository.of('acme', 'web', { ownerId: 1, repositoryId: 2 }));
      const input = githubPolicy({
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
        StringLike: { [`${GITHUB}:sub`]: rendered },
      });
      expect([keys, summary(ofSeverity(validate(input), FindingSeverity.ERROR))]).toEqual([keys, []]);
    }), { numRuns: 300 });
  });
});

describe('TrustPolicyValidator: failures inside are findings, never exceptions', () => {
  afterEach(() => jest.restoreAllMocks());

  test('a rule that throws becomes a PolicyUnreadable finding naming the rule, and the other rules still run', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { SUB_MISSING } = require('../../../src/analysis/validate/rules/sub-missing');
    jest.spyOn(SUB_MISSING, 'check').mockImplementation(() => { throw new Error('boom'); });
    const findings = validate(githubPolicy({ StringLike: { [`${GITHUB}:sub`]: 'repo:acme/*' } }));
    expect(findings).toContainEqual(expect.objectContaining({
      ruleId: 'PolicyUnreadable',
      severity: FindingSeverity.ERROR,
      statementIndex: 0,
      message: 'Rule SubMissing could not check statement 0: boom. The policy has not been fully checked.',
    }));
    expect(findings.map((finding) => finding.ruleId)).toContain('SubWildcardRepository');
  });

  test('a reader that throws becomes a PolicyUnreadable finding', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const document = require('../../../src/analysis/policy/document');
    jest.spyOn(document, 'parsePolicy').mockImplementation(() => { throw new Error('reader bug'); });
    expect(validate(githubPolicy(wellScopedCondition()))).toEqual([expect.objectContaining({
      ruleId: 'PolicyUnreadable',
      message: 'The trust policy cannot be read: the policy reader failed: reader bug.',
    })]);
  });
});
