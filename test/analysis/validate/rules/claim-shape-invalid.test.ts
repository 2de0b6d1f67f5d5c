import { AUD, findingsOf, GITHUB, githubPolicy, SUB, validate } from '../fixtures';

const REPOSITORY = `${GITHUB}:repository`;
const SUBJECT = 'repo:acme/web:ref:refs/heads/main';
/** A role scoped by its sub, with one more condition on `key` under `operator` beside it. */
function withClaim(key: string, value: unknown, operator = 'StringEquals') {
  const condition: { [operator: string]: { [key: string]: unknown } } = { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: SUBJECT } };
  (condition[operator] ??= {})[key] = value;
  return githubPolicy(condition);
}

describe('ClaimShapeInvalid', () => {
  test.each([
    ['Noncompliance 1: a repository without its owner', REPOSITORY, 'web', 'it names no owner'],
    ['Noncompliance 2: a repository with a path', REPOSITORY, 'acme/web/api', 'with one "/"'],
    ['Noncompliance 3: a repository with an empty name', REPOSITORY, 'acme/', 'the name is empty'],
    ['Noncompliance 4: a repository URL', REPOSITORY, 'https://github.com/acme/web', 'with one "/"'],
    ['Noncompliance 5: a repository with a space', REPOSITORY, 'acme/web ', 'the name "web " holds a character'],
    ['Noncompliance 6: a repository ID with a leading zero', `${GITHUB}:repository_id`, '0456789', 'without leading zeros'],
    ['Noncompliance 7: a node ID instead of the number', `${GITHUB}:repository_id`, 'R_kgDOH1234', 'as decimal numbers'],
    ['Noncompliance 8: an owner ID with a space', `${GITHUB}:repository_owner_id`, '1844662 ', 'as decimal numbers'],
    ['Noncompliance 9: an actor ID that is a login', `${GITHUB}:actor_id`, 'octocat', 'as decimal numbers'],
    ['Noncompliance 10: a branch name for ref', `${GITHUB}:ref`, 'main', 'e.g. "refs/heads/main"'],
    ['Noncompliance 11: a ref without refs/', `${GITHUB}:ref`, 'heads/main', 'e.g. "refs/heads/main"'],
  ])('%s', (_name, key, value, problem) => {
    const findings = findingsOf('ClaimShapeInvalid', withClaim(key, value));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: key, value });
    expect(findings[0].message).toContain(`value ${JSON.stringify(value)} is not a ${key.slice(GITHUB.length + 1)} GitHub writes (`);
    expect(findings[0].message).toContain(problem);
    expect(findings[0].message).toContain('so no token matches it');
  });

  test('Noncompliance 12: only the broken value of a list is named', () => {
    const findings = findingsOf('ClaimShapeInvalid', withClaim(REPOSITORY, ['acme/web', 'web']));
    expect(findings.map((finding) => finding.value)).toEqual(['web']);
  });

  test('Noncompliance 13: a literal value under StringLike is judged too', () => {
    expect(findingsOf('ClaimShapeInvalid', withClaim(`${GITHUB}:ref`, 'main', 'StringLike'))).toHaveLength(1);
  });

  test('Noncompliance 14: the key in capitals is the same claim', () => {
    expect(findingsOf('ClaimShapeInvalid', withClaim(`${GITHUB}:Repository_ID`, '0123'))).toHaveLength(1);
  });

  test.each([
    ['a repository', REPOSITORY, 'acme/web'],
    ['a repository of an Enterprise Managed User', REPOSITORY, 'octocat_acme/web.site'],
    ['a repository ID', `${GITHUB}:repository_id`, '456789'],
    ['a repository ID written as a JSON number', `${GITHUB}:repository_id`, 456789],
    ['an owner ID', `${GITHUB}:repository_owner_id`, '1844662'],
    ['an actor ID', `${GITHUB}:actor_id`, '12'],
    ['a branch ref', `${GITHUB}:ref`, 'refs/heads/main'],
    ['a tag ref', `${GITHUB}:ref`, 'refs/tags/v1.2.3'],
    ['a pull request ref', `${GITHUB}:ref`, 'refs/pull/7/merge'],
    ['a claim the rule does not read (environment)', `${GITHUB}:environment`, 'web'],
    ['a claim whose format is not documented (enterprise_id)', `${GITHUB}:enterprise_id`, 'acme'],
  ])('Compliance: %s', (_name, key, value) => {
    expect(findingsOf('ClaimShapeInvalid', withClaim(key, value))).toEqual([]);
  });

  test('Compliance: a pattern may match what GitHub writes, so it is left to the other rules', () => {
    expect(findingsOf('ClaimShapeInvalid', withClaim(`${GITHUB}:ref`, 'refs/heads/*', 'StringLike'))).toEqual([]);
    expect(findingsOf('ClaimShapeInvalid', withClaim(REPOSITORY, 'acme/*', 'StringLike'))).toEqual([]);
  });

  test('Compliance: StringEqualsIgnoreCase reads "REFS/" as "refs/"', () => {
    expect(findingsOf('ClaimShapeInvalid', withClaim(`${GITHUB}:ref`, 'REFS/heads/main', 'StringEqualsIgnoreCase'))).toEqual([]);
  });

  test('Compliance: a negated condition says what is not admitted, and is not judged', () => {
    expect(findingsOf('ClaimShapeInvalid', withClaim(`${GITHUB}:ref`, 'main', 'StringNotEquals'))).toEqual([]);
  });

  test('Compliance: a CloudFormation expression is left to UnresolvedConditionValue', () => {
    const findings = validate(withClaim(`${GITHUB}:repository_id`, { Ref: 'RepositoryId' }));
    expect(findings.filter((finding) => finding.ruleId === 'ClaimShapeInvalid')).toEqual([]);
  });

  test('the finding is an ERROR, like SubShapeInvalid: the role never works for the runs the value was meant for', () => {
    const [finding] = findingsOf('ClaimShapeInvalid', withClaim(REPOSITORY, 'web'));
    expect(finding.severity).toBe('ERROR');
    expect(finding.fix).toContain('"acme/web" for repository');
  });
});
