# Standalone kustomize, the same release as kubectl's built-in one (kubectl 1.32: v5.5.0). Only the standalone
# binary runs exec KRM functions (`kustomize build --enable-alpha-plugins --enable-exec`): kubectl kustomize
# has no --enable-exec flag, so it cannot run `kubectl iot fn` as a validator.
install_kustomize() {
  go_install kustomize "$KUSTOMIZE_VERSION" "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
}
all+=(kustomize)
paths+=("$(dir_of kustomize "$KUSTOMIZE_VERSION")")
