# health-eval (tools/health-eval): the project's own Go helper that runs the shipped health checks in
# Argo CD's Lua runtime (gopher-lua) and Flux's CEL evaluator (fluxcd/pkg/runtime/cel), for the tests.
# Its cache folder is named after a hash of its sources, so a change to them builds a new one.
health_eval_src=$here/../tools/health-eval
health_eval_version() {
  cat "$health_eval_src"/go.mod "$health_eval_src"/go.sum "$health_eval_src"/*.go | sha256sum | cut -c1-12
}
health_eval_bin=$(dir_of health-eval "$(health_eval_version)")

install_health_eval() {
  local m
  [ -x "$health_eval_bin/health-eval" ] && return 0
  # tools.env holds the pins; go.mod must require exactly those.
  for m in "github.com/yuin/gopher-lua $GOPHER_LUA_VERSION" "github.com/fluxcd/pkg/runtime $FLUX_RUNTIME_VERSION"; do
    grep -q "^[[:space:]]*$m\$" "$health_eval_src/go.mod" ||
      { log "tools/health-eval/go.mod does not require $m (scripts/tools.env)"; return 1; }
  done
  log "building health-eval (gopher-lua $GOPHER_LUA_VERSION, fluxcd/pkg/runtime $FLUX_RUNTIME_VERSION; first run only)"
  mkdir -p "$health_eval_bin"
  (cd "$health_eval_src" && go build -mod=readonly -ldflags='-s -w' -o "$health_eval_bin/health-eval.tmp" . &&
    mv "$health_eval_bin/health-eval.tmp" "$health_eval_bin/health-eval")
}

all+=(health-eval)
paths+=("$health_eval_bin")
