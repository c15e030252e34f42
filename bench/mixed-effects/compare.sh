#!/usr/bin/env bash
# One LOCO fold (held-out cluster 0) of the ARMED spiral comparison, every model, ours vs PyTorch from Python, one
# after the other on the same machine: prints each model's training CPU seconds (and wall seconds).
#   bench/mixed-effects/compare.sh [EPOCHS] [CLI_DLL ...]
# CLI_DLL: one or more built CLIs (e.g. a copy of src/Cli/bin/Release/net10.0 before a change, then the current one);
# default the checkout's. DIGITFORGE_DATA_DIR is used as is (a scratch one keeps the runs out of your database).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
EPOCHS="${1:-20}"
shift || true
CLIS=("$@")
[ ${#CLIS[@]} -gt 0 ] || CLIS=("$ROOT/src/Cli/bin/Release/net10.0/digitforge.dll")
MODELS=conventional,cluster_input,mldg,domain_adversarial,me_mlp,armed
SPEC='{"generator":"spirals","parameters":{"clusters":10,"radius_sd":0.5,"noise":0.2,"degrees":360},"seed":1267}'
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "$SPEC" >"$WORK/spec.json"
dotnet "${CLIS[0]}" dataset download "$WORK/spec.json" --format npz -o "$WORK/spirals.npz" >/dev/null 2>&1
uptime
for cli in "${CLIS[@]}"; do
  echo "== ours: $cli"
  dotnet "$cli" experiment run mixed-effects-loco --wait -p "dataset=$SPEC" -p seed=1267 -p epochs="$EPOCHS" -p folds=1 \
    -p models="$MODELS" -p evaluate_test=true -p decision_boundaries=false -p threads=1 2>&1 | grep "held-out cluster 0:" | sed 's/^[^ ]* //'
done
echo "== PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') from Python, one thread"
/usr/bin/python3 "$ROOT/bench/mixed-effects/torch_loco.py" "$WORK/spirals.npz" --epochs "$EPOCHS" --models "$MODELS" --evaluate-test --seed 1267
uptime
