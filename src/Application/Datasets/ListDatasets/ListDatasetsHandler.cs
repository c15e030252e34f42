using DigitForge.Application.Common;
using DigitForge.Application.Datasets.Specs;
using Mediator;

namespace DigitForge.Application.Datasets.ListDatasets;

/// <summary>
/// The stored datasets, newest first, optionally of one generator or starting with an id prefix; and short ids: an
/// unambiguous prefix of a content id resolves to it, as git resolves short commit ids.
/// </summary>
public sealed class ListDatasetsHandler(IDatasetStore store, DatasetCatalog catalog)
    : IRequestHandler<ListDatasetsRequest, IReadOnlyList<DatasetSummary>>, IRequestHandler<ResolveDatasetIdRequest, string>
{
    /// <summary>Shortest prefix accepted as a short id (fewer characters would match too much by chance).</summary>
    public const int MinimumPrefix = 6;

    public async ValueTask<IReadOnlyList<DatasetSummary>> Handle(ListDatasetsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Generator, request.IdPrefix, request.Limit, cancellationToken);
    }

    public async ValueTask<string> Handle(ResolveDatasetIdRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ResolveAsync(request.IdOrPrefix, cancellationToken);
    }

    public async Task<IReadOnlyList<DatasetSummary>> HandleAsync(string? generator = null, string? idPrefix = null, int limit = 200, CancellationToken cancellationToken = default)
    {
        string prefix = (idPrefix ?? string.Empty).Trim().ToLowerInvariant();
        var summaries = new List<DatasetSummary>();
        foreach (var stored in await store.ListAsync(cancellationToken))
        {
            if (!stored.Id.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            ResolvedDataset dataset;
            try
            {
                dataset = await catalog.GetAsync(stored.Id, cancellationToken);
            }
            catch (RequestValidationException)
            {
                continue; // stored by a generator version this server no longer has
            }

            if (generator is { Length: > 0 } && !string.Equals(dataset.Generator.Name, generator, StringComparison.Ordinal))
            {
                continue;
            }

            summaries.Add(new DatasetSummary(
                dataset.Id,
                dataset.Generator.Name,
                dataset.Generator.Version,
                dataset.Definition.Seed,
                dataset.Definition.Splits.ToDictionary(s => s.Name, s => s.Rows, StringComparer.Ordinal),
                stored.SavedAt));
        }

        return [.. summaries.OrderByDescending(s => s.SavedAt).ThenBy(s => s.Id, StringComparer.Ordinal).Take(Math.Clamp(limit, 1, 1000))];
    }

    /// <summary>The full id for <paramref name="idOrPrefix"/>: itself when it is one, else the one stored id it begins.</summary>
    public async Task<string> ResolveAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        string text = idOrPrefix.Trim().ToLowerInvariant();
        if (CanonicalSpec.IsContentId(text))
        {
            return text;
        }

        if (text.Length < MinimumPrefix || !text.All(Uri.IsHexDigit))
        {
            throw DatasetNotFoundException.ForId(idOrPrefix);
        }

        var matches = (await store.ListAsync(cancellationToken)).Where(s => s.Id.StartsWith(text, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count switch
        {
            0 => throw DatasetNotFoundException.ForId(idOrPrefix),
            1 => matches[0].Id,
            _ => throw new RequestValidationException("id", $"'{idOrPrefix}' starts more than one dataset id; give more characters."),
        };
    }
}

/// <summary>A stored dataset in a list: id, generator, seed, rows per split and when it was first stored.</summary>
public sealed record DatasetSummary(string Id, string Generator, string Version, ulong Seed, IReadOnlyDictionary<string, int> Splits, DateTimeOffset? SavedAt);
