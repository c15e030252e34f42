"""Cross-check for DigitForge's compositional corruptions (specs/sequences-corruptions.md B.2), written from the
spec against Debian's scikit-image 0.19 / SciPy / NumPy.

Usage: compositional_corruptions.py META.json
META: {"inputs": [{"path": ..., "shape": [h, w, c]}], "chain": [["swirl", 3], ...], "output": PATH}
Inputs are uint8 HWC; each chain step works like the reference (x / 255 in float64, skimage op, clip, * 255,
float32 between steps). The output file holds every result as float32, concatenated in input order.
"""
import json
import math
import sys
import warnings

import numpy as np
from skimage import transform
from skimage.filters import gaussian


def contrast(x, severity):
    c = [0.4, 0.3, 0.2, 0.1, 0.05][severity - 1]
    x = np.array(x) / 255.0
    means = np.mean(x, axis=(0, 1), keepdims=True)
    return (np.clip((x - means) * c + means, 0, 1) * 255).astype(np.float32)


def gaussian_blur(x, severity):
    sigma = [1, 2, 3, 4, 6][severity - 1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x = gaussian(np.array(x) / 255.0, sigma=sigma)
    return (np.clip(x, 0, 1) * 255).astype(np.float32)


def invert(x, severity):
    return 255.0 - np.array(x).astype(np.float32)


def rotate90(x, severity):
    x = np.array(x) / 255.0
    angle = math.pi / 2.0
    centre = ((x.shape[0] / 2) - 0.5, (x.shape[1] / 2) - 0.5)
    base = transform.AffineTransform(rotation=angle)
    a1, a2 = base.params[0, :2]
    b1, b2 = base.params[1, :2]
    shifted = transform.AffineTransform(rotation=angle, translation=[centre[0] * (1 - a1 - a2), centre[1] * (1 - b1 - b2)])
    x = transform.warp(x, inverse_map=shifted)
    return (np.clip(x, 0, 1) * 255).astype(np.float32)


def swirl(x, severity):
    strength = [0.5, 1, 3, 5, 10][severity - 1]
    x = np.array(x) / 255.0
    x = transform.swirl(x, rotation=0, strength=strength, radius=math.sqrt(2) * x.shape[0] / 2)
    return (np.clip(x, 0, 1) * 255).astype(np.float32)


def identity(x, severity):
    return np.array(x).astype(np.float32)


OPS = {f.__name__: f for f in (contrast, gaussian_blur, invert, rotate90, swirl, identity)}


def main():
    meta = json.load(open(sys.argv[1]))
    results = []
    for item in meta["inputs"]:
        h, w, c = item["shape"]
        x = np.fromfile(item["path"], dtype=np.uint8).reshape(h, w, c)
        if c == 1:
            x = x[:, :, 0]
        for name, severity in meta["chain"]:
            x = OPS[name](x, severity)
        results.append(np.ascontiguousarray(x, dtype="<f4").reshape(-1))
    np.concatenate(results).tofile(meta["output"])
    print(json.dumps({"count": len(results)}))


if __name__ == "__main__":
    main()
