#!/usr/bin/env bash
# Builds this checkout of kubectl-iot (npm ci, whose prepare step bundles dist/) unless it is built already,
# then prints the path of its bin/kubectl-iot. The GitHub Action and the pre-commit hook run kubectl-iot from
# their own checkout this way, so the version is the ref they were pinned to. Needs Node.js 20.19 or later and
# the npm registry on the first run (about 40 s); later runs reuse dist/.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$here/dist/kubectl-iot.cjs" ]; then
  echo "kubectl-iot: building $here (npm ci), once" >&2
  # Everything npm says goes to stderr: stdout carries only the path.
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error --prefer-offline >&2)
fi
echo "$here/bin/kubectl-iot"
