#!/usr/bin/env bash
# Runs `github-deploy-roles check` over each example's synthesized cdk.out and its .github/workflows, as a user's
# CI would: every job must get the role it names (exit 0 at --fail-on warning). Run after scripts/synth-examples.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=(npx tsx src/cli/main.ts check --fail-on warning)
check() {
  local name=$1; shift
  echo "check examples/$name"
  "${cli[@]}" --roles "cdk.out/$name" --workflows "examples/$name/.github/workflows" "$@"
}
check quickstart --repo acme/web --owner-id 91234567 --repo-id 612345678 --subject-format name
check immutable-migration --repo acme/web --owner-id 91234567 --repo-id 612345678
check organization --repo acme/web --owner-id 91234567 --repo-id 612345678 --subject-format name
check enterprise --repo payments/checkout --owner-id 81234567 --repo-id 734567890 --subject-format name --issuer https://token.actions.githubusercontent.com/acme-corp
check reusable-workflows --repo acme/web --owner-id 91234567 --repo-id 612345678 --subject-format name --template repo,context,job_workflow_ref \
  --workflows examples/reusable-workflows/acme/deploy-workflows/.github/workflows
check organization-stacksets --repo acme/web --owner-id 91234567 --repo-id 612345678 --subject-format name
