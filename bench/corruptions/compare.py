"""Speed and pixel agreement of DigitForge's compositional corruptions against scikit-image 0.19 (Debian).

Usage: compare.py DATA_DIR OUT_DIR N NAME...
Reads the first N MNIST train images from DATA_DIR/mnist, our bundles OUT_DIR/<name>.npz (x_train, written by
`digitforge dataset download`), runs the reference chain on the same images (one image at a time, as the reference's
transforms do), and prints per corruption: reference CPU seconds and images/s, and how many bytes differ.
"""
import math
import os
import sys
import time
import warnings

import numpy as np
from skimage import transform
from skimage.filters import gaussian
from skimage.util import random_noise


def contrast(x):
    x = np.array(x) / 255.0
    m = np.mean(x, axis=(0, 1), keepdims=True)
    return (np.clip((x - m) * 0.3 + m, 0, 1) * 255).astype(np.float32)


def gaussian_blur(x):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x = gaussian(np.array(x) / 255.0, sigma=2)
    return (np.clip(x, 0, 1) * 255).astype(np.float32)


def impulse_noise(x):
    x = random_noise(np.array(x) / 255.0, mode="s&p", amount=0.27)
    return (np.clip(x, 0, 1) * 255).astype(np.float32)


def invert(x):
    return 255.0 - np.array(x).astype(np.float32)


def rotate90(x):
    x = np.array(x) / 255.0
    a = math.pi / 2.0
    c = ((x.shape[0] / 2) - 0.5, (x.shape[1] / 2) - 0.5)
    base = transform.AffineTransform(rotation=a)
    a1, a2 = base.params[0, :2]
    b1, b2 = base.params[1, :2]
    t = transform.AffineTransform(rotation=a, translation=[c[0] * (1 - a1 - a2), c[1] * (1 - b1 - b2)])
    return (np.clip(transform.warp(x, inverse_map=t), 0, 1) * 255).astype(np.float32)


def swirl(x):
    x = np.array(x) / 255.0
    x = transform.swirl(x, rotation=0, strength=3, radius=math.sqrt(2) * x.shape[0] / 2)
    return (np.clip(x, 0, 1) * 255).astype(np.float32)


def identity(x):
    return np.array(x).astype(np.float32)


OPS = {f.__name__: f for f in (identity, invert, rotate90, contrast, impulse_noise, swirl, gaussian_blur)}


def main():
    data, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    raw = np.fromfile(os.path.join(data, "mnist", "train-images-idx3-ubyte"), dtype=np.uint8, offset=16)
    images = raw[: n * 784].reshape(n, 28, 28)
    print(f"{'corruption':15} {'skimage CPU s':>13} {'skimage img/s':>13} {'bytes differing':>17}")
    for name in sys.argv[4:]:
        op = OPS[name]
        start = time.process_time()
        ref = np.stack([op(img) for img in images])
        cpu = time.process_time() - start
        ref_bytes = np.uint8(np.clip(ref, 0, 255))
        ours = np.load(os.path.join(out, name + ".npz"))["x_train"]
        differing = int(np.count_nonzero(ours != ref_bytes))
        note = " (random: compare counts only)" if name == "impulse_noise" else ""
        if name == "impulse_noise":
            differing = f"changed {np.mean(ours != images):.3f} vs {np.mean(ref_bytes != images):.3f}"
        print(f"{name:15} {cpu:13.2f} {n / cpu:13.0f} {str(differing):>17}{note}")


if __name__ == "__main__":
    main()
