"""Speed and pixel agreement of our MNIST-C corruptions against NumPy/scikit-image (Debian python3-skimage 0.19).

Usage: bench/mnist-c/run.sh (builds, dumps our outputs, runs this). Single-threaded on both sides; our times come
from the dump run (one thread, same images). Rounds both to bytes as MNIST-C does (float32, then np.round(x).astype(np.uint8)).
"""
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "UnitTests", "Corruptions", "reference"))
import mnistc_reference as ref  # noqa: E402

dump = sys.argv[1]
ours_seconds = {}
with open(os.path.join(dump, "timings.txt")) as f:
    for line in f:
        name, count, seconds = line.split()
        ours_seconds[name] = float(seconds)

images = np.fromfile(os.path.join(dump, "input.u8"), dtype=np.uint8).reshape(-1, 28, 28)
limit = int(sys.argv[2]) if len(sys.argv) > 2 else len(images)
images = images[:limit]
cases = {
    "stripe": ("stripe", {}),
    "brightness": ("brightness", {"c": 0.5}),
    "scale": ("scale", {"c": 1 / .7}),
    "rotate": ("rotate", {"c": 0.4}),
    "shear": ("shear", {"c": 0.4}),
    "translate": ("translate", {"dx": 3, "dy": 3}),
    "canny": ("canny", {}),
}
print(f"# {len(images)} images, one thread each side")
print("| corruption | ours images/s | scikit-image images/s | speed-up | bytes differing | images differing |")
print("|---|---|---|---|---|---|")
for name, (op, params) in cases.items():
    ours = np.fromfile(os.path.join(dump, name + ".u8"), dtype=np.uint8).reshape(-1, 28, 28)[:limit]
    start = time.perf_counter()
    theirs = np.stack([np.round(np.asarray(ref.apply(op, params, img), dtype=np.float32)).astype(np.uint8) for img in images])
    seconds = time.perf_counter() - start
    total = len(np.fromfile(os.path.join(dump, name + ".u8"), dtype=np.uint8)) // 784
    ours_rate = total / ours_seconds[name]
    diff = ours != theirs
    print(f"| {name} | {ours_rate:,.0f} | {len(images) / seconds:,.0f} | {ours_rate / (len(images) / seconds):.1f}x | "
          f"{diff.sum()} of {diff.size} | {diff.reshape(len(images), -1).any(1).sum()} |")
