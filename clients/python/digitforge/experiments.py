"""Experiment jobs: launch a registered kind (classifier, mnist1d-benchmark, sweep, ...) and follow it."""

import time
import urllib.parse

ENDED = ("FINISHED", "FAILED", "CANCELLED")


class JobFailed(Exception):
    def __init__(self, job):
        self.job = job
        super().__init__(f"job {job.id} ({job.kind}) ended {job.status}: {job.info.get('error') or 'no reason given'}")


class Job:
    """A submitted job; its id is its run's id (``client.run(job.run_id)``)."""

    def __init__(self, client, info):
        self.client = client
        self.info = info

    def __repr__(self):
        return f"Job({self.id}, {self.kind}, {self.status})"

    @property
    def id(self):
        return self.info["id"]

    @property
    def run_id(self):
        return self.info.get("runId") or self.id

    @property
    def kind(self):
        return self.info.get("kind")

    @property
    def status(self):
        return str(self.info.get("status", "")).upper()

    @property
    def done(self):
        return self.status in ENDED

    def refresh(self):
        self.info = self.client.get(f"/api/jobs/{urllib.parse.quote(self.id)}")
        return self

    def cancel(self):
        self.info = self.client.post(f"/api/jobs/{urllib.parse.quote(self.id)}/cancel")
        return self

    def wait(self, timeout=None, poll=1.0, raise_on_failure=True):
        """Polls until the job ends; ``TimeoutError`` after ``timeout`` seconds; :class:`JobFailed` when it did not
        finish (unless ``raise_on_failure=False``)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.refresh().done:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"job {self.id} is still {self.status} after {timeout} s")
            time.sleep(poll)
        if raise_on_failure and self.status != "FINISHED":
            raise JobFailed(self)
        return self

    def run(self):
        """The job's tracked run (params, latest metrics, tags)."""
        return self.client.run(self.run_id)
