"""Tracking from your own training loop, MLflow-style: a run as a context manager, params, batched metrics, tags,
images and artifacts, all visible in DigitForge's UI (/runs) and API (/api/runs)."""

import io
import math
import os
import struct
import threading
import time
import urllib.parse
import zlib

import numpy as np


class ActiveRun:
    """A RUNNING run. Use as a context manager: it ends FINISHED, or FAILED (with the error in the tag
    ``digitforge.error``) when the block raises. Metrics are buffered and sent in batches (``flush_every`` points or
    ``flush_seconds``, and at the end); params, tags, images and artifacts go at once."""

    MAX_BATCH = 1000

    def __init__(self, client, run, flush_every=500, flush_seconds=2.0):
        self.client = client
        self.info = run
        self.id = run["id"]
        self._metrics = []
        self._lock = threading.Lock()
        self._flush_every = min(flush_every, self.MAX_BATCH)
        self._flush_seconds = flush_seconds
        self._last_flush = time.monotonic()
        self.ended = False

    @classmethod
    def create(cls, client, experiment=None, name=None, tags=None, dataset_id=None, notes=None, parent_run_id=None, **options):
        body = {"experimentName": experiment or "Default", "status": "RUNNING"}
        if name:
            body["name"] = name
        if tags:
            body["tags"] = {str(k): str(v) for k, v in tags.items()}
        if dataset_id:
            body["datasetSpecId"] = dataset_id
        if notes:
            body["notes"] = notes
        if parent_run_id:
            body["parentRunId"] = parent_run_id
        return cls(client, client.request("POST", "/api/runs", json_body=body), **options)

    def __repr__(self):
        return f"ActiveRun({self.id})"

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.end("FINISHED")
        else:
            try:
                self.set_tag("digitforge.error", f"{exc_type.__name__}: {exc}"[:4000])
            finally:
                self.end("KILLED" if exc_type is KeyboardInterrupt else "FAILED")
        return False

    @property
    def url(self):
        return f"{self.client.base_url}/runs/{self.id}"

    # -- params and tags ---------------------------------------------------------------------------------------
    def log_param(self, key, value):
        self.log_params({key: value})

    def log_params(self, params):
        items = [{"key": str(k), "value": _text(v)} for k, v in params.items()]
        for start in range(0, len(items), 100):
            self._batch(params=items[start:start + 100])

    def set_tag(self, key, value):
        self.set_tags({key: value})

    def set_tags(self, tags):
        items = [{"key": str(k), "value": _text(v)} for k, v in tags.items()]
        for start in range(0, len(items), 100):
            self._batch(tags=items[start:start + 100])

    # -- metrics -----------------------------------------------------------------------------------------------
    def log_metric(self, key, value, step=None, timestamp=None):
        self.log_metrics({key: value}, step=step, timestamp=timestamp)

    def log_metrics(self, metrics, step=None, timestamp=None):
        stamp = int(timestamp if timestamp is not None else time.time() * 1000)
        points = [{"key": str(k), "value": _number(v), "step": int(step or 0), "timestamp": stamp} for k, v in metrics.items()]
        with self._lock:
            self._metrics.extend(points)
            due = len(self._metrics) >= self._flush_every or time.monotonic() - self._last_flush >= self._flush_seconds
        if due:
            self.flush()

    def flush(self):
        """Sends the buffered metric points (at most 1,000 per request, the server's default limit)."""
        with self._lock:
            points, self._metrics = self._metrics, []
            self._last_flush = time.monotonic()
        for start in range(0, len(points), self.MAX_BATCH):
            self._batch(metrics=points[start:start + self.MAX_BATCH])

    # -- files -------------------------------------------------------------------------------------------------
    def log_image(self, key, image, step=0):
        """``image``: PNG bytes, a path to a PNG, a PIL image, or a NumPy array (H x W or H x W x 3; uint8, or floats
        in 0..1)."""
        png = _png_bytes(image)
        self.client.request("POST", f"/api/runs/{self.id}/images", params={"key": key, "step": int(step)},
                            data=png, content_type="image/png")

    def log_artifact(self, local_path, artifact_path=None):
        """Uploads a file (or every file of a folder) under ``artifact_path`` (default: the file's name)."""
        if os.path.isdir(local_path):
            for folder, _, files in os.walk(local_path):
                for name in sorted(files):
                    full = os.path.join(folder, name)
                    relative = os.path.relpath(full, local_path).replace(os.sep, "/")
                    self.log_artifact(full, f"{artifact_path.rstrip('/')}/{relative}" if artifact_path else relative)
            return
        target = artifact_path or os.path.basename(local_path)
        with open(local_path, "rb") as f:
            data = f.read()
        quoted = "/".join(urllib.parse.quote(part, safe="") for part in target.split("/"))
        self.client.request("PUT", f"/api/runs/{self.id}/artifacts/{quoted}", data=data, content_type="application/octet-stream")

    def log_text(self, text, artifact_path):
        quoted = "/".join(urllib.parse.quote(part, safe="") for part in artifact_path.split("/"))
        self.client.request("PUT", f"/api/runs/{self.id}/artifacts/{quoted}", data=text.encode("utf-8"), content_type="text/plain")

    # -- end ---------------------------------------------------------------------------------------------------
    def end(self, status="FINISHED"):
        if self.ended:
            return
        try:
            self.flush()
        finally:
            self.client.request("PATCH", f"/api/runs/{self.id}", json_body={"status": status})
            self.ended = True

    def _batch(self, metrics=None, params=None, tags=None):
        body = {}
        if metrics:
            body["metrics"] = metrics
        if params:
            body["params"] = params
        if tags:
            body["tags"] = tags
        if body:
            self.client.request("POST", f"/api/runs/{self.id}/log-batch", json_body=body)


def _text(value):
    return value if isinstance(value, str) else str(value)


def _number(value):
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def _png_bytes(image):
    if isinstance(image, (bytes, bytearray)):
        return bytes(image)
    if isinstance(image, (str, os.PathLike)):
        with open(image, "rb") as f:
            return f.read()
    if hasattr(image, "save") and not isinstance(image, np.ndarray):  # PIL
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()
    if hasattr(image, "detach"):  # a torch tensor (C x H x W or H x W)
        image = image.detach().cpu().numpy()
        if image.ndim == 3 and image.shape[0] in (1, 3):
            image = np.transpose(image, (1, 2, 0))
    return encode_png(np.asarray(image))


def encode_png(array):
    """A minimal PNG encoder (8-bit gray or RGB) so logging images needs no PIL."""
    if array.dtype != np.uint8:
        array = np.clip(np.nan_to_num(array.astype(np.float64)) * 255.0, 0, 255).astype(np.uint8)
    if array.ndim == 3 and array.shape[2] == 1:
        array = array[:, :, 0]
    if array.ndim == 2:
        color = 0
    elif array.ndim == 3 and array.shape[2] == 3:
        color = 2
    else:
        raise ValueError(f"an image is H x W or H x W x 3, got shape {array.shape}")
    height, width = array.shape[:2]
    rows = np.ascontiguousarray(array).reshape(height, -1)
    raw = b"".join(b"\x00" + rows[r].tobytes() for r in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, color, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")
