/**
 * By attack, across rule boundaries: random trust policies mixing every operator (negated, IfExists, ForAnyValue,
 * ForAllValues, Null, ArnLike, misspelled case), key spellings in any case, variables, immutable and template
 * subjects, several statements (Deny too) and principals; tokens of other repositories (name-only and immutable).
 * Whenever the evaluator admits one, the validator must report an ERROR. (A search of 300,000 such policies found
 * one class, a negated job_workflow_ref alone, now SubMissing; this keeps the search in the suite.)
 */
import fc from 'fast-check';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { TrustPolicyValidator } from '../../../src/analysis/validate/validator';

const G ='token.actions.githubusercontent.com';
const keyCase = fc.constantFrom((k:string)=>k, (k:string)=>k.toUpperCase(), (k:string)=>k.replace('token', 'Token'));
const claim = fc.constantFrom('sub', 'aud', 'repository', 'repository_id', 'repository_owner_id', 'repository_owner', 'job_workflow_ref', 'ref', 'environment', 'workflow', 'actor');
const op = fc.constantFrom('StringEquals', 'StringLike', 'StringEqualsIgnoreCase', 'StringNotEquals', 'StringNotLike', 'ForAnyValue:StringLike', 'ForAllValues:StringLike', 'StringLikeIfExists', 'StringEqualsIfExists', 'Null', 'ArnLike', 'stringequals', 'StringLIKE', 'ForAnyValue:StringEquals');
const val = fc.constantFrom('repo:acme@1/web@2:*', 'repo:acme@*/web@*:*', 'repo:acme@1/*', '2*', '${'+G+':repository_id}', 'repository_owner_id:1:repository_id:2:*', 'workflow:d:repo:acme/web:*', '*:repo:acme/web:*', 'repo:acme/web:ref:refs/heads/main', 'repo:acme/web:*', 'repo:acme/*', 'repo:*', '*', 'acme/web', 'acme/*', '1', '2', 'false', 'true', 'sts.amazonaws.com', 'repo:acme/web:environment:prod', 'acme', 'repo:acme/web*', 'repo:ACME/WEB:*', '${'+G+':repository}', 'repo:${'+G+':repository}:*', 'acme/web/.github/workflows/d.yml@refs/heads/main', '*acme/web*', 'repo:acme/web:?*');
const cond = fc.array(fc.tuple(op, claim, fc.array(val, { minLength: 1, maxLength: 3 }), keyCase), { maxLength: 4 }).map(list=>{const c:any={};for (const [o, k, v, kc] of list) {(c[o]??={})[kc(`${G}:${k}`)]=v.length===1?v[0]:v;} return c;});
const principal = fc.constantFrom<any>({ Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` }, { Federated: `arn:aws:iam::123456789012:oidc-provider/${G.toUpperCase()}` }, '*', { AWS: '*' }, { Federated: [`arn:aws:iam::123456789012:oidc-provider/${G}`, 'arn:aws:iam::123456789012:oidc-provider/accounts.google.com'] }, { Federated: { Ref: 'P' } }, { Service: 'ec2.amazonaws.com' });
const stmt = fc.record({ Effect: fc.constantFrom('Allow', 'Allow', 'Deny'), Principal: principal, Action: fc.constantFrom<any>('sts:AssumeRoleWithWebIdentity', 'sts:*', '*', 'STS:AssumeRoleWithWebIdentity', ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'], 'sts:AssumeRoleWith*'), Condition: cond });
const pol = fc.record({ Version: fc.constantFrom<any>('2012-10-17', '2012-10-17', undefined), Statement: fc.array(stmt, { minLength: 1, maxLength: 3 }) });
const attacker = fc.record({ repo: fc.constantFrom('evil/repo', 'acme/web-evil', 'acme/other'), ref: fc.constantFrom('refs/heads/main', 'refs/heads/x') }).map(({ repo, ref })=>({ iss: `https://${G}`, aud: 'sts.amazonaws.com', sub: repo.length%2 ? `repo:${repo}:ref:${ref}` : `repo:${repo.replace('/', '@998/')}@999:ref:${ref}`, repository: repo, repository_owner: repo.split('/')[0], repository_id: '999', repository_owner_id: '998', ref, job_workflow_ref: `${repo}/.github/workflows/d.yml@${ref}`, workflow: 'd', actor: 'x' }));

test('no policy admits another repository\'s token without an ERROR', () => {
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, (policy, token) => {
    const options = { providerUrls: { P: `https://${G}` } };
    if (!TrustPolicyEvaluator.evaluate(policy, token, options).allowed) return;
    admitted++;
    const errors = TrustPolicyValidator.validate(policy, options).filter((finding) => finding.severity === 'ERROR');
    expect([policy, token.sub, errors.length > 0]).toEqual([policy, token.sub, true]);
  }), { numRuns: 6000 });
  // the generator does produce admitted tokens: the property is not vacuous
  expect(admitted).toBeGreaterThan(300);
});

// The same attack behind a CloudFormation condition: the admitting policy is one branch of an Fn::If (at the top, per
// statement, per Condition block, or picked by an Fn::Select), the other a narrow one. CloudFormation deploys whichever the stack's condition
// picks; the validator must judge both (src/analysis/policy/conditional.ts).
const NARROW = {
  Effect: 'Allow',
  Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: { StringEquals: { [`${G}:aud`]: 'sts.amazonaws.com', [`${G}:sub`]: 'repo:acme/web:environment:prod' } },
};
const hide = fc.constantFrom(
  (policy: any) => ({ 'Fn::If': ['IsProd', { Version: policy.Version, Statement: [NARROW] }, policy] }),
  (policy: any) => ({ ...policy, Statement: policy.Statement.map((statement: any) => ({ 'Fn::If': ['IsProd', NARROW, statement] })) }),
  (policy: any) => ({ ...policy, Statement: [{ 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, policy.Statement[0]] }, ...policy.Statement.slice(1)] }),
  (policy: any) => ({ ...policy, Statement: policy.Statement.map((statement: any) => ({ ...statement, Condition: { 'Fn::If': ['IsProd', NARROW.Condition, statement.Condition] } })) }),
  (policy: any) => ({ ...policy, Statement: policy.Statement.map((statement: any) => ({ 'Fn::Select': [{ Ref: 'Index' }, [NARROW, statement]] })) }),
);

test('no policy admits another repository\'s token without an ERROR, when it is one branch of a CloudFormation condition', () => {
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, hide, (policy, token, wrap) => {
    const options = { providerUrls: { P: `https://${G}` } };
    if (!TrustPolicyEvaluator.evaluate(policy, token, options).allowed) return;
    admitted++;
    const hidden = wrap(policy);
    const errors = TrustPolicyValidator.validate(hidden, options).filter((finding) => finding.severity === 'ERROR');
    expect([hidden, token.sub, errors.length > 0]).toEqual([hidden, token.sub, true]);
  }), { numRuns: 3000 });
  expect(admitted).toBeGreaterThan(150);
});

test('no policy admits another repository\'s token without an ERROR, when its sub values are read from the template\'s mappings', () => {
  let admitted = 0;
  fc.assert(fc.property(pol, attacker, (policy, token) => {
    const options = { providerUrls: { P: `https://${G}` } };
    if (!TrustPolicyEvaluator.evaluate(policy, token, options).allowed) return;
    admitted++;
    // Each sub value (a string or a list of strings, as Mappings hold) moves into a mapping, beside a narrow one; a
    // parameter picks which is deployed.
    const templateMappings: { [map: string]: unknown } = {};
    const hidden = {
      ...policy,
      Statement: policy.Statement.map((statement: any) => ({
        ...statement,
        Condition: Object.fromEntries(Object.entries(statement.Condition ?? {}).map(([operator, block]: [string, any]) => [operator,
          Object.fromEntries(Object.entries(block).map(([key, value]) => {
            if (!key.toLowerCase().endsWith(':sub')) return [key, value];
            const map = `Subjects${Object.keys(templateMappings).length}`;
            templateMappings[map] = { prod: { Sub: 'repo:acme/web:environment:prod' }, dev: { Sub: value } };
            return [key, { 'Fn::FindInMap': [map, { Ref: 'Stage' }, 'Sub'] }];
          }))])),
      })),
    };
    const errors = TrustPolicyValidator.validate(hidden, { ...options, templateMappings }).filter((finding) => finding.severity === 'ERROR');
    expect([hidden, token.sub, errors.length > 0]).toEqual([hidden, token.sub, true]);
  }), { numRuns: 2000 });
  expect(admitted).toBeGreaterThan(100);
});
