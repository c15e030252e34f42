using DigitForge.Domain.Datasets;

namespace DigitForge.Application.DataSources;

/// <summary>
/// What the data directory holds, as dataset specs need it: images per source split (to fit default split sizes) and
/// the origin id of each split (part of dataset ids). Counts are looked up at most once a second: listing the data
/// directory reads a few file headers, and specs are resolved on every dataset request.
/// </summary>
public sealed class SourceInventory(IDigitSource digits, TimeProvider? clock = null)
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private volatile Snapshot? _snapshot;

    /// <summary>Images in the split of <paramref name="key"/>, or null when it is missing.</summary>
    public int? Count(SourceImagesKey key)
    {
        Snapshot snapshot = Current();
        return snapshot.Counts.TryGetValue((key.Source, key.Test), out int count) ? count : null;
    }

    /// <summary>
    /// Images per class (index = label) in the split of <paramref name="key"/>, or null when it is missing or unreadable.
    /// Loads the split through the digit source (which caches it); only generators whose default sizes follow from the
    /// labels ask (<see cref="IDatasetGenerator.DefaultSplitsFor(ParameterValues, Func{SourceImagesKey, int?}, Func{SourceImagesKey, IReadOnlyList{int}?})"/>).
    /// </summary>
    public IReadOnlyList<int>? ClassCounts(SourceImagesKey key)
    {
        if (Count(key) is null || !digits.IsKnownSource(key.Source))
        {
            return null;
        }

        try
        {
            // Spec resolution is synchronous; the digit source loads once and then answers from its cache. Task.Run keeps
            // the wait off any synchronization context (a Blazor circuit's would deadlock a continuation it must run).
            var split = key.Test ? DataSplit.Test : DataSplit.Train;
            var images = Task.Run(() => digits.GetAsync(key.Source, split).AsTask()).GetAwaiter().GetResult();
            var counts = new int[images.ClassCount];
            foreach (ushort label in images.Labels)
            {
                counts[label]++;
            }

            return counts;
        }
        catch (Exception ex) when (ex is DataSourceUnavailableException or InvalidDataException or IOException)
        {
            return null;
        }
    }

    /// <summary>Null for the official files; otherwise the name of the data in their place.</summary>
    public string? OriginId(SourceImagesKey key) =>
        digits.IsKnownSource(key.Source) ? digits.OriginId(key.Source, key.Test ? DataSplit.Test : DataSplit.Train) : null;

    /// <summary>
    /// The origins of the source splits a dataset reads, keyed <c>source/split</c> (e.g. <c>mnist/test</c>), only those
    /// that are not the official files: empty for datasets over official data, so their ids never change.
    /// </summary>
    public SortedDictionary<string, string> OriginsOf(IEnumerable<SourceImagesKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var origins = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (SourceImagesKey key in keys)
        {
            if (OriginId(key) is { } id)
            {
                origins[key.ToString()] = id;
            }
        }

        return origins;
    }

    private Snapshot Current()
    {
        long now = _clock.GetTimestamp();
        Snapshot? snapshot = _snapshot;
        if (snapshot is null || _clock.GetElapsedTime(snapshot.Taken, now) > Refresh)
        {
            var counts = new Dictionary<(string, bool), int>();
            foreach (DataSourceStatus status in digits.Status())
            {
                if (status is { Available: true, Count: { } count })
                {
                    counts[(status.Source, status.Split == DataSplit.Test)] = count;
                }
            }

            _snapshot = snapshot = new Snapshot(now, counts);
        }

        return snapshot;
    }

    private sealed record Snapshot(long Taken, Dictionary<(string Source, bool Test), int> Counts);
}
