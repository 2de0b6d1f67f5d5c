import { awscdk, javascript } from 'projen';

// The one place that defines package.json, tsconfig, eslint and the tasks. Edit here, then run `npx projen`.
const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-github-deploy-roles',
  description:
    'AWS CDK constructs for GitHub Actions OIDC deploy roles with narrow, validated trust policies, ' +
    'plus an analyzer and CLI that explain AccessDenied and audit existing trust policies.',
  author: 'cdk-github-deploy-roles maintainers',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk-github-deploy-roles/cdk-github-deploy-roles.git',
  keywords: ['cdk', 'aws-cdk', 'github-actions', 'oidc', 'iam', 'security', 'trust-policy'],
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,

  // Floor: 2.200.0 is the first aws-cdk-lib with iam.OidcProviderNative (thumbprints optional there).
  cdkVersion: '2.200.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  publishToPypi: { distName: 'cdk-github-deploy-roles', module: 'cdk_github_deploy_roles' },
  publishToMaven: {
    javaPackage: 'io.github.cdkgithubdeployroles',
    mavenGroupId: 'io.github.cdk-github-deploy-roles',
    mavenArtifactId: 'cdk-github-deploy-roles',
  },
  publishToNuget: { dotNetNamespace: 'CdkGitHubDeployRoles', packageId: 'CdkGitHubDeployRoles' },
  publishToGo: { moduleName: 'github.com/cdk-github-deploy-roles/cdk-github-deploy-roles-go' },

  bin: {
    'github-deploy-roles': 'lib/cli/main.js',
    'cdk-github-deploy-roles': 'lib/cli/main.js',
  },

  // The workflow reader (`check`, GitHubWorkflowAssertions) parses YAML 1.2 with source positions. Bundled, as jsii
  // requires of a run-time dependency, and loaded only by the code that reads workflow files (src/analysis/workflows).
  bundledDeps: ['yaml@^2'],

  devDeps: [
    'aws-cdk@^2.1148.1',
    // TypeScript 7 (native) is not accepted by ts-jest and typescript-eslint yet (TOOLCHAIN.md).
    'typescript@~6.0.0',
    '@types/node@^20',
    'fast-check@^4',
    'tsx@^4',
    // Build only: joins the modules a synth loads into one file (scripts/bundle-construct-path.js).
    'esbuild@^0.28.2',
    'cdk-nag@~2.38.2',
    // bench only: the most used alternative, measured side by side in bench/.
    'aws-cdk-github-oidc@2.4.1',
  ],

  jestOptions: {
    // A changed snapshot is a changed deployment: it must fail, never be rewritten by `npm test`.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/cdk.out/', '<rootDir>/examples/'],
      coverageReporters: ['text-summary', 'lcov'],
    },
  },

  // A test command reports; it does not rewrite the tree. `npx projen eslint:fix` applies the fixes.
  eslintOptions: { dirs: ['src', 'test'], commandOptions: { fix: false } },

  githubOptions: { mergify: false },
  depsUpgrade: false,
  pullRequestTemplate: false,
  gitignore: ['cdk.out/', '*.cpuprofile', '/bench/out/', '.tmp/', '.jsii.tabl.json'],
});

// `npm ci` on a fresh clone fails with "Missing: @unrs/resolver-binding-..." when newer unrs-resolver versions
// list platform packages this registry lacks (TOOLCHAIN.md).
for (const path of ['/.ci/', 'cdk.out/', '/examples/', '/bench/', '/scripts/', '*.cpuprofile']) {
  project.addPackageIgnore(path);
}

project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// Coverage is collected, but the per-file table (about 150 lines) is not printed: the summary and lcov are enough.
project.tryFindObjectFile('package.json')?.addOverride('jest.coverageReporters', ['text-summary', 'lcov']);

// The compiled index requires each export's module on first use (scripts/lazy-index.js): loading the package costs
// what the program uses, not the monitoring, organization and workflow code it does not (issue 14).
project.compileTask.exec('node scripts/lazy-index.js lib/index.js');
// ... and the modules a synth loads are read from one file, not about seventy (scripts/bundle-construct-path.js).
project.compileTask.exec('node scripts/bundle-construct-path.js lib');

// ts-jest runs with isolated modules and does not type-check: do it before the tests.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json');

// README snippets must compile (jsii-rosetta, strict), the same way on every machine. Rosetta compiles them in a
// dependency closure it creates under the OS temp directory, where TypeScript finds ambient types (@types/node, for
// `console`) only in an ancestor's node_modules: that made the check pass on a machine with a node_modules above /tmp
// and fail on a fresh one. Compiling under the project puts the project's own node_modules above the closure. The
// tablet is dropped first, so every snippet is compiled, not reused from an earlier machine's cache.
project.postCompileTask.exec('rm -f .jsii.tabl.json && mkdir -p .tmp/rosetta && TMPDIR="$PWD/.tmp/rosetta" jsii-rosetta extract --strict');

const eslintFix = project.addTask('eslint:fix', {
  description: 'Lint and apply eslint\'s fixes (the test task only reports)',
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' },
});
eslintFix.exec('eslint --ext .ts,.tsx --fix --no-error-on-unmatched-pattern src test build-tools projenrc .projenrc.ts');

// The main job of a fresh clone: synthesize the example app with the real CDK CLI and show roles + findings.
const example = project.addTask('example', {
  description: 'Synthesize the quick-start example app and print each role trust policy and the validation report',
});
example.exec('cdk synth --app "tsx examples/quickstart/app.ts" -o cdk.out/quickstart --no-lookups --no-notices -q');
example.exec('tsx src/cli/main.ts audit cdk.out/quickstart --show-policies');

// Every example app, as CI synthesizes them.
project.addTask('examples', {
  description: 'Synthesize every example app under examples/ with the real CDK CLI',
  exec: 'bash scripts/synth-examples.sh',
});

// The other end of the peer range: the packed tarball against the newest aws-cdk-lib 2.x (scripts/compat/run.sh).
project.addTask('compat:newest', {
  description: 'Type-check and synthesize the examples, README snippets and consumer checks against the newest aws-cdk-lib 2.x',
  exec: 'bash scripts/compat/run.sh',
});

// Proves the jsii API translates to Python, Java, .NET and Go (sources only: their registries are unreachable here).
project.addTask('pacmak:code-only', {
  description: 'Generate Python/Java/.NET/Go sources from the jsii assembly without packaging them',
  exec: 'jsii-pacmak --code-only -t python -t java -t dotnet -t go -o dist/code-only',
});

project.addTask('bench', {
  description: 'Run the benchmarks under bench/ and write bench/RESULTS.md',
  exec: 'tsx bench/run.ts',
});

project.synth();
