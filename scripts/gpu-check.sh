#!/usr/bin/env bash
# The training engine on an NVIDIA GPU, on a machine with PyTorch (CUDA build) but no .NET.
#
#   1. Where .NET is (here):   ./scripts/gpu-check.sh pack
#        publishes the CLI self-contained for linux-x64 into artifacts/digitforge-cli-linux-x64.tar.gz (~30 MB).
#   2. On the GPU machine:     ./scripts/gpu-check.sh run [artifacts/digitforge-cli-linux-x64.tar.gz]
#        builds native/ there against the machine's CUDA PyTorch (scripts/build-native.sh: its TorchConfig.cmake,
#        or the torch package's include/ and lib/ when there is no CUDA toolkit; plain g++ when there is no CMake),
#        then trains the MNIST-1D CNN (and the GRU) on CUDA with the published CLI, the CNN on the CPU for
#        comparison, and PyTorch from Python on CUDA when NumPy and SciPy are there; then one epoch of the DCGAN
#        (the engine's "gan" task through its C ABI, bench/engine/gan_bench.py) on CUDA against the same loop in
#        PyTorch. Prints the timings.
# Environment: PYTHON (default python3), STEPS (default 6000), GPU_CHECK_MODELS (default "cnn gru"),
# GAN_ROWS (images in the DCGAN epoch, default 6400; 0 skips it),
# GPU_CHECK_DEVICE (default cuda; cpu runs the same steps on a machine without a GPU, to check the script itself).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

PACKAGE="$ROOT/artifacts/digitforge-cli-linux-x64.tar.gz"
PYTHON="${PYTHON:-python3}"
STEPS="${STEPS:-6000}"
DEVICE="${GPU_CHECK_DEVICE:-cuda}"

pack() {
  ensure_dotnet
  local out="$ROOT/artifacts/digitforge-cli-linux-x64"
  rm -rf "$out"
  log "dotnet publish src/Cli -r linux-x64 --self-contained -> $out"
  dotnet publish src/Cli/DigitForge.Cli.csproj -c Release -r linux-x64 --self-contained -o "$out" -nologo -v:q
  # The engine is built on the GPU machine against its own libtorch; a CPU build must not travel with the CLI.
  rm -f "$out/libdigitforge_engine.so"
  tar -C "$ROOT/artifacts" -czf "$PACKAGE" digitforge-cli-linux-x64
  log "$PACKAGE ($(du -h "$PACKAGE" | cut -f1))"
}

# Builds the engine with g++ alone against the torch package (for machines without CMake).
build_with_gxx() {
  local build="$1"
  local info root abi libs
  info="$("$PYTHON" -c 'import os, torch; print(os.path.dirname(torch.__file__), int(torch._C._GLIBCXX_USE_CXX11_ABI))')"
  root="${info% *}"
  abi="${info##* }"
  libs=(-ltorch -ltorch_cpu -lc10)
  [ -f "$root/lib/libtorch_cuda.so" ] && libs+=(-ltorch_cuda)
  [ -f "$root/lib/libc10_cuda.so" ] && libs+=(-lc10_cuda)
  mkdir -p "$build/lib"
  log "training engine: g++ against $root (no CMake)"
  g++ -std=c++17 -O2 -fPIC -shared -Wall -Wextra -fvisibility=hidden -D_GLIBCXX_USE_CXX11_ABI="$abi" \
    -I native/include -isystem "$root/include" -isystem "$root/include/torch/csrc/api/include" \
    native/src/*.cpp native/src/scaffold/*.cpp native/src/tasks/*.cpp -o "$build/lib/libdigitforge_engine.so" \
    -L "$root/lib" -Wl,--no-as-needed "${libs[@]}" -Wl,--as-needed -Wl,-rpath,"$root/lib" -ldl
}

seconds_since() { echo "$(( $(date +%s%N) - $1 ))" | awk '{printf "%.1f", $1 / 1e9}'; }

run() {
  local package="${1:-$PACKAGE}"
  local build="$ROOT/native/build-cuda"
  local work
  work="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand now: $work is local to this function
  trap "rm -rf '$work'" EXIT

  log "GPU"
  if have nvidia-smi; then
    nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used --format=csv,noheader
  else
    echo "nvidia-smi not found" >&2
  fi
  log "PyTorch"
  "$PYTHON" -c 'import torch; print("torch", torch.__version__, "CUDA", torch.version.cuda, "available", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")' ||
    { echo "$PYTHON cannot import torch: a CUDA build of PyTorch is required." >&2; exit 1; }
  echo "cores: $(nproc), g++: $(g++ -dumpfullversion 2>/dev/null || echo none), cmake: $(cmake --version 2>/dev/null | head -1 || echo none)"

  local started
  started=$(date +%s%N)
  if have cmake && have make; then
    DIGITFORGE_NATIVE_BUILD="$build" DIGITFORGE_NATIVE_FORCE=1 PYTHON="$PYTHON" bash scripts/build-native.sh
  elif have g++; then
    build_with_gxx "$build"
  else
    echo "Neither CMake nor g++ is installed: the engine cannot be built on this machine." >&2
    exit 1
  fi
  log "engine built in $(seconds_since "$started") s: $build/lib/libdigitforge_engine.so"
  ldd "$build/lib/libdigitforge_engine.so" | grep -E "libtorch|libc10|libcudart|libcuda\." || true

  local cli
  if [ -d "$package" ]; then
    cli="$package"
  else
    [ -f "$package" ] || { echo "No CLI package at $package: run '$0 pack' where .NET is, and bring the file along." >&2; exit 1; }
    tar -C "$work" -xzf "$package"
    cli="$work/digitforge-cli-linux-x64"
  fi
  export DigitForge__Engine__LibraryPath="$build/lib/libdigitforge_engine.so"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1
  local digitforge="$cli/digitforge"

  log "digitforge engine"
  "$digitforge" engine

  local results="$work/results.txt"
  for model in ${GPU_CHECK_MODELS:-cnn gru}; do
    log "digitforge train --model $model --device $DEVICE --steps $STEPS"
    started=$(date +%s%N)
    "$digitforge" train --dataset mnist1d --model "$model" --device "$DEVICE" --steps "$STEPS" --json | tee -a "$results"
    echo "process wall time (start-up and MNIST-1D generation included): $(seconds_since "$started") s"
  done
  for implementation in auto torch; do
    log "digitforge train --model cnn --device cpu --implementation $implementation --steps $STEPS (same machine, for comparison)"
    "$digitforge" train --dataset mnist1d --model cnn --device cpu --implementation "$implementation" --steps "$STEPS" --json | tee -a "$results"
  done

  if "$PYTHON" -c 'import numpy, scipy' 2>/dev/null; then
    for model in ${GPU_CHECK_MODELS:-cnn gru}; do
      log "PyTorch from Python, $model on $DEVICE (reference loop)"
      "$PYTHON" bench/engine/mnist1d_torch.py --models "$model" --steps "$STEPS" --device "$DEVICE" | tee -a "$results"
    done
  else
    log "NumPy/SciPy missing: no PyTorch-from-Python comparison"
  fi

  if [ "${GAN_ROWS:-6400}" -gt 0 ] && "$PYTHON" -c 'import numpy' 2>/dev/null; then
    log "DCGAN: one epoch of ${GAN_ROWS:-6400} images on $DEVICE, the engine's gan task and PyTorch (batch 64)"
    "$PYTHON" bench/engine/gan_bench.py --engine "$build/lib/libdigitforge_engine.so" --device "$DEVICE" \
      --rows "${GAN_ROWS:-6400}" --rounds 1 --threads 0 | tee -a "$results"
  fi

  log "summary"
  # PyTorch's loop evaluates at multiples of 250 only; the engine also after the last update.
  "$PYTHON" - "$results" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    line = line.strip()
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    if "side" in r:
        print(f"dcgan    {r['side']:14} {r['device']:4}: {r['seconds']:7.2f} s for {r['iterations']} iterations "
              f"({1000 * r['seconds'] / max(r['iterations'], 1):.1f} ms each)")
    elif "testAccuracy" in r:
        print(f"engine   {r['model']:4} {r['device']:4}: {r['seconds']:7.1f} s, test accuracy {100 * r['testAccuracy']:.1f} %")
    else:
        print(f"pytorch  {r['model']:4} {r.get('device', 'cpu'):4}: {r['seconds']:7.1f} s, test accuracy {100 * r['test_acc']:.1f} %")
PY
}

case "${1:-}" in
  pack) pack ;;
  run) shift; run "$@" ;;
  *) sed -n '2,16p' "$0" >&2; exit 2 ;;
esac
