#!/usr/bin/env bash
# Type-checks the example apps, then synthesizes each (examples/<name>/app.ts) with the real aws-cdk CLI into
# cdk.out/<name>; then checks each example's workflows against its roles (scripts/check-examples.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
apps=(examples/*/app.ts)
if [ ${#apps[@]} -eq 0 ]; then echo "no example apps under examples/" >&2; exit 1; fi
npx tsc -p examples/tsconfig.json
for app in "${apps[@]}"; do
  name=$(basename "$(dirname "$app")")
  echo "synth examples/$name"
  npx cdk synth --app "npx tsx $app" -o "cdk.out/$name" --no-lookups --no-notices -q
done
bash scripts/check-examples.sh
