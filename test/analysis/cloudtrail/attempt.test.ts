/** Reading CloudTrail records of AssumeRoleWithWebIdentity, bursts, and what the record cannot decide (issue 12). */
import { readAttempt } from '../../../src/analysis/cloudtrail/attempt';
import { BURST_GAP_MS, failureBursts } from '../../../src/analysis/cloudtrail/bursts';
import { explainBurst } from '../../../src/cli/explain/cloudtrail-diagnosis';

const PROVIDER = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
const SUB = 'repo:acme/web:environment:production';

function record(fields: { [key: string]: unknown } = {}, identity: { [key: string]: unknown } = {}) {
  return {
    eventName: 'AssumeRoleWithWebIdentity',
    eventTime: '2026-11-01T10:00:00Z',
    errorCode: 'AccessDenied',
    userIdentity: { type: 'WebIdentityUser', principalId: `${PROVIDER}:sts.amazonaws.com:${SUB}`, userName: SUB, identityProvider: PROVIDER, ...identity },
    requestParameters: { roleArn: null },
    ...fields,
  };
}

describe('readAttempt', () => {
  test('aud and sub from principalId and userName; the role is null on a denied record', () => {
    expect(readAttempt(record())).toMatchObject({
      succeeded: false, aud: 'sts.amazonaws.com', sub: SUB, roleArn: undefined, issuerHostAndPath: 'token.actions.githubusercontent.com',
    });
  });

  test('a custom audience holding ":" is told apart by the recorded sub', () => {
    const attempt = readAttempt(record({}, { principalId: `${PROVIDER}:urn:acme:deploy:${SUB}` }));
    expect([attempt?.aud, attempt?.sub]).toEqual(['urn:acme:deploy', SUB]);
  });

  test('without userName or identityProvider, principalId alone is split (the provider ARN ends at its first ":")', () => {
    const attempt = readAttempt(record({}, { userName: undefined, identityProvider: undefined }));
    expect([attempt?.provider, attempt?.aud, attempt?.sub]).toEqual([PROVIDER, 'sts.amazonaws.com', SUB]);
  });

  test('an enterprise issuer path, the run ID from the user agent, another event skipped', () => {
    const enterprise = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com/acme-corp';
    const attempt = readAttempt(record({ userAgent: 'aws-sdk-js/3 md/run_id#987654' }, { principalId: `${enterprise}:sts.amazonaws.com:${SUB}`, identityProvider: enterprise }));
    expect([attempt?.issuerHostAndPath, attempt?.runId]).toEqual(['token.actions.githubusercontent.com/acme-corp', '987654']);
    expect(readAttempt({ eventName: 'GetCallerIdentity' })).toBeUndefined();
    expect(readAttempt(null)).toBeUndefined();
  });
});

describe('failureBursts', () => {
  test('retries within the gap are one burst; a later attempt, another sub or another role starts another', () => {
    const at = (ms: number) => new Date(Date.parse('2026-11-01T10:00:00Z') + ms).toISOString();
    const attempts = [
      record({ eventTime: at(0) }), record({ eventTime: at(5_000) }), record({ eventTime: at(5_000 + BURST_GAP_MS + 1) }),
      record({ eventTime: at(6_000) }, { userName: 'repo:acme/web:pull_request', principalId: `${PROVIDER}:sts.amazonaws.com:repo:acme/web:pull_request` }),
      record({ eventTime: at(7_000), requestParameters: { roleArn: 'arn:aws:iam::111111111111:role/x' } }),
      record({ eventTime: at(8_000), errorCode: undefined }),
    ].map((r) => readAttempt(r)!);
    expect(failureBursts(attempts).map((burst) => burst.count)).toEqual([2, 1, 1, 1]);
  });
});

test('a role whose aud and sub hold but that pins repository_id: undecidable from CloudTrail, never guessed', () => {
  const role = {
    file: 'roles.json',
    shape: 'iam-export' as any,
    roleName: 'deploy',
    arn: 'arn:aws:iam::111111111111:role/deploy',
    policy: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': SUB, 'token.actions.githubusercontent.com:repository_id': '42' } },
      }],
    },
  };
  const [burst] = failureBursts([readAttempt(record())!]);
  const explained = explainBurst(burst, [role]);
  expect(explained).toMatchObject({
    role: 'deploy',
    guessed: true,
    failedConditions: [],
    undecidedConditions: ['token.actions.githubusercontent.com:repository_id'],
    cause: { id: 'UNDECIDABLE_FROM_CLOUDTRAIL' },
  });
  expect(explained.cause.message).toContain('cannot be decided from CloudTrail');
});
