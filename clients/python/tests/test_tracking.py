import numpy as np
import pytest

import digitforge


def test_a_training_loop_logs_to_a_run_visible_in_the_api(client, tmp_path):
    checkpoint = tmp_path / "model.pt"
    checkpoint.write_bytes(b"weights" * 100)

    with client.start_run(experiment="python-client-tests", name="loop", tags={"seed": 7}) as run:
        run.log_params({"lr": 0.01, "model": "mlp"})
        run.set_tag("stage", "test")
        for step in range(1200):  # more than one batch (1,000 points) of metrics
            run.log_metric("train/loss", 1.0 / (step + 1), step=step)
        run.log_metrics({"val/acc": 0.9, "val/loss": 0.25}, step=1199)
        run.log_image("samples", np.linspace(0, 1, 28 * 28).reshape(28, 28), step=3)
        run.log_artifact(str(checkpoint), "checkpoints/model.pt")

    info = client.run(run.id)
    assert info["status"] == "FINISHED"
    text = str(info)
    assert "lr" in text and "0.01" in text and "stage" in text
    history = client.get(f"/api/runs/{run.id}/metrics/history", key="train/loss", maxPoints=5000)
    assert len(history["steps"]) == 1200 and history["steps"][-1] == 1199
    images = client.get(f"/api/runs/{run.id}/images")
    assert "samples" in str(images)
    artifacts = client.get(f"/api/runs/{run.id}/artifacts/")
    assert "checkpoints/model.pt" in str(artifacts) or "model.pt" in str(artifacts)
    with client.open("GET", f"/api/runs/{run.id}/artifacts/checkpoints/model.pt") as response:
        assert response.read() == checkpoint.read_bytes()
    found = client.search_runs(filter="params.model = 'mlp'")
    assert run.id in str(found)


def test_an_exception_ends_the_run_failed_with_the_error(client):
    with pytest.raises(ValueError):
        with digitforge.start_run(experiment="python-client-tests", name="broken", client=client) as run:
            run.log_metric("x", 1.0)
            raise ValueError("diverged")

    info = client.run(run.id)
    assert info["status"] == "FAILED"
    assert "diverged" in str(info)
