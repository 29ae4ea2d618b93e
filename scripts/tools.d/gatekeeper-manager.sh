# Gatekeeper's manager (the root package of the module gator comes from), run in audit mode against the e2e
# API server (test/e2e/gatekeeper.test.ts). `go install` of the same module and version as gator, so gator's
# build cache serves most of it: 2 min 50 s here, mostly fetching the modules only the manager needs (an empty
# build cache: 6.5 CPU-minutes). 79 MiB. `go install` names it `gatekeeper`: renamed, so nothing is mistaken for it.
# The tests apply Gatekeeper's own CRDs from the downloaded module (KUBECTL_IOT_GATEKEEPER_MODULE), so none are
# copied into the repository.
gatekeeper_module=$GOMODCACHE/github.com/open-policy-agent/gatekeeper/v3@$GATEKEEPER_VERSION
install_gatekeeper_manager() {
  local bin tmp
  bin=$(dir_of gatekeeper-manager "$GATEKEEPER_VERSION")
  # A cleaned module cache with the binary still cached: fetch the module again for its CRDs.
  [ -d "$gatekeeper_module/charts/gatekeeper/crds" ] ||
    go mod download "github.com/open-policy-agent/gatekeeper/v3@$GATEKEEPER_VERSION"
  [ -x "$bin/gatekeeper-manager" ] && return 0
  log "building the Gatekeeper manager $GATEKEEPER_VERSION (first run only; minutes)"
  tmp=$(mktemp -d)
  GOBIN=$tmp go install -ldflags='-s -w' "github.com/open-policy-agent/gatekeeper/v3@$GATEKEEPER_VERSION"
  mkdir -p "$bin" && mv "$tmp/gatekeeper" "$bin/gatekeeper-manager"
  rm -rf "$tmp"
}
all+=(gatekeeper-manager)
paths+=("$(dir_of gatekeeper-manager "$GATEKEEPER_VERSION")")
envs+=("KUBECTL_IOT_GATEKEEPER_MODULE=$gatekeeper_module")
