#!/usr/bin/env bash
# The newest side of compatibility: installs the newest aws-cdk-lib 2.x, constructs 10.x and TypeScript (what
# `cdk init` gives a newcomer) with the packed tarball into a scratch directory, from the npm registry only; then
# type-checks (--strict) and synthesizes every example app, every README TypeScript snippet and the consumer checks
# of this folder, runs the package's own CLI on the result, and compares each role's trust policy with the floor's
# synthesis (cdk.out/<example>, from `npx projen examples`). Prints the versions it tested.
#
# Usage: bash scripts/compat/run.sh [tarball]   (default: dist/js/*.tgz from `npx projen package:js`)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
tarball=${1:-$(ls dist/js/*.tgz 2>/dev/null | head -n 1)}
if [ -z "$tarball" ] || [ ! -f "$tarball" ]; then echo "no tarball: run npx projen package:js first" >&2; exit 2; fi
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")

scratch=$(mktemp -d "${TMPDIR:-/tmp}/compat-newest.XXXXXX")
trap '[ -n "${KEEP_SCRATCH:-}" ] || rm -rf "$scratch"' EXIT
cd "$scratch"
cat > package.json <<'JSON'
{ "name": "compat-newest", "version": "0.0.0", "private": true }
JSON
cat > tsconfig.json <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "lib": ["es2022"],
    "strict": true, "noImplicitReturns": true, "noFallthroughCasesInSwitch": true,
    "types": ["node"], "rootDir": "src", "outDir": "out"
  },
  "include": ["src/**/*.ts"]
}
JSON
echo "installing aws-cdk-lib@2 constructs@10 typescript@latest @types/node and $(basename "$tarball") into $scratch"
npm install --no-audit --no-fund --loglevel=error aws-cdk-lib@2 constructs@10 typescript@latest @types/node@20 "$tarball" > npm.log 2>&1 \
  || { cat npm.log >&2; exit 1; }
version() { node -p "require('$1/package.json').version"; }
echo "newest side: aws-cdk-lib $(version aws-cdk-lib), constructs $(version constructs), typescript $(version typescript)"
echo "floor side:  aws-cdk-lib $(cd "$repo" && version aws-cdk-lib), constructs $(cd "$repo" && version constructs) (the repository's pinned dev versions)"

(cd "$repo" && npx tsx scripts/compat/sources.ts "$scratch")
echo "type-check (tsc --strict, no skipLibCheck) of $(wc -l < apps.txt) programs"
npx tsc -p tsconfig.json

# The workflow file the README's GitHubWorkflowAssertions test reads from .github/workflows (run from $scratch).
mkdir -p .github/workflows
cat > .github/workflows/deploy.yml <<'YAML'
on:
  push:
    branches: [main]
permissions:
  id-token: write
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: ${{ vars.AWS_ROLE_ARN }}
          aws-region: eu-west-1
YAML

failures=0
while IFS=$'\t' read -r app expected; do
  [ -n "$app" ] || continue
  if CDK_OUTDIR="$scratch/cdk.out/${app%/app}" node "out/$app.js" > run.log 2>&1; then
    if [ -z "$expected" ]; then echo "synth ok: $app"; continue; fi
    echo "synth of $app passed, but the README shows it failing with $expected" >&2
  elif [ -n "$expected" ] && grep -q "] $expected: " run.log; then
    echo "synth fails as the README shows: $app ($expected)"; continue
  else
    echo "synth FAILED: $app" >&2; cat run.log >&2
  fi
  failures=$((failures + 1))
done < apps.txt

echo "the package's CLI on the newest synthesis, and the trust policies against the floor's"
for dir in cdk.out/examples/*/; do
  name=$(basename "$dir")
  npx github-deploy-roles audit "$dir" --fail-on error > audit.log 2>&1 || { cat audit.log >&2; failures=$((failures + 1)); }
  tail -n 1 audit.log | sed "s/^/audit $name: /"
  node "$repo/scripts/compat/compare-trust.js" "$repo/cdk.out/$name" "$dir" || failures=$((failures + 1))
done
if [ "$failures" -gt 0 ]; then echo "$failures compatibility check(s) failed on the newest aws-cdk-lib" >&2; exit 1; fi
echo "compatible with aws-cdk-lib $(version aws-cdk-lib)"
