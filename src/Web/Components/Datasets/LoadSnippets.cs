using DigitForge.Application.Datasets;

namespace DigitForge.Web.Components.Datasets;

/// <summary>How to load a dataset from Python: NumPy from the NPZ, and a PyTorch DataLoader over the same arrays.</summary>
public static class LoadSnippets
{
    public static string NumPy(DatasetInfo info, string baseUri)
    {
        ArgumentNullException.ThrowIfNull(info);
        string split = info.Splits[0].Name;
        string x = info.Arrays[0].Name;
        return $"""
            import io, urllib.request
            import numpy as np

            url = "{baseUri.TrimEnd('/')}/api/datasets/{info.Id}/download?format=npz"
            data = np.load(io.BytesIO(urllib.request.urlopen(url).read()))
            print(data.files)  # {string.Join(", ", info.Splits.SelectMany(s => info.Arrays.Select(a => $"{a.Name}_{s.Name}")).Take(6))}
            {x}, {info.Label.Array} = data["{x}_{split}"], data["{info.Label.Array}_{split}"]
            print({x}.shape, {x}.dtype, {info.Label.Array}[:10])
            """;
    }

    public static string PyTorch(DatasetInfo info, string baseUri)
    {
        ArgumentNullException.ThrowIfNull(info);
        string split = info.Splits[0].Name;
        string x = info.Arrays[0].Name;
        string dtype = info.Arrays[0].Dtype;
        // Images stored as uint8 (0..255) become floats in [0, 1] with a channel axis, as torchvision's ToTensor gives.
        string features = info.Image is not null && dtype == "uint8"
            ? $"torch.from_numpy(data[\"{x}_{split}\"]).float().div(255)" + (info.Arrays[0].RowShape.Count == 2 ? ".unsqueeze(1)" : string.Empty)
            : $"torch.from_numpy(data[\"{x}_{split}\"]).float()";
        // Digit-string labels are text (NumPy '<U'), which tensors cannot hold: the loader then yields images only.
        bool classes = info.Label.Kind == "class";
        string labels = classes
            ? $"torch.from_numpy(data[\"{info.Label.Array}_{split}\"]).long()"
            : $"data[\"{info.Label.Array}_{split}\"]  # digit strings, e.g. '4981'";
        string tensors = classes ? "x, y" : "x";
        return $"""
            import io, urllib.request
            import numpy as np
            import torch
            from torch.utils.data import DataLoader, TensorDataset

            url = "{baseUri.TrimEnd('/')}/api/datasets/{info.Id}/download?format=npz"
            data = np.load(io.BytesIO(urllib.request.urlopen(url).read()))
            x = {features}
            y = {labels}
            loader = DataLoader(TensorDataset({tensors}), batch_size=64, shuffle=True)
            """;
    }

    public static string Cli(DatasetInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return $"""
            digitforge dataset download {info.Id} --format npz
            digitforge dataset list --id {info.Id[..12]}
            """;
    }
}
