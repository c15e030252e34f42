import pytest

from digitforge import ApiError


def test_kinds_are_listed(client):
    names = [k["name"] for k in client.experiment_kinds()]

    assert "classifier" in names


def test_bad_parameters_are_refused_naming_the_field(client):
    with pytest.raises(ApiError) as error:
        client.launch("classifier", {"steps": -5})

    assert error.value.status == 400
    assert any("steps" in field for field in error.value.errors)


def test_launch_a_classifier_and_wait_for_it(client):
    try:
        client.get("/api/engine")
    except ApiError as error:
        pytest.skip(f"the training engine is not installed on the test server ({error})")

    job = client.launch(
        "classifier",
        {"model": "logistic", "steps": 30, "dataset": '{"generator":"mnist1d","splits":{"train":240,"test":60}}'},
        experiment="python-client-tests",
        wait=True,
        timeout=300,
        poll=0.5,
    )

    assert job.status == "FINISHED"
    run = job.run()
    assert run["status"] == "FINISHED"
    assert "test" in str(run.get("latestMetrics") or run.get("metrics") or run)
