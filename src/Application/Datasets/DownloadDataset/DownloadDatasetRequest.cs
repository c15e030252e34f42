using Mediator;

namespace DigitForge.Application.Datasets.DownloadDataset;

/// <summary>A bundle (npz, npy, zip of PNGs, parquet) of a stored dataset, generated while it streams.</summary>
public sealed record DownloadDatasetRequest(string Id, BundleRequest Bundle) : IRequest<DatasetDownloadResult>
{
    /// <summary>Whether the caller already holds the bundle with this entity tag (then no stream slot is taken).</summary>
    public Func<string, bool>? ClientHolds { get; init; }
}

/// <summary>The bundle's entity tag and, unless the caller holds it, the download (dispose it once written).</summary>
public sealed record DatasetDownloadResult(string EntityTag, DatasetDownload? Download);
