# %% [markdown]
# # Training a small PyTorch model on a DigitForge dataset, tracked in DigitForge
#
# A notebook in plain Python (Jupytext's "percent" cells: VS Code and Jupyter open it as a notebook, `python3` runs it
# top to bottom). It needs a DigitForge server (`./scripts/run.sh`, or `DIGITFORGE_URL`), numpy, torch and torchvision
# (`pip install ./clients/python[torch]`, or Debian's `python3-torch python3-torchvision python3-pil`).
#
# 1. describe a dataset as a spec: real MNIST digits, thickened and blurred, at 14x14 so a CPU trains it in seconds;
# 2. load it as a `torch.utils.data.Dataset` (downloaded once, checksum-verified, cached);
# 3. train a small CNN with an ordinary PyTorch loop, logging params, metrics, sample images and the checkpoint to a
#    DigitForge run, as one would to MLflow;
# 4. find the run again through the API.
#
# The sizes come from the environment so the README test can run this in seconds (`scripts/test-python.sh` does).

# %%
import os
import sys
import tempfile

import torch
from torch import nn
from torchvision import transforms

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "clients", "python"))
import digitforge  # noqa: E402  (installed with pip, or straight from this checkout as above)
from digitforge.torch import DigitForgeDataset  # noqa: E402

TRAIN = int(os.environ.get("EXAMPLE_TRAIN", "4000"))
TEST = int(os.environ.get("EXAMPLE_TEST", "1000"))
EPOCHS = int(os.environ.get("EXAMPLE_EPOCHS", "3"))
EXPERIMENT = os.environ.get("EXAMPLE_EXPERIMENT", "pytorch-example")
torch.manual_seed(0)

client = digitforge.Client()  # $DIGITFORGE_URL, default http://localhost:5080; $DIGITFORGE_API_KEY when keys are on
print(client)

# %% [markdown]
# ## The dataset
# A spec is the whole recipe: the same spec is the same bytes everywhere (its id is the hash of its canonical form).

# %%
spec = {
    "generator": "mnist",
    "parameters": {"size": 14, "filters": "blur:sigma=0.5"},
    "seed": 7,
    "splits": {"train": TRAIN, "test": TEST},
}
root = os.environ.get("EXAMPLE_ROOT") or os.path.join(tempfile.gettempdir(), "digitforge-example")
to_tensor = transforms.ToTensor()
train = DigitForgeDataset(spec, root=root, split="train", download=True, transform=to_tensor, client=client)
test = DigitForgeDataset(spec, root=root, split="test", download=True, transform=to_tensor, client=client)
print(f"{len(train)} train and {len(test)} test images of {tuple(train[0][0].shape)}, classes {train.classes}")

# %% [markdown]
# ## The model and the loop, tracked

# %%
model = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(32 * 3 * 3, len(train.classes)),
)
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
train_loader = torch.utils.data.DataLoader(train, batch_size=64, shuffle=True)
test_loader = torch.utils.data.DataLoader(test, batch_size=256)


def accuracy(loader):
    model.eval()
    right = total = 0
    with torch.no_grad():
        for x, y in loader:
            right += (model(x).argmax(1) == y).sum().item()
            total += len(y)
    model.train()
    return right / max(total, 1)


with client.start_run(experiment=EXPERIMENT, name="small-cnn", tags={"source": "docs/examples/pytorch_training.py"}) as run:
    run.log_params({"dataset": train.info["id"], "model": "cnn-16-32", "lr": 3e-3, "batch": 64, "epochs": EPOCHS})
    run.log_image("samples", torch.cat([train[i][0] for i in range(8)], dim=2), step=0)  # 8 digits side by side
    step = 0
    for epoch in range(1, EPOCHS + 1):
        for x, y in train_loader:
            loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            run.log_metric("train/loss", loss.item(), step=step)  # buffered, sent in batches
        test_acc = accuracy(test_loader)
        run.log_metrics({"test/acc": test_acc, "epoch": epoch}, step=step)
        print(f"epoch {epoch}: loss {loss.item():.3f}, test accuracy {test_acc:.3f}")
    checkpoint = os.path.join(root, "small-cnn.pt")
    torch.save(model.state_dict(), checkpoint)
    run.log_artifact(checkpoint, "checkpoints/small-cnn.pt")
    run_id = run.id

# %% [markdown]
# ## The run, from the API (the UI shows it at /runs/<id>)

# %%
logged = client.run(run_id)
print(f"run {run_id}: {logged['status']}, test/acc {logged['metrics']['test/acc']['value']:.3f}")
print(f"{client.url('/runs/' + run_id)}")
