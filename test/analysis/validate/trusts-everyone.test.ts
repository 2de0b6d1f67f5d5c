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
  ['{"Federated":["*"]}', { Federated: ['*'] }]];

const shapes: [string, (principal: unknown) => unknown][] = [
  ['alone', (principal) => policy({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRoleWithWebIdentity' })],
  ['with sts:*', (principal) => policy({ Effect: 'Allow', Principal: principal, Action: 'sts:*' })],
  ['with only aws:* conditions', (principal) => policy({
    Effect: 'Allow',
    Principal: principal,
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
  })],
  ['with only another provider\'s keys', (principal) => policy({
    Effect: 'Allow',
    Principal: principal,
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'accounts.google.com:aud': 'my-app' } },
  })],
  ['next to a well-scoped statement', (principal) => policy(statement(wellScopedCondition()),
    { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRoleWithWebIdentity' })],
];

describe.each(everyone)('Principal %s', (_name, principal) => {
  test.each(shapes)('%s: the evaluator admits another repository\'s token, and the validator says ERROR', (_shape, make) => {
    const document = make(principal);
    const decision = TrustPolicyEvaluator.evaluate(document, attacker).decision;
    const errors = validate(document).filter((finding) => finding.severity === FindingSeverity.ERROR);
    if (decision === EvaluationDecision.ALLOWED) expect(errors.map((e) => e.ruleId)).not.toEqual([]);
    // every shape here admits the attacker, except where an aws:* or foreign-key condition is not met by the token
    expect(errors.length).toBeGreaterThan(0);
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
