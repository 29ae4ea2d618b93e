# The shells the completion tests drive (test/commands/completion.test.ts): bash-completion, which kubectl's own
# bash script needs (_get_comp_words_by_ref), fish, whose `complete -C` prints what a <TAB> would offer, and zsh
# (driven on a pseudo-terminal through its zpty module: zsh completes only inside its line editor).
SHELL_PACKAGES=(bash-completion fish zsh)
install_shells() {
  local pkg missing=()
  for pkg in "${SHELL_PACKAGES[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from Debian"
  (apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1) ||
    (apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null)
}
all+=(shells)
