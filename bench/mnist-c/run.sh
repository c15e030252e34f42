#!/usr/bin/env bash
# MNIST-C corruption throughput (all 16, 70,000 images, all cores) and a single-thread comparison with scikit-image
# on the same digits. Needs MNIST train images in the data directory (DIGITFORGE_DATA_DIR or ~/.cache/digitforge)
# and /usr/bin/python3 with python3-skimage. Usage: bench/mnist-c/run.sh [images=70000] [python-images=2000]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release bench/Benchmarks -v q -nologo >/dev/null
dll=bench/Benchmarks/bin/Release/net10.0/DigitForge.Benchmarks.dll
echo "load: $(uptime)"
dotnet "$dll" mnist-c "${1:-70000}"
dump=$(mktemp -d)
trap 'rm -rf "$dump"' EXIT
dotnet "$dll" mnist-c-dump "$dump" > "$dump/timings.txt"
/usr/bin/python3 bench/mnist-c/compare.py "$dump" "${2:-2000}"
echo "load: $(uptime)"
