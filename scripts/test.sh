#!/usr/bin/env bash
# Runs the whole test suite: unit, integration (files, local HTTP server, numpy/PIL cross-checks),
# functional (in-process API host, on SQLite and on a PostgreSQL server the tests start) and CLI tests.
# Installs the Python cross-check packages (NumPy, SciPy, scikit-image, scikit-learn, PIL) and Debian's PostgreSQL server when missing. Then the Python client's
# pytest suite (scripts/test-python.sh) and the README's examples (scripts/test-readme.sh), each against a test server.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

ensure_dotnet
if ! apt_install python3-numpy python3-scipy python3-skimage python3-sklearn python3-pil chromium; then
  log "apt-get is not available: the numpy/PIL/SciPy cross-checks and browser tests will be skipped (visible in their output)"
  export DIGITFORGE_SKIP_PYTHON=1 DIGITFORGE_SKIP_BROWSER=1
fi

# The tracking suite runs once per database: the tests start their own PostgreSQL cluster (initdb + pg_ctl on a
# free local port in a temp folder), so only the server binaries are needed, not a running service.
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! apt_install postgresql; then
  log "PostgreSQL server binaries are not installable here: the PostgreSQL provider tests will be skipped (visible in their output)"
  export DIGITFORGE_SKIP_POSTGRES=1
fi

# The S3-compatible server the artifact-store tests run against (npm s3rver, pinned in tools/s3rver/package-lock.json).
if ! { have npm || apt_install npm; } || ! npm ci --prefix tools/s3rver --no-audit --no-fund --silent; then
  log "npm could not install s3rver: the S3 artifact-store tests will be skipped (visible in their output)"
  export DIGITFORGE_SKIP_S3=1
fi

# Whatever happens below, the last thing printed says so when the training engine could not be built.
trap engine_banner EXIT
bash scripts/build.sh
log "dotnet test"
STATUS=0
# One test assembly at a time (-m:1): run side by side on two cores, the browser tests' live pages missed their waits
# (they pass alone every time); serial costs a few minutes and keeps the suite well under 30.
dotnet test Service.sln -c "${CONFIGURATION:-Release}" --no-build -nologo -v:q --logger "console;verbosity=minimal" -m:1 "$@" || STATUS=$?
# The Python client against a test server it starts (installs python3-pytest/torch/torchvision; SKIPPED visibly when
# it cannot).
log "Python client tests"
bash scripts/test-python.sh || STATUS=$?
# The README's curl/CLI examples as written, against a test server of their own (scripts/test-readme.sh), and the
# container files against the scripts they call (scripts/check-deploy.sh).
log "README examples"
timeout "${DIGITFORGE_README_TIMEOUT:-1800}" bash scripts/test-readme.sh || STATUS=$?   # a hung example must not hang CI
log "docker-compose.yml and deploy/ against the scripts"
bash scripts/check-deploy.sh || STATUS=$?
exit "$STATUS"
