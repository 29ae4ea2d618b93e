# qemu-aarch64-static and Debian's arm64 C/C++ runtime: the linux/arm64 single executable runs here under user-mode
# emulation (`qemu-aarch64-static -L /usr/aarch64-linux-gnu BINARY`); Node's arm64 binary is dynamically linked.
QEMU_PACKAGES=(qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross)
install_qemu() { apt_install "${QEMU_PACKAGES[@]}"; }
all+=(qemu)
