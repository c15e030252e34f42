#!/usr/bin/env bash
# MNIST-1D benchmark on the CPU: our engine (digitforge train, C# -> C ABI -> libtorch) against PyTorch from Python
# (Debian's python3-torch, the reference training loop), same data and settings (Adam 1e-2, batch 100, sequential
# batches, evaluation every 250 steps). Prints a Markdown table for bench/README.md.
#   ./bench/engine/run.sh [MODELS] [STEPS]        e.g. ./bench/engine/run.sh logistic,mlp,cnn,gru 6000
#   THREADS=2 ./bench/engine/run.sh               libtorch intra-op threads for both sides (default: libtorch's own)
#   BLAS=system ./bench/engine/run.sh             both sides on the system's libblas.so.3 (default: both on the
#                                                 engine's private OpenBLAS, native/build/lib/blas, one BLAS thread)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

MODELS="${1:-logistic,mlp,cnn,gru}"
STEPS="${2:-6000}"
THREADS="${THREADS:-0}"
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
  log "$model: engine"
  /usr/bin/time -f '%e %U' -o "$RESULTS.time" \
    dotnet src/Cli/bin/Release/net10.0/digitforge.dll train --model "$model" --steps "$STEPS" --device cpu --threads "$THREADS" --json 2>/dev/null \
    | sed 's/^/engine\t/' >>"$RESULTS"
  printf 'engine-process\t%s\t%s\n' "$model" "$(cat "$RESULTS.time")" >>"$RESULTS"
  log "$model: PyTorch (Python)"
  "${PY_ENV[@]}" "$PY" bench/engine/mnist1d_torch.py --models "$model" --steps "$STEPS" --threads "$THREADS" | sed 's/^/torch\t/' >>"$RESULTS"
done
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PY" - "$RESULTS" <<'PY'
import json, sys
engine, torch, process = {}, {}, {}
for line in open(sys.argv[1]):
    kind, _, rest = line.rstrip("\n").partition("\t")
    if kind == "engine":
        r = json.loads(rest); engine[r["model"]] = r
    elif kind == "torch":
        r = json.loads(rest); torch[r["model"]] = r
    elif kind == "engine-process":
        model, _, times = rest.partition("\t"); process[model] = times.split()
version = next(iter(torch.values()))["torch"] if torch else "?"
threads = next(iter(torch.values()))["threads"] if torch else "?"
engine_threads = next(iter(engine.values())).get("threads", "?") if engine else "?"
print(f"| model | engine CPU s | PyTorch {version} CPU s | speed-up (CPU) | engine wall s | PyTorch wall s | engine test acc | PyTorch test acc |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
nan = float("nan")
for model in engine:
    e, t = engine[model], torch.get(model, {})
    speed = f"{t['cpu_seconds'] / e['cpuSeconds']:.2f}x" if t else "-"
    print(f"| {model} | {e['cpuSeconds']:.1f} | {t.get('cpu_seconds', nan):.1f} | {speed} | {e['seconds']:.1f} | "
          f"{t.get('seconds', nan):.1f} | {100 * e['testAccuracy']:.1f} % | {100 * t.get('test_acc', nan):.1f} % |")
updates = next(iter(engine.values()))["updates"] if engine else "?"
print(f"\nTraining loops only ({updates} updates, evaluations of train + test every 250 steps included), "
      f"libtorch threads: engine {engine_threads}, PyTorch {threads}. Engine process wall/user seconds (start-up and data generation included): "
      + ", ".join(f"{m} {w}/{u}" for m, (w, u) in process.items()))
PY
