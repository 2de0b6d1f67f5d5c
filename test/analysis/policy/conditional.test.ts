import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { MAX_VARIANTS, policyVariants, templateChoices } from '../../../src/analysis/policy/conditional';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';
import { auditRoles } from '../../../src/cli/audit/report';
import { rolesOfFile } from '../../../src/cli/input/roles';
import { AUD, statement as githubStatement, SUB } from '../validate/fixtures';

/** A GitHub statement with aud pinned and this sub value under StringLike. */
const statement = (sub: unknown) => githubStatement({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, StringLike: { [SUB]: sub } });
const NARROW = 'repo:acme/web:environment:production';

describe('policyVariants', () => {
  test('each condition decided both ways, by name: two Fn::If on one condition take the same branch', () => {
    const document = {
      Statement: [
        statement({ 'Fn::If': ['IsProd', 'a', 'b'] }),
        statement({ 'Fn::If': ['IsProd', 'c', { 'Fn::If': ['IsEu', 'd', 'e'] }] }),
      ],
    };
    expect(templateChoices(document)).toEqual(['IsProd', 'IsEu']);
    const subs = policyVariants(document)!.map((variant) => [
      variant.choices.map((choice) => `${choice.label}=${choice.value}`).join(' '),
      (variant.document as any).Statement.map((s: any) => s.Condition.StringLike[SUB]).join(','),
    ]);
    expect(subs).toEqual([
      ['IsProd=true IsEu=true', 'a,c'],
      ['IsProd=false IsEu=true', 'b,d'],
      ['IsProd=true IsEu=false', 'a,c'],
      ['IsProd=false IsEu=false', 'b,e'],
    ]);
  });

  test('AWS::NoValue removes the list element or the property it stands for', () => {
    const document = { Statement: [{ 'Fn::If': ['C', statement(NARROW), { Ref: 'AWS::NoValue' }] }], Extra: { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, 1] } };
    const [whenTrue, whenFalse] = policyVariants(document)!.map((variant) => variant.document as any);
    expect(whenTrue.Statement).toHaveLength(1);
    expect('Extra' in whenTrue).toBe(false);
    expect(whenFalse).toEqual({ Statement: [], Extra: 1 });
  });

  test('a document without choices is its own only variant; more than MAX_VARIANTS are refused', () => {
    expect(policyVariants({ Statement: [statement(NARROW)] })).toEqual([{ document: { Statement: [statement(NARROW)] }, choices: [] }]);
    const many = { Statement: Array.from({ length: Math.log2(MAX_VARIANTS) + 1 }, (_, i) => ({ 'Fn::If': [`C${i}`, statement(NARROW), { Ref: 'AWS::NoValue' }] })) };
    expect(policyVariants(many)).toBeUndefined();
  });

  test('Fn::Select: a literal index is no choice; an expression chooses each element', () => {
    const literal = { Statement: [statement({ 'Fn::Select': ['1', ['a', 'b', 'c']] })] };
    expect(policyVariants(literal)!.map((variant) => [variant.choices, (variant.document as any).Statement[0].Condition.StringLike[SUB]])).toEqual([[[], 'b']]);
    const chosen = { Statement: [statement({ 'Fn::Select': [{ Ref: 'Idx' }, ['a', 'b', 'c']] })] };
    expect(templateChoices(chosen)).toEqual(['Fn::Select index {"Ref":"Idx"}']);
    expect(policyVariants(chosen)!.map((variant) => (variant.document as any).Statement[0].Condition.StringLike[SUB])).toEqual(['a', 'b', 'c']);
  });
});

describe('the validator judges every way a condition can deploy the policy', () => {
  test.each([
    ['the whole policy', { 'Fn::If': ['IsProd', { Statement: [statement(NARROW)] }, { Statement: [statement('repo:*')] }] }, 'IsProd is false'],
    ['a statement', { Statement: [{ 'Fn::If': ['IsProd', statement(NARROW), statement('repo:*')] }] }, 'IsProd is false'],
    ['the Statement list', { Statement: { 'Fn::If': ['IsProd', [statement(NARROW)], [statement('repo:*')]] } }, 'IsProd is false'],
    ['a sub value', { Statement: [statement({ 'Fn::If': ['IsProd', NARROW, 'repo:*'] })] }, 'IsProd is false'],
    ['a sub value picked by Fn::Select', { Statement: [statement({ 'Fn::Select': [{ Ref: 'Idx' }, [NARROW, 'repo:*']] })] }, 'Fn::Select index {"Ref":"Idx"} is 1'],
    ['a statement picked by Fn::Select', { Statement: [{ 'Fn::Select': [{ Ref: 'Idx' }, [statement(NARROW), statement('repo:*')]] }] }, 'Fn::Select index {"Ref":"Idx"} is 1'],
  ])('repo:* behind a choice on %s is an error that says when', (_, document, when) => {
    const finding = TrustPolicyValidator.validate(document).find((f) => f.ruleId === 'SubWildcardRepository');
    expect(finding?.severity).toBe('ERROR');
    expect(finding?.message.endsWith(`(when ${when}).`)).toBe(true);
  });

  test('a finding names only the choices that decide it, or its first way and how many others', () => {
    // GIVEN repo:* when IsProd is false, whatever IsEu picks; and a second statement wide in two unrelated ways
    const decided = { Statement: [statement({ 'Fn::If': ['IsProd', NARROW, { 'Fn::If': ['IsEu', 'repo:*', 'repo:*'] }] })] };
    const scattered = {
      Statement: [statement({ 'Fn::If': ['IsProd', { 'Fn::If': ['IsEu', 'repo:*', NARROW] }, { 'Fn::If': ['IsEu', NARROW, 'repo:*'] }] })],
    };
    const wide = (document: unknown) => TrustPolicyValidator.validate(document).find((f) => f.ruleId === 'SubWildcardRepository')?.message;
    // THEN the first says IsProd alone; the second cannot be said by shared choices, so it counts the ways
    expect(wide(decided)).toMatch(/\(when IsProd is false\)\.$/);
    expect(wide(scattered)).toMatch(/\(when IsProd is true, IsEu is true, or 1 other way of deploying it\)\.$/);
  });

  test('Fn::Select of Fn::Split of literal text: the elements are literal, split as CloudFormation does', () => {
    const split = { Statement: [statement({ 'Fn::Select': ['0', { 'Fn::Split': [',', `repo:*,${NARROW}`] }] })] };
    expect(TrustPolicyValidator.validate(split).find((f) => f.ruleId === 'SubWildcardRepository')?.severity).toBe('ERROR');
    const chosen = { Statement: [statement({ 'Fn::Select': [{ Ref: 'Idx' }, { 'Fn::Split': ['|', `${NARROW}|repo:acme/*`] }] })] };
    expect(TrustPolicyValidator.validate(chosen).find((f) => f.ruleId === 'SubWildcardRepository')?.message).toMatch(/\(when Fn::Select index \{"Ref":"Idx"\} is 1\)\.$/);
    // Text known only at deploy time stays unresolved, as before.
    const unknown = { Statement: [statement({ 'Fn::Select': ['0', { 'Fn::Split': [',', { Ref: 'Subjects' }] }] })] };
    expect(TrustPolicyValidator.validate(unknown).map((f) => f.ruleId)).toContain('UnresolvedConditionValue');
  });

  test.each([
    ['the value list itself', { 'Fn::Split': [',', `${NARROW},repo:*`] }],
    ['the parts of a join', { 'Fn::Join': [':', { 'Fn::Split': ['|', 'repo|*'] }] }],
  ])('Fn::Split of literal text as %s is the list CloudFormation makes: repo:* in it is an error, and the evaluator admits the attacker', (_, sub) => {
    // Before, a split not under Fn::Select was an expression: "cannot be checked" (a warning), and no token matched.
    const policy = { Statement: [statement(sub)] };
    const finding = TrustPolicyValidator.validate(policy).find((f) => f.ruleId === 'SubWildcardRepository');
    expect(finding?.severity).toBe('ERROR');
    expect(finding?.message).not.toContain('(when ');
    const evil = { iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', sub: 'repo:evil/x:ref:refs/heads/main' };
    expect(TrustPolicyEvaluator.evaluate(policy, evil).allowed).toBe(true);
    expect(policyVariants(policy)!.map((variant) => variant.choices)).toEqual([[]]);
  });

  test('a split of text known only at deploy time stays an expression', () => {
    const policy = { Statement: [statement({ 'Fn::Split': [',', { Ref: 'Subjects' }] })] };
    expect(TrustPolicyValidator.validate(policy).map((f) => f.ruleId)).toEqual(['UnresolvedConditionValue']);
  });

  test('repo:* picked by a literal Fn::Select index is an error, with nothing to say about when', () => {
    const finding = TrustPolicyValidator.validate({ Statement: [statement({ 'Fn::Select': ['1', [NARROW, 'repo:*']] })] })
      .find((f) => f.ruleId === 'SubWildcardRepository');
    expect(finding?.severity).toBe('ERROR');
    expect(finding?.message).not.toContain('(when ');
  });

  test('a finding of every variant is said once, without conditions', () => {
    const findings = TrustPolicyValidator.validate({ Statement: [statement({ 'Fn::If': ['IsProd', 'repo:*', 'repo:*:ref:refs/heads/main'] })] });
    const wide = findings.filter((f) => f.ruleId === 'SubWildcardRepository');
    expect(wide).toHaveLength(2);
    expect(findings.filter((f) => f.ruleId === 'RepositoryIdNotPinned')).toHaveLength(0);
    const same = TrustPolicyValidator.validate({ Statement: [{ 'Fn::If': ['C', statement('repo:acme/web:*'), statement('repo:acme/web:*')] }] });
    expect(same.filter((f) => f.ruleId === 'SubAnyRef').map((f) => f.message)).toEqual([expect.not.stringContaining('(when ')]);
  });

  test('too many choices to judge each: an error, not a pass', () => {
    const many = { Statement: Array.from({ length: 7 }, (_, i) => ({ 'Fn::If': [`C${i}`, statement(NARROW), { Ref: 'AWS::NoValue' }] })) };
    expect(TrustPolicyValidator.validate(many)).toEqual([expect.objectContaining({ ruleId: 'PolicyUnreadable', severity: 'ERROR' })]);
  });

  test('a duplicate key inside a branch is still found in the text', () => {
    const text = `{"Statement":[{"Fn::If":["C",${JSON.stringify(statement(NARROW)).replace('"StringLike"', '"StringLike":{"x":"y"},"StringLike"')},{"Ref":"AWS::NoValue"}]}]}`;
    expect(TrustPolicyValidator.validate(text).map((f) => f.ruleId)).toContain('DuplicateJsonKey');
  });
});

test('audit lists a template role whose only GitHub statement is behind a condition, with its error', () => {
  const value = {
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [{ 'Fn::If': ['IsProd', statement(NARROW), statement('repo:*')] }],
          },
        },
      },
    },
  };
  const report = auditRoles(['t.json'], rolesOfFile({ path: 't.json', text: JSON.stringify(value), value }));
  expect(report.githubRoles).toBe(1);
  expect(report.roles[0].subjects).toEqual([NARROW, 'repo:*']);
  expect(report.roles[0].findings.map((f) => `${f.severity} ${f.ruleId}`)).toContain('ERROR SubWildcardRepository');
});

describe('Fn::FindInMap, with the template\'s mappings', () => {
  const mappings = { Stages: { prod: { Sub: NARROW }, dev: { Sub: 'repo:*' } } };
  const reading = (keys: [unknown, unknown]) => ({ Statement: [statement({ 'Fn::FindInMap': ['Stages', ...keys] })] });

  test('a key a parameter picks: every value under it is judged, and the finding says which', () => {
    const finding = TrustPolicyValidator.validate(reading([{ Ref: 'Stage' }, 'Sub']), { templateMappings: mappings })
      .find((f) => f.ruleId === 'SubWildcardRepository');
    expect(finding?.severity).toBe('ERROR');
    expect(finding?.message.endsWith('(when Fn::FindInMap Stages is dev/Sub).')).toBe(true);
  });

  test('literal keys read one value', () => {
    const dev = TrustPolicyValidator.validate(reading(['dev', 'Sub']), { templateMappings: mappings });
    expect(dev.find((f) => f.ruleId === 'SubWildcardRepository')?.message).not.toContain('(when ');
    const prod = TrustPolicyValidator.validate(reading(['prod', 'Sub']), { templateMappings: mappings });
    expect(prod.filter((f) => f.severity === 'ERROR')).toEqual([]);
  });

  test('without the mappings the value cannot be judged: a warning says so, as before', () => {
    expect(TrustPolicyValidator.validate(reading([{ Ref: 'Stage' }, 'Sub'])).map((f) => `${f.severity} ${f.ruleId}`))
      .toContain('WARNING UnresolvedConditionValue');
  });

  test('mappings that are not an object are refused, not used', () => {
    expect(TrustPolicyValidator.validate(reading(['dev', 'Sub']), { templateMappings: [] as any }).map((f) => f.ruleId))
      .toContain('ValidationOptionsInvalid');
  });

  test('audit reads the template\'s Mappings', () => {
    const value = {
      Mappings: mappings,
      Resources: { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: reading([{ Ref: 'Stage' }, 'Sub']) } } },
    };
    const report = auditRoles(['t.json'], rolesOfFile({ path: 't.json', text: JSON.stringify(value), value }));
    expect(report.roles[0].findings.map((f) => `${f.severity} ${f.ruleId}`)).toContain('ERROR SubWildcardRepository');
    expect(report.roles[0].subjects).toEqual([NARROW, 'repo:*']);
  });
});
