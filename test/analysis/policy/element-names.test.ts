/**
 * Element names in another case (`"principal"`, `"federated"`, `"condition"`, `"version"`): the reader matched only
 * IAM's spelling, so a statement that wrote `"principal"` trusted no one as far as the rules could see, and a
 * `repo:*` statement passed every check. Whether IAM reads such names is UNVERIFIED: they are read as the element
 * (so the rules judge what they say) and reported as PolicyUnreadable.
 */
import fc from 'fast-check';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { parsePolicy } from '../../../src/analysis/policy/document';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';
import { attacker, pol } from '../properties/attack-policies';
import { AUD, providerArn, SUB } from '../validate/fixtures';

const wide = {
  Effect: 'Allow',
  Principal: { Federated: providerArn() },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: 'repo:*' } },
};
const evil = { iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:evil/x:ref:refs/heads/main' };
const ruleIds = (document: unknown) => TrustPolicyValidator.validate(document).map((finding) => `${finding.ruleId}:${finding.severity}`);

/** The statement with one element's name written in another case. */
function renamed(statement: any, from: string, to: string): any {
  const out: any = {};
  for (const [key, value] of Object.entries(statement)) out[key === from ? to : key] = value;
  return out;
}

describe('a statement element written in another case', () => {
  test.each([
    ['principal', (s: any) => renamed(s, 'Principal', 'principal')],
    ['PRINCIPAL', (s: any) => renamed(s, 'Principal', 'PRINCIPAL')],
    ['federated', (s: any) => ({ ...s, Principal: { federated: s.Principal.Federated } })],
    ['action', (s: any) => renamed(s, 'Action', 'action')],
    ['condition', (s: any) => renamed(s, 'Condition', 'condition')],
  ])('"%s" is read as the element: repo:* behind it is SubWildcardRepository, and the name PolicyUnreadable', (name, write) => {
    const document = { Version: '2012-10-17', Statement: [write(wide)] };
    expect(ruleIds(document)).toEqual(expect.arrayContaining(['PolicyUnreadable:ERROR', 'SubWildcardRepository:ERROR']));
    expect(TrustPolicyValidator.validate(document).find((f) => f.ruleId === 'PolicyUnreadable')?.message).toContain(`"${name}"`);
    expect(TrustPolicyEvaluator.evaluate(document, evil).allowed).toBe(true);
  });

  test.each([
    ['"Principal "', (s: any) => renamed(s, 'Principal', 'Principal ')],
    ['"Federated "', (s: any) => ({ ...s, Principal: { 'Federated ': s.Principal.Federated } })],
    ['" Condition"', (s: any) => renamed(s, 'Condition', ' Condition')],
  ])('%s, white space around the name, is read as the element too (it passed every rule as no principal or no condition)', (name, write) => {
    const document = { Version: '2012-10-17', Statement: [write(wide)] };
    expect(ruleIds(document)).toEqual(expect.arrayContaining(['PolicyUnreadable:ERROR', 'SubWildcardRepository:ERROR']));
    expect(TrustPolicyValidator.validate(document).find((f) => f.ruleId === 'PolicyUnreadable')?.message).toContain(name);
  });

  test.each([
    ['Action', ' sts:AssumeRoleWithWebIdentity'],
    ['Action', 'sts:AssumeRoleWithWebIdentity\n'],
  ])('an %s of %j, white space around it, may be trimmed by IAM: the statement is judged as one allowing web identities', (_element, action) => {
    const document = { Version: '2012-10-17', Statement: [{ ...wide, Action: action }] };
    expect(ruleIds(document)).toEqual(expect.arrayContaining(['PolicyUnreadable:ERROR', 'SubWildcardRepository:ERROR']));
    expect(TrustPolicyValidator.validate(document).find((f) => f.ruleId === 'PolicyUnreadable')?.message)
      .toContain(`writes the action ${JSON.stringify(action)} with white space around it`);
  });

  test('a NotAction of web identity with white space around it excludes it only if IAM trims it: judged as allowing', () => {
    const document = { Version: '2012-10-17', Statement: [{ ...renamed(wide, 'Action', 'NotAction'), NotAction: ' sts:AssumeRoleWithWebIdentity' }] };
    expect(parsePolicy(document).statements[0].allowsWebIdentity).toBe(true);
    expect(ruleIds(document)).toEqual(expect.arrayContaining(['SubWildcardRepository:ERROR']));
  });

  test('two spellings of one element are ambiguous: reported, the canonical one kept', () => {
    const narrow = { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:acme/web:ref:refs/heads/main' } };
    const parsed = parsePolicy({ Version: '2012-10-17', Statement: [{ ...wide, Condition: narrow, condition: wide.Condition }] });
    expect(parsed.problems).toEqual(['statement 0 has "Condition" and "condition": which one IAM reads is not known']);
    expect(parsed.statements[0].raw.Condition).toEqual(narrow);
    expect('condition' in parsed.statements[0].raw).toBe(false);
  });

  test('"version" is read as the policy Version (policy variables are replaced) and reported', () => {
    const parsed = parsePolicy({ version: '2012-10-17', Statement: [wide] });
    expect(parsed.problems).toEqual(['the policy writes "version": the element is "Version"']);
    expect(parsed.statements[0].replacesVariables).toBe(true);
  });

  test('IAM\'s spellings are read as before, with no problem and no copy', () => {
    const document = { Version: '2012-10-17', Statement: [wide] };
    const parsed = parsePolicy(document);
    expect(parsed.problems).toEqual([]);
    expect(parsed.statements[0].raw).toBe(wide);
  });
});

test('property: a policy that admits another repository\'s token is an ERROR whatever case its element names are in', () => {
  const lowerSome = (statement: any, mask: number) => {
    const out: any = {};
    Object.entries(statement).forEach(([key, value], i) => { out[Math.floor(mask / 2 ** i) % 2 === 1 ? key.toLowerCase() : key] = value; });
    return out;
  };
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, fc.nat(63), (policy, token, mask) => {
    if (!TrustPolicyEvaluator.evaluate(policy, token).allowed) return;
    admitted++;
    const written = { ...policy, Statement: policy.Statement.map((statement: any) => lowerSome(statement, mask)) };
    expect([written, TrustPolicyValidator.validate(written).some((f) => f.severity === 'ERROR')]).toEqual([written, true]);
    expect([written, TrustPolicyEvaluator.evaluate(written, token).allowed]).toEqual([written, true]);
  }), { numRuns: 500 });
  expect(admitted).toBeGreaterThan(20);
});

test('the caller\'s document is never changed: judged twice, it reads the same', () => {
  const document = { Version: '2012-10-17', Statement: [{ ...wide, Principal: { federated: providerArn() } }] };
  const before = JSON.stringify(document);
  expect(ruleIds(document)).toEqual(ruleIds(document));
  expect(JSON.stringify(document)).toBe(before);
});

describe('a GitHub provider host in another case', () => {
  // Hosts are case-insensitive: a principal or provider URL in upper case is judged as GitHub's, not passed over.
  const open = (principal: unknown) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: principal }, Action: 'sts:AssumeRoleWithWebIdentity' }] });

  test('an ARN: a statement with no condition is SubMissing', () => {
    expect(ruleIds(open('arn:aws:iam::123456789012:oidc-provider/TOKEN.ACTIONS.GITHUBUSERCONTENT.COM'))).toContain('SubMissing:ERROR');
  });

  test('a template provider\'s URL, by Ref', () => {
    const findings = TrustPolicyValidator.validate(open({ Ref: 'P' }), { providerUrls: { P: 'HTTPS://Token.Actions.GitHubUserContent.com' } });
    expect(findings.map((f) => f.ruleId)).toContain('SubMissing');
  });

  test('another issuer in any case is still not GitHub\'s', () => {
    expect(ruleIds(open('arn:aws:iam::123456789012:oidc-provider/OIDC.EKS.US-EAST-1.AMAZONAWS.COM/id/ABC'))).toEqual([]);
  });
});
