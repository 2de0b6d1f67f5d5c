import { FindingSeverity } from '../../src/analysis/validate/finding';
import { displayRepositories } from '../../src/cli/audit/format-text';
import { auditRoles } from '../../src/cli/audit/report';
import { rolesOfFile } from '../../src/cli/input/roles';

const GITHUB = 'token.actions.githubusercontent.com';

/** A CDK-style template: a native provider and one role trusting it with `sub`, acknowledged as given. */
function template(sub: string | string[], acknowledgements?: { ruleId: string; reason: string; value?: string }[]) {
  return {
    Resources: {
      Provider: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: `https://${GITHUB}`, ClientIdList: ['sts.amazonaws.com'] } },
      Role: {
        Type: 'AWS::IAM::Role',
        ...(acknowledgements ? { Metadata: { 'cdk-github-deploy-roles': { acknowledgements } } } : {}),
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{
              Effect: 'Allow',
              Action: 'sts:AssumeRoleWithWebIdentity',
              Principal: { Federated: { Ref: 'Provider' } },
              Condition: { StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: sub } },
            }],
          },
        },
      },
    },
  };
}

function audit(value: object) {
  const text = JSON.stringify(value);
  return auditRoles(['t.json'], rolesOfFile({ path: 't.json', text, value }));
}

describe('audit honours acknowledgements recorded in the template (TrustAcknowledgements)', () => {
  test('an unacknowledged pull_request subject is a warning', () => {
    const report = audit(template('repo:acme/web:pull_request'));
    expect(report.counts.warnings).toBe(1);
    expect(report.roles[0].findings.find((f) => f.ruleId === 'PullRequestSubject')?.severity).toBe(FindingSeverity.WARNING);
  });

  test('acknowledged, it is information carrying the reason, as cdk synth shows it', () => {
    const report = audit(template('repo:acme/web:pull_request', [{ ruleId: 'PullRequestSubject', reason: 'Read-only plan for pull requests' }]));
    expect(report.counts.warnings).toBe(0);
    const finding = report.roles[0].findings.find((f) => f.ruleId === 'PullRequestSubject')!;
    expect(finding.severity).toBe(FindingSeverity.INFO);
    expect(finding.message).toMatch(/^Acknowledged warning \(Read-only plan for pull requests\): /);
  });

  test('an acknowledgement of SubWildcardRepository covers the value it names: never another owner\'s, never any owner\'s', () => {
    // GIVEN the acknowledgement an organization-wide role was given, on the policy it was written for and on wider ones
    const acknowledged = [{ ruleId: 'SubWildcardRepository', reason: 'Org-wide read-only artifact role, SEC-142', value: 'repo:acme/*' }];
    const withStringLike = (sub: string) => {
      const value = template(sub, acknowledged) as any;
      const condition = value.Resources.Role.Properties.AssumeRolePolicyDocument.Statement[0].Condition;
      condition.StringLike = { [`${GITHUB}:sub`]: condition.StringEquals[`${GITHUB}:sub`] };
      delete condition.StringEquals[`${GITHUB}:sub`];
      return value;
    };
    // WHEN audited
    const owner = audit(withStringLike('repo:acme/*'));
    const anyOwner = audit(withStringLike('repo:*'));
    const otherOwner = audit(withStringLike('repo:evilcorp/*'));
    // THEN the owner-wide value is information with its reason, the any-owner value stays an error
    expect(owner.counts.errors).toBe(0);
    expect(owner.roles[0].findings.find((f) => f.ruleId === 'SubWildcardRepository')?.severity).toBe(FindingSeverity.INFO);
    expect(otherOwner.counts.errors).toBe(1);
    expect(otherOwner.roles[0].findings.find((f) => f.ruleId === 'SubWildcardRepository')).toMatchObject({ severity: FindingSeverity.ERROR, value: 'repo:evilcorp/*' });
    expect(anyOwner.counts.errors).toBe(1);
    expect(anyOwner.roles[0].findings.find((f) => f.ruleId === 'SubWildcardRepository')).toMatchObject({
      severity: FindingSeverity.ERROR, admitsAnyOwner: true, value: 'repo:*',
    });
  });

  test('an acknowledgement of another rule changes nothing', () => {
    const report = audit(template('repo:acme/web:pull_request', [{ ruleId: 'SubAnyRef', reason: 'Not this finding at all' }]));
    expect(report.counts.warnings).toBe(1);
  });
});

describe('audit folds the findings of the two subject forms of one repository', () => {
  test('a pull_request role trusting acme/web by name and by IDs gets one warning naming both forms', () => {
    const report = audit(template(['repo:acme/web:pull_request', 'repo:acme@1/web@2:pull_request']));
    const warnings = report.roles[0].findings.filter((f) => f.ruleId === 'PullRequestSubject');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain('The same holds for the immutable form "repo:acme@1/web@2:pull_request"');
    expect(report.counts.warnings).toBe(1);
  });
});

describe('displayRepositories', () => {
  test('one entry per repository: name-only, immutable form and ID pin folded together', () => {
    expect(displayRepositories(['acme/web', 'acme@91234567/web@612345678', 'repository_id:612345678', 'acme/api']))
      .toBe('acme/web (owner ID 91234567, repository ID 612345678), acme/api');
  });

  test('patterns and unmatched ID pins stay as they are', () => {
    expect(displayRepositories(['acme/*', 'repository_id:7'])).toBe('acme/*, repository_id:7');
  });
});
