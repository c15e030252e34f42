#!/usr/bin/env bash
# MNIST-1D benchmark on the CPU: our engine (digitforge train, C# -> C ABI -> libtorch) against PyTorch from Python
# (Debian's python3-torch, the reference training loop), same data and settings (Adam 1e-2, batch 100, sequential
# batches, evaluation every 250 steps). Prints a Markdown table for bench/README.md.
#   ./bench/engine/run.sh [MODELS] [STEPS]        e.g. ./bench/engine/run.sh logistic,mlp,cnn,gru 6000
#   THREADS=2 ./bench/engine/run.sh               libtorch intra-op threads for both sides (default: libtorch's own)
#   BLAS=system ./bench/engine/run.sh             both sides on the system's libblas.so.3 (default: both on the
#                                                 engine's private OpenBLAS, native/build/lib/blas, one BLAS thread)
#   SEEDS=42,43,44 ./bench/engine/run.sh          several weight seeds per model: median times, mean (min-max) accuracy
#   IMPLEMENTATION=torch ./bench/engine/run.sh    the engine on libtorch autograd only (default auto: its hand-written
#                                                 CPU path for the models it covers)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

MODELS="${1:-logistic,mlp,cnn,gru}"
STEPS="${2:-6000}"
THREADS="${THREADS:-0}"
SEEDS="${SEEDS:-42}"
IMPLEMENTATION="${IMPLEMENTATION:-auto}"
PY=/usr/bin/python3
apt_install python3-torch python3-numpy python3-scipy || { echo "python3-torch is needed (apt-get install python3-torch)." >&2; exit 1; }
bash scripts/build.sh >&2

BLAS="${BLAS:-openblas}"
BLAS_DIR="$ROOT/native/build/lib/blas"
PY_ENV=(env)
if [ "$BLAS" = openblas ] && [ -f "$BLAS_DIR/libblas.so.3" ]; then
  # The same BLAS for PyTorch: its libtorch resolves libblas.so.3 through LD_LIBRARY_PATH first.
  PY_ENV=(env "LD_LIBRARY_PATH=$BLAS_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" OPENBLAS_NUM_THREADS=1)
  export DigitForge__Engine__Blas=auto
else
  BLAS=system
  export DigitForge__Engine__Blas=system
fi

RESULTS="$(mktemp)"
trap 'rm -f "$RESULTS"' EXIT
log "BLAS: $BLAS"
log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for model in ${MODELS//,/ }; do
  for seed in ${SEEDS//,/ }; do
    log "$model (seed $seed): engine"
    /usr/bin/time -f '%e %U' -o "$RESULTS.time" \
      dotnet src/Cli/bin/Release/net10.0/digitforge.dll train --model "$model" --steps "$STEPS" --device cpu --threads "$THREADS" \
        --seed "$seed" --implementation "$IMPLEMENTATION" --json 2>/dev/null \
      | sed 's/^/engine\t/' >>"$RESULTS"
    printf 'engine-process\t%s\t%s\n' "$model" "$(cat "$RESULTS.time")" >>"$RESULTS"
    log "$model (seed $seed): PyTorch (Python)"
    "${PY_ENV[@]}" "$PY" bench/engine/mnist1d_torch.py --models "$model" --steps "$STEPS" --threads "$THREADS" --seed "$seed" \
      | sed 's/^/torch\t/' >>"$RESULTS"
  done
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PY" - "$RESULTS" <<'PY'
import json, statistics, sys
engine, torch, process = {}, {}, {}
for line in open(sys.argv[1]):
    kind, _, rest = line.rstrip("\n").partition("\t")
    if kind == "engine":
        r = json.loads(rest); engine.setdefault(r["model"], []).append(r)
    elif kind == "torch":
        r = json.loads(rest); torch.setdefault(r["model"], []).append(r)
    elif kind == "engine-process":
        model, _, times = rest.partition("\t"); process.setdefault(model, []).append(times.split())
first_torch = next(iter(torch.values()))[0] if torch else {}
version = first_torch.get("torch", "?")
threads = first_torch.get("threads", "?")
engine_threads = next(iter(engine.values()))[0].get("threads", "?") if engine else "?"
nan = float("nan")
def med(runs, key): return statistics.median(r[key] for r in runs) if runs else nan
def acc(runs, key):
    if not runs: return "-"
    values = [100 * r[key] for r in runs]
    text = f"{statistics.mean(values):.1f} %"
    return text + (f" ({min(values):.1f}-{max(values):.1f})" if len(values) > 1 else "")
seeds = max((len(v) for v in engine.values()), default=0)
print(f"| model | engine path | engine CPU s | PyTorch {version} CPU s | speed-up (CPU) | engine wall s | PyTorch wall s | speed-up (wall) | engine test acc | PyTorch test acc |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for model, e in engine.items():
    t = torch.get(model, [])
    ec, tc, ew, tw = med(e, "cpuSeconds"), med(t, "cpu_seconds"), med(e, "seconds"), med(t, "seconds")
    print(f"| {model} | {e[0].get('implementation', '?')} | {ec:.2f} | {tc:.2f} | {tc / ec:.2f}x | {ew:.2f} | {tw:.2f} | {tw / ew:.2f}x | "
          f"{acc(e, 'testAccuracy')} | {acc(t, 'test_acc')} |")
updates = next(iter(engine.values()))[0]["updates"] if engine else "?"
print(f"\nTraining loops only ({updates} updates, evaluations of train + test every 250 steps included), "
      f"libtorch threads: engine {engine_threads}, PyTorch {threads}; {seeds} weight seed(s) per model (times: median, accuracy: mean (min-max)). "
      "Engine process wall/user seconds (start-up and data generation included): "
      + ", ".join(f"{m} {runs[0][0]}/{runs[0][1]}" for m, runs in process.items()))
PY
