#!/usr/bin/env bash
# Compositional corruptions: DigitForge (Release CLI, `dataset download` of a `composition` dataset, both cores) vs
# scikit-image 0.19 (Debian python3, one image at a time as the reference) on the same MNIST images, with pixel
# agreement. Usage: bench/corruptions/run.sh [N=10000] [--no-build]. Needs MNIST in DIGITFORGE_DATA_DIR or
# ~/.cache/digitforge (digitforge data import / download). Prints `uptime` first: write the load next to the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-10000}"
DATA="${DIGITFORGE_DATA_DIR:-$HOME/.cache/digitforge}"
if [[ "${2:-}" != "--no-build" ]]; then dotnet build -c Release src/Cli -v q -nologo >/dev/null; fi
CLI="src/Cli/bin/Release/net10.0/digitforge"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/data"; ln -s "$DATA/mnist" "$WORK/data/mnist"   # a scratch data dir: stored specs stay out of yours
uptime
NAMES=(identity invert rotate90 contrast impulse_noise swirl gaussian_blur)
printf '%-15s %10s %10s %14s %18s\n' corruption "wall s" "CPU s" "img/s (wall)" "img/s (CPU, -id)"
base_cpu=0
for name in "${NAMES[@]}"; do
  printf '{"generator": "composition", "parameters": {"composition": "%s"}, "splits": {"train": %d}}' "$name" "$N" > "$WORK/$name.json"
  /usr/bin/time -f '%e %U %S' -o "$WORK/time" "$CLI" -d "$WORK/data" dataset download "$WORK/$name.json" --format npz -o "$WORK/$name.npz" 2>/dev/null
  read -r wall user sys < "$WORK/time"
  cpu=$(echo "$user + $sys" | bc -l)
  if [[ "$name" == identity ]]; then base_cpu=$cpu; fi
  net=$(echo "$cpu - $base_cpu" | bc -l)
  rate_cpu=$(if (( $(echo "$net > 0.005" | bc -l) )); then echo "$N / $net" | bc; else echo "-"; fi)
  printf '%-15s %10.2f %10.2f %14.0f %18s\n' "$name" "$wall" "$cpu" "$(echo "$N / $wall" | bc -l)" "$rate_cpu"
done
/usr/bin/python3 bench/corruptions/compare.py "$WORK/data" "$WORK" "$N" "${NAMES[@]}"
uptime
