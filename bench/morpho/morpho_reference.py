"""Morpho-MNIST's pipeline, measurements and perturbations written from the specification
(/work/shared/specs/morpho-mixed-effects.md, section 1) on Debian's scikit-image 0.19 / SciPy, for cross-checks and
the speed comparison with DigitForge's C# port.

Usage: python3 morpho_reference.py measure IDX_IMAGES FIRST COUNT OUT.csv
       python3 morpho_reference.py perturb IDX_IMAGES FIRST COUNT OP OUT_PREFIX   (OP: thin, thic, swel, frac)
       python3 morpho_reference.py pool IDX_IMAGES FIRST COUNT OP OUT_PREFIX PROCS  (OP also none; a process pool, chunksize 100
                                                                                 like the reference's scripts; writes OUT_PREFIX.csv)
The perturb command writes OUT_PREFIX.npy (the perturbed 28x28 uint8 images), OUT_PREFIX.csv (their measurements) and
prints the seconds of wall and CPU time spent per image on perturb + measure.
"""
import sys
import time

import numpy as np
from scipy import ndimage
from skimage import draw, morphology, transform

SCALE = 4
THRESHOLD = 0.5


def load_idx(path):
    with open(path, 'rb') as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(ndim)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(dims)


class Analysis:
    """Spec 1.1: upscale, relative binarisation, medial axis with the full distance map."""

    def __init__(self, img, scale=SCALE, threshold=THRESHOLD):
        self.scale = scale
        up = transform.pyramid_expand(img, upscale=scale, order=3)
        self.hires = (255. * up).astype(np.uint8)
        lo, hi = self.hires.min(), self.hires.max()
        self.binary = self.hires >= lo + (hi - lo) * threshold
        self.skeleton, self.distance = morphology.medial_axis(self.binary, return_distance=True, random_state=42)

    @property
    def thickness(self):
        return 2. * np.mean(self.distance[self.skeleton]) / self.scale

    def downscale(self, hires):
        return (255. * transform.pyramid_reduce(hires, downscale=self.scale, order=3)).astype(np.uint8)


def moments(img):
    img = img.astype(float)
    y, x = np.mgrid[:img.shape[0], :img.shape[1]]
    m00 = img.sum()
    cx, cy = (x * img).sum() / m00, (y * img).sum() / m00
    u20 = (x * x * img).sum() / m00 - cx * cx
    u11 = (x * y * img).sum() / m00 - cx * cy
    u02 = (y * y * img).sum() / m00 - cy * cy
    return cx, cy, u20, u11, u02


def measure(img):
    """Spec 1.2: area, length, thickness, slant, width, height."""
    a = Analysis(img)
    area = a.binary.sum() / SCALE ** 2
    skel = a.skeleton.astype(float)
    weights = np.array([[0, 0, 0], [0, 0, 1], [np.sqrt(2), 1, np.sqrt(2)]])
    length = (ndimage.correlate(skel, weights, mode='constant') * skel).sum() / SCALE
    grey = a.hires.astype(float)
    _, cy, u20, u11, u02 = moments(grey)
    shear = u11 / u02
    slant = np.arctan(-shear)
    h, w = grey.shape
    y, x = np.mgrid[:h, :w]
    total = grey.sum()
    hcdf = np.array([((x + .5 < t + shear * (y - cy)) * grey).sum() for t in range(w)]) / total
    vcdf = np.array([((y < t) * grey).sum() for t in range(h)]) / total
    left, right = np.interp([.01, .99], hcdf, np.arange(w))
    top, bottom = np.interp([.01, .99], vcdf, np.arange(h))
    return area, length, a.thickness, slant, (right - left) / SCALE, (bottom - top) / SCALE


def thin(a, rng, amount=.7):
    return morphology.erosion(a.binary, morphology.disk(int(amount * SCALE * a.thickness / 2)))


def thic(a, rng, amount=1.):
    return morphology.dilation(a.binary, morphology.disk(int(amount * SCALE * a.thickness / 2)))


def swel(a, rng, strength=3., radius=7.):
    coords = np.argwhere(a.skeleton)
    cy, cx = coords[rng.integers(len(coords))]
    r = radius * np.sqrt(a.thickness) / 2 * SCALE

    def inverse(xy):
        off = xy - np.array([cx, cy])
        d = np.hypot(off[:, 0], off[:, 1])
        wgt = (d / r) ** (strength - 1)
        wgt[d > r] = 1.
        return np.array([cx, cy]) + wgt[:, None] * off
    return transform.warp(a.binary, inverse)


def _erase(img, seeds, r):
    disk = morphology.disk(r).astype(bool)
    padded = np.pad(img, r)
    for i, j in zip(*np.nonzero(seeds)):
        padded[i:i + 2 * r + 1, j:j + 2 * r + 1] &= ~disk
    return padded[r:-r, r:-r]


def _neighbours(skel):
    k = np.ones((3, 3), int)
    k[1, 1] = 0
    return ndimage.convolve(skel.astype(int), k, mode='constant') * skel


def frac(a, rng, thickness=1.5, prune=2., num=3):
    skel = a.skeleton
    p = int(prune * SCALE)
    pruned = _erase(skel, _neighbours(skel) == 1, p)
    pruned = _erase(pruned, _neighbours(pruned) == 3, p)
    coords = np.argwhere(pruned)
    if len(coords) == 0:
        coords = np.argwhere(skel)
    r = int(np.ceil((thickness * SCALE - 1) / 2))
    disk = morphology.disk(r).astype(bool)
    out = np.pad(a.binary, r)
    win = 2 * SCALE
    padded_skel = np.pad(skel, win)
    for ci, cj in coords[rng.integers(len(coords), size=num)]:
        _, _, u20, u11, u02 = moments(padded_skel[ci:ci + 2 * win + 1, cj:cj + 2 * win + 1])
        angle = .5 * np.arctan2(2 * u11, u20 - u02) + np.pi / 2
        half = a.distance[ci, cj] + .5 * SCALE
        n = half * np.array([np.sin(angle), np.cos(angle)])
        p0 = (np.array([ci, cj]) + n).astype(int)
        p1 = (np.array([ci, cj]) - n).astype(int)
        for i, j in zip(*draw.line(*p0, *p1)):
            i0, j0 = i, j  # brush centred on the line pixel (padded offset r)
            if i0 < 0 or j0 < 0 or i0 + 2 * r + 1 > out.shape[0] or j0 + 2 * r + 1 > out.shape[1]:
                continue  # the reference skips a brush that would leave the image
            out[i0:i0 + 2 * r + 1, j0:j0 + 2 * r + 1] &= ~disk
    return out[r:-r, r:-r]


OPS = {'thin': thin, 'thic': thic, 'swel': swel, 'frac': frac}


def _pool_item(args):
    op, k, img = args
    rng = np.random.default_rng(k)
    if op != 'none':
        a = Analysis(img)
        img = a.downscale(OPS[op](a, rng))
    return measure(img)


def main():
    cmd, path, first, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    if cmd == 'pool':
        import multiprocessing
        import resource
        op, prefix, procs = sys.argv[5], sys.argv[6], int(sys.argv[7])
        images = load_idx(path)[first:first + count]
        t0 = time.perf_counter()
        with multiprocessing.Pool(procs) as pool:
            rows = pool.map(_pool_item, [(op, k, img) for k, img in enumerate(images)], chunksize=max(1, min(100, count // procs)))
        wall = time.perf_counter() - t0
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = usage.ru_utime + usage.ru_stime + time.process_time()
        write_csv(prefix + '.csv', first, rows)
        print(f"{op} + measure: {count} images, wall {wall / count * 1e3:.3f} ms/image, cpu {cpu / count * 1e3:.3f} ms/image ({procs} processes)")
        return
    images = load_idx(path)[first:first + count]
    if cmd == 'measure':
        t0, c0 = time.perf_counter(), time.process_time()
        rows = [measure(img) for img in images]
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        write_csv(sys.argv[5], first, rows)
        print(f"measure: {count} images, wall {wall / count * 1e3:.3f} ms/image, cpu {cpu / count * 1e3:.3f} ms/image")
        return
    op, prefix = OPS[sys.argv[5]], sys.argv[6]
    rng = np.random.default_rng(0)
    out = np.empty((count, 28, 28), np.uint8)
    rows = []
    t0, c0 = time.perf_counter(), time.process_time()
    for k, img in enumerate(images):
        a = Analysis(img)
        out[k] = a.downscale(op(a, rng))
        rows.append(measure(out[k]))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    np.save(prefix + '.npy', out)
    write_csv(prefix + '.csv', first, rows)
    print(f"perturb {sys.argv[5]} + measure: {count} images, wall {wall / count * 1e3:.3f} ms/image, cpu {cpu / count * 1e3:.3f} ms/image")


def write_csv(path, first, rows):
    with open(path, 'w') as f:
        f.write('index,area,length,thickness,slant,width,height\n')
        for k, row in enumerate(rows):
            f.write(','.join([str(first + k)] + [repr(float(v)) for v in row]) + '\n')


if __name__ == '__main__':
    main()
