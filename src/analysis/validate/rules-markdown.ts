/**
 * Renders RULES.md from the rule catalogue, so that the document and `TrustPolicyValidator.rules()` cannot drift:
 * `npx tsx scripts/rules-md.ts` writes it, and a test fails when the file differs from this rendering.
 */
import { FindingSeverity, TrustPolicyRule } from './finding';

const SEVERITY_MEANING: { [severity in FindingSeverity]: string } = {
  [FindingSeverity.ERROR]: 'the policy lets a second repository (or anyone) in, or the role can never be assumed as written; ' +
    'constructs fail the synth',
  [FindingSeverity.WARNING]: 'risky but sometimes intended: narrow the policy, or acknowledge the rule with a reason',
  [FindingSeverity.INFO]: 'a hardening the policy could add',
};

/** The Markdown of RULES.md for a rule catalogue. */
export function renderRulesMarkdown(rules: TrustPolicyRule[]): string {
  const lines = [
    '# Trust-policy rules',
    '',
    '<!-- Generated from TrustPolicyValidator.rules() by `npx tsx scripts/rules-md.ts`. Do not edit: a test fails when this',
    '     file differs from the catalogue. Change the rule\'s file under src/analysis/validate/rules/ and regenerate. -->',
    '',
    'The rules `TrustPolicyValidator.validate()` applies to every statement that trusts a GitHub Actions OIDC provider',
    '(github.com, GitHub Enterprise Cloud, GHE.com or GitHub Enterprise Server), and to the policy as a whole. The same rules',
    'judge the roles this library builds (at synth), hand-written roles, synthesized templates and deployed roles (the',
    '`audit` command). Every value of a condition\'s list is judged on its own, and the finding names it.',
    '',
    ...Object.values(FindingSeverity).map((severity) => `- **${severity}**: ${SEVERITY_MEANING[severity]}.`),
    '',
    '| Rule | Severity | Finds | Usual fix |',
    '| --- | --- | --- | --- |',
    ...rules.map((rule) => `| [${rule.ruleId}](#${rule.ruleId.toLowerCase()}) | ${rule.severity} | ${cell(rule.title)} | ${cell(rule.fix)} |`),
    '',
  ];
  for (const rule of rules) {
    lines.push(`## ${rule.ruleId}`, '', `**${rule.severity}**: ${markdown(rule.title)}.`, '', markdown(rule.explanation), '',
      `**Fix:** ${markdown(rule.fix)}`, '');
  }
  return lines.join('\n');
}

function cell(text: string): string {
  return markdown(text).replace(/\|/g, '\\|');
}

/**
 * Catalogue text as Markdown: quoted policy text (`"repo:acme/*"`, `"<issuer>:sub"`) becomes a code span, so that
 * `*`, `_` and `<...>` show as written; outside code spans, `*` and `<` are escaped.
 */
export function markdown(text: string): string {
  return text.split(/("[^"]*")/).map((part, i) => (i % 2 === 1
    ? `\`${part}\``
    : part.replace(/\*/g, '\\*').replace(/</g, '&lt;'))).join('');
}
