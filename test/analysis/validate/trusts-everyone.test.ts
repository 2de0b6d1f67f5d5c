/**
 * Issue 10 item 1: a statement whose principal covers every web identity (`"*"`, `{"AWS":"*"}`, `{"Federated":"*"}`)
 * admits GitHub's tokens too, with or without GitHub condition keys. Whenever the evaluator lets a token of another
 * repository in through such a policy, the validator must report an ERROR (the central promise, by attack).
 */
import { GITHUB, policy, statement, validate, wellScopedCondition } from './fixtures';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { EvaluationDecision } from '../../../src/analysis/evaluate/types';
import { FindingSeverity } from '../../../src/analysis/validate/finding';

const attacker = {
  iss: `https://${GITHUB}`,
  aud: 'sts.amazonaws.com',
  sub: 'repo:evil/repo:ref:refs/heads/main',
  repository: 'evil/repo',
  repository_owner: 'evil',
};

const everyone: [string, unknown][] = [['"*"', '*'], ['{"AWS":"*"}', { AWS: '*' }], ['{"Federated":"*"}', { Federated: '*' }],
  ['{"Federated":["*"]}', { Federated: ['*'] }],
  // White space around "*": whether IAM refuses or trims it is UNVERIFIED; read as everyone (it passed unread before).
  ['" *"', ' *'], ['{"AWS":"* "}', { AWS: '* ' }], ['{"Federated":["\\n*"]}', { Federated: ['\n*'] }]];

// [shape, policy, whether the evaluator admits the attacker's token: a condition on a key the token lacks is false]
const shapes: [string, (principal: unknown) => unknown, boolean][] = [
  ['alone', (principal) => policy({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRoleWithWebIdentity' }), true],
  ['with sts:*', (principal) => policy({ Effect: 'Allow', Principal: principal, Action: 'sts:*' }), true],
  ['with only aws:* conditions', (principal) => policy({
    Effect: 'Allow',
    Principal: principal,
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
  }), false],
  ['with only another provider\'s keys', (principal) => policy({
    Effect: 'Allow',
    Principal: principal,
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'accounts.google.com:aud': 'my-app' } },
  }), false],
  ['next to a well-scoped statement', (principal) => policy(statement(wellScopedCondition()),
    { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRoleWithWebIdentity' }), true],
];

describe.each(everyone)('Principal %s', (_name, principal) => {
  test.each(shapes)('%s: an ERROR, and the evaluator\'s verdict on another repository\'s token as expected', (_shape, make, admits) => {
    const document = make(principal);
    const errors = validate(document).filter((finding) => finding.severity === FindingSeverity.ERROR);
    // an error even where this one token misses an aws:* or other-provider condition: nothing names a repository
    expect(errors.map((finding) => finding.ruleId)).toContain('SubMissing');
    // validator and evaluator read every shape of "*" the same way (coversEveryone, FACTS.md "A principal of *")
    expect(TrustPolicyEvaluator.evaluate(document, attacker).decision)
      .toBe(admits ? EvaluationDecision.ALLOWED : EvaluationDecision.IMPLICIT_DENY);
  });
});

test('a Deny with Principal "*" and no GitHub key is not judged as trusting GitHub', () => {
  const document = policy(statement(wellScopedCondition()), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' });
  expect(validate(document).filter((finding) => finding.severity === FindingSeverity.ERROR)).toEqual([]);
});

test('"*" allowing another action only (s3:GetObject) is not a web-identity trust', () => {
  const document = policy(statement(wellScopedCondition()), { Effect: 'Allow', Principal: '*', Action: 's3:GetObject' });
  expect(validate(document).filter((finding) => finding.severity === FindingSeverity.ERROR)).toEqual([]);
});

describe('duplicate Principal keys in the JSON text', () => {
  const provider = `arn:aws:iam::123456789012:oidc-provider/${GITHUB}`;
  const scoped = JSON.stringify(wellScopedCondition());

  test('a "*" left standing by a later duplicate is judged, and the evaluator admits another repository', () => {
    // JSON.parse keeps the last "Principal": "*", so the well-scoped provider principal is gone
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${provider}"},` +
      '"Principal":"*","Action":"sts:AssumeRoleWithWebIdentity"}]}';
    const errors = validate(text).filter((finding) => finding.severity === FindingSeverity.ERROR).map((finding) => finding.ruleId);
    expect(errors).toEqual(expect.arrayContaining(['DuplicateJsonKey', 'SubMissing']));
    expect(TrustPolicyEvaluator.evaluate(text, attacker).decision).toBe(EvaluationDecision.ALLOWED);
  });

  test('a dropped "*" is an ERROR even when the statement left standing trusts a service', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",' +
      '"Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}';
    const errors = validate(text).filter((finding) => finding.severity === FindingSeverity.ERROR);
    expect(errors.map((finding) => finding.ruleId)).toEqual(['DuplicateJsonKey']);
    expect(errors[0].message).toContain('"Principal" appears twice');
  });

  test('a dropped {"AWS":"*"} inside one Principal object is an ERROR too', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*","AWS":"arn:aws:iam::123456789012:root"},' +
      `"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"Federated":"${provider}"},"Action":"sts:AssumeRoleWithWebIdentity",` +
      `"Condition":${scoped}}]}`;
    expect(validate(text).filter((finding) => finding.severity === FindingSeverity.ERROR).map((finding) => finding.ruleId))
      .toEqual(['DuplicateJsonKey']);
  });

  test('a duplicate of a principal that is not "*" in a statement not trusting GitHub stays silent', () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},' +
      '"Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
    expect(validate(text)).toEqual([]);
  });
});

describe('the size check does not depend on a statement looking like GitHub', () => {
  test('an oversized policy whose only statement trusts an unreadable principal fails', () => {
    const statements = Array.from({ length: 40 }, (_, i) => ({
      Effect: 'Allow',
      Principal: { Federated: { Ref: `Provider${i}` } },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'some.idp.example:sub': `subject-number-${i}` } },
    }));
    const findings = validate({ Version: '2012-10-17', Statement: statements });
    expect(findings.map((finding) => finding.ruleId)).toEqual(['PolicySizeExceeded']);
  });
});

test('an Allow with NotPrincipal admits no one in the evaluator (IAM refuses it in a trust policy); the validator errs', () => {
  const document = policy({
    Effect: 'Allow',
    NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: wellScopedCondition(),
  });
  const result = TrustPolicyEvaluator.evaluate(document, attacker);
  expect(result.decision).toBe(EvaluationDecision.IMPLICIT_DENY);
  expect(result.problems.join('\n')).toContain('Allow with NotPrincipal, which IAM does not support');
  expect(validate(document).map((finding) => finding.ruleId)).toContain('NotPrincipalOrNotAction');
});
