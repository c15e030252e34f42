"""``DigitForgeDataset``: a DigitForge dataset as a ``torch.utils.data.Dataset`` in torchvision's conventions.

    from digitforge.torch import DigitForgeDataset
    from torchvision import transforms
    train = DigitForgeDataset({"generator": "morpho-plain", "splits": {"train": 5000, "test": 1000}}, root="data",
                              split="train", download=True, transform=transforms.ToTensor())
    image, target = train[0]          # a PIL image through the transform, an int class
    train.classes                     # ["0", "1", ..., "9"]

Needs torch (and PIL for image datasets, as torchvision); 1-D datasets (MNIST-1D) give float tensors.
"""

import json
import os

import numpy as np
import torch
from torch.utils.data import Dataset as _TorchDataset

from .client import Client
from .datasets import Dataset, spec_key


class DigitForgeDataset(_TorchDataset):
    """``DigitForgeDataset(spec, root, split="train", download=True, transform=None, target_transform=None)``.

    ``spec``: a dataset spec (dict / JSON text) or a dataset id. ``root``: the cache folder (files under
    ``<root>/<dataset id>/``). ``download``: fetch when not cached (else, like torchvision, a RuntimeError); a spec
    downloaded before is found again offline. Attributes as torchvision's MNIST: ``data`` (uint8 tensor, N x H x W
    [x C], or float for 1-D data), ``targets`` (int64 tensor), ``classes`` (list of str), ``class_to_idx``.
    """

    def __init__(self, spec, root=None, split="train", download=True, transform=None, target_transform=None, client=None):
        super().__init__()
        self.root = os.path.expanduser(root) if root is not None else None
        self.split = split
        self.transform = transform
        self.target_transform = target_transform
        arrays, info = self._load(spec, download, client)
        label = info["label"]["array"]
        image = (info.get("image") or {}).get("arrayName")
        first = image or next(a["name"] for a in info["arrays"] if a["name"] != label)
        key_x, key_y = f"{first}_{split}", f"{label}_{split}"
        if key_x not in arrays:
            splits = sorted({k.rsplit("_", 1)[1] for k in arrays if "_" in k and k.startswith(first + "_")})
            raise ValueError(f"split {split!r} is not in this dataset; it has {splits}")
        self.info = info
        self.is_image = image is not None
        x, y = arrays[key_x], arrays[key_y]
        self.data = torch.from_numpy(np.ascontiguousarray(x))
        self.targets = torch.from_numpy(y.astype(np.int64)) if y.ndim == 1 else torch.from_numpy(y.astype(np.int64))
        present = sorted({int(v) for v in np.unique(y)}) if y.ndim == 1 else []
        count = max(present) + 1 if present else 0
        self.classes = [str(i) for i in range(count)]
        self.class_to_idx = {c: i for i, c in enumerate(self.classes)}

    def _load(self, spec, download, client):
        if isinstance(spec, Dataset):
            dataset = spec
        else:
            cached = None
            if not download or client is None:
                cached = self._cached(spec)
            if cached is not None:
                return cached
            if not download:
                raise RuntimeError("Dataset not found. You can use download=True to download it")
            dataset = Dataset(client or Client(), spec, root=self.root)
        path = dataset.download("npz")
        with open(os.path.join(dataset.directory, "info.json"), "w", encoding="utf-8") as f:
            json.dump(dataset.info, f)
        with np.load(path, allow_pickle=False) as npz:
            return {n: npz[n] for n in npz.files}, dataset.info

    def _cached(self, spec):
        from .datasets import default_root

        root = self.root or default_root()
        dataset_id = spec if isinstance(spec, str) and len(spec) == 64 else Dataset.cached_id(spec, root)
        if dataset_id is None:
            return None
        folder = os.path.join(root, dataset_id)
        npz, info = os.path.join(folder, "dataset.npz"), os.path.join(folder, "info.json")
        if not (os.path.exists(npz) and os.path.exists(info)):
            return None
        with open(info, encoding="utf-8") as f:
            meta = json.load(f)
        with np.load(npz, allow_pickle=False) as arrays:
            return {n: arrays[n] for n in arrays.files}, meta

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, index):
        x = self.data[index]
        target = int(self.targets[index]) if self.targets.ndim == 1 else self.targets[index]
        if self.is_image:
            x = _to_pil(x.numpy())
        else:
            x = x.to(torch.get_default_dtype())
        if self.transform is not None:
            x = self.transform(x)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return x, target

    def extra_repr(self):
        return f"Split: {self.split}"

    def __repr__(self):
        return f"DigitForgeDataset({self.info['id'][:12]}..., split={self.split!r}, rows={len(self)})"


def _to_pil(array):
    try:
        from PIL import Image
    except ImportError:  # no PIL: hand over the array, as a tensor transform can take it
        return torch.from_numpy(array.copy())
    if array.dtype != np.uint8:
        array = np.clip(array * (255 if array.max() <= 1 else 1), 0, 255).astype(np.uint8)
    return Image.fromarray(array, mode="L" if array.ndim == 2 else "RGB")


__all__ = ["DigitForgeDataset", "spec_key"]
