#!/usr/bin/env bash
# Builds the native training engine (skipped when up to date), then restores and builds the whole solution
# (Release). Used by run.sh, test.sh, CI and the Dockerfile. DIGITFORGE_REQUIRE_ENGINE=1 makes an engine failure fatal.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
ensure_dotnet
# The training engine first, so that the .NET build copies libdigitforge_engine.so next to the assemblies. Without it
# everything else still builds and runs; training then says how to get it.
FAILURE="$(engine_failure_file)"
NATIVE_LOG="$(mktemp)"
# (pipefail: the pipeline fails when build-native.sh does; tee has written everything once it returns.)
if bash scripts/build-native.sh 2>&1 | tee "$NATIVE_LOG" >&2; then
  rm -f "$FAILURE"
else
  mkdir -p "$(dirname "$FAILURE")"
  # The last lines say why (apt-get could not install libtorch-dev, a compiler error, ...).
  grep -v '^\s*$' "$NATIVE_LOG" | tail -n 5 >"$FAILURE" || true
  [ -s "$FAILURE" ] || echo "scripts/build-native.sh failed" >"$FAILURE"
  log "the training engine was not built (see above); training will report \"not installed: run scripts/build-native.sh\""
  if [ "${DIGITFORGE_REQUIRE_ENGINE:-0}" = 1 ]; then rm -f "$NATIVE_LOG"; engine_banner; exit 1; fi
fi
rm -f "$NATIVE_LOG"
log "dotnet build (${CONFIGURATION:-Release})"
dotnet build Service.sln -c "${CONFIGURATION:-Release}" -nologo -v:q -clp:ErrorsOnly
