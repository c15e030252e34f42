"""MNIST-C corruptions written from ../shared/specs/sequences-corruptions.md C.3 with the real NumPy / scikit-image
calls (scikit-image 0.19 from Debian), for the C# cross-checks in MnistCReferenceTests.

argv[1]: JSON {"op", "params", "input", "shape": [n, h, w], "output"}; input is uint8 (n, h, w), output float32.
"""
import json
import sys
import warnings

import numpy as np
from skimage import color, feature, transform
from skimage.filters import gaussian

warnings.simplefilter("ignore")


def centred_warp(x, **kwargs):
    aff = transform.AffineTransform(**kwargs)
    a1, a2 = aff.params[0, :2]
    b1, b2 = aff.params[1, :2]
    aff = transform.AffineTransform(translation=[13.5 * (1 - a1 - a2), 13.5 * (1 - b1 - b2)], **kwargs)
    return np.clip(transform.warp(x / 255., inverse_map=aff), 0, 1) * 255


def plasma(mapsize, decay, seed):
    np.random.seed(seed)
    m = np.empty((mapsize, mapsize))
    m[0, 0] = 0
    step, wib = mapsize, 100.0

    def noisy(a):
        return a / 4 + wib * np.random.uniform(-wib, wib, a.shape)

    while step >= 2:
        h = step // 2
        corners = m[0:mapsize:step, 0:mapsize:step]
        acc = corners + np.roll(corners, -1, axis=0)
        acc += np.roll(acc, -1, axis=1)
        m[h:mapsize:step, h:mapsize:step] = noisy(acc)
        centres = m[h:mapsize:step, h:mapsize:step]
        corners = m[0:mapsize:step, 0:mapsize:step]
        m[0:mapsize:step, h:mapsize:step] = noisy(centres + np.roll(centres, 1, axis=0) + (corners + np.roll(corners, -1, axis=1)))
        m[h:mapsize:step, 0:mapsize:step] = noisy(centres + np.roll(centres, 1, axis=1) + (corners + np.roll(corners, -1, axis=0)))
        step //= 2
        wib /= decay
    m -= m.min()
    return m / m.max()


def line(c0, r0, c1, r1):
    if c1 == c0:
        return np.zeros((28, 28))
    cc, rr = np.meshgrid(np.linspace(0, 27, 28), np.linspace(0, 27, 28), sparse=True)
    d = np.clip(np.abs(rr - ((r1 - r0) / (c1 - c0) * (cc - c0) + r0)), 0, 2.3 - 1e-10)
    v = np.clip(np.log(1 - d / 2.3) + 1, 0, 1)
    v[:, :int(np.floor(c0))] = 0
    v[:, int(np.ceil(c1)):] = 0
    return v


def apply(op, p, img):
    x = img.astype(np.float64)
    if op == "shear":
        return centred_warp(x, shear=p["c"])
    if op == "rotate":
        return centred_warp(x, rotation=p["c"])
    if op == "scale":
        return centred_warp(x, scale=(p["c"], p["c"]))
    if op == "translate":
        aff = transform.AffineTransform(translation=[p["dx"], p["dy"]])
        return np.clip(transform.warp(x / 255., inverse_map=aff), 0, 1) * 255
    if op == "stripe":
        y = x.astype(np.float32)
        y[:, :7] = 255. - y[:, :7]
        y[:, 21:] = 255. - y[:, 21:]
        return y
    if op == "brightness":
        hsv = color.rgb2hsv(color.gray2rgb(x / 255.))
        hsv[:, :, 2] = np.clip(hsv[:, :, 2] + p["c"], 0, 1)
        return np.clip(color.rgb2gray(color.hsv2rgb(hsv)), 0, 1) * 255
    if op == "canny":
        return feature.canny(x / 255.).astype(np.float32) * 255
    if op == "fog":
        y = x / 255.
        top = y.max()
        y = y + p["c0"] * plasma(256, p["c1"], p["seed"])[:28, :28]
        return np.clip(y * top / (top + p["c0"]), 0, 1) * 255
    if op == "spatter":
        np.random.seed(p["seed"])
        y = np.array(img, dtype=np.float32) / 255.
        liquid = gaussian(np.random.normal(size=y.shape, loc=p["loc"], scale=p["scale"]), sigma=p["sigma"])
        liquid[liquid < p["t"]] = 0
        m = gaussian(np.where(liquid > p["t"], 1, 0).astype(np.float32), sigma=p["sigma2"])
        m[m < 0.8] = 0
        mud = 63 / 255. * np.ones_like(y) * m
        y *= (1 - m)
        return np.clip(y + mud, 0, 1) * 255
    if op == "glass_blur":
        np.random.seed(p["seed"])
        sigma, d, iterations = p["sigma"], p["d"], p["iterations"]
        y = np.uint8(gaussian(x / 255., sigma=sigma, multichannel=True) * 255)
        for _ in range(iterations):
            for h in range(28 - d, d, -1):
                for w in range(28 - d, d, -1):
                    if np.random.choice([True, False], 1)[0]:
                        dx, dy = np.random.randint(-d, d, size=(2,))
                        y[h, w], y[h + dy, w + dx] = y[h + dy, w + dx], y[h, w]
        return np.clip(gaussian(y / 255., sigma=sigma, multichannel=True), 0, 1) * 255
    if op == "dotted_line":
        v = line(0, p["r0"], 27, p["r1"])
        for k in range(0, 28, 4):
            v[:, k:k + 2] = 0
        return np.clip(x / 255. + v, 0, 1) * 255
    if op == "zigzag":
        r0, r1, a, b, c0, c1 = p["r0"], p["r1"], 2., 2., 2, 25
        th = np.arctan((r1 - r0) / (c1 - c0))
        d = (c1 - c0) / np.cos(th)
        pts = [(0, 0)]
        for i in range(int((d - a) // (2 * a)) + 1):
            last = (-1) ** i * b
            pts.append(((2 * i + 1) * a, last))
        top = 2 * a * (d // (2 * a))
        if d != top:
            pts.append((d, last / (2 * (d - top))))
        pts = np.array(pts).T
        cs = np.cos(th) * pts[0] - np.sin(th) * pts[1] + c0
        rs = np.sin(th) * pts[0] + np.cos(th) * pts[1] + r0
        y = x / 255.
        for i in range(1, len(cs)):
            y = np.clip(y + line(cs[i - 1], rs[i - 1], cs[i], rs[i]), 0, 1)
        return y * 255
    raise ValueError(op)


def main():
    meta = json.loads(sys.argv[1])
    n, h, w = meta["shape"]
    images = np.fromfile(meta["input"], dtype=np.uint8).reshape(n, h, w)
    out = np.stack([np.asarray(apply(meta["op"], meta["params"], images[i]), dtype=np.float32) for i in range(n)])
    out.astype("<f4").tofile(meta["output"])
    print(json.dumps({"shape": list(out.shape)}))


if __name__ == "__main__":
    main()
