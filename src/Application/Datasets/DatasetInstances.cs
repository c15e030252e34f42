using DigitForge.Application.DataSources;
using DigitForge.Domain.Data;
using DigitForge.Domain.Datasets;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Datasets;

/// <summary>
/// Opened datasets (<see cref="IDatasetRows"/>) by content id, shared by every request. Opening loads the source images
/// a generator needs and, for generators that materialise (MNIST-1D reference mode), generates the whole set once;
/// concurrent requests for the same id wait for the same opening. Least recently used instances are dropped when their
/// memory passes <see cref="DatasetOptions.MaxCachedBytes"/>.
/// </summary>
public sealed class DatasetInstances(IDigitSource digits, IOptions<DatasetOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _clock;

    public async Task<IDatasetRows> OpenAsync(ResolvedDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        Entry entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(dataset.Id, out entry!) || entry.Opening.IsFaulted || entry.Opening.IsCanceled)
            {
                // Not tied to this caller's token: other callers may be waiting for the same opening.
                entry = new Entry(Task.Run(() => OpenCoreAsync(dataset), CancellationToken.None));
                _entries[dataset.Id] = entry;
            }

            entry.LastUse = ++_clock;
        }

        var rows = await entry.Opening.WaitAsync(cancellationToken);
        Trim();
        return rows;
    }

    private async Task<IDatasetRows> OpenCoreAsync(ResolvedDataset dataset)
    {
        // A split of 0 rows reads no images, so its source split need not exist ("splits": {"test": 0} on a data
        // directory without test files): it gets an empty set of the source's image shape.
        var definition = dataset.Definition;
        var needed = dataset.Generator.RequiredSources(definition with { Splits = [.. definition.Splits.Where(s => s.Rows > 0)] }).ToHashSet();
        var sources = new Dictionary<SourceImagesKey, LabeledImages>();
        foreach (var key in needed)
        {
            sources[key] = await digits.GetAsync(key.Source, key.Test ? DataSplit.Test : DataSplit.Train);
        }

        foreach (var key in dataset.Generator.RequiredSources(definition).Where(k => !needed.Contains(k)))
        {
            try
            {
                sources[key] = await digits.GetAsync(key.Source, key.Test ? DataSplit.Test : DataSplit.Train);
            }
            catch (DataSourceUnavailableException)
            {
                var like = sources.FirstOrDefault(s => s.Key.Source == key.Source).Value ?? sources.Values.FirstOrDefault();
                sources[key] = like is null
                    ? new LabeledImages(28, 28, [], [])
                    : new LabeledImages(like.Rows, like.Cols, like.Channels, [], Array.Empty<ushort>());
            }
        }

        try
        {
            using var activity = Common.Observability.DigitForgeTelemetry.ActivitySource.StartActivity("dataset.open");
            activity?.SetTag("digitforge.dataset.id", dataset.Id);
            activity?.SetTag("digitforge.dataset.generator", dataset.Generator.Name);
            var opened = dataset.Generator.Open(dataset.Definition, new GeneratorInputs(sources));
            Common.Observability.DigitForgeTelemetry.DatasetRows.Add(
                definition.TotalRows, new KeyValuePair<string, object?>("generator", dataset.Generator.Name));
            return opened;
        }
        catch (DatasetSpecException ex)
        {
            throw new Common.RequestValidationException(ex.Errors.Select(e => new Common.ValidationError(e.Field, e.Message)).ToList());
        }
    }

    private void Trim()
    {
        lock (_lock)
        {
            long total = _entries.Values.Where(e => e.Opening.IsCompletedSuccessfully).Sum(e => e.Opening.Result.MemoryCost);
            foreach (var (id, entry) in _entries.Where(e => e.Value.Opening.IsCompleted).OrderBy(e => e.Value.LastUse).ToList())
            {
                if (total <= options.Value.MaxCachedBytes && entry.Opening.IsCompletedSuccessfully)
                {
                    break;
                }

                total -= entry.Opening.IsCompletedSuccessfully ? entry.Opening.Result.MemoryCost : 0;
                _entries.Remove(id);
            }
        }
    }

    private sealed class Entry(Task<IDatasetRows> opening)
    {
        public Task<IDatasetRows> Opening { get; } = opening;

        public long LastUse { get; set; }
    }
}
