#!/usr/bin/env python3
"""The reference's way of testing one method on all 167 compositions, timed: compose each test image on the fly with
the reference's corruption code (NumPy / scikit-image, as ianxmason/compositional-robustness does per image; our
cross-check port in tests/UnitTests/Corruptions/reference/compositional_corruptions.py plus ImpulseNoise through
skimage's random_noise), float between steps and uint8 at the end (spec B.4), then the DTN in eval mode under no_grad.

/usr/bin/python3 bench/engine/compositional_reference_eval.py [--images 300] [--width 0.25] [--threads 1]

The 167 compositions follow sample_corruptions.py's structure (7 elementals, 30 pairs, 40/30/30/30 orderings of 3-6,
random.seed(2778)). Source images are random uint8 28x28 digits-sized arrays: the corruptions' cost does not depend on
the pixels. Prints one JSON line: CPU seconds composing, CPU seconds in the forward pass, and both together, to set
beside bench/Benchmarks' `compositional-eval` (the kind's whole evaluation: composing in C# + the engine).
"""
import argparse
import itertools
import json
import math
import os
import random
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "UnitTests", "Corruptions", "reference"))


def compositions():
    random.seed(2778)
    base = ["contrast", "gaussian_blur", "impulse_noise", "invert", "rotate90", "swirl"]
    names = [["identity"]] + [[b] for b in base] + [list(p) for p in itertools.permutations(base, 2)]
    for k in range(3, 7):
        for combo in itertools.combinations(base, k):
            perms = list(itertools.permutations(combo))
            names += [list(p) for p in random.sample(perms, math.ceil(30 / math.comb(6, k)))]
    assert len(names) == 167, len(names)
    return names


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--images", type=int, default=300)
    parser.add_argument("--width", type=float, default=0.25)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    import numpy as np
    import torch
    from skimage.util import random_noise
    import compositional_corruptions as ref
    from compositional_step_bench import dtn

    torch.set_num_threads(args.threads)

    def impulse_noise(x, severity):
        amount = [0.03, 0.06, 0.09, 0.17, 0.27][severity - 1]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            x = random_noise(np.array(x) / 255.0, mode="s&p", amount=amount)
        return (np.clip(x, 0, 1) * 255).astype(np.float32)

    severity = {"identity": 1, "contrast": 2, "gaussian_blur": 2, "impulse_noise": 5, "invert": 1, "rotate90": 1, "swirl": 3}
    ops = dict(ref.OPS, impulse_noise=impulse_noise)
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(args.images, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, size=args.images)
    chains = compositions()

    cpu = time.process_time()
    wall = time.perf_counter()
    batches = []
    for chain in chains:
        out = np.empty((args.images, 1, 28, 28), dtype=np.float32)
        for i in range(args.images):
            x = images[i]
            for name in chain:
                x = ops[name](x, severity[name])
            out[i, 0] = np.uint8(x) / 127.5 - 1.0  # the final uint8 truncation, then normalise (mean/std 0.5)
        batches.append(out)
    compose_cpu = time.process_time() - cpu

    torch.manual_seed(0)
    model = dtn(args).eval()
    y = torch.from_numpy(labels)
    cpu = time.process_time()
    correct = 0
    with torch.no_grad():
        for out in batches:
            correct += int((model(torch.from_numpy(out)).argmax(1) == y).sum())
    forward_cpu = time.process_time() - cpu
    print(json.dumps({"side": "reference (numpy/skimage + pytorch)", "images": args.images, "rows": args.images * len(chains),
                      "compose_cpu_s": round(compose_cpu, 3), "forward_cpu_s": round(forward_cpu, 3),
                      "total_cpu_s": round(compose_cpu + forward_cpu, 3), "wall_s": round(time.perf_counter() - wall, 3),
                      "acc": round(correct / (args.images * len(chains)), 4)}), flush=True)


if __name__ == "__main__":
    main()
