#!/usr/bin/env bash
# Builds the training engine native/ -> native/build/lib/libdigitforge_engine.so (the .NET build copies it next to
# the assemblies). Incremental: returns at once when the library is newer than every native source.
#
# Which libtorch:
#   1. $DIGITFORGE_TORCH_PREFIX (a folder holding share/cmake/Torch or lib/cmake/Torch), when set;
#   2. a CUDA build of PyTorch importable by python3 (torch.utils.cmake_prefix_path); when its TorchConfig.cmake
#      cannot be used (no CUDA toolkit on the machine), the torch package's include/ and lib/ directly;
#   3. Debian's libtorch-dev (CPU), installed with apt-get when missing and apt is available.
# With Debian's libtorch it also puts a private copy of OpenBLAS in native/build/lib/blas/ (extracted from the
# libopenblas0-pthread package, not installed, so NumPy keeps the system BLAS the cross-check tests compare against);
# the engine loads it before libtorch (EngineOptions.Blas). DIGITFORGE_NATIVE_OPENBLAS=0 skips it.
# Environment: DIGITFORGE_NATIVE_BUILD (build folder, default native/build), DIGITFORGE_NATIVE_FORCE=1 (rebuild),
# DIGITFORGE_NATIVE_JOBS (default nproc), PYTHON (default python3).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

BUILD_DIR="${DIGITFORGE_NATIVE_BUILD:-$ROOT/native/build}"
LIBRARY="$BUILD_DIR/lib/libdigitforge_engine.so"
PYTHON="${PYTHON:-python3}"

BLAS_DIR="$BUILD_DIR/lib/blas"

# bundle_openblas: Debian's libtorch calls whatever libblas.so.3 the system has; the default is netlib's reference
# BLAS, 3-8x slower for the MLP's matrix products (bench/README.md). Extract OpenBLAS next to the engine instead of
# installing it, because installing switches the system-wide libblas.so.3 alternative for NumPy too.
bundle_openblas() {
  [ "${DIGITFORGE_NATIVE_OPENBLAS:-1}" = 1 ] || return 0
  [ -f "$BLAS_DIR/libblas.so.3" ] && return 0
  have apt-get && have dpkg-deb || return 0
  apt_install libgfortran5 >/dev/null 2>&1 || true
  local tmp
  tmp="$(mktemp -d)"
  if (cd "$tmp" && apt-get download libopenblas0-pthread >/dev/null 2>&1) && dpkg-deb -x "$tmp"/libopenblas0-pthread_*.deb "$tmp/x"; then
    mkdir -p "$BLAS_DIR"
    cp -a "$tmp"/x/usr/lib/*/openblas-pthread/{libblas.so.3,libopenblas.so.0,libopenblasp-r*.so} "$BLAS_DIR/"
    log "training engine: OpenBLAS $(basename "$BLAS_DIR"/libopenblasp-r*.so) in $BLAS_DIR"
  else
    log "training engine: could not fetch libopenblas0-pthread; the engine uses the system BLAS"
  fi
  rm -rf "$tmp"
}

# A build folder configured for another checkout's native/ (DIGITFORGE_NATIVE_BUILD shared between git worktrees) is
# used as it is: CMake refuses a second source folder, and a fresh worktree's files are all newer than the library.
CACHED_SOURCE="$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null || true)"
if [ "${DIGITFORGE_NATIVE_FORCE:-0}" != 1 ] && [ -f "$LIBRARY" ] && [ -n "$CACHED_SOURCE" ] &&
  [ "$(cd "$CACHED_SOURCE" 2>/dev/null && pwd -P)" != "$(cd native && pwd -P)" ]; then
  log "training engine: $LIBRARY belongs to $CACHED_SOURCE; using it as it is (DIGITFORGE_NATIVE_FORCE=1 rebuilds)"
  exit 0
fi

if [ "${DIGITFORGE_NATIVE_FORCE:-0}" != 1 ] && [ -f "$LIBRARY" ] &&
  [ -z "$(find native/CMakeLists.txt native/include native/src -newer "$LIBRARY" -print -quit)" ]; then
  [ -f "$BUILD_DIR/.system-torch" ] && bundle_openblas
  exit 0
fi

# Prints "prefix" or "root<TAB>abi" for a CUDA PyTorch, nothing otherwise.
cuda_torch() {
  have "$PYTHON" || return 0
  "$PYTHON" - <<'PY' 2>/dev/null || true
import os, torch
if torch.version.cuda:
    print(torch.utils.cmake_prefix_path + "\t" + os.path.dirname(torch.__file__) + "\t" + str(int(torch._C._GLIBCXX_USE_CXX11_ABI)))
PY
}

system_torch() {
  local dir
  for dir in /usr/lib/x86_64-linux-gnu/cmake/Torch /usr/lib/aarch64-linux-gnu/cmake/Torch /usr/local/share/cmake/Torch \
    /usr/share/cmake/Torch; do
    [ -f "$dir/TorchConfig.cmake" ] && return 0
  done
  return 1
}

apt_install cmake g++ make >/dev/null 2>&1 || true
for tool in cmake g++ make; do
  have "$tool" || { echo "$tool is required to build the training engine (apt-get install cmake g++ make)." >&2; exit 1; }
done

CMAKE_ARGS=(-DCMAKE_BUILD_TYPE=Release)
SYSTEM_TORCH=0
have ccache && CMAKE_ARGS+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
TORCH_ROOT=""
if [ -n "${DIGITFORGE_TORCH_PREFIX:-}" ]; then
  CMAKE_ARGS+=("-DCMAKE_PREFIX_PATH=$DIGITFORGE_TORCH_PREFIX")
  log "training engine: libtorch from DIGITFORGE_TORCH_PREFIX=$DIGITFORGE_TORCH_PREFIX"
elif IFS=$'\t' read -r prefix root abi < <(cuda_torch) && [ -n "${prefix:-}" ]; then
  CMAKE_ARGS+=("-DCMAKE_PREFIX_PATH=$prefix")
  TORCH_ROOT="$root"
  log "training engine: CUDA PyTorch at $root"
else
  SYSTEM_TORCH=1
  if ! system_torch; then
    log "training engine: no libtorch found, installing Debian's libtorch-dev (CPU)"
    apt_install libtorch-dev || {
      echo "libtorch is missing and apt-get cannot install it: install libtorch-dev, or set DIGITFORGE_TORCH_PREFIX." >&2
      exit 1
    }
  fi
fi

configure() { cmake -S native -B "$BUILD_DIR" "${CMAKE_ARGS[@]}" "$@" >"$BUILD_DIR/configure.log" 2>&1; }
mkdir -p "$BUILD_DIR"
log "training engine: building native/ (CMake, libtorch; a few minutes the first time)"
if ! configure -DDF_TORCH_ROOT=; then
  if [ -n "$TORCH_ROOT" ]; then
    # A CUDA PyTorch's TorchConfig.cmake needs the CUDA toolkit; link the package's libraries directly instead.
    log "training engine: TorchConfig.cmake failed (no CUDA toolkit?), linking $TORCH_ROOT/lib directly"
    rm -f "$BUILD_DIR/CMakeCache.txt"
    configure -DDF_TORCH_ROOT="$TORCH_ROOT" -DDF_TORCH_CXX11_ABI="$abi" || { cat "$BUILD_DIR/configure.log" >&2; exit 1; }
  else
    cat "$BUILD_DIR/configure.log" >&2
    exit 1
  fi
fi
cmake --build "$BUILD_DIR" -j "${DIGITFORGE_NATIVE_JOBS:-$(nproc)}" -- --no-print-directory >"$BUILD_DIR/build.log" 2>&1 || {
  cat "$BUILD_DIR/build.log" >&2
  exit 1
}
touch "$LIBRARY"
if [ "$SYSTEM_TORCH" = 1 ]; then
  touch "$BUILD_DIR/.system-torch"
  bundle_openblas
else
  rm -f "$BUILD_DIR/.system-torch"
fi
log "training engine: $LIBRARY"
