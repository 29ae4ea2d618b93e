#!/usr/bin/env bash
# Rebuilds every generated artefact that is committed (so users need no Go): kustomize bases from the model,
# the GitOps components (Argo CD health checks, Flux health checks),
# the WebAssembly policy bundle and its metadata, the exports for conftest/Gatekeeper/Kyverno/VAP (and the README's
# engine table), the example tree.
# CI runs it and fails on `git diff --exit-code`.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/install-tools.sh --print-env)"
node --require tsx/cjs scripts/gen-kustomize.ts
# Argo CD health checks (argocd-cm) from their Lua sources, Flux healthCheckExprs from the model.
node --require tsx/cjs scripts/gen-gitops-components.ts
# The pack's copy of the model's vocabulary (policies/lib/kinds/model.rego), from plugin/model/kinds.ts.
node --require tsx/cjs scripts/gen-vocabulary.ts
[ -x scripts/build-policies.sh ] && scripts/build-policies.sh
# Exports for conftest, Gatekeeper, Kyverno and wasm, from the Rego and the policy.wasm just built.
node --require tsx/cjs scripts/gen-exports.ts
# The README's engine x policy table, from policies.json and the exports just written.
node --require tsx/cjs scripts/gen-engine-table.ts
# The example tree `npm start` checks is exactly what `kubectl iot init` writes.
node scripts/build.mjs
rm -rf examples/gitops
node bin/kubectl-iot init examples/gitops -n ns1 --project iot1 2>/dev/null
true
