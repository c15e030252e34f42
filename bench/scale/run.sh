#!/usr/bin/env bash
# Throughput of the shared job queue (issue 23): jobs per minute through one API process with 1 and then 3
# `digitforge worker` processes, all on PostgreSQL + npm s3rver (tests/ScaleTests/ThroughputBench.cs starts them from
# the built binaries). Each job is a small MLP classifier on a 400-row MNIST-1D (threads=1), so the figure measures
# the queue, the workers and the storage round trips as much as training.
#   bash bench/scale/run.sh [JOBS [STEPS]]        (after scripts/build.sh; needs PostgreSQL binaries and tools/s3rver)
# Prints one JSON line per worker count and a table to paste into bench/README.md; the machine's load is in each line.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
export DIGITFORGE_SCALE_BENCH=1 DIGITFORGE_SCALE_BENCH_OUT="$OUT"
export DIGITFORGE_SCALE_BENCH_JOBS="${1:-30}" DIGITFORGE_SCALE_BENCH_STEPS="${2:-300}"
[ -d tools/s3rver/node_modules ] || npm ci --prefix tools/s3rver --no-audit --no-fund --silent
dotnet test tests/ScaleTests -c "${CONFIGURATION:-Release}" --no-build -nologo \
  --filter "FullyQualifiedName~ThroughputBench" --logger "console;verbosity=normal"
[ -s "$OUT" ] || { echo "bench/scale: no results (was the test skipped? see above)" >&2; exit 1; }
cat "$OUT"
echo
echo "| workers | jobs | steps/job | wall s | jobs/min | jobs per worker | load avg before / after | cores |"
echo "|---|---|---|---|---|---|---|---|"
/usr/bin/python3 - "$OUT" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    per = ", ".join(f"{k} {v}" for k, v in sorted(r["per_worker"].items()))
    print(f"| {r['workers']} | {r['jobs']} | {r['steps']} | {r['seconds']} | {r['jobs_per_minute']} | {per} | {r['load_before']} / {r['load_after']} | {r['cores']} |")
PY
