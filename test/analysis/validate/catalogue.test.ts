import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { AUD, GITHUB, githubPolicy, SUB, validate, wellScopedCondition } from './fixtures';
import { FindingSeverity } from '../../../src/analysis/validate/finding';
import { renderRulesMarkdown } from '../../../src/analysis/validate/rules-markdown';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';

const ROOT = join(__dirname, '..', '..', '..');
const rules = TrustPolicyValidator.rules();

// One input per rule that makes it fire: every rule of the catalogue is reachable.
const TRIGGERS: { [ruleId: string]: [unknown, object?] } = {
  PolicyUnreadable: ['not json'],
  ValidationOptionsInvalid: [githubPolicy(wellScopedCondition()), { sizeLimit: 0 }],
  DuplicateJsonKey: [JSON.stringify(githubPolicy(wellScopedCondition())).replace('"Effect":"Allow"', '"Effect":"Allow","Effect":"Allow"')],
  PolicySizeExceeded: [githubPolicy(wellScopedCondition()), { sizeLimit: 10 }],
  PrincipalNotOnlyGitHub: [githubPolicy(wellScopedCondition(), { Principal: '*' })],
  NotPrincipalOrNotAction: [githubPolicy(wellScopedCondition(), { Action: undefined, NotAction: 'iam:*' })],
  FederatedPrincipalNotArn: [githubPolicy(wellScopedCondition(), { Principal: { Federated: GITHUB } })],
  ProviderInOtherAccount: [githubPolicy(wellScopedCondition()), { roleAccount: '999999999999' }],
  SubMissing: [githubPolicy({ StringEquals: { [AUD]: 'sts.amazonaws.com' } })],
  JobWorkflowRefWithoutRepository: [githubPolicy({ StringEquals: { [`${GITHUB}:job_workflow_ref`]: 'acme/d/.github/workflows/d.yml@refs/heads/main' } })],
  NegatedSubOnly: [githubPolicy({ StringNotLike: { [SUB]: 'repo:evil/*' } })],
  SubWildcardRepository: [githubPolicy({ StringLike: { [SUB]: 'repo:acme/*' } })],
  SubWildcardImmutableId: [githubPolicy({ StringLike: { [SUB]: 'repo:acme@1/web@*' } })],
  ForAllValuesInAllow: [githubPolicy({ 'ForAllValues:StringEquals': { [SUB]: 'repo:acme/web:ref:refs/heads/main' } })],
  IfExistsInAllow: [githubPolicy({ StringEqualsIfExists: { [SUB]: 'repo:acme/web:ref:refs/heads/main' } })],
  ConditionKeyUnknown: [githubPolicy({ StringEquals: { [`${GITHUB}:event_name`]: 'push' } })],
  SubShapeInvalid: [githubPolicy({ StringEquals: { [SUB]: 'repo:acme/web' } })],
  ClaimShapeInvalid: [githubPolicy({ StringEquals: { [SUB]: 'repo:acme/web:ref:refs/heads/main', [`${GITHUB}:ref`]: 'main' } })],
  ClaimContradictsSub: [githubPolicy({ StringEquals: { [SUB]: 'repo:acme/web:ref:refs/heads/main', [`${GITHUB}:repository`]: 'acme/api' } })],
  WildcardInStringEquals: [githubPolicy({ StringEquals: { [SUB]: 'repo:acme/web:*' } })],
  AudienceUnexpected: [githubPolicy({ StringLike: { [AUD]: '*' } })],
  AudienceMissing: [githubPolicy({ StringEquals: { [SUB]: 'repo:acme/web:ref:refs/heads/main' } })],
  UnresolvedConditionValue: [githubPolicy({ StringEquals: { [SUB]: { Ref: 'Subject' } } })],
  SubAnyRef: [githubPolicy({ StringLike: { [SUB]: 'repo:acme/web:*' } })],
  SubEveryBranch: [githubPolicy({ StringLike: { [SUB]: 'repo:acme/web:ref:refs/heads/*' } })],
  SubEveryTag: [githubPolicy({ StringLike: { [SUB]: 'repo:acme/web:ref:refs/tags/*' } })],
  SubEnvironmentWildcard: [githubPolicy({ StringLike: { [SUB]: 'repo:acme/web:environment:*' } })],
  PullRequestSubject: [githubPolicy({ StringEquals: { [SUB]: 'repo:acme/web:pull_request' } })],
  ForAnyValueOnSingleValuedClaim: [githubPolicy({ 'ForAnyValue:StringEquals': { [SUB]: 'repo:acme/web:ref:refs/heads/main' } })],
  SubTemplateAuthorClaimFirst: [githubPolicy({ StringEquals: { [SUB]: 'workflow:deploy:repository_id:1' } })],
  RepositoryIdNotPinned: [githubPolicy({ StringEquals: { [SUB]: 'repo:acme/web:ref:refs/heads/main' } })],
};

describe('the rule catalogue', () => {
  test('IDs are unique PascalCase, and every rule has a title, an explanation and a fix', () => {
    const ids = rules.map((rule) => rule.ruleId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) {
      expect(rule.ruleId).toMatch(/^[A-Z][a-z]+(?:[A-Z][a-z]*)+$/);
      expect(Object.values(FindingSeverity)).toContain(rule.severity);
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.explanation.length).toBeGreaterThan(rule.title.length);
      expect(rule.fix.length).toBeGreaterThan(10);
    }
  });

  test('rules() returns copies: editing one does not change the catalogue', () => {
    const copy = TrustPolicyValidator.rules();
    (copy[0] as { title: string }).title = 'changed';
    expect(TrustPolicyValidator.rules()[0].title).toBe(rules[0].title);
  });

  test.each(rules.map((rule) => [rule.ruleId]))('%s has an input that makes it fire', (ruleId) => {
    expect(TRIGGERS[ruleId]).toBeDefined();
    const [input, options] = TRIGGERS[ruleId];
    expect(validate(input, options).map((finding) => finding.ruleId)).toContain(ruleId);
  });

  test('every trigger belongs to a rule of the catalogue', () => {
    expect(Object.keys(TRIGGERS).sort()).toEqual(rules.map((rule) => rule.ruleId).sort());
  });

  test('the secure default: every rule for a policy that lets another repository in is an ERROR', () => {
    const severity = new Map(rules.map((rule) => [rule.ruleId, rule.severity]));
    for (const ruleId of ['SubMissing', 'SubWildcardRepository', 'SubWildcardImmutableId', 'JobWorkflowRefWithoutRepository',
      'NegatedSubOnly', 'ForAllValuesInAllow', 'IfExistsInAllow', 'PrincipalNotOnlyGitHub', 'NotPrincipalOrNotAction']) {
      expect([ruleId, severity.get(ruleId)]).toEqual([ruleId, FindingSeverity.ERROR]);
    }
  });
});

describe('RULES.md', () => {
  const text = readFileSync(join(ROOT, 'RULES.md'), 'utf8');

  test('is the rendering of the catalogue (regenerate with "npx tsx scripts/rules-md.ts")', () => {
    expect(text).toBe(renderRulesMarkdown(rules));
  });

  test('its table lists exactly the rules of the catalogue, with their severities, in order', () => {
    const rows = [...text.matchAll(/^\| \[(\w+)\]\(#\w+\) \| (ERROR|WARNING|INFO) \|/gm)].map((match) => [match[1], match[2]]);
    expect(rows).toEqual(rules.map((rule) => [rule.ruleId, rule.severity]));
  });

  test('has a section per rule with its explanation', () => {
    for (const rule of rules) {
      expect(text).toContain(`## ${rule.ruleId}\n\n**${rule.severity}**`);
    }
  });

  test('the generator script agrees (--check)', () => {
    const output = execFileSync(process.execPath, [require.resolve('tsx/cli'), join(ROOT, 'scripts', 'rules-md.ts'), '--check'], { encoding: 'utf8' });
    expect(output).toContain('RULES.md is up to date');
  }, 30_000);
});
