# flux-build (tools/flux-build): the project's own Go helper that builds a folder as Flux's kustomize-controller does
# (fluxcd/pkg/kustomize: a Kustomization's fields merged into the folder's kustomization, then kustomize), for the
# tests that compare check's rendering of a Flux Kustomization with Flux's own.
install_flux_build() {
  build_own_helper flux-build "github.com/fluxcd/pkg/kustomize $FLUX_KUSTOMIZE_VERSION" \
    "github.com/fluxcd/pkg/sourceignore $FLUX_SOURCEIGNORE_VERSION"
}

all+=(flux-build)
paths+=("$(own_helper_bin flux-build)")
