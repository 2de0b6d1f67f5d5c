import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrustPolicyValidator } from '../../src/analysis/validate/validator';

describe('README rule table', () => {
  test('lists exactly the catalogue, in order, with each rule\'s severity and title', () => {
    // GIVEN the rows of the README table `| [RuleId](RULES.md#ruleid) | SEVERITY | title |`
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| \[(\w+)\]\(RULES\.md#(\w+)\) \| (ERROR|WARNING|INFO) \| (.+) \|$/gm)]
      // Titles as in the catalogue; the README may set quoted parts in code font.
      .map(([, ruleId, anchor, severity, title]) => ({ ruleId, anchor, severity, title: title.replace(/`/g, '') }));
    // THEN they are the catalogue's rules
    expect(rows).toEqual(TrustPolicyValidator.rules().map((rule) => ({
      ruleId: rule.ruleId, anchor: rule.ruleId.toLowerCase(), severity: rule.severity, title: rule.title,
    })));
  });
});
