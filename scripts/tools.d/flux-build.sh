# flux-build (tools/flux-build): the project's own Go helper that builds a folder as Flux's kustomize-controller does
# (fluxcd/pkg/kustomize: a Kustomization's fields merged into the folder's kustomization, then kustomize), for the
# tests that compare check's rendering of a Flux Kustomization with Flux's own. Its cache folder is named after a
# hash of its sources, so a change to them builds a new one.
flux_build_src=$here/../tools/flux-build
flux_build_version() {
  cat "$flux_build_src"/go.mod "$flux_build_src"/go.sum "$flux_build_src"/*.go | sha256sum | cut -c1-12
}
flux_build_bin=$(dir_of flux-build "$(flux_build_version)")

install_flux_build() {
  [ -x "$flux_build_bin/flux-build" ] && return 0
  grep -q "^[[:space:]]*github.com/fluxcd/pkg/kustomize $FLUX_KUSTOMIZE_VERSION\$" "$flux_build_src/go.mod" ||
    { log "tools/flux-build/go.mod does not require github.com/fluxcd/pkg/kustomize $FLUX_KUSTOMIZE_VERSION (scripts/tools.env)"; return 1; }
  log "building flux-build (fluxcd/pkg/kustomize $FLUX_KUSTOMIZE_VERSION; first run only)"
  mkdir -p "$flux_build_bin"
  (cd "$flux_build_src" && go build -mod=readonly -ldflags='-s -w' -o "$flux_build_bin/flux-build.tmp" . &&
    mv "$flux_build_bin/flux-build.tmp" "$flux_build_bin/flux-build")
}

all+=(flux-build)
paths+=("$flux_build_bin")
