import hashlib
import os
import shutil

import numpy as np
import pytest

from digitforge import ApiError
from digitforge.datasets import Dataset, DownloadError

SPEC = {"generator": "mnist1d", "splits": {"train": 240, "test": 60}}


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_spec_downloads_once_and_loads_as_numpy(client, cache):
    ds = client.dataset(SPEC, root=cache)

    arrays = ds.load()

    assert arrays["x_train"].shape == (240, 40)
    assert arrays["y_train"].shape == (240,)
    assert arrays["x_test"].shape == (60, 40)
    assert set(np.unique(arrays["y_train"])) <= set(range(10))
    path = os.path.join(ds.directory, "dataset.npz")
    stamp = os.stat(path).st_mtime_ns
    assert ds.download("npz") == path and os.stat(path).st_mtime_ns == stamp  # cached: not fetched again
    assert client.dataset(ds.id, root=cache).id == ds.id  # by id too
    assert Dataset.cached_id(SPEC, cache) == ds.id


def test_interrupted_download_resumes_with_range_to_identical_bytes(client, cache, monkeypatch):
    ds = client.dataset(SPEC, root=cache)
    full = ds.download("npz")
    reference = sha256(full)
    data = open(full, "rb").read()
    etag = client.open("GET", f"/api/datasets/{ds.id}/download", params={"format": "npz"}).headers["ETag"]
    os.remove(full)
    with open(full + ".part", "wb") as f:
        f.write(data[: len(data) // 2])
    with open(full + ".part.etag", "w") as f:
        f.write(etag)
    sent = []
    original = client.open

    def recording(method, path, params=None, body=None, headers=None, timeout=None):
        sent.append(dict(headers or {}))
        response = original(method, path, params=params, body=body, headers=headers, timeout=timeout)
        sent[-1]["status"] = response.status
        return response

    monkeypatch.setattr(client, "open", recording)

    path = ds.download("npz")

    assert sent[0]["Range"] == f"bytes={len(data) // 2}-" and sent[0]["status"] == 206
    assert sha256(path) == reference
    assert not os.path.exists(full + ".part")


def test_a_corrupted_partial_download_is_detected_by_the_crc_check(client, cache):
    ds = client.dataset(SPEC, root=cache)
    full = ds.download("npz")
    data = bytearray(open(full, "rb").read())
    etag = client.open("GET", f"/api/datasets/{ds.id}/download", params={"format": "npz"}).headers["ETag"]
    os.remove(full)
    data[200] ^= 0xFF  # inside the first member's data
    with open(full + ".part", "wb") as f:
        f.write(data[: len(data) // 2])
    with open(full + ".part.etag", "w") as f:
        f.write(etag)

    with pytest.raises(DownloadError):
        ds.download("npz")
    assert not os.path.exists(full)


def test_rows_iterate_across_pages(client, cache):
    ds = client.dataset(SPEC, root=cache)

    rows = list(ds.rows("train", offset=10, limit=150, page=64))

    assert len(rows) == 150
    assert all("label" in row for row in rows)
    arrays = ds.load()
    assert [int(row["label"]) for row in rows] == arrays["y_train"][10:160].tolist()


def test_bad_spec_is_an_api_error_naming_the_field(client, cache):
    with pytest.raises(ApiError) as error:
        client.dataset({"generator": "mnist1d", "parameters": {"mode": "bogus"}}, root=cache)

    assert error.value.status == 400
    assert "parameters.mode" in error.value.errors


def test_data_status_names_the_source_origin(client):
    status = client.data_status()

    mnist = [s for s in status if s["source"] == "mnist" and s["available"]]
    assert mnist, "the test server has MNIST digits"
    assert all("originId" in s for s in mnist)


def test_npz_text_extras_are_numpy_unicode_arrays(client, cache):
    ds = client.dataset({"generator": "compositional-benchmark", "parameters": {"compositions": "invert-swirl\nswirl"},
                         "splits": {"train": 14, "test": 6}}, root=cache)

    arrays = ds.load()

    assert arrays["composition_names"].dtype.kind == "U"
    assert arrays["composition_names"].tolist() == ["invert-swirl", "swirl"]
    assert len(arrays["elemental_names"]) == 7


def test_parquet_split_downloads_whole(client, cache):
    ds = client.dataset(SPEC, root=cache)

    path = ds.download("parquet", split="test")

    data = open(path, "rb").read()
    assert path.endswith("test-00000-of-00001.parquet")
    assert data[:4] == b"PAR1" and data[-4:] == b"PAR1"
