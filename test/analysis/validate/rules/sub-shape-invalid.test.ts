import { AUD, findingsOf, githubPolicy, REPOSITORY_ID, SUB } from '../fixtures';

const equals = (value: string | string[]) => githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com', [REPOSITORY_ID]: '1', [SUB]: value } });
const like = (value: string) => githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com', [REPOSITORY_ID]: '1' }, StringLike: { [SUB]: value } });

describe('SubShapeInvalid', () => {
  test.each([
    ['Noncompliance 1: missing "repo:"', equals('acme/web:ref:refs/heads/main'), 'it does not start with "repo:": GitHub writes "repo:acme/web:ref:refs/heads/main"'],
    ['Noncompliance 2: no context', equals('repo:acme/web'), 'it names the repository but no context'],
    ['Noncompliance 3: a branch without refs/heads/', equals('repo:acme/web:ref:main'), 'ref "main" is not a full ref'],
    ['Noncompliance 4: a context GitHub never writes', equals('repo:acme/web:branch:main'), '"branch" is not a claim GitHub writes into sub'],
    ['Noncompliance 5: not owner/name', equals('repo:acme:ref:refs/heads/main'), '"acme" is not "<owner>/<name>"'],
    ['Noncompliance 6: a URL instead of owner/name', equals('repo:https://github.com/acme/web:ref:refs/heads/main'), '"https" is not "<owner>/<name>"'],
    ['Noncompliance 7: a ref pattern GitHub never writes', like('repo:acme/web:ref:main*'), 'ref pattern "main*" matches no ref'],
    ['Noncompliance 8: claim names are lower case under StringEquals', equals('Repo:acme/web:ref:refs/heads/main'), '"Repo" is not a claim'],
    ['Noncompliance 9: an empty environment', equals('repo:acme/web:environment:'), '"environment" has no value after it'],
    ['Noncompliance 10: an empty value', equals(''), 'the value is empty'],
    ['Noncompliance 11: a pull request ref in the default template', equals('repo:acme/web:ref:refs/pull/1/merge'), 'ref "refs/pull/1/merge" is not a full ref'],
    ['Noncompliance 13: a trailing space', equals('repo:acme/web:ref:refs/heads/main '), 'ref "refs/heads/main " is not a name git allows (git check-ref-format): no branch or tag has it'],
    ['Noncompliance 14: ".." in a branch', equals('repo:acme/web:ref:refs/heads/ma..in'), 'ref "refs/heads/ma..in" is not a name git allows'],
    ['Noncompliance 15: a branch ending in .lock', equals('repo:acme/web:ref:refs/tags/v1.lock'), 'ref "refs/tags/v1.lock" is not a name git allows'],
    ['Noncompliance 16: "~" in a branch', equals('repo:acme/web:ref:refs/heads/main~1'), 'ref "refs/heads/main~1" is not a name git allows'],
    ['Noncompliance 17: a space in a branch pattern', like('repo:acme/web:ref:refs/heads/release *'), 'ref pattern "refs/heads/release *" holds what git forbids in a ref'],
  ])('%s', (_name, input, problem) => {
    const findings = findingsOf('SubShapeInvalid', input);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ statementIndex: 0, conditionKey: SUB });
    expect(findings[0].message).toContain(`is not a subject GitHub writes (${problem}`);
    expect(findings[0].message).toContain('so no token matches it');
  });

  test('Noncompliance 12: only the broken value of a list is named', () => {
    const findings = findingsOf('SubShapeInvalid', equals(['repo:acme/web:ref:refs/heads/main', 'repo:acme/web:ref:main']));
    expect(findings.map((finding) => finding.value)).toEqual(['repo:acme/web:ref:main']);
  });

  test.each([
    ['a branch', 'repo:acme/web:ref:refs/heads/main'],
    ['a tag', 'repo:acme/web:ref:refs/tags/v1.2.3'],
    ['an environment with an encoded colon', 'repo:acme/web:environment:Production%3AV1'],
    ['pull_request', 'repo:acme/web:pull_request'],
    ['an immutable subject', 'repo:acme@1/web@2:ref:refs/heads/main'],
    ['a merge-queue branch', 'repo:acme/web:ref:refs/heads/gh-readonly-queue/main/pr-13-abc'],
    ['custom template repo, context, job_workflow_ref', 'repo:acme/web:environment:prod:job_workflow_ref:acme/d/.github/workflows/d.yml@refs/heads/main'],
    ['custom template by IDs', 'repository_owner_id:1844662:repository_id:599293758:ref:refs/heads/main'],
    ['custom template with a pull request ref', 'repository_id:1:ref:refs/pull/1/merge'],
    ['StringEqualsIgnoreCase ignores the case of claim names', 'REPO:acme/web:REF:refs/heads/main'],
    ['StringEqualsIgnoreCase matches refs/heads/ written in another case', 'repo:acme/web:ref:REFS/HEADS/main'],
    ['StringEqualsIgnoreCase with everything upper case', 'REPO:ACME/WEB:REF:REFS/TAGS/V1'],
  ])('Compliance: %s', (_name, value) => {
    const input = _name.startsWith('StringEqualsIgnoreCase')
      ? githubPolicy({ StringEqualsIgnoreCase: { [SUB]: value } })
      : equals(value);
    expect(findingsOf('SubShapeInvalid', input)).toEqual([]);
  });

  test('Compliance: a pattern may realign after a wildcard ("repo:acme/*:refs/heads/main" could match "web:ref:...")', () => {
    expect(findingsOf('SubShapeInvalid', like('repo:acme/web*:refs/heads/main'))).toEqual([]);
  });
});
