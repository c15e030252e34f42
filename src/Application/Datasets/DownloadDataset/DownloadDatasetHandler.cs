using DigitForge.Application.Common;
using Mediator;

namespace DigitForge.Application.Datasets.DownloadDataset;

/// <summary>
/// Prepares a bundle download of a stored dataset: checks the request, takes a stream slot (429 when none is free),
/// opens the dataset and hands back a <see cref="DatasetDownload"/> that generates while it streams.
/// </summary>
public sealed class DownloadDatasetHandler(DatasetCatalog catalog, DatasetInstances instances, IDatasetBundleFactory bundles, DatasetStreamLimiter limiter)
    : IRequestHandler<DownloadDatasetRequest, DatasetDownloadResult>
{
    /// <summary>
    /// The bundle's entity tag (from the request checked against the dataset, nothing generated); when the caller holds
    /// it, no stream slot is taken and nothing is opened.
    /// </summary>
    public async ValueTask<DatasetDownloadResult> Handle(DownloadDatasetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dataset = await catalog.GetAsync(request.Id, cancellationToken);
        var normalized = Normalize(dataset, request.Bundle);
        string etag = normalized.EntityTag(dataset.Id);
        return request.ClientHolds?.Invoke(etag) == true
            ? new DatasetDownloadResult(etag, null)
            : new DatasetDownloadResult(etag, await OpenAsync(dataset, normalized, cancellationToken));
    }

    /// <summary>Checks <paramref name="request"/> against <paramref name="dataset"/> without generating anything (for ETags and 304s).</summary>
    public static BundleRequest Normalize(ResolvedDataset dataset, BundleRequest request)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Format == BundleFormat.Parquet)
        {
            // One file per split (the Hugging Face layout); the first split when none is named.
            string split = string.IsNullOrWhiteSpace(request.Split) ? dataset.Definition.Splits[0].Name : request.Split;
            dataset.RequireSplit(split);
            return request with { Split = split, Array = null };
        }

        if (request.Format != BundleFormat.Npy)
        {
            if (request.Format == BundleFormat.Zip && dataset.Layout.Image is null)
            {
                throw new RequestValidationException("format", $"'{dataset.Generator.Name}' rows are not images, so there is no zip of PNGs; use npz or npy.");
            }

            return request with { Split = null, Array = null };
        }

        if (string.IsNullOrWhiteSpace(request.Split))
        {
            throw new RequestValidationException("split", $"npy holds one array of one split: add split (one of {string.Join(", ", dataset.Definition.Splits.Select(s => s.Name))}).");
        }

        dataset.RequireSplit(request.Split);
        string array = string.IsNullOrWhiteSpace(request.Array) ? dataset.Layout.Arrays[0].Name : request.Array;
        if (dataset.Layout.IndexOf(array) < 0)
        {
            throw new RequestValidationException("array", $"Unknown array '{array}'. This dataset has: {string.Join(", ", dataset.Layout.Arrays.Select(a => a.Name))}.");
        }

        return request with { Array = array };
    }

    public async Task<DatasetDownload> HandleAsync(string id, BundleRequest request, CancellationToken cancellationToken = default) =>
        await HandleAsync(await catalog.GetAsync(id, cancellationToken), request, cancellationToken);

    public async Task<DatasetDownload> HandleAsync(ResolvedDataset dataset, BundleRequest request, CancellationToken cancellationToken = default)
    {
        return await OpenAsync(dataset, Normalize(dataset, request), cancellationToken);
    }

    private async Task<DatasetDownload> OpenAsync(ResolvedDataset dataset, BundleRequest normalized, CancellationToken cancellationToken)
    {
        var lease = limiter.Acquire();
        try
        {
            var rows = await instances.OpenAsync(dataset, cancellationToken);
            return new DatasetDownload(dataset, normalized, bundles.Create(dataset, rows, normalized), lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }
}
