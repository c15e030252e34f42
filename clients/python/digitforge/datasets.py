"""Datasets: from a spec or an id, downloaded once into a cache (resumable with Range, verified), loaded as NumPy."""

import hashlib
import json
import os
import re
import urllib.parse
import zipfile

import numpy as np

from .client import ApiError

_ID = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1 << 20


def default_root():
    """``$DIGITFORGE_CACHE``, else ``$XDG_CACHE_HOME/digitforge-python``, else ``~/.cache/digitforge-python``."""
    if os.environ.get("DIGITFORGE_CACHE"):
        return os.environ["DIGITFORGE_CACHE"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "digitforge-python")


def spec_key(spec):
    """A local name for a spec (sorted-key JSON hashed): finds a cached dataset again without the server."""
    text = spec if isinstance(spec, str) else json.dumps(spec, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class DownloadError(Exception):
    """A download that did not give the file the server described (size or CRC-32 mismatch)."""


class Dataset:
    """A DigitForge dataset.

    ``spec_or_id``: a spec (``{"generator": "morpho-plain", "splits": {"train": 1000}}``, dict or JSON text) — created
    on the server (idempotent: the same spec is the same id) — or a dataset id (64 hex digits). ``root``: the cache
    folder (default :func:`default_root`); files go to ``<root>/<id>/``.
    """

    def __init__(self, client, spec_or_id, root=None):
        self.client = client
        self.root = os.path.expanduser(root or default_root())
        if isinstance(spec_or_id, str) and _ID.match(spec_or_id.strip().lower()):
            self.info = client.get(f"/api/datasets/{spec_or_id.strip().lower()}")
        else:
            spec = json.loads(spec_or_id) if isinstance(spec_or_id, str) else spec_or_id
            self.info = client.request("POST", "/api/datasets", json_body=spec)
            _remember(self.root, spec, self.info["id"])

    def __repr__(self):
        return f"Dataset({self.id[:12]}..., generator={self.generator!r}, splits={self.splits})"

    @property
    def id(self):
        return self.info["id"]

    @property
    def spec(self):
        """The canonical spec: defaults filled in; ``origins`` names source data other than the official files."""
        return self.info["spec"]

    @property
    def generator(self):
        return self.info["spec"]["generator"]

    @property
    def splits(self):
        return {s["name"]: s["rows"] for s in self.info["splits"]}

    @property
    def directory(self):
        return os.path.join(self.root, self.id)

    # -- files -------------------------------------------------------------------------------------------------
    def download(self, format="npz", split=None, array=None, force=False):
        """The path of the dataset's ``format`` file (``npz``, ``zip``, ``npy`` with ``split``/``array``, ``parquet`` with
        ``split``: the Hugging Face datasets layout), downloading it
        when it is not cached yet. An interrupted download resumes where it stopped (HTTP Range, checked with If-Range
        against the ETag); the result is verified (size, and every member's CRC-32 for npz/zip) before it is renamed
        into place, so a cached file is always complete."""
        params = {"format": format, "split": split, "array": array}
        name = _file_name(format, split, array)
        path = os.path.join(self.directory, name)
        if os.path.exists(path) and not force:
            return path
        os.makedirs(self.directory, exist_ok=True)
        part = path + ".part"
        etag_file = part + ".etag"
        have = os.path.getsize(part) if os.path.exists(part) else 0
        etag = open(etag_file, encoding="utf-8").read().strip() if have and os.path.exists(etag_file) else None
        headers = {"Accept": "*/*"}
        if have and etag:
            headers["Range"] = f"bytes={have}-"
            headers["If-Range"] = etag
        try:
            response = self.client.open("GET", f"/api/datasets/{self.id}/download", params=params, headers=headers, timeout=300)
        except ApiError as error:
            if error.status != 416:
                raise
            # The part file is already whole (or longer than the file): start again.
            os.remove(part)
            response = self.client.open("GET", f"/api/datasets/{self.id}/download", params=params, timeout=300)
            have = 0
        with response:
            status = response.status
            expected = _expected_length(response, have if status == 206 else 0)
            new_etag = response.headers.get("ETag")
            if new_etag:
                with open(etag_file, "w", encoding="utf-8") as f:
                    f.write(new_etag)
            with open(part, "ab" if status == 206 else "wb") as out:
                while True:
                    chunk = response.read(_CHUNK)
                    if not chunk:
                        break
                    out.write(chunk)
        size = os.path.getsize(part)
        if expected is not None and size != expected:
            raise DownloadError(f"{name}: got {size} bytes, the server announced {expected}; call download() again to resume.")
        _verify(part, format)
        os.replace(part, path)
        if os.path.exists(etag_file):
            os.remove(etag_file)
        return path

    def load(self, download=True):
        """Every array of the NPZ as NumPy arrays: ``{"x_train": ..., "y_train": ..., "x_test": ..., ...}``."""
        path = os.path.join(self.directory, "dataset.npz")
        if not os.path.exists(path):
            if not download:
                raise FileNotFoundError(f"{path} is not downloaded; use download=True")
            path = self.download("npz")
        with np.load(path, allow_pickle=False) as npz:
            return {name: npz[name] for name in npz.files}

    def arrays(self, split="train"):
        """``(x, y)`` of one split: the layout's first array and its label array."""
        data = self.load()
        label = self.info["label"]["array"]
        image = (self.info.get("image") or {}).get("arrayName") or self.info["arrays"][0]["name"]
        return data[f"{image}_{split}"], data[f"{label}_{split}"]

    # -- rows --------------------------------------------------------------------------------------------------
    def rows(self, split="train", offset=0, limit=None, page=100):
        """Rows as dicts (the Hugging Face viewer's row format: arrays as lists, images as PNG URLs), generated on
        demand page by page — no download needed."""
        total = self.splits[split]
        end = total if limit is None else min(total, offset + limit)
        position = offset
        while position < end:
            length = min(page, end - position)
            answer = self.client.get(f"/api/datasets/{self.id}/rows", split=split, offset=position, length=length)
            for item in answer["rows"]:
                yield item["row"] if "row" in item else item
            got = len(answer["rows"])
            if got == 0:
                break
            position += got

    @staticmethod
    def cached_id(spec, root=None):
        """The id a spec had when it was last created through this package under ``root`` (None if never)."""
        index = os.path.join(os.path.expanduser(root or default_root()), "specs", spec_key(spec))
        return open(index, encoding="utf-8").read().strip() if os.path.exists(index) else None


def _remember(root, spec, dataset_id):
    folder = os.path.join(root, "specs")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, spec_key(spec)), "w", encoding="utf-8") as f:
        f.write(dataset_id)


def _file_name(format, split, array):
    if format == "npy":
        return f"{split or 'train'}_{array or 'x'}.npy"
    if format == "parquet":
        return f"{split or 'train'}-00000-of-00001.parquet"  # the Hugging Face hub's file naming
    return f"dataset.{format}"


def _expected_length(response, offset):
    content_range = response.headers.get("Content-Range")
    if content_range and "/" in content_range:
        total = content_range.rsplit("/", 1)[1]
        return int(total) if total.isdigit() else None
    length = response.headers.get("Content-Length")
    return offset + int(length) if length and length.isdigit() else None


def _verify(path, format):
    """Zip-based bundles carry a CRC-32 per member: reading every member checks all of them."""
    if format in ("npz", "zip"):
        try:
            with zipfile.ZipFile(path) as archive:
                bad = archive.testzip()
        except zipfile.BadZipFile as error:
            os.remove(path)
            raise DownloadError(f"{path}: not a complete zip ({error}); removed, download again") from None
        if bad is not None:
            os.remove(path)
            raise DownloadError(f"{path}: member {bad} fails its CRC-32; removed, download again")
    elif format == "parquet":
        with open(path, "rb") as f:
            head = f.read(4)
            f.seek(-4, os.SEEK_END)
            tail = f.read(4)
        if head != b"PAR1" or tail != b"PAR1":
            os.remove(path)
            raise DownloadError(f"{path}: not a complete Parquet file; removed, download again")
    elif format == "npy":
        with open(path, "rb") as f:
            if f.read(6) != b"\x93NUMPY":
                raise DownloadError(f"{path}: not an .npy file")
        np.load(path, mmap_mode="r")  # raises when the data is shorter than the header says


def quote(value):
    return urllib.parse.quote(str(value), safe="")
