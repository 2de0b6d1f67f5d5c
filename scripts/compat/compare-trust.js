// Compares the trust policies of every AWS::IAM::Role in two cloud assemblies (the floor's and the newest
// aws-cdk-lib's synthesis of one example), by stack and logical ID: a user upgrading aws-cdk-lib must get the same
// roles. Usage: node compare-trust.js <floor cdk.out> <newest cdk.out>
'use strict';
const fs = require('fs');
const path = require('path');

function trustPolicies(dir) {
  const roles = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).sort()) {
    const template = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const [id, resource] of Object.entries(template.Resources || {})) {
      if (resource.Type === 'AWS::IAM::Role') roles[`${file}#${id}`] = resource.Properties.AssumeRolePolicyDocument;
      // The roles a StackSet deploys are in its inline template (GitHubOidcStackSet).
      const body = resource.Type === 'AWS::CloudFormation::StackSet' ? resource.Properties.TemplateBody : undefined;
      if (typeof body !== 'string') continue;
      for (const [innerId, inner] of Object.entries(JSON.parse(body).Resources || {})) {
        if (inner.Type === 'AWS::IAM::Role') roles[`${file}#${id}/${innerId}`] = inner.Properties.AssumeRolePolicyDocument;
      }
    }
  }
  return roles;
}

const [floorDir, newestDir] = process.argv.slice(2);
if (!floorDir || !newestDir) { console.error('usage: node compare-trust.js <floor cdk.out> <newest cdk.out>'); process.exit(2); }
if (!fs.existsSync(floorDir)) { console.error(`${floorDir} does not exist: run npx projen examples first`); process.exit(2); }
const floor = trustPolicies(floorDir);
const newest = trustPolicies(newestDir);
const names = [...new Set([...Object.keys(floor), ...Object.keys(newest)])].sort();
const differing = names.filter((name) => JSON.stringify(floor[name]) !== JSON.stringify(newest[name]));
for (const name of differing) {
  console.error(`${name}: floor ${JSON.stringify(floor[name]) ?? 'absent'}\n  newest ${JSON.stringify(newest[name]) ?? 'absent'}`);
}
console.log(`${path.basename(newestDir)}: ${names.length - differing.length} of ${names.length} trust policies identical on both sides`);
process.exit(differing.length === 0 && names.length > 0 ? 0 : 1);
