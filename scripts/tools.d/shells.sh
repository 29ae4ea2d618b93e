# The shells the completion tests drive (test/commands/completion.test.ts): bash-completion, which kubectl's own
# bash script needs (_get_comp_words_by_ref), fish, whose `complete -C` prints what a <TAB> would offer, and zsh
# (driven on a pseudo-terminal through its zpty module: zsh completes only inside its line editor).
SHELL_PACKAGES=(bash-completion fish zsh)
install_shells() { apt_install "${SHELL_PACKAGES[@]}"; }
all+=(shells)
