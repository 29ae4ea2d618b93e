# health-eval (tools/health-eval): the project's own Go helper that runs the shipped health checks in
# Argo CD's Lua runtime (gopher-lua) and Flux's CEL evaluator (fluxcd/pkg/runtime/cel), for the tests.
install_health_eval() {
  build_own_helper health-eval "github.com/yuin/gopher-lua $GOPHER_LUA_VERSION" "github.com/fluxcd/pkg/runtime $FLUX_RUNTIME_VERSION" \
    "github.com/gobwas/glob $GOBWAS_GLOB_VERSION"
}

all+=(health-eval)
paths+=("$(own_helper_bin health-eval)")
