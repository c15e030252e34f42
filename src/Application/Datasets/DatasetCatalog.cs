using DigitForge.Application.Common;
using DigitForge.Application.Datasets.Specs;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Datasets;

/// <summary>Stored datasets by content id: the one place that turns an id (or a spec) into a <see cref="ResolvedDataset"/>.</summary>
public sealed class DatasetCatalog(IDatasetStore store, DatasetSpecResolver resolver, IOptions<DatasetOptions> options)
{
    /// <summary>
    /// Stores the canonical spec of an already resolved (so valid) dataset under its id, within the quota of
    /// <see cref="DatasetOptions.MaxStoredDatasets"/> (a spec already stored does not count again).
    /// </summary>
    public async Task<ResolvedDataset> SaveAsync(ResolvedDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int max = options.Value.MaxStoredDatasets;
        if (await store.FindAsync(dataset.Id, cancellationToken) is null && await store.CountAsync(cancellationToken) >= max)
        {
            throw new DatasetQuotaException($"This server stores at most {max:N0} datasets ({DatasetOptions.SectionName}:{nameof(DatasetOptions.MaxStoredDatasets)}); delete some first.");
        }

        await store.SaveAsync(dataset.Id, dataset.CanonicalSpec, cancellationToken);
        return dataset;
    }

    /// <summary>Deletes the stored dataset <paramref name="id"/>; throws <see cref="DatasetNotFoundException"/> when there is none.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        string normalized = id.Trim().ToLowerInvariant();
        if (!CanonicalSpec.IsContentId(normalized) || !await store.DeleteAsync(normalized, cancellationToken))
        {
            throw DatasetNotFoundException.ForId(id);
        }
    }

    /// <summary>The stored dataset <paramref name="id"/>; throws <see cref="DatasetNotFoundException"/> when there is none.</summary>
    public async Task<ResolvedDataset> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        string normalized = id.Trim().ToLowerInvariant();
        if (!CanonicalSpec.IsContentId(normalized))
        {
            throw DatasetNotFoundException.ForId(id);
        }

        string? spec = await store.FindAsync(normalized, cancellationToken) ?? throw DatasetNotFoundException.ForId(id);
        ResolvedDataset dataset;
        try
        {
            dataset = resolver.Resolve(spec, storedSpec: true);
        }
        catch (RequestValidationException ex)
        {
            // A spec stored by an older generator version (or under other limits) cannot be generated any more.
            throw new RequestValidationException(ex.Errors.Select(e => e with { Message = $"stored dataset {normalized}: {e.Message}" }).ToList());
        }

        if (dataset.Id != normalized)
        {
            throw new InvalidDataException($"The stored spec of dataset {normalized} hashes to {dataset.Id}; the store is corrupt.");
        }

        return dataset;
    }
}
