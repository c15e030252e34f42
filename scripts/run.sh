#!/usr/bin/env bash
# Starts DigitForge (API + UI) on the embedded defaults, after installing whatever is missing.
#   ./scripts/run.sh                                  -> http://localhost:5080 (UI), /swagger (API), /health
#   DIGITFORGE_URLS=http://0.0.0.0:8080 ./scripts/run.sh   listen elsewhere (any ASP.NET Core --urls value)
# When the training engine could not be built, a loud notice with the fix follows the server's start-up lines.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

ensure_dotnet
bash scripts/build.sh
ensure_digits
ensure_fashion_mnist

URLS="${DIGITFORGE_URLS:-http://localhost:5080}"
log "DigitForge on $URLS (UI /, API /swagger, health /health)"
cd src/Api
if [ ! -f "$(engine_failure_file)" ]; then
  exec dotnet "bin/${CONFIGURATION:-Release}/net10.0/DigitForge.Api.dll" --urls "$URLS"
fi

# The engine is missing: start the server, wait until it answers, then print the notice below its start-up lines
# (the last thing on the screen), and stay in the foreground forwarding Ctrl-C / SIGTERM to it.
dotnet "bin/${CONFIGURATION:-Release}/net10.0/DigitForge.Api.dll" --urls "$URLS" &
SERVER=$!
trap 'kill -TERM "$SERVER" 2>/dev/null || true' INT TERM
HEALTH="${URLS%%;*}"
HEALTH="${HEALTH/0.0.0.0/localhost}"
HEALTH="${HEALTH/+/localhost}"
HEALTH="${HEALTH/\*/localhost}"
for _ in $(seq 1 120); do
  kill -0 "$SERVER" 2>/dev/null || break
  if curl -fsS -o /dev/null "$HEALTH/health" 2>/dev/null; then break; fi
  sleep 1
done
engine_banner
STATUS=0
wait "$SERVER" || STATUS=$?
# A signal interrupts `wait`: wait again until the server has shut down.
while kill -0 "$SERVER" 2>/dev/null; do wait "$SERVER" || STATUS=$?; done
exit "$STATUS"
