#!/usr/bin/env bash
# Builds the policy pack: opa fmt, opa check --strict, regal lint, opa test (with coverage), then the WebAssembly module
# and the METADATA catalog the plugin ships in policies/build/ (committed; CI rebuilds and runs
# `git diff --exit-code`, so the outputs must be byte-for-byte reproducible, which this script verifies).
# Usage: scripts/build-policies.sh          everything
#        scripts/build-policies.sh test     only fmt, check and test (no outputs written)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-build}
eval "$(scripts/install-tools.sh --print-env)"
command -v opa >/dev/null || { echo "build-policies: opa is missing; run scripts/install-tools.sh opa" >&2; exit 2; }
# shellcheck source=tools.env
. scripts/tools.env

log() { printf 'build-policies: %s\n' "$*" >&2; }

# Files under policies/ that are not policy source (YAML and JSON would otherwise load as data).
SOURCES=(policies --ignore samples --ignore build --ignore capabilities.json --ignore '*.md')
# What the WebAssembly module is built from: no tests, no test fixtures.
MODULE_SOURCES=("${SOURCES[@]}" --ignore '*_test.rego' --ignore testing)
CAPABILITIES=policies/capabilities.json
# The entrypoints: the report as users of the exported module read it, and the compact one the plugin evaluates.
ENTRYPOINTS=(policies/main/report policies/main/compact)
OUT=policies/build

# The builtins the plugin can run: regenerated from OPA's own table when its module source is at hand.
metadata="${KUBECTL_IOT_CACHE:-$HOME/.cache/kubectl-iot}/go/mod/github.com/open-policy-agent/opa@$OPA_VERSION/builtin_metadata.json"
if [ -f "$metadata" ]; then
  node scripts/policy-capabilities.mjs "$metadata" "$CAPABILITIES"
else
  log "OPA $OPA_VERSION source not in the Go module cache; keeping the committed $CAPABILITIES"
fi

opa fmt --list --fail policies >&2 || { log "run: opa fmt -w policies"; exit 1; }
opa check --strict --capabilities "$CAPABILITIES" "${SOURCES[@]}"
# Regal: the Rego style guide's rules (settings and the reasons for them in .regal/config.yaml).
regal lint --config-file .regal/config.yaml --ignore-files 'policies/build/**' policies >&2 ||
  { log "regal lint found problems"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

opa test "${SOURCES[@]}" --format json >"$tmp/tests.json" || {
  opa test "${SOURCES[@]}" >&2 || true
  log "Rego tests failed"
  exit 1
}
tests=$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.length)' "$tmp/tests.json")
# Coverage without --threshold: with it, opa writes no report when the threshold is missed, so the lines
# not covered could not be named.
opa test "${SOURCES[@]}" --coverage --format json >"$tmp/coverage.json"
node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (c.coverage < 100) {
    console.error(`build-policies: Rego coverage is ${c.coverage.toFixed(2)}%, below 100%:`);
    for (const [f, v] of Object.entries(c.files)) for (const r of v.not_covered ?? []) console.error(`  ${f}:${r.start.row}`);
    process.exit(1);
  }' "$tmp/coverage.json"
coverage=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).coverage.toFixed(1))' "$tmp/coverage.json")
log "$tests Rego tests passed, coverage $coverage%"
[ "$mode" = test ] && exit 0

# build DIR: the module and the catalog into DIR.
build() {
  local dir=$1
  mkdir -p "$dir"
  opa build -t wasm "${ENTRYPOINTS[@]/#/-e=}" --capabilities "$CAPABILITIES" "${MODULE_SOURCES[@]}" -o "$dir/bundle.tar.gz"
  tar -xzf "$dir/bundle.tar.gz" -C "$dir" /policy.wasm 2>/dev/null || tar -xzf "$dir/bundle.tar.gz" -C "$dir" policy.wasm
  opa inspect -a --format json "$dir/bundle.tar.gz" >"$dir/inspect.json"
  KUBECTL_IOT_OPA_VERSION=$(opa version | awk '/^Version:/ {print $2}') \
    node scripts/policy-catalog.mjs "$dir/inspect.json" "$dir/policies.json"
}
build "$tmp/a"
build "$tmp/b"
for file in policy.wasm policies.json; do
  cmp -s "$tmp/a/$file" "$tmp/b/$file" || { log "$file differs between two builds: not reproducible"; exit 1; }
done
node scripts/policy-wasm-builtins.mjs "$tmp/a/policy.wasm"

mkdir -p "$OUT"
cp "$tmp/a/policy.wasm" "$tmp/a/policies.json" "$OUT/"
chmod 644 "$OUT/policy.wasm" "$OUT/policies.json"
log "wrote $OUT/policy.wasm ($(wc -c <"$OUT/policy.wasm") bytes, entrypoints ${ENTRYPOINTS[*]}) and $OUT/policies.json"
