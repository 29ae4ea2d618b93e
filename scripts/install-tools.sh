#!/usr/bin/env bash
# Installs the pinned tools the build and tests need (OPA, Regal, conftest, gator, krew, etcd, kube-apiserver,
# Node 24; further ones from scripts/tools.d) into a cache outside the checkout, and reuses what is already there.
# Usage: scripts/install-tools.sh [tool...]   (no argument: all of them)
# Prints `export PATH=...` lines with --print-env, for `eval "$(scripts/install-tools.sh --print-env)"`.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tools.env
. "$here/tools.env"

CACHE=${KUBECTL_IOT_CACHE:-$HOME/.cache/kubectl-iot}
TOOLS=$CACHE/tools
export GOMODCACHE=$CACHE/go/mod GOCACHE=$CACHE/go/build GOFLAGS=-trimpath GOTOOLCHAIN=local
mkdir -p "$TOOLS" "$GOMODCACHE" "$GOCACHE"

log() { printf 'install-tools: %s\n' "$*" >&2; }

dir_of() { echo "$TOOLS/$1-$2/bin"; }

# go_install NAME VERSION PACKAGE@VERSION: `go install` into the tool's own cache folder.
go_install() {
  local name=$1 version=$2 pkg=$3 bin
  bin=$(dir_of "$name" "$version")
  [ -x "$bin/$name" ] && return 0
  log "building $name $version (first run only)"
  mkdir -p "$bin"
  GOBIN=$bin go install -ldflags='-s -w' "$pkg"
}

# build_wrapper NAME VERSION GO_MOD MAIN_GO: builds a small wrapper module (for modules whose own
# go.mod points at local paths that their module zip lacks).
build_wrapper() {
  local name=$1 version=$2 gomod=$3 maingo=$4 bin work
  bin=$(dir_of "$name" "$version")
  [ -x "$bin/$name" ] && return 0
  log "building $name $version through a wrapper module (first run only; minutes)"
  work=$(mktemp -d)
  printf '%s\n' "$gomod" >"$work/go.mod"
  printf '%s\n' "$maingo" >"$work/main.go"
  (cd "$work" && go mod tidy >/dev/null && mkdir -p "$bin" && go build -ldflags='-s -w' -o "$bin/$name.tmp" . &&
    mv "$bin/$name.tmp" "$bin/$name")
  rm -rf "$work"
}

# apt_install PACKAGE...: installs from Debian those not installed yet (apt's index refreshed only when needed).
apt_install() {
  local pkg missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian"
  (apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1) ||
    (apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null)
}

install_opa() { go_install opa "$OPA_VERSION" "github.com/open-policy-agent/opa@$OPA_VERSION"; }
# build_in_module NAME VERSION MODULE@VERSION PACKAGE: builds inside the downloaded module, as its main module
# (for modules whose `go install` needs something the proxy refuses, such as the module's version list).
build_in_module() {
  local name=$1 version=$2 module=$3 package=$4 bin dir work
  bin=$(dir_of "$name" "$version")
  [ -x "$bin/$name" ] && return 0
  log "building $name $version inside its module (first run only)"
  dir=$(go mod download -json "$module" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  work=$(mktemp -d)
  cp -r "$dir/." "$work/" && chmod -R u+w "$work"
  mkdir -p "$bin"
  (cd "$work" && go build -ldflags='-s -w' -o "$bin/$name.tmp" "$package" && mv "$bin/$name.tmp" "$bin/$name")
  rm -rf "$work"
}

# own_helper_bin NAME: the cache folder of the project's own Go helper tools/NAME, named after a hash of its
# sources, so that a change to them builds a new one.
own_helper_bin() {
  local src=$here/../tools/$1
  dir_of "$1" "$(cat "$src"/go.mod "$src"/go.sum "$src"/*.go | sha256sum | cut -c1-12)"
}

# build_own_helper NAME "MODULE VERSION"...: builds tools/NAME, whose go.mod must require exactly the given pins
# (tools.env holds them).
build_own_helper() {
  local name=$1 src=$here/../tools/$1 bin m
  shift
  bin=$(own_helper_bin "$name")
  [ -x "$bin/$name" ] && return 0
  for m in "$@"; do
    grep -q "^[[:space:]]*$m\$" "$src/go.mod" || { log "tools/$name/go.mod does not require $m (scripts/tools.env)"; return 1; }
  done
  log "building $name ($(IFS=,; echo "$*"); first run only)"
  mkdir -p "$bin"
  (cd "$src" && go build -mod=readonly -ldflags='-s -w' -o "$bin/$name.tmp" . && mv "$bin/$name.tmp" "$bin/$name")
}

install_regal() { build_in_module regal "$REGAL_VERSION" "github.com/styrainc/regal@$REGAL_VERSION" .; }
install_conftest() { go_install conftest "$CONFTEST_VERSION" "github.com/open-policy-agent/conftest@$CONFTEST_VERSION"; }
install_gator() {
  go_install gator "$GATEKEEPER_VERSION" "github.com/open-policy-agent/gatekeeper/v3/cmd/gator@$GATEKEEPER_VERSION"
}
install_krew() {
  go_install krew "$KREW_VERSION" "sigs.k8s.io/krew/cmd/krew@$KREW_VERSION"
  go_install validate-krew-manifest "$KREW_VERSION" "sigs.k8s.io/krew/cmd/validate-krew-manifest@$KREW_VERSION"
  # kubectl finds krew as the plugin `kubectl krew`.
  ln -sf krew "$(dir_of krew "$KREW_VERSION")/kubectl-krew"
  ln -sf "$(dir_of validate-krew-manifest "$KREW_VERSION")/validate-krew-manifest" \
    "$(dir_of krew "$KREW_VERSION")/validate-krew-manifest"
}

install_etcd() {
  build_wrapper etcd "$ETCD_VERSION" "module etcdwrapper

go 1.24

require go.etcd.io/etcd/server/v3 $ETCD_VERSION" 'package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }'
}

install_kube_apiserver() {
  local v=$KUBERNETES_STAGING_VERSION replaces="" m
  # k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with ./staging paths:
  # point each at the published release of the same version instead.
  for m in api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider \
    cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api \
    cri-client csi-translation-lib dynamic-resource-allocation endpointslice externaljwt kms \
    kube-aggregator kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics \
    mount-utils pod-security-admission sample-apiserver; do
    replaces+="	k8s.io/$m => k8s.io/$m $v
"
  done
  build_wrapper kube-apiserver "$KUBERNETES_VERSION" "module apiserverwrapper

go 1.24

require k8s.io/kubernetes $KUBERNETES_VERSION

replace (
$replaces)" 'package main

import (
	"os"

	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	"k8s.io/component-base/cli"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() { os.Exit(cli.Run(app.NewAPIServerCommand())) }'
}

install_node24() {
  local dir=$TOOLS/node-$NODE24_VERSION
  [ -x "$dir/node_modules/node/bin/node" ] && return 0
  log "installing Node $NODE24_VERSION from npm (node@$NODE24_VERSION)"
  mkdir -p "$dir"
  # node@X downloads its platform's binary in a preinstall script: approve it (npm 11 warns otherwise).
  printf '{"private": true, "allowScripts": {"node": true}}\n' >"$dir/package.json"
  (cd "$dir" && npm install --no-save --no-audit --no-fund --prefix . "node@$NODE24_VERSION" >/dev/null)
}

all=(opa regal conftest gator krew node24 etcd kube_apiserver)
paths=("$(dir_of opa "$OPA_VERSION")" "$(dir_of regal "$REGAL_VERSION")" "$(dir_of conftest "$CONFTEST_VERSION")"
  "$(dir_of gator "$GATEKEEPER_VERSION")" "$(dir_of krew "$KREW_VERSION")" "$(dir_of etcd "$ETCD_VERSION")"
  "$(dir_of kube-apiserver "$KUBERNETES_VERSION")")
envs=("KUBECTL_IOT_NODE24=$TOOLS/node-$NODE24_VERSION/node_modules/node/bin/node")

# Further tools live one per file in scripts/tools.d/NAME.sh: each defines install_NAME and appends
# NAME to `all`, its bin folder to `paths`, and any VAR=value it exports to `envs`.
for f in "$here"/tools.d/*.sh; do
  [ -e "$f" ] || continue
  # shellcheck source=/dev/null
  . "$f"
done

print_env() {
  local p="" d e
  for d in "${paths[@]}"; do p+="$d:"; done
  echo "export PATH=\"$p\$PATH\""
  for e in "${envs[@]}"; do echo "export ${e%%=*}=\"${e#*=}\""; done
}

if [ "${1:-}" = "--print-env" ]; then print_env; exit 0; fi

for t in "${@:-${all[@]}}"; do
  "install_${t//-/_}"
done
log "tools ready in $TOOLS"
