/**
 * One condition at a time, each row named after the IAM behaviour it checks (IAM User Guide: "Condition operators",
 * "Conditions with multiple context keys or values", "Single-valued vs. multivalued context keys").
 */
import { claims, GITHUB, key, trustPolicy } from './helpers';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';

const SUB = key('sub');
const MAIN = 'repo:acme/web:ref:refs/heads/main';

interface Row {
  readonly condition: object;
  readonly token?: { [claim: string]: unknown };
  readonly matched: boolean;
  readonly explanation: string | RegExp;
}

const rows: Array<[string, Row]> = [
  ['StringEquals: an exact value matches', {
    condition: { StringEquals: { [SUB]: MAIN } },
    matched: true,
    explanation: `sub "${MAIN}" equals "${MAIN}"`,
  }],
  ['StringEquals: another context does not match', {
    condition: { StringEquals: { [SUB]: MAIN } },
    token: { sub: 'repo:acme/web:environment:production' },
    matched: false,
    explanation: `sub "repo:acme/web:environment:production" does not equal "${MAIN}"`,
  }],
  ['values are case-sensitive (StringEquals)', {
    condition: { StringEquals: { [SUB]: 'repo:ACME/web:ref:refs/heads/main' } },
    matched: false,
    explanation: `sub "${MAIN}" does not equal "repo:ACME/web:ref:refs/heads/main"`,
  }],
  ['StringEquals treats * literally: a pattern never matches a real subject', {
    condition: { StringEquals: { [SUB]: 'repo:acme/*' } },
    matched: false,
    explanation: `StringEquals compares "*" literally: the value "repo:acme/*" never matches sub "${MAIN}"; use StringLike`,
  }],
  ['StringEquals treats * literally: it matches a literal star', {
    condition: { StringEquals: { [SUB]: 'repo:acme/*' } },
    token: { sub: 'repo:acme/*' },
    matched: true,
    explanation: 'sub "repo:acme/*" equals "repo:acme/*"',
  }],
  ['StringEquals treats ? literally', {
    condition: { StringEquals: { [SUB]: 'repo:acme/we?:ref:refs/heads/main' } },
    matched: false,
    explanation: /^StringEquals compares "\?" literally/,
  }],
  ['StringEqualsIgnoreCase ignores the case of values', {
    condition: { StringEqualsIgnoreCase: { [SUB]: 'REPO:Acme/Web:ref:refs/heads/MAIN' } },
    matched: true,
    explanation: `sub "${MAIN}" equals (ignoring case) "REPO:Acme/Web:ref:refs/heads/MAIN"`,
  }],
  ['StringLike: * matches across / and :', {
    condition: { StringLike: { [SUB]: 'repo:acme/*' } },
    matched: true,
    explanation: `sub "${MAIN}" matches "repo:acme/*"`,
  }],
  ['StringLike: * matches an empty run', {
    condition: { StringLike: { [SUB]: `${MAIN}*` } },
    matched: true,
    explanation: `sub "${MAIN}" matches "${MAIN}*"`,
  }],
  ['StringLike: ? matches exactly one character', {
    condition: { StringLike: { [SUB]: 'repo:acme/we?:ref:refs/heads/main' } },
    matched: true,
    explanation: /matches "repo:acme\/we\?:ref:refs\/heads\/main"$/,
  }],
  ['StringLike: ? does not match two characters', {
    condition: { StringLike: { [SUB]: 'repo:acme/w?:ref:refs/heads/main' } },
    matched: false,
    explanation: `sub "${MAIN}" does not match "repo:acme/w?:ref:refs/heads/main"`,
  }],
  ['StringLike: ? does not match zero characters', {
    condition: { StringLike: { [SUB]: 'repo:acme/web?:ref:refs/heads/main' } },
    matched: false,
    explanation: /does not match/,
  }],
  ['StringLike is case-sensitive', {
    condition: { StringLike: { [SUB]: 'repo:ACME/*' } },
    matched: false,
    explanation: `sub "${MAIN}" does not match "repo:ACME/*"`,
  }],
  ['StringLike has no {a,b} alternation', {
    condition: { StringLike: { [SUB]: 'repo:acme/{web,api}:*' } },
    matched: false,
    explanation: /does not match "repo:acme\/\{web,api\}:\*"/,
  }],
  ['StringLike: repo:acme/web* also matches repo:acme/web-evil', {
    condition: { StringLike: { [SUB]: 'repo:acme/web*' } },
    token: { sub: 'repo:acme/web-evil:ref:refs/heads/main' },
    matched: true,
    explanation: 'sub "repo:acme/web-evil:ref:refs/heads/main" matches "repo:acme/web*"',
  }],
  ['StringLike: ${*} is a literal star, not a wildcard', {
    condition: { StringLike: { [SUB]: 'repo:acme/${*}' } },
    matched: false,
    explanation: /does not match/,
  }],
  ['several values for one key are OR-ed', {
    condition: { StringEquals: { [SUB]: ['repo:acme/api:ref:refs/heads/main', MAIN] } },
    matched: true,
    explanation: `sub "${MAIN}" equals "${MAIN}"`,
  }],
  ['several values for one key: none matching is false', {
    condition: { StringEquals: { [SUB]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme/db:ref:refs/heads/main'] } },
    matched: false,
    explanation: `sub "${MAIN}" equals none of "repo:acme/api:ref:refs/heads/main", "repo:acme/db:ref:refs/heads/main"`,
  }],
  ['negated operator with several values is the AND of the negations (none equals: true)', {
    condition: { StringNotEquals: { [SUB]: ['repo:acme/api:ref:refs/heads/main', 'repo:acme/db:ref:refs/heads/main'] } },
    matched: true,
    explanation: `sub "${MAIN}" equals none of "repo:acme/api:ref:refs/heads/main", "repo:acme/db:ref:refs/heads/main"`,
  }],
  ['negated operator with several values: one equal value makes it false', {
    condition: { StringNotEquals: { [SUB]: ['repo:acme/api:ref:refs/heads/main', MAIN] } },
    matched: false,
    explanation: `sub "${MAIN}" equals "${MAIN}", which StringNotEquals excludes`,
  }],
  ['StringNotEquals compares * literally, so a pattern excludes nothing', {
    condition: { StringNotEquals: { [SUB]: 'repo:acme/*' } },
    matched: true,
    explanation: `sub "${MAIN}" does not equal "repo:acme/*" (StringNotEquals compares "*" literally; use StringNotLike)`,
  }],
  ['StringNotLike: a matching pattern makes it false', {
    condition: { StringNotLike: { [SUB]: 'repo:acme/*' } },
    matched: false,
    explanation: `sub "${MAIN}" matches "repo:acme/*", which StringNotLike excludes`,
  }],
  ['StringNotEqualsIgnoreCase: equal but for case makes it false', {
    condition: { StringNotEqualsIgnoreCase: { [SUB]: MAIN.toUpperCase() } },
    matched: false,
    explanation: /which StringNotEqualsIgnoreCase excludes$/,
  }],
  ['a positive operator is false when the key is missing', {
    condition: { StringEquals: { [key('environment')]: 'production' } },
    matched: false,
    explanation: 'the token has no "environment" claim',
  }],
  ['negated operator is true when the key is missing', {
    condition: { StringNotEquals: { [key('environment')]: 'production' } },
    matched: true,
    explanation: 'the token has no "environment" claim, and the negated operator StringNotEquals is true when the key is missing',
  }],
  ['...IfExists is true when the key is missing', {
    condition: { StringEqualsIfExists: { [key('environment')]: 'production' } },
    matched: true,
    explanation: 'the token has no "environment" claim, and StringEqualsIfExists is true when the key is missing',
  }],
  ['...IfExists compares as usual when the key is present', {
    condition: { StringEqualsIfExists: { [key('environment')]: 'production' } },
    token: { environment: 'staging' },
    matched: false,
    explanation: 'environment "staging" does not equal "production"',
  }],
  ['Null "true" means the key is absent: a missing key matches', {
    condition: { Null: { [key('environment')]: 'true' } },
    matched: true,
    explanation: 'Null "true" holds: the token has no "environment" claim',
  }],
  ['Null "true" means the key is absent: a present key does not match', {
    condition: { Null: { [key('environment')]: 'true' } },
    token: { environment: 'production' },
    matched: false,
    explanation: 'Null "true" requires the key to be missing, but the token has environment "production"',
  }],
  ['Null "false" means the key is present', {
    condition: { Null: { [key('sub')]: 'false' } },
    matched: true,
    explanation: `Null "false" holds: the token has sub "${MAIN}"`,
  }],
  ['ForAllValues is true when the key is missing', {
    condition: { 'ForAllValues:StringEquals': { [key('environment')]: 'production' } },
    matched: true,
    explanation: 'the token has no "environment" claim, and ForAllValues is true when the key is missing (no value fails it)',
  }],
  ['ForAllValues on a present single-valued claim behaves like the plain operator', {
    condition: { 'ForAllValues:StringEquals': { [key('environment')]: 'production' } },
    token: { environment: 'staging' },
    matched: false,
    explanation: 'environment "staging" does not equal "production"',
  }],
  ['ForAnyValue is false when the key is missing', {
    condition: { 'ForAnyValue:StringEquals': { [key('environment')]: 'production' } },
    matched: false,
    explanation: 'the token has no "environment" claim, and ForAnyValue is false when the key is missing',
  }],
  ['ForAnyValue on a single-valued claim behaves like the plain operator', {
    condition: { 'ForAnyValue:StringLike': { [SUB]: 'repo:acme/*' } },
    matched: true,
    explanation: `sub "${MAIN}" matches "repo:acme/*"`,
  }],
  ['condition key names are case-insensitive', {
    condition: { StringEquals: { 'Token.Actions.GitHubUserContent.com:SUB': MAIN } },
    matched: true,
    explanation: `sub "${MAIN}" equals "${MAIN}"`,
  }],
  ['a key of another issuer is a missing key', {
    condition: { StringEquals: { [`${key('sub').replace('.com:', '.com/acme-corp:')}`]: MAIN } },
    matched: false,
    explanation: '"token.actions.githubusercontent.com/acme-corp:sub" is not a condition key of the token\'s issuer token.actions.githubusercontent.com, so the key is missing',
  }],
  ['a claim AWS STS does not put into the request context is a missing key (event_name)', {
    condition: { StringEquals: { [key('event_name')]: 'push' } },
    matched: false,
    explanation: 'AWS STS does not put the "event_name" claim into the request context, so the key is missing',
  }],
  ['a claim STS does read is compared (repository_id)', {
    condition: { StringEquals: { [key('repository_id')]: '599293758' } },
    matched: true,
    explanation: 'repository_id "599293758" equals "599293758"',
  }],
  ['a number in the policy is compared as its text', {
    condition: { StringEquals: { [key('repository_id')]: 599293758 } },
    matched: true,
    explanation: 'repository_id "599293758" equals "599293758"',
  }],
  ['a number claim is compared as its text', {
    condition: { StringEquals: { [key('repository_owner_id')]: '1844662' } },
    token: { repository_owner_id: 1844662 },
    matched: true,
    explanation: 'repository_owner_id "1844662" equals "1844662"',
  }],
  ['NumericEquals compares numbers, not text', {
    condition: { NumericEquals: { [key('repository_id')]: '0599293758' } },
    matched: true,
    explanation: 'repository_id "599293758" equals "0599293758"',
  }],
  ['NumericLessThan compares numbers', {
    condition: { NumericLessThan: { [key('repository_id')]: 1000 } },
    matched: false,
    explanation: 'repository_id "599293758" is not less than "1000"',
  }],
  ['Bool compares "true" and "false" without regard to case', {
    condition: { Bool: { [key('workflow')]: 'TRUE' } },
    token: { workflow: 'true' },
    matched: true,
    explanation: 'workflow "true" is "TRUE"',
  }],
  ['ArnLike on a claim that is not an ARN does not match', {
    condition: { ArnLike: { [SUB]: 'arn:aws:iam::*:role/*' } },
    matched: false,
    explanation: `sub "${MAIN}" does not match the ARN "arn:aws:iam::*:role/*"`,
  }],
  ['a multivalued claim: a plain positive operator needs one matching value', {
    condition: { StringEquals: { [key('aud')]: 'sts.amazonaws.com' } },
    token: { aud: ['https://github.com/acme', 'sts.amazonaws.com'] },
    matched: true,
    explanation: 'aud ["https://github.com/acme", "sts.amazonaws.com"] satisfies StringEquals "sts.amazonaws.com"',
  }],
  ['a multivalued claim: ForAllValues needs every value to match', {
    condition: { 'ForAllValues:StringEquals': { [key('aud')]: 'sts.amazonaws.com' } },
    token: { aud: ['https://github.com/acme', 'sts.amazonaws.com'] },
    matched: false,
    explanation: /does not satisfy ForAllValues:StringEquals "sts.amazonaws.com"$/,
  }],
  ['a multivalued claim: a plain negated operator needs no value to match', {
    condition: { StringNotEquals: { [key('aud')]: 'sts.amazonaws.com' } },
    token: { aud: ['https://github.com/acme', 'sts.amazonaws.com'] },
    matched: false,
    explanation: /does not satisfy StringNotEquals/,
  }],
  ['an unknown operator matches nothing', {
    condition: { StringEqualz: { [SUB]: MAIN } },
    matched: false,
    explanation: '"StringEqualz" is not an IAM condition operator, so this condition cannot match',
  }],
  ['a policy variable is replaced by the token\'s claim (Version 2012-10-17): any repository matches its own sub', {
    condition: { StringEquals: { [SUB]: `repo:\${${GITHUB}:repository}:ref:refs/heads/main` } },
    token: { sub: 'repo:evil/repo:ref:refs/heads/main', repository: 'evil/repo' },
    matched: true,
    // compared with the value once replaced
    explanation: 'sub "repo:evil/repo:ref:refs/heads/main" equals "repo:evil/repo:ref:refs/heads/main"',
  }],
  ['a replaced claim is literal text, even under StringLike', {
    condition: { StringLike: { [SUB]: `repo:\${${GITHUB}:repository}:ref:refs/heads/main` } },
    token: { sub: 'repo:acme/web:ref:refs/heads/main', repository: 'acme/*' },
    matched: false,
    // the claim's "*" is written as IAM's escape for a literal "*"
    explanation: 'sub "repo:acme/web:ref:refs/heads/main" does not match "repo:acme/${*}:ref:refs/heads/main"',
  }],
  ['a variable of a key the request lacks matches nothing', {
    condition: { StringEquals: { [SUB]: 'repo:acme/${aws:username}' } },
    token: { sub: 'repo:acme/${aws:username}' },
    matched: false,
    explanation: 'StringEquals has no value it can compare, so sub "repo:acme/${aws:username}" cannot match',
  }],
  ['a variable\'s default value stands in for a missing key', {
    condition: { StringEquals: { [SUB]: 'repo:acme/${aws:username, \'web\'}:ref:refs/heads/main' } },
    token: {},
    matched: true,
    explanation: 'sub "repo:acme/web:ref:refs/heads/main" equals "repo:acme/web:ref:refs/heads/main"',
  }],
];

describe('TrustPolicyEvaluator: policy variables follow the policy Version', () => {
  const variableSub = { StringEquals: { [SUB]: `repo:\${${GITHUB}:repository}:ref:refs/heads/main` } };
  const attacker = claims({ sub: 'repo:evil/repo:ref:refs/heads/main', repository: 'evil/repo' });

  test.each([['no Version', undefined], ['Version 2008-10-17', '2008-10-17']])('%s: ${...} is plain text', (_name, version) => {
    const policy = { ...trustPolicy(variableSub), Version: version };
    const result = TrustPolicyEvaluator.evaluate(policy, attacker);
    expect(result.allowed).toBe(false);
    expect(result.problems.join('\n')).toMatch(/plain text here: only policy Version "2012-10-17" replaces variables/);
    // the same text as the token's sub matches, as IAM compares it there
    const literal = claims({ sub: `repo:\${${GITHUB}:repository}:ref:refs/heads/main` });
    expect(TrustPolicyEvaluator.evaluate(policy, literal).allowed).toBe(true);
  });

  test('without 2012-10-17, ${*} is no escape: "$", "{", a wildcard and "}"', () => {
    const policy = { ...trustPolicy({ StringLike: { [SUB]: 'repo:acme/web:ref:refs/heads/${*}' } }), Version: undefined };
    expect(TrustPolicyEvaluator.evaluate(policy, claims({ sub: 'repo:acme/web:ref:refs/heads/${main}' })).allowed).toBe(true);
    expect(TrustPolicyEvaluator.evaluate(policy, claims({ sub: 'repo:acme/web:ref:refs/heads/*' })).allowed).toBe(false);
    const current = trustPolicy({ StringLike: { [SUB]: 'repo:acme/web:ref:refs/heads/${*}' } });
    expect(TrustPolicyEvaluator.evaluate(current, claims({ sub: 'repo:acme/web:ref:refs/heads/*' })).allowed).toBe(true);
  });
});

describe('TrustPolicyEvaluator: one condition', () => {
  test.each(rows)('%s', (_name, row) => {
    // GIVEN a policy with the one condition, and a token
    const policy = trustPolicy(row.condition);

    // WHEN it is evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims(row.token));

    // THEN the condition's verdict and sentence are IAM's, and the decision follows it
    expect(result.statements).toHaveLength(1);
    const [condition] = result.statements[0].conditions;
    expect(condition.matched).toBe(row.matched);
    if (typeof row.explanation === 'string') expect(condition.explanation).toBe(row.explanation);
    else expect(condition.explanation).toMatch(row.explanation);
    expect(result.allowed).toBe(row.matched);
  });

  test('several keys under one operator are AND-ed', () => {
    // GIVEN aud and sub under one StringEquals, where only aud matches
    const policy = trustPolicy({ StringEquals: { [key('aud')]: 'sts.amazonaws.com', [SUB]: 'repo:acme/api:ref:refs/heads/main' } });

    // WHEN evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims());

    // THEN one failing key is enough to deny
    expect(result.statements[0].conditions.map((c) => c.matched)).toEqual([true, false]);
    expect(result.allowed).toBe(false);
  });

  test('several operators are AND-ed', () => {
    // GIVEN StringEquals on aud (matching) and StringLike on sub (not matching)
    const policy = trustPolicy({
      StringEquals: { [key('aud')]: 'sts.amazonaws.com' },
      StringLike: { [SUB]: 'repo:acme/api:*' },
    });

    // WHEN evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims());

    // THEN the statement does not apply
    expect(result.statements[0].conditions.map((c) => `${c.operator} ${c.claim} ${c.matched}`))
      .toEqual(['StringEquals aud true', 'StringLike sub false']);
    expect(result.statements[0].applies).toBe(false);
  });

  test('a condition reports what it compared: operator and key as written, claim, values and token value', () => {
    // GIVEN a condition with a mixed-case key and two values
    const policy = trustPolicy({ StringLike: { 'token.actions.githubusercontent.com:Sub': ['repo:acme/api:*', 'repo:acme/web:*'] } });

    // WHEN evaluated
    const [condition] = TrustPolicyEvaluator.evaluate(policy, claims()).statements[0].conditions;

    // THEN every field of the ConditionEvaluation is filled
    expect(condition).toEqual({
      operator: 'StringLike',
      key: 'token.actions.githubusercontent.com:Sub',
      claim: 'sub',
      expected: ['repo:acme/api:*', 'repo:acme/web:*'],
      actual: MAIN,
      matched: true,
      explanation: `sub "${MAIN}" matches "repo:acme/web:*"`,
    });
  });

  test('a missing key leaves actual undefined', () => {
    // GIVEN a condition on a claim the token lacks
    const policy = trustPolicy({ StringEquals: { [key('environment')]: 'production' } });

    // WHEN evaluated
    const [condition] = TrustPolicyEvaluator.evaluate(policy, claims()).statements[0].conditions;

    // THEN there is no actual value
    expect(condition.actual).toBeUndefined();
    expect(condition.claim).toBe('environment');
  });

  test.each([
    ['an unknown operator', { StringEqualz: { [SUB]: MAIN } }, /"StringEqualz" is not an IAM condition operator/],
    ['a policy variable of a key the request lacks', { StringEquals: { [SUB]: 'repo:acme/${aws:username}' } }, /holds the policy variable \$\{aws:username\}, which this request has no single value for/],
    ['a value of the wrong kind for the operator', { NumericEquals: { [key('repository_id')]: 'many' } }, /the value "many" is not a number; it matches nothing/],
    ['a value that is an object', { StringEquals: { [SUB]: { nested: true } } }, /is not text, a number or a boolean/],
    ['a value that is null', { StringEquals: { [SUB]: null } }, /is null/],
    ['a CloudFormation reference in a value', { StringEquals: { [SUB]: { 'Fn::Sub': 'repo:${Owner}/web:*' } } }, /depends on CloudFormation values unknown here/],
    ['a key the request (not the token) fills', { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } }, /"aws:SourceIp" is not read from the token/],
    ['an operator spelled in another case', { stringequals: { [SUB]: MAIN } }, /the operator is written "stringequals"; AWS spells it "StringEquals"/],
    ['Null with IfExists', { NullIfExists: { [SUB]: 'false' } }, /Null takes no set qualifier or IfExists/],
  ])('%s is reported in problems', (_name, condition, problem) => {
    // GIVEN a policy with something the evaluator cannot take at face value
    const policy = trustPolicy(condition);

    // WHEN evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims());

    // THEN a problem names the statement, the operator and the key
    expect(result.problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
    expect(result.problems.join('\n')).toMatch(/statement 0, /);
  });

  test('a CloudFormation Fn::Join of literals in a value is compared as its text', () => {
    // GIVEN a value CDK wrote as a join of plain strings
    const policy = trustPolicy({ StringEquals: { [SUB]: { 'Fn::Join': ['', ['repo:acme/web:', 'ref:refs/heads/main']] } } });

    // WHEN evaluated
    const result = TrustPolicyEvaluator.evaluate(policy, claims());

    // THEN it matches like the plain string and nothing is reported
    expect(result.allowed).toBe(true);
    expect(result.problems).toEqual([]);
  });
});
