# pre-commit (PyPI), to run the project's .pre-commit-hooks.yaml through `pre-commit try-repo` as users would.
# A venv of its own: its bin folder holds a python3 too, so it is not put on PATH; tests find the executable
# through KUBECTL_IOT_PRE_COMMIT.
install_pre_commit() {
  local dir=$TOOLS/pre-commit-$PRE_COMMIT_VERSION
  [ -x "$dir/bin/pre-commit" ] && return 0
  log "installing pre-commit $PRE_COMMIT_VERSION from PyPI into a venv"
  rm -rf "$dir"
  python3 -m venv "$dir"
  "$dir/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION" >/dev/null
}
all+=(pre-commit)
envs+=("KUBECTL_IOT_PRE_COMMIT=$TOOLS/pre-commit-$PRE_COMMIT_VERSION/bin/pre-commit")
