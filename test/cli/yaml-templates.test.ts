/**
 * `audit` (and `explain`, `check`) read CloudFormation templates written in YAML, as teams write them by hand and as
 * configure-aws-credentials' own sample is: short forms such as `!Sub` and `!GetAtt` read as their long forms.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FindingSeverity } from '../../src/analysis/validate/finding';
import { auditRoles } from '../../src/cli/audit/report';
import { CliError } from '../../src/cli/cli-error';
import { LineIndex } from '../../src/cli/input/line-index';
import { expandInput, loadInput } from '../../src/cli/input/load';

const fixture = (name: string) => join(__dirname, 'fixtures', 'yaml-templates', name);

function audit(path: string) {
  const input = loadInput(path);
  return auditRoles([path], input.roles);
}

describe('a YAML template', () => {
  test('is read with its short forms, each role judged and located by its line', () => {
    // GIVEN a template with !GetAtt and !Ref principals and a !Sub subject
    const report = audit(fixture('narrow-role.yaml'));
    // THEN both roles are read, with their names and lines, and the provider's URL resolves both principals
    expect(report.roles.map((role) => [role.role.logicalId, role.role.roleName, role.role.line, role.issuers]))
      .toEqual([
        ['WebProduction', 'github-acme-web-production', 10, ['https://token.actions.githubusercontent.com']],
        ['EveryAcmeRepository', undefined, 26, ['https://token.actions.githubusercontent.com']],
      ]);
    // AND the narrow role has no error, the owner-wide one the error a JSON template would get
    expect(report.roles[0].findings.filter((finding) => finding.severity === FindingSeverity.ERROR)).toEqual([]);
    expect(report.roles[1].findings.find((finding) => finding.ruleId === 'SubWildcardRepository')).toMatchObject({
      severity: FindingSeverity.ERROR, value: 'repo:acme/*:ref:refs/heads/${AWS.Region}',
    });
  });

  test('configure-aws-credentials\' sample, deployed with its parameters\' defaults, lets every repository of the owner in', () => {
    // GIVEN the action's own sample: sub "repo:${GitHubOrganization}/${RepositoryName}:ref:refs/heads/${BranchName}",
    // RepositoryName and BranchName defaulting to "*"
    const report = audit(fixture('github-actions-oidc-federation-and-role.yml'));
    const findings = report.roles[0].findings;
    // THEN the default deployment is an error that names the defaults, and the values given at deploy stay unknown
    expect(findings.find((finding) => finding.ruleId === 'SubWildcardRepository')).toMatchObject({
      severity: FindingSeverity.ERROR,
      value: 'repo:${GitHubOrganization}/*:ref:refs/heads/*',
      message: expect.stringMatching(/lets every repository of "\$\{GitHubOrganization\}" assume the role.*\(when the parameters take their Defaults/),
    });
    expect(findings.some((finding) => finding.ruleId === 'UnresolvedConditionValue' && /when the parameters are given at deploy/.test(finding.message))).toBe(true);
    expect(findings.find((finding) => finding.ruleId === 'AudienceMissing')?.severity).toBe(FindingSeverity.WARNING);
    expect(report.counts.errors).toBe(1);
  });

  test('with a key written twice is refused, naming the line: one of the two values would be dropped', () => {
    expect(() => loadInput(fixture('duplicate-key.yaml'))).toThrow(CliError);
    expect(() => loadInput(fixture('duplicate-key.yaml'))).toThrow(/duplicate-key\.yaml is not readable YAML at line 15 \(Map keys must be unique\): expected /);
  });

  test('that is not YAML either is refused with the parser\'s reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yaml-input-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'Resources:\n  Role: [\n');
    expect(() => loadInput(file)).toThrow(/broken\.yaml is not readable YAML at line 3 \(/);
  });

  test('a JSON file keeps its JSON errors, whatever its extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yaml-input-'));
    const file = join(dir, 'template.yaml');
    writeFileSync(file, '{ "Resources": ');
    expect(() => loadInput(file)).toThrow(/template\.yaml is not valid JSON/);
  });

  test('in a directory, .yaml and .yml files are inputs next to .json ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yaml-input-'));
    for (const name of ['a.json', 'b.yaml', 'c.yml', 'notes.txt']) writeFileSync(join(dir, name), '{}');
    expect(expandInput(dir).map((path) => path.slice(dir.length + 1))).toEqual(['a.json', 'b.yaml', 'c.yml']);
  });
});

describe('LineIndex.offsetOfYamlKey', () => {
  const text = 'Resources:\n  Role:\n    Type: x\n  "Other" :\n    RoleName: Role\n  \'Third\':\n';
  const lines = new LineIndex(text);
  test.each([
    ['Resources', 1], ['Role', 2], ['Other', 4], ['Third', 6],
  ])('finds %s at the start of line %i, bare or quoted', (key, line) => {
    expect(lines.lineAt(lines.offsetOfYamlKey(key))).toBe(line);
  });

  test('a value with the same text is not a key, and a key must match whole', () => {
    expect(lines.offsetOfYamlKey('Rol')).toBe(-1);
    expect(lines.offsetOfYamlKey('Role', text.indexOf('Type'))).toBe(-1);
  });
});
