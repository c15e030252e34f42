"""docs/examples/pytorch_training.py, the notebook-style example, runs as written against the test server (tiny sizes
through its environment knobs) and its run appears in the API with its metrics, image and checkpoint."""

import os
import re
import subprocess
import sys

import pytest

pytest.importorskip("torch", reason="python3-torch is not installed (apt-get install python3-torch)")
pytest.importorskip("torchvision", reason="python3-torchvision is not installed")

EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "docs", "examples", "pytorch_training.py")


def test_the_pytorch_example_trains_and_logs_its_run(client, tmp_path):
    env = dict(os.environ, DIGITFORGE_URL=client.base_url, EXAMPLE_TRAIN="300", EXAMPLE_TEST="100", EXAMPLE_EPOCHS="2",
               EXAMPLE_ROOT=str(tmp_path), EXAMPLE_EXPERIMENT="pytorch-example-test")
    done = subprocess.run([sys.executable, EXAMPLE], env=env, capture_output=True, text=True, timeout=600)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "300 train and 100 test images of (1, 14, 14)" in done.stdout
    run_id = re.search(r"run ([0-9a-f]{32}): FINISHED", done.stdout).group(1)
    run = client.run(run_id)
    assert run["params"]["epochs"] == "2" and run["params"]["model"] == "cnn-16-32"
    assert 0.0 <= run["metrics"]["test/acc"]["value"] <= 1.0
    history = client.get(f"/api/runs/{run_id}/metrics/history", key="train/loss")
    assert len(history["steps"]) == 2 * 5  # 300 rows in batches of 64: 5 steps per epoch
    artifacts = client.get(f"/api/runs/{run_id}/artifacts")
    assert "checkpoints/small-cnn.pt" in str(artifacts)
    images = client.get(f"/api/runs/{run_id}/images", key="samples")
    assert images
