#!/usr/bin/python3
"""Writes a full-size cifar-10-binary.tar.gz stand-in (same layout and sizes as the real 170 MB archive: five
10,000-record train batches, one test batch, in cifar-10-batches-bin/) with random pixels and labels 0-9, so the
import's memory can be measured without internet. Usage: make_fixture.py OUT.tar.gz [seed]"""
import io
import sys
import tarfile

import numpy as np

out = sys.argv[1]
rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
with tarfile.open(out, "w:gz", compresslevel=1) as tar:
    names = [f"data_batch_{b}.bin" for b in range(1, 6)] + ["test_batch.bin"]
    for name in names:
        records = rng.integers(0, 256, size=(10_000, 3073), dtype=np.uint8)
        records[:, 0] = rng.integers(0, 10, size=10_000, dtype=np.uint8)
        data = records.tobytes()
        info = tarfile.TarInfo(f"cifar-10-batches-bin/{name}")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    meta = b"airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n"
    info = tarfile.TarInfo("cifar-10-batches-bin/batches.meta.txt")
    info.size = len(meta)
    tar.addfile(info, io.BytesIO(meta))
