/**
 * A hand-written template whose trust policy repeats a key (two "StringLike" blocks in one Condition): parsing the
 * file keeps only the last, so the audit judged the policy without the dropped block and said nothing of it. It now
 * judges such a policy as written, where DuplicateJsonKey sees the duplicate.
 */
import { auditRoles } from '../../src/cli/audit/report';
import { rolesOfFile } from '../../src/cli/input/roles';

const G = 'token.actions.githubusercontent.com';
const statement = (condition: string) => `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/${G}"},` +
  `"Action":"sts:AssumeRoleWithWebIdentity","Condition":${condition}}`;
const template = (conditions: string[]) => `{
  "Resources": {
    ${conditions.map((condition, i) => `"Role${i}": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [${statement(condition)}]}}}`).join(',\n    ')}
  }
}`;

function audit(text: string) {
  const report = auditRoles(['t.json'], rolesOfFile({ path: 't.json', text, value: JSON.parse(text) }));
  return report.roles.map((role) => [role.role.logicalId, role.findings.filter((f) => f.severity === 'ERROR').map((f) => f.ruleId)]);
}

test('a repeated operator in a role of a template file is DuplicateJsonKey, naming what was dropped', () => {
  const duplicated = `{"StringLike":{"${G}:sub":"repo:*"},"StringEquals":{"${G}:aud":"sts.amazonaws.com"},"StringLike":{"${G}:sub":"repo:acme/web:ref:refs/heads/main"}}`;
  const clean = `{"StringEquals":{"${G}:aud":"sts.amazonaws.com","${G}:sub":"repo:acme/web:ref:refs/heads/main"}}`;
  const text = template([clean, duplicated]);
  expect(audit(text)).toEqual([['Role0', []], ['Role1', ['DuplicateJsonKey']]]);
  const roles = rolesOfFile({ path: 't.json', text, value: JSON.parse(text) });
  // Only the role with a duplicate is judged as its text; the line of each role is still found.
  expect(typeof roles[1].policy).toBe('string');
  expect(typeof roles[0].policy).toBe('object');
  expect(roles.map((role) => role.line)).toEqual([3, 4]);
});

test('a duplicate elsewhere in the template (not in a trust policy) changes nothing', () => {
  const clean = `{"StringEquals":{"${G}:aud":"sts.amazonaws.com","${G}:sub":"repo:acme/web:ref:refs/heads/main"}}`;
  const text = template([clean]).replace('"Resources": {', '"Metadata": {"a": 1, "a": 2},\n  "Resources": {');
  const roles = rolesOfFile({ path: 't.json', text, value: JSON.parse(text) });
  expect(typeof roles[0].policy).toBe('object');
  expect(audit(text)).toEqual([['Role0', []]]);
});
