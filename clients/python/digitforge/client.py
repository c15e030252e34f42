"""The HTTP client: base URL and API key from the environment, JSON in and out, problem details as exceptions."""

import json
import os
import urllib.error
import urllib.parse
import urllib.request

DEFAULT_URL = "http://localhost:5080"


class ApiError(Exception):
    """A non-2xx answer. ``status`` is the HTTP status; ``problem`` the RFC 9457 problem details when the server sent
    them (``errors`` names the bad fields of a 400)."""

    def __init__(self, status, problem, method, url):
        self.status = status
        self.problem = problem if isinstance(problem, dict) else {"detail": str(problem)}
        self.method = method
        self.url = url
        detail = self.problem.get("detail") or self.problem.get("title") or ""
        errors = self.problem.get("errors")
        if errors:
            detail += " " + "; ".join(f"{k}: {' '.join(v) if isinstance(v, list) else v}" for k, v in errors.items())
        super().__init__(f"{method} {url} -> {status}: {detail.strip()}")

    @property
    def errors(self):
        return self.problem.get("errors") or {}


class Client:
    """A DigitForge server.

    ``base_url`` defaults to ``$DIGITFORGE_URL`` (else ``http://localhost:5080``); ``api_key`` to
    ``$DIGITFORGE_API_KEY`` (sent as ``Authorization: Bearer``; needed for tracking writes once the server has keys).
    """

    def __init__(self, base_url=None, api_key=None, timeout=60.0):
        self.base_url = (base_url or os.environ.get("DIGITFORGE_URL") or DEFAULT_URL).rstrip("/")
        self.api_key = api_key if api_key is not None else os.environ.get("DIGITFORGE_API_KEY")
        self.timeout = timeout

    def __repr__(self):
        return f"Client({self.base_url!r})"

    # -- plumbing ----------------------------------------------------------------------------------------------
    def url(self, path, params=None):
        url = path if path.startswith(("http://", "https://")) else self.base_url + path
        if params:
            query = urllib.parse.urlencode({k: _query_value(v) for k, v in params.items() if v is not None})
            url += ("&" if "?" in url else "?") + query
        return url

    def headers(self, extra=None):
        headers = {"Accept": "application/json", "User-Agent": "digitforge-python/0.1"}
        if self.api_key:
            headers["Authorization"] = "Bearer " + self.api_key
        headers.update(extra or {})
        return headers

    def open(self, method, path, params=None, body=None, headers=None, timeout=None):
        """Sends a request and returns the open response (a file-like object); raises :class:`ApiError` on non-2xx."""
        url = self.url(path, params)
        request = urllib.request.Request(url, data=body, method=method, headers=self.headers(headers))
        try:
            return urllib.request.urlopen(request, timeout=timeout or self.timeout)
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                problem = json.loads(raw.decode("utf-8")) if raw else {}
            except (UnicodeDecodeError, ValueError):
                problem = {"detail": raw[:500].decode("utf-8", "replace")}
            raise ApiError(error.code, problem, method, url) from None
        except urllib.error.URLError as error:
            raise ConnectionError(f"{method} {url}: {error.reason} (is DigitForge running? set DIGITFORGE_URL)") from None

    def request(self, method, path, json_body=None, params=None, data=None, content_type=None):
        """JSON request; returns the decoded JSON answer (None for an empty body)."""
        headers = {}
        if json_body is not None:
            data = json.dumps(json_body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        elif content_type:
            headers["Content-Type"] = content_type
        with self.open(method, path, params=params, body=data, headers=headers) as response:
            raw = response.read()
            kind = response.headers.get("Content-Type") or ""
        if not raw:
            return None
        text = raw.decode("utf-8")
        return json.loads(text) if "json" in kind or text[:1] in "{[" else text

    def get(self, path, **params):
        return self.request("GET", path, params=params)

    def post(self, path, json_body=None, **params):
        return self.request("POST", path, json_body=json_body if json_body is not None else {}, params=params)

    # -- entry points ------------------------------------------------------------------------------------------
    def health(self):
        return self.get("/health")

    def data_status(self):
        """What source data the server has (``/api/data/status``): counts and origin per source split."""
        return self.get("/api/data/status")

    def generators(self):
        return self.get("/api/generators")

    def dataset(self, spec_or_id, root=None):
        """A :class:`~digitforge.datasets.Dataset` from a spec (dict or JSON text) or a 64-hex dataset id."""
        from .datasets import Dataset

        return Dataset(self, spec_or_id, root=root)

    def start_run(self, experiment=None, name=None, tags=None, **kwargs):
        """A tracked run as a context manager (see :class:`~digitforge.tracking.ActiveRun`)."""
        from .tracking import ActiveRun

        return ActiveRun.create(self, experiment=experiment, name=name, tags=tags, **kwargs)

    def experiment_kinds(self):
        return self.get("/api/experiments/kinds")

    def launch(self, kind, parameters=None, experiment=None, name=None, wait=False, timeout=None, poll=1.0):
        """Launches an experiment job of ``kind`` (``classifier``, ``mnist1d-benchmark``, ``sweep``, ...).

        Returns the :class:`~digitforge.experiments.Job`; with ``wait=True`` once it has ended (raising
        :class:`~digitforge.experiments.JobFailed` when it failed or was cancelled)."""
        from .experiments import Job

        body = {"parameters": parameters or {}}
        if experiment:
            body["experimentName"] = experiment
        if name:
            body["name"] = name
        job = Job(self, self.request("POST", f"/api/experiments/{urllib.parse.quote(kind)}/runs", json_body=body))
        return job.wait(timeout=timeout, poll=poll) if wait else job

    def job(self, job_id):
        from .experiments import Job

        return Job(self, self.get(f"/api/jobs/{urllib.parse.quote(job_id)}"))

    def run(self, run_id):
        return self.get(f"/api/runs/{urllib.parse.quote(run_id)}")

    def search_runs(self, experiment_id=None, filter=None, order_by=None, max_results=None):
        return self.get("/api/runs", experimentId=experiment_id, filter=filter, orderBy=order_by, maxResults=max_results)


def _query_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
