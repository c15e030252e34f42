import os
import zipfile

import pytest

torch = pytest.importorskip("torch", reason="python3-torch is not installed (apt-get install python3-torch)")
torchvision = pytest.importorskip("torchvision", reason="python3-torchvision is not installed")

from digitforge.torch import DigitForgeDataset  # noqa: E402

SPEC = {"generator": "mnist", "splits": {"train": 200, "test": 50}}


def test_dataloader_trains_a_small_model_a_few_steps(client, cache):
    from torchvision import transforms

    train = DigitForgeDataset(SPEC, root=cache, split="train", download=True, transform=transforms.ToTensor(), client=client)
    test = DigitForgeDataset(SPEC, root=cache, split="test", download=True, transform=transforms.ToTensor(), client=client)

    assert len(train) == 200 and len(test) == 50
    assert train.classes == [str(i) for i in range(10)]
    image, target = train[0]
    assert image.shape == (1, 28, 28) and image.dtype == torch.float32 and isinstance(target, int)

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    loader = torch.utils.data.DataLoader(train, batch_size=50, shuffle=True)
    losses = []
    for _ in range(5):
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            losses.append(loss.item())

    assert len(losses) == 20
    assert sum(losses[-4:]) / 4 < 0.5 * sum(losses[:4]) / 4


def test_a_downloaded_spec_is_found_again_offline(client, cache):
    DigitForgeDataset(SPEC, root=cache, split="train", download=True, client=client)

    again = DigitForgeDataset(SPEC, root=cache, split="test", download=False)

    assert len(again) == 50


def test_not_downloaded_without_download_is_torchvisions_error(cache):
    with pytest.raises(RuntimeError, match="download=True"):
        DigitForgeDataset({"generator": "mnist", "splits": {"train": 7}}, root=cache, download=False)


def test_torchvision_image_folder_reads_the_zip_bundle(client, cache, tmp_path):
    from torchvision.datasets import ImageFolder

    ds = client.dataset(SPEC, root=cache)
    with zipfile.ZipFile(ds.download("zip")) as archive:
        archive.extractall(tmp_path / "png")

    folder = ImageFolder(str(tmp_path / "png" / "train"))

    assert len(folder) == 200
    assert folder.classes == [str(i) for i in range(10)]
    counts = [0] * 10
    for _, label in folder.samples:
        counts[label] += 1
    assert counts == [int((ds.load()["y_train"] == d).sum()) for d in range(10)]


def test_one_dimensional_data_gives_float_tensors(client, cache):
    data = DigitForgeDataset({"generator": "mnist1d", "splits": {"train": 100}}, root=cache, client=client)

    x, y = data[3]

    assert x.shape == (40,) and x.dtype == torch.float32 and 0 <= y < 10
