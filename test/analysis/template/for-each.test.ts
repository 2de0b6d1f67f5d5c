/**
 * `Fn::ForEach` loops (AWS::LanguageExtensions): the roles a loop deploys are read, as CloudFormation writes them out,
 * by the audit of templates, GitHubTrustAssertions and the synth-time check of a StackSet body. Before, the loop's
 * key was not a resource with a `Type`, so its roles, `repo:*` or not, were skipped without a word.
 */
import fc from 'fast-check';
import { GitHubTrustAssertions } from '../../../src/analysis/assertions/trust-assertions';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { withLoopsExpanded } from '../../../src/analysis/template/for-each';
import { templateRoles } from '../../../src/analysis/template/template-roles';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';
import { auditRoles } from '../../../src/cli/audit/report';
import { rolesOfFile } from '../../../src/cli/input/roles';
import { GitHubRepository } from '../../../src/model/repository';
import { attacker, G, pol } from '../properties/attack-policies';
import { AUD, githubPolicy, SUB } from '../validate/fixtures';

/** A role whose one GitHub statement pins aud and has this sub value under the operator. */
function role(sub: unknown, op = 'StringEquals'): any {
  const condition = op === 'StringEquals'
    ? { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: sub } }
    : { StringEquals: { [AUD]: 'sts.amazonaws.com' }, [op]: { [SUB]: sub } };
  return { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: githubPolicy(condition) } };
}

function loopTemplate(collection: unknown, fragment: any, transform: unknown = 'AWS::LanguageExtensions'): any {
  return { ...(transform === null ? {} : { Transform: transform }), Resources: { 'Fn::ForEach::Repos': ['Repo', collection, fragment] } };
}

const errorsOf = (policy: unknown) => TrustPolicyValidator.validate(policy).filter((finding) => finding.severity === 'ERROR').map((finding) => finding.ruleId);

describe('a loop over a list of repositories', () => {
  const template = loopTemplate(['web', 'api', '*'], { 'Deploy${Repo}': role('repo:acme/${Repo}:ref:refs/heads/main', 'StringLike') });

  test('deploys one role per item, each with the item in its policy', () => {
    const roles = templateRoles(template);
    expect(roles.map((r) => r.logicalId)).toEqual(['Deployweb', 'Deployapi', 'Deploy*']);
    expect(roles[1].policy).toEqual(role('repo:acme/api:ref:refs/heads/main', 'StringLike').Properties.AssumeRolePolicyDocument);
  });

  test('the item that opens the role to every repository of the owner is an ERROR in the audit', () => {
    const report = auditRoles(['t.json'], rolesOfFile({ path: 't.json', text: JSON.stringify(template), value: template }));
    expect(report.roles.map((r) => [r.role.logicalId, r.findings.filter((f) => f.severity === 'ERROR').map((f) => f.ruleId)]))
      .toEqual([['Deployweb', []], ['Deployapi', []], ['Deploy*', ['SubWildcardRepository']]]);
  });

  test('and GitHubTrustAssertions says another repository can assume that role', () => {
    const roles = GitHubTrustAssertions.fromTemplate(template);
    expect(roles.githubRoleIds()).toEqual(['Deployweb', 'Deployapi', 'Deploy*']);
    const evil = { repository: GitHubRepository.of('acme', 'evil'), ref: 'refs/heads/main' };
    expect(() => roles.assertCannotAssume('Deploy*', evil)).toThrow(/acme\/evil/);
    roles.assertCannotAssume('Deployweb', evil);
    roles.assertCanAssume('Deployweb', { repository: GitHubRepository.of('acme', 'web'), ref: 'refs/heads/main' });
  });
});

describe('how items replace the identifier', () => {
  test('a Ref to the identifier, ${} and &{} in keys and values, and Fn::Sub text', () => {
    const template = loopTemplate(['my-app'], {
      'Role&{Repo}': {
        Type: 'AWS::IAM::Role',
        Properties: { RoleName: { 'Fn::Sub': 'deploy-${Repo}' }, Tags: [{ Key: 'repo', Value: { Ref: 'Repo' } }], Path: '/&{Repo}/' },
      },
    });
    expect(withLoopsExpanded(template).Resources).toEqual({
      Rolemyapp: { Type: 'AWS::IAM::Role', Properties: { RoleName: { 'Fn::Sub': 'deploy-my-app' }, Tags: [{ Key: 'repo', Value: 'my-app' }], Path: '/myapp/' } },
    });
  });

  test('a loop inside a role writes condition keys: the claim a loop names is read as that claim', () => {
    const policy = role('unused').Properties.AssumeRolePolicyDocument;
    policy.Statement[0].Condition = {
      StringEquals: { [`${G}:aud`]: 'sts.amazonaws.com' },
      StringLike: { 'Fn::ForEach::Claims': ['Claim', ['sub'], { [`${G}:\${Claim}`]: 'repo:*' }] },
    };
    const template = { Transform: ['AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions'], Resources: { Deploy: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: policy } } } };
    const [read] = templateRoles(template) as any[];
    expect(read.policy.Statement[0].Condition.StringLike).toEqual({ [`${G}:sub`]: 'repo:*' });
    expect(errorsOf(read.policy)).toContain('SubWildcardRepository');
  });

  test('nested loops write every combination', () => {
    const template = loopTemplate(['web', 'api'], {
      'Fn::ForEach::Envs': ['Env', ['prod', 'dev'], { 'Deploy${Repo}${Env}': role({ 'Fn::Sub': 'repo:acme/${Repo}:environment:${Env}' }) }],
    });
    const roles = templateRoles(template) as any[];
    expect(roles.map((r) => r.logicalId)).toEqual(['Deploywebprod', 'Deploywebdev', 'Deployapiprod', 'Deployapidev']);
    expect(roles[3].policy.Statement[0].Condition.StringEquals[`${G}:sub`]).toEqual({ 'Fn::Sub': 'repo:acme/api:environment:dev' });
  });
});

describe('a loop whose items are known only at deploy time (a CommaDelimitedList parameter)', () => {
  test('is read once, the identifier an expression: a warning when the literal parts name one owner\'s repository', () => {
    const template = loopTemplate({ Ref: 'Repos' }, { 'Deploy${Repo}': role('repo:acme/${Repo}:ref:refs/heads/main') });
    const roles = templateRoles(template) as any[];
    expect(roles.map((r) => r.logicalId)).toEqual(['Deploy${Repo}']);
    expect(roles[0].policy.Statement[0].Condition.StringEquals[`${G}:sub`]).toEqual({ 'Fn::Sub': 'repo:acme/${Repo}:ref:refs/heads/main' });
    expect(TrustPolicyValidator.validate(roles[0].policy).map((f) => f.ruleId)).toEqual(['UnresolvedConditionValue']);
  });

  test('an ERROR when the literal parts alone admit other repositories', () => {
    const template = loopTemplate({ Ref: 'Repos' }, { 'Deploy&{Repo}': role({ 'Fn::Sub': 'repo:acme/&{Repo}*' }, 'StringLike') });
    expect(errorsOf(templateRoles(template)[0].policy)).toContain('SubWildcardRepository');
  });
});

test('without the AWS::LanguageExtensions transform a loop is not expanded (CloudFormation rejects the template)', () => {
  const template = loopTemplate(['web'], { 'Deploy${Repo}': role('repo:acme/${Repo}:ref:refs/heads/main') }, null);
  expect(withLoopsExpanded(template)).toBe(template);
  expect(templateRoles(template)).toEqual([]);
});

test('loops nested past the copy budget are read with unknown items, in time linear in the template', () => {
  const items = Array.from({ length: 30 }, (_, i) => `r${i}`);
  // 30^4 = 810,000 copies if written out: the budget writes 2,000 and reads the rest once each.
  const template = loopTemplate(items, {
    'Fn::ForEach::A': ['A', items, { 'Fn::ForEach::B': ['B', items, { 'Fn::ForEach::C': ['C', items, { 'D${Repo}${A}${B}${C}': role('repo:acme/${Repo}:ref:refs/heads/${C}') }] }] }],
  });
  const roles = templateRoles(template);
  expect(roles.length).toBeGreaterThan(100);
  expect(roles.length).toBeLessThanOrEqual(2100);
});

test('property: a loop\'s role that admits another repository\'s token is an ERROR of the audit, not skipped', () => {
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, fc.array(fc.constantFrom('web', 'api', 'ops'), { minLength: 1, maxLength: 3 }), (policy, token, items) => {
    if (!TrustPolicyEvaluator.evaluate(policy, token).allowed) return;
    admitted++;
    const template = loopTemplate([...new Set(items)], { 'Deploy${Repo}': { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: policy } } });
    const roles = templateRoles(template);
    expect(roles.length).toBe(new Set(items).size);
    for (const read of roles) expect([policy, errorsOf(read.policy).length > 0]).toEqual([policy, true]);
  }), { numRuns: 300 });
  expect(admitted).toBeGreaterThan(15);
});
