// Prints jest's totals as the plain line CI reads: "N passed, N failed" (jest-junit report in, one line out).
const fs = require('fs');

const file = process.argv[2] || 'test-reports/junit.xml';
let xml;
try {
  xml = fs.readFileSync(file, 'utf8');
} catch (err) {
  console.error(`test-summary: cannot read ${file}: ${err.message}`);
  process.exit(1);
}
const suites = /<testsuites\b[^>]*>/.exec(xml);
const attr = (name) => Number((new RegExp(`\\b${name}="(\\d+)"`).exec(suites ? suites[0] : '') || [])[1] || 0);
const total = attr('tests');
const failed = attr('failures') + attr('errors');
const skipped = (xml.match(/<skipped\s*\/>/g) || []).length;
const passed = total - failed - skipped;
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(total === 0 ? 1 : 0);
