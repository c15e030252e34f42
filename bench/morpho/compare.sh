#!/usr/bin/env bash
# Side by side: Morpho-MNIST perturb + measure per image, Python reference (bench/morpho/morpho_reference.py on
# Debian's scikit-image 0.19 / SciPy 1.10) vs `digitforge morpho measure --perturb`, on the same digits, both on
# all cores of the machine (the reference with a multiprocessing pool of that size, like its scripts). Prints wall and
# CPU ms per image and how far the mean morphometrics are apart.
# Usage: bench/morpho/compare.sh [IDX_IMAGES] [COUNT] [CS_COUNT]
#   defaults: the data dir's MNIST train images, 400 digits for Python, 10x as many for C# (so that JIT warm-up is
#   amortised; the morphometrics are compared on the first COUNT digits, which both measured)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
images="${1:-${DIGITFORGE_DATA_DIR:-$HOME/.cache/digitforge}/mnist/train-images-idx3-ubyte}"
count="${2:-400}"
cs_count="${3:-$((count * 10))}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cores="$(nproc)"
echo "machine: $cores cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build "$root/src/Cli" -c Release -v quiet -nologo > /dev/null
cli="$root/src/Cli/bin/Release/net10.0/digitforge"
for op in none thin thic swel frac; do
  case "$op" in none) cs="";; thin) cs="--perturb thin";; thic) cs="--perturb thick";; swel) cs="--perturb swell";; frac) cs="--perturb fracture";; esac
  /usr/bin/python3 "$here/morpho_reference.py" pool "$images" 0 "$count" "$op" "$out/py_$op" "$cores" 2>&1 | sed 's/^/  python: /'
  "$cli" morpho measure "$images" --count "$cs_count" $cs -o "$out/cs_$op.csv" 2>&1 >/dev/null | sed 's/^/  c#:     /'
  /usr/bin/python3 - "$out/py_$op.csv" "$out/cs_$op.csv" "$op" <<'PY'
import sys, numpy as np
a = np.genfromtxt(sys.argv[1], delimiter=',', skip_header=1)[:, 1:]
b = np.genfromtxt(sys.argv[2], delimiter=',', skip_header=1)[:, 2:]
b = b[:len(a)]
ok = ~np.isnan(a).any(1) & ~np.isnan(b).any(1)
a, b = a[ok], b[ok]
names = ['area', 'length', 'thickness', 'slant', 'width', 'height']
mean_diff = (b.mean(0) - a.mean(0)) / np.abs(a.mean(0))
per_image = np.median(np.abs(b - a) / np.maximum(np.abs(a), 1e-9), 0)
print(f"  {sys.argv[3]:5s} mean rel. diff: " + ", ".join(f"{n} {d:+.2%}" for n, d in zip(names, mean_diff)))
print(f"  {'':5s} per-image median |rel. diff|: " + ", ".join(f"{n} {d:.2%}" for n, d in zip(names, per_image)))
PY
done
