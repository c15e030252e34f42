#!/usr/bin/env bash
# The hot paths issue 15 must not slow down, against one Release build, back to back so that two builds can be
# compared at the same load: GET /sequence plain and seeded (wrk), then a keyed MNIST-1D NPZ bundle of 100,000 rows
# (32.8 MB) downloaded three times with curl.
#   bench/load/hot-paths.sh [API_BIN_DIR]        default: src/Api/bin/Release/net10.0 of this checkout
# Environment: PORT=5095 DURATION=6 WARMUP=2 CONNECTIONS=16 THREADS=2.
# Rate limits are off (one wrk client would otherwise be answered 429 after the first burst); non-2xx answers are
# counted on each line all the same. Runs on a private data directory (removed at the end) that links the MNIST files of the usual one, so the catalog
# and caches of your own data directory are not touched. Prints one line per figure with the load average beside it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BIN="$(cd "${1:-$ROOT/src/Api/bin/Release/net10.0}" && pwd)"
PORT="${PORT:-5095}"; DURATION="${DURATION:-6}"; WARMUP="${WARMUP:-2}"; CONNECTIONS="${CONNECTIONS:-16}"; THREADS="${THREADS:-2}"
BASE="http://127.0.0.1:$PORT"
SOURCE="${DIGITFORGE_DATA_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/digitforge}/mnist"
[ -f "$SOURCE/train-images-idx3-ubyte" ] || { echo "No MNIST in $SOURCE: run digitforge data download first." >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)." >&2; exit 1; }
DATA="$(mktemp -d -t digitforge-hot.XXXXXX)"
mkdir "$DATA/mnist" && ln -s "$SOURCE"/* "$DATA/mnist/"
LOG="$DATA/server.log"
(cd "$ROOT/src/Api" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DIGITFORGE_DATA_DIR="$DATA" \
  DigitForge__Datasets__MaxRows=2000000 DigitForge__RateLimits__Enabled=false dotnet "$BIN/DigitForge.Api.dll" --urls "$BASE") >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 240); do curl -fs "$BASE/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$BASE/health" >/dev/null || { cat "$LOG" >&2; echo "The API did not start." >&2; exit 1; }
load() { cut -d' ' -f1 /proc/loadavg; }
# The server's CPU seconds so far (user + system): per request it moves far less with the machine's load than req/s.
TICKS=$(getconf CLK_TCK)
cpu() { awk -v k="$TICKS" '{print ($14 + $15) / k}' "/proc/$PID/stat"; }
echo "build $BIN ($(stat -c %y "$BIN/DigitForge.Api.dll" | cut -d. -f1))"

for path in "/sequence?digits=498127" "/sequence?digits=498127&spacing=0,10&filters=blur,distort&seed=7"; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")" = 200 ] || { echo "$path did not answer 200" >&2; exit 1; }
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$BASE$path" >/dev/null
  before="$(load)"; cpu0="$(cpu)"
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE$path")"
  rate="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"; p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  bad="$(awk '/Non-2xx/ {print $NF}' <<<"$out")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  per="$(awk -v a="$cpu0" -v b="$(cpu)" -v n="$requests" 'BEGIN { printf "%.0f", (b - a) * 1e6 / n }')"
  printf '%-70s %10s req/s  p99 %-9s server CPU %5s us/req  non-2xx %-6s load %s-%s\n' "GET $path" "$rate" "$p99" "$per" "${bad:-0}" "$before" "$(load)"
done

id="$(curl -fs -XPOST "$BASE/api/datasets" -H 'content-type: application/json' \
  -d '{"generator": "mnist1d", "parameters": {"mode": "keyed"}, "seed": 1, "splits": {"train": 100000}}' | sed -E 's/^\{"id":"([0-9a-f]+)".*/\1/')"
for n in 1 2 3; do
  cpu0="$(cpu)"
  read -r size seconds < <(curl -fs -o /dev/null -w '%{size_download} %{time_total}\n' "$BASE/api/datasets/$id/download?format=npz")
  awk -v s="$size" -v t="$seconds" -v n="$n" -v c="$(awk -v a="$cpu0" -v b="$(cpu)" 'BEGIN { print b - a }')" -v l="$(load)" \
    'BEGIN { printf "NPZ download %d: %.1f MB in %.2f s = %.1f MB/s, server CPU %.2f s, load %s\n", n, s/1e6, t, s/1e6/t, c, l }'
done
