# rcodesign (Rust crate apple-codesign): signs the darwin single executables ad hoc on Linux, where Apple's
# codesign does not exist. Built from crates.io once (~6 min); the release and the package tests use it.
install_rcodesign() {
  local root=$TOOLS/rcodesign-$RCODESIGN_VERSION
  [ -x "$root/bin/rcodesign" ] && return 0
  log "building rcodesign $RCODESIGN_VERSION from crates.io (first run only; ~6 min)"
  # Into a temporary root, moved into place at the end: an interrupted build leaves no half-installed tool.
  rm -rf "$root.tmp"
  cargo install --quiet --locked "apple-codesign@$RCODESIGN_VERSION" --root "$root.tmp" --bin rcodesign
  rm -rf "$root" && mv "$root.tmp" "$root"
}
all+=(rcodesign)
paths+=("$TOOLS/rcodesign-$RCODESIGN_VERSION/bin")
