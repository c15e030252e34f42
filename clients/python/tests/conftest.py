"""The tests run against a real DigitForge server: scripts/test-python.sh starts one (fresh data directory, source
digits imported) and sets DIGITFORGE_URL. Without it every test is skipped, saying so."""

import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from digitforge import Client  # noqa: E402


@pytest.fixture(scope="session")
def client():
    url = os.environ.get("DIGITFORGE_URL")
    if not url:
        pytest.skip("DIGITFORGE_URL is not set: run scripts/test-python.sh, which starts a test server")
    client = Client(url)
    client.health()
    return client


@pytest.fixture()
def cache(tmp_path):
    return str(tmp_path / "cache")
