#!/usr/bin/env bash
# Issue 21 load and exhaustion checks against a Release build, every limit at its configured default (the maximum a
# caller can ask for):
#   1. /health latency while 8 clients (8 loopback addresses, 127.0.0.11-18) each keep asking for the largest request
#      the budgets admit: reference-mode MNIST-1D with num_samples=MaxSamples (1,000,000) at 40 points, which
#      materialises ~680 MB (working budget DigitForge:Mnist1D:MaxWorkingBytes = 768 MiB).
#   2. the server's peak resident memory (VmHWM) over the run, against the stated bound
#      baseline + HeavyConcurrency (4) x MaxWorkingBytes (768 MiB) + Datasets:MaxCachedBytes (512 MiB).
#   3. how the 8 clients' requests were answered (200 vs 429 with Retry-After). A request still running when the time
#      is up is waited for, so the run lasts longer than [seconds] on a loaded machine.
#   bench/hardening/load-and-memory.sh [--no-build] [seconds]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
source scripts/lib.sh
PORT="${PORT:-5098}"
[ "${1:-}" = "--no-build" ] && shift || bash scripts/build.sh
SECONDS_UNDER_LOAD="${1:-60}"
OUT="$(mktemp -d)"
PID=""
LOAD=()
cleanup() {
  for p in "${LOAD[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
}
trap cleanup EXIT

DATA="$(mktemp -d)"
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning DigitForge__DataDir="$DATA" \
  dotnet src/Api/bin/Release/net10.0/DigitForge.Api.dll --urls "http://0.0.0.0:$PORT" --contentRoot "$ROOT/src/Api" >"$OUT/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
BASE_KB=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
echo "server pid $PID, resident at start: $((BASE_KB / 1024)) MB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

URL="http://127.0.0.1:$PORT/api/mnist1d?num_samples=1000000&final_seq_length=40"
END=$(( $(date +%s) + SECONDS_UNDER_LOAD ))
for i in $(seq 11 18); do
  (
    while [ "$(date +%s)" -lt "$END" ]; do
      # One line per answer: status, seconds, Retry-After (if any).
      # One file per client: eight writers to one file interleave their lines.
      ANSWER="$(curl -s -o /dev/null --interface "127.0.0.$i" -D "$OUT/h$i" -w '%{http_code} %{time_total}' "${URL/127.0.0.1/127.0.0.$i}" || true)"
      echo "$ANSWER $(awk 'tolower($1) == "retry-after:" {print $2}' "$OUT/h$i" | tr -d '\r')" >>"$OUT/answers$i"
      grep -q '^HTTP/1.1 429' "$OUT/h$i" && sleep 0.2
    done
  ) &
  LOAD+=($!)
done

sleep 2
: >"$OUT/health"
while [ "$(date +%s)" -lt "$END" ]; do
  curl -s -o /dev/null -m 10 -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$PORT/health" >>"$OUT/health" || echo "000 10" >>"$OUT/health"
  sleep 0.5
done
for p in "${LOAD[@]}"; do wait "$p" 2>/dev/null || true; done
LOAD=()
PEAK_KB=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")

echo "/health under load ($(wc -l <"$OUT/health") probes):"
sort -k2 -n "$OUT/health" | awk '{t[NR]=$2; s[$1]++} END {printf "  p50 %.3f s, p95 %.3f s, max %.3f s; statuses:", t[int(NR*0.5)+1], t[int(NR*0.95)+1], t[NR]; for (k in s) printf " %s x%d", k, s[k]; print ""}'
echo "answers to the 8 clients:"
awk '{n[$1]++; if ($1 == 200) {sum += $2; c++}; if ($1 == 429 && $3 != "") ra++} END {for (k in n) printf "  %s x%d\n", k, n[k]; if (c) printf "  mean 200 time %.2f s; 429s with Retry-After: %d\n", sum / c, ra}' "$OUT"/answers*
BOUND_MB=$(( BASE_KB / 1024 + 4 * 768 + 512 ))
echo "peak resident memory: $((PEAK_KB / 1024)) MB (bound: start $((BASE_KB / 1024)) MB + 4 x 768 MB + 512 MB = $BOUND_MB MB)"
[ $((PEAK_KB / 1024)) -le "$BOUND_MB" ] && echo "budget holds" || { echo "BUDGET EXCEEDED"; exit 1; }
