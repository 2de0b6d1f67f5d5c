/**
 * Writes RULES.md at the repository root from the rule catalogue: `npx tsx scripts/rules-md.ts`.
 * With `--check`, writes nothing and exits 1 when RULES.md is out of date.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { renderRulesMarkdown } from '../src/analysis/validate/rules-markdown';
import { TrustPolicyValidator } from '../src/analysis/validate/validator';

const path = join(__dirname, '..', 'RULES.md');
const rendered = renderRulesMarkdown(TrustPolicyValidator.rules());

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // A missing file is out of date.
  }
  if (current !== rendered) {
    console.error('RULES.md is out of date: run "npx tsx scripts/rules-md.ts"');
    process.exit(1);
  }
  console.log('RULES.md is up to date');
} else {
  writeFileSync(path, rendered);
  console.log(`Wrote ${path}`);
}
