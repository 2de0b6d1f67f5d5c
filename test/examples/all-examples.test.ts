import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { App } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { stacksOf } from './helpers';

// What every example under examples/ must be: the shape scripts/synth-examples.sh and these tests rely on, and the
// trust checks applied to the whole app, so that a role written by hand next to the library's is checked too.
const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
const EXAMPLES = readdirSync(EXAMPLES_DIR).filter((name) => statSync(join(EXAMPLES_DIR, name)).isDirectory()).sort();

function buildExample(name: string): App {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(EXAMPLES_DIR, name, 'stacks'));
  return module.buildApp();
}

describe('every example app', () => {
  test('the six examples are there', () => {
    expect(EXAMPLES).toEqual(['enterprise', 'immutable-migration', 'organization', 'organization-stacksets', 'quickstart', 'reusable-workflows']);
  });

  test.each(EXAMPLES)('%s: app.ts only builds the app from stacks.ts and synthesizes it', (name) => {
    const app = readFileSync(join(EXAMPLES_DIR, name, 'app.ts'), 'utf8');
    expect(app).toBe("import { buildApp } from './stacks';\n\nbuildApp().synth();\n");
  });

  test.each(EXAMPLES)('%s: imports the library from its index only', (name) => {
    const source = readFileSync(join(EXAMPLES_DIR, name, 'stacks.ts'), 'utf8');
    const libraryImports = [...source.matchAll(/from '(\.\.\/[^']*)'/g)].map((match) => match[1]);
    expect(libraryImports).toEqual(['../../src']);
  });

  test.each(EXAMPLES)('%s: GitHubTrustChecks judges a hand-written role added to the app, and fails the synth', (name) => {
    // GIVEN the example app, and an over-broad role written by hand with plain aws-iam in its first stack
    const app = buildExample(name);
    const stack = stacksOf(app)[0];
    new iam.Role(stack, 'HandWrittenRole', {
      assumedBy: new iam.WebIdentityPrincipal(
        `arn:aws:iam::${stack.account}:oidc-provider/token.actions.githubusercontent.com`,
        { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } }),
    });
    // WHEN it is synthesized THEN the trust checks the example applies reject it
    expect(() => app.synth()).toThrow(/HandWrittenRole[\s\S]*SubWildcardRepository/);
  });
});
