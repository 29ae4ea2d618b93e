#!/usr/bin/env bash
# The pre-commit hook kubectl-iot-check (language: script): `kubectl iot check` from the hook's own checkout,
# built on first use. pre-commit runs it from the root of the repository being committed, with the hook's args
# (paths, --fail-on ...); with none it checks the whole repository.
set -euo pipefail
bin=$("$(dirname "$0")/ensure-built.sh")
exec "$bin" check "$@"
