#!/usr/bin/env bash
# Runs the README's shell examples (its ```bash blocks: curl and digitforge commands) as written, top to bottom, in a
# scratch folder, against a test server started here on a fresh data directory with MNIST imported offline (as
# scripts/run.sh does without internet). `localhost:5080` is the test server's address and `digitforge` the CLI built
# from this checkout; variables set by one example (RUN=..., ID=...) carry over to the next. curl fails on HTTP errors.
# Examples marked in the README source as not run (<!-- readme-test skip ... -->: a GPU, the internet, long runs) are
# listed as SKIPPED with their reason. Exit status: the number of failed examples (capped), 0 when all pass.
#   scripts/test-readme.sh [README.md]      (scripts/test.sh runs it after the .NET tests)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

README="$(realpath "${1:-README.md}")"
CONFIG="${CONFIGURATION:-Release}"
[ -f "$ROOT/src/Api/bin/$CONFIG/net10.0/DigitForge.Api.dll" ] && [ -f "$ROOT/src/Cli/bin/$CONFIG/net10.0/digitforge.dll" ] ||
  bash scripts/build.sh
have jq || apt_install jq || { echo "the README's examples use jq: apt-get install jq" >&2; exit 1; }
# The Python example (docs/examples/pytorch_training.py) runs on Debian's python3 with apt's torch.
apt_install python3-numpy python3-torch python3-torchvision python3-pil || log "python3-torch is not installable here: the README's Python example will fail"

WORK="$(mktemp -d)"
TEST_SERVER=""
cleanup() {
  if [ -n "$TEST_SERVER" ]; then kill "$TEST_SERVER" 2>/dev/null || true; wait "$TEST_SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' INT TERM   # (scripts/test.sh runs this under timeout: clean up then too)

# The extractor must refuse what would make examples silently not run: a skip marker that matches nothing, a block
# left open (everything after it would be swallowed).
printf '%s\n' '<!-- readme-test' 'skip "nothing like this": stale' '-->' '```bash' 'echo hi' '```' '```bash' 'echo open' >"$WORK/bad.md"
if /usr/bin/python3 scripts/readme_examples.py "$WORK/bad.md" >/dev/null 2>"$WORK/bad.err" ||
  ! grep -q "matches no command" "$WORK/bad.err" || ! grep -q "never closed" "$WORK/bad.err"; then
  echo "readme_examples.py accepted a stale skip marker or an unclosed block:" >&2
  cat "$WORK/bad.err" >&2
  exit 1
fi
/usr/bin/python3 scripts/readme_examples.py "$README" >"$WORK/examples.sh"
export DIGITFORGE_DATA_DIR="$WORK/data"
test_digits "$WORK"
# Jobs the examples queue stay queued (their own cancel examples end some): the test checks submission, not hours of
# training on two cores; `experiment run ... --wait` examples would run in the CLI process itself.
export DigitForge__Jobs__RunJobs=false
start_test_server "$WORK/server.log"
unset DigitForge__Jobs__RunJobs
PORT="${DIGITFORGE_URL##*:}"

mkdir -p "$WORK/cwd" "$WORK/out"
# The examples run where a reader types them, a checkout's root (docs/..., ./clients/python), but write their files
# (seq.png, d.npz, ...) into a scratch folder: the checkout's folders are linked into it.
for entry in clients docs scripts src native bench; do ln -s "$ROOT/$entry" "$WORK/cwd/$entry"; done
PASSED=0 FAILED=0 SKIPPED=0
FAILURES=()
NAME="$(basename "$README")"

readme_skip() {
  local line="$1" reason="$2" text
  text="$(cat)"
  SKIPPED=$((SKIPPED + 1))
  printf '\033[1;33mSKIPPED\033[0m %s:%s %s  (%s)\n' "$NAME" "$line" "${text%%$'\n'*}" "$reason"
}

# readme_run LINE <<< command: runs it in this shell (so its variables stay), output to a file shown on failure.
readme_run() {
  local line="$1" text status=0 out
  text="$(cat)"
  text="${text//localhost:5080/127.0.0.1:$PORT}"
  out="$WORK/out/$line.log"
  set +e
  eval "$text" >"$out" 2>&1
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then
    PASSED=$((PASSED + 1))
    printf '\033[1;32mok\033[0m      %s:%s %s\n' "$NAME" "$line" "${text%%$'\n'*}"
  else
    FAILED=$((FAILED + 1))
    FAILURES+=("$NAME:$line")
    printf '\033[1;31mFAILED\033[0m  %s:%s (exit %s)\n%s\n--- output ---\n' "$NAME" "$line" "$status" "$text"
    tail -n 20 "$out"
    echo "--------------"
  fi
}

# The commands a reader types: the CLI built from this checkout, curl failing on HTTP errors (as a reader would see
# an error page) and quiet about progress.
digitforge() { dotnet "$ROOT/src/Cli/bin/$CONFIG/net10.0/digitforge.dll" "$@"; }
# Debian's python3, where apt puts numpy/torch/torchvision (another python3 may come first on PATH).
python3() { /usr/bin/python3 "$@"; }
export EXAMPLE_ROOT="$WORK/example-cache"
# Resuming a file that is complete gets the 416 a Range past the end must get, which curl -C takes as "nothing left to
# fetch" (exit 0) unless --fail turns it into an error: resumes run without it.
curl() {
  case " $* " in
    *" -C "*) command curl -sS "$@" ;;
    *) command curl --fail-with-body -sS "$@" ;;
  esac
}

log "README examples from $README"
cd "$WORK/cwd"
set +u
# The README's alias (digitforge="dotnet $PWD/src/...") then serves as written; before it, the function above.
shopt -s expand_aliases
# shellcheck disable=SC1091
source "$WORK/examples.sh"
set -u
cd "$ROOT"
unset -f curl python3

log "README examples: $PASSED passed, $FAILED failed, $SKIPPED skipped (marked in the README)"
if [ "$FAILED" -gt 0 ]; then
  echo "failed: ${FAILURES[*]}" >&2
  echo "--- test server log (last 40 lines) ---" >&2
  tail -n 40 "$WORK/server.log" >&2
  exit 1
fi
