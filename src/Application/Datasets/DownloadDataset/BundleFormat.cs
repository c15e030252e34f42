namespace DigitForge.Application.Datasets.DownloadDataset;

/// <summary>Bundle formats of a dataset download.</summary>
public enum BundleFormat
{
    /// <summary>Every split array (x_train, y_train, ...) and extra as a stored .npz: fixed size, Range-able.</summary>
    Npz,

    /// <summary>One array of one split as .npy: fixed size, Range-able.</summary>
    Npy,

    /// <summary>PNG per sample in split/label folders plus labels.csv and manifest.json (ImageFolder layout); size unknown up front.</summary>
    Zip,

    /// <summary>
    /// One split as Parquet in the Hugging Face datasets layout (image struct {bytes: PNG, path}, int64 labels, arrays as
    /// lists), written in row groups while generated; size unknown up front.
    /// </summary>
    Parquet,
}
