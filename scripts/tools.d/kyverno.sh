# Kyverno CLI (`kyverno apply` / `kyverno test`), the engine the Kyverno export is proven in.
# Built inside its own module: its go.mod carries `replace` directives that only apply to the main module,
# so `go install kyverno@v` cannot build it. Cold: minutes on 2 cores; cached afterwards.
install_kyverno() {
  build_in_module kyverno "$KYVERNO_VERSION" "github.com/kyverno/kyverno@$KYVERNO_VERSION" ./cmd/cli/kubectl-kyverno
}
all+=(kyverno)
paths+=("$(dir_of kyverno "$KYVERNO_VERSION")")
