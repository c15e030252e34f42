"""DigitForge from Python: datasets as NumPy arrays or PyTorch datasets, tracking like MLflow, experiment jobs.

    import digitforge
    client = digitforge.Client()                      # $DIGITFORGE_URL (default http://localhost:5080), $DIGITFORGE_API_KEY
    ds = client.dataset({"generator": "mnist1d"})     # or client.dataset("<64-hex id>")
    arrays = ds.load()                                # {"x_train": ndarray, "y_train": ..., "x_test": ..., ...}
    with client.start_run(experiment="mine") as run:
        run.log_params({"lr": 0.01}); run.log_metric("loss", 0.3, step=1)

PyTorch (optional): ``from digitforge.torch import DigitForgeDataset``.
"""

from .client import ApiError, Client
from .datasets import Dataset
from .experiments import Job
from .tracking import ActiveRun

__all__ = ["ActiveRun", "ApiError", "Client", "Dataset", "Job", "start_run"]
__version__ = "0.1.0"


def start_run(experiment=None, name=None, tags=None, client=None, **kwargs):
    """``digitforge.start_run(...)`` on a default :class:`Client` (from the environment), like ``mlflow.start_run``."""
    return (client or Client()).start_run(experiment=experiment, name=name, tags=tags, **kwargs)
