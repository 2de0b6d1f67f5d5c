/**
 * Issue 10 items 2 and 3: what limits the repositories a statement admits. A `repository` name pin does not stop a
 * recycled name (only ID pins do); a policy variable in a pin or a `sub` is whatever the token carries; a value built
 * from CloudFormation expressions is judged by its literal parts, an ERROR when they alone admit other repositories.
 * Each verdict is checked against the evaluator with the token an attacker would bring.
 */
import { AUD, GITHUB, policy, REPOSITORY_ID, statement, SUB, validate } from './fixtures';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { FindingSeverity } from '../../../src/analysis/validate/finding';

const REPOSITORY = `${GITHUB}:repository`;
const OWNER_ID = `${GITHUB}:repository_owner_id`;

function errorsOf(document: unknown): string[] {
  return validate(document).filter((finding) => finding.severity === FindingSeverity.ERROR).map((finding) => finding.ruleId);
}

function ruleIds(document: unknown): string[] {
  return validate(document).map((finding) => finding.ruleId);
}

const withConditions = (equals: { [key: string]: unknown }, like: { [key: string]: unknown } = {}) =>
  policy(statement({ StringEquals: { [AUD]: 'sts.amazonaws.com', ...equals }, ...(Object.keys(like).length ? { StringLike: like } : {}) }));

// The "Sub:jugation" newcomer: the same names acme/web, registered again, with new IDs.
const recycled = {
  iss: `https://${GITHUB}`,
  aud: 'sts.amazonaws.com',
  sub: 'repo:acme@777/web@888:ref:refs/heads/main',
  repository: 'acme/web',
  repository_id: '888',
  repository_owner_id: '777',
};
const stranger = {
  iss: `https://${GITHUB}`,
  aud: 'sts.amazonaws.com',
  sub: 'repo:evil/repo:ref:refs/heads/main',
  repository: 'evil/repo',
  repository_id: '999',
  repository_owner_id: '998',
};

describe('item 2: a name pin does not switch off the immutable-ID check', () => {
  test('repository "acme/web" plus sub "repo:acme@*/web@*:..." is an ERROR: the recycled name gets both', () => {
    const document = withConditions({ [REPOSITORY]: 'acme/web' }, { [SUB]: 'repo:acme@*/web@*:ref:refs/heads/main' });
    expect(errorsOf(document)).toEqual(['SubWildcardImmutableId']);
    expect(validate(document).find((f) => f.ruleId === 'SubWildcardImmutableId')?.message).toMatch(/pins only the name/);
    expect(TrustPolicyEvaluator.evaluate(document, recycled).allowed).toBe(true);
  });

  test.each([
    ['repository_id pinned', { [REPOSITORY_ID]: '42' }, 'repo:acme@*/web@*:ref:refs/heads/main'],
    ['repository_owner_id pinned, only the owner ID wildcarded', { [OWNER_ID]: '41' }, 'repo:acme@*/web@42:ref:refs/heads/main'],
  ])('%s: the IDs are pinned, no ERROR, and the recycled name is denied', (_name, pins, sub) => {
    const document = withConditions(pins, { [SUB]: sub });
    expect(errorsOf(document)).toEqual([]);
    expect(TrustPolicyEvaluator.evaluate(document, recycled).allowed).toBe(false);
  });

  test('repository_owner_id pinned does not close a wildcard in the repository ID', () => {
    const document = withConditions({ [OWNER_ID]: '41' }, { [SUB]: 'repo:acme@41/web@*:ref:refs/heads/main' });
    expect(errorsOf(document)).toEqual(['SubWildcardImmutableId']);
  });

  test('a name pin with sub "repo:*" gets a finding: the name is trusted, not the repository', () => {
    const document = withConditions({ [REPOSITORY]: 'acme/web' }, { [SUB]: 'repo:*' });
    const findings = validate(document);
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['SubAnyRef', 'RepositoryIdNotPinned']));
    expect(findings.find((f) => f.ruleId === 'RepositoryIdNotPinned')?.message).toContain('"acme/web" by name only');
  });
});

describe('item 3: policy variables and CloudFormation expressions', () => {
  const variable = (claim: string) => `\${${GITHUB}:${claim}}`;

  test('a policy variable in a pin is not a pin', () => {
    const document = withConditions({ [REPOSITORY_ID]: variable('repository_id') }, { [SUB]: 'repo:*' });
    expect(errorsOf(document)).toContain('SubWildcardRepository');
    expect(TrustPolicyEvaluator.evaluate(document, stranger).allowed).toBe(true);
  });

  test('without Version 2012-10-17 the same text is a literal pin that nothing matches: no ERROR, and denied', () => {
    const document = { ...withConditions({ [REPOSITORY_ID]: variable('repository_id') }, { [SUB]: 'repo:*' }), Version: undefined };
    expect(errorsOf(document)).not.toContain('SubWildcardRepository');
    expect(TrustPolicyEvaluator.evaluate(document, stranger).allowed).toBe(false);
  });

  test('a sub built from the token\'s own repository claim admits every repository', () => {
    const document = withConditions({ [SUB]: `repo:${variable('repository')}:ref:refs/heads/main` });
    const finding = validate(document).find((f) => f.ruleId === 'SubWildcardRepository');
    expect(finding?.severity).toBe(FindingSeverity.ERROR);
    expect(finding?.value).toBe(`repo:${variable('repository')}:ref:refs/heads/main`);
    expect(finding?.message).toContain('a policy variable is replaced by whatever the token carries');
    expect(TrustPolicyEvaluator.evaluate(document, stranger).allowed).toBe(true);
  });

  test.each([
    ['Fn::Join whose literal part is "repo:*:"', { 'Fn::Join': ['', ['repo:*:', { Ref: 'Ctx' }]] }],
    ['Fn::Sub "repo:${Org}/*"', { 'Fn::Sub': 'repo:${Org}/*' }],
    ['Fn::Sub "repo:${Org}/web*:ref:refs/heads/main"', { 'Fn::Sub': 'repo:${Org}/web*:ref:refs/heads/main' }],
  ])('%s: an ERROR whatever the parameters are, besides the warning', (_name, value) => {
    const document = withConditions({}, { [SUB]: value });
    expect(errorsOf(document)).toEqual(['SubWildcardRepository']);
    expect(ruleIds(document)).toContain('UnresolvedConditionValue');
    expect(validate(document).find((f) => f.ruleId === 'SubWildcardRepository')?.message).toContain('CloudFormation expression');
  });

  test.each([
    ['the context from a parameter', { 'Fn::Join': ['', ['repo:acme/web:', { Ref: 'Ctx' }]] }],
    ['the owner and name from parameters', { 'Fn::Sub': 'repo:${Owner}/${Name}:ref:refs/heads/main' }],
  ])('%s: only the unresolved part decides, so only the warning', (_name, value) => {
    const document = withConditions({}, { [SUB]: value });
    expect(errorsOf(document)).toEqual([]);
    expect(ruleIds(document)).toEqual(['UnresolvedConditionValue']);
  });
});
