# qemu-aarch64-static and Debian's arm64 C/C++ runtime: the linux/arm64 single executable runs here under user-mode
# emulation (`qemu-aarch64-static -L /usr/aarch64-linux-gnu BINARY`); Node's arm64 binary is dynamically linked.
QEMU_PACKAGES=(qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross)
install_qemu() {
  local pkg missing=()
  for pkg in "${QEMU_PACKAGES[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian"
  (apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1) ||
    (apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null)
}
all+=(qemu)
