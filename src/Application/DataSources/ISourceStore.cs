namespace DigitForge.Application.DataSources;

/// <summary>
/// The data directory's source datasets: verified downloads from the configured mirrors, offline imports and small test
/// files; implemented in Infrastructure/Data.
/// </summary>
public interface ISourceStore
{
    /// <summary>The data directory.</summary>
    string DataRoot { get; }

    /// <summary>The source names it stores (mnist, fashion-mnist, emnist-balanced, cifar10).</summary>
    IReadOnlyList<string> Sources { get; }

    /// <summary>Why <paramref name="source"/> is not a source (null when it is one, in any case).</summary>
    string? Unknown(string source);

    /// <summary>Downloads <paramref name="source"/> (size and SHA-256 verified, stored atomically); files present are kept.</summary>
    Task<DownloadedSource> DownloadAsync(string source, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Imports the files at <paramref name="path"/> as <paramref name="source"/> (null: guessed from the path).</summary>
    Task<ImportedSource> ImportAsync(string path, string? source, CancellationToken cancellationToken);

    /// <summary>Writes small valid IDX files for tests (label i = i % 10, pixel sum == label); headers only when asked.</summary>
    Task WriteTestDataAsync(string directory, int count, bool headersOnly, CancellationToken cancellationToken);
}

/// <summary>A download's outcome: each file, from which mirror or already present.</summary>
public sealed record DownloadedSource(string Source, string Directory, IReadOnlyList<DownloadedSourceFile> Files);

/// <summary>One downloaded file.</summary>
public sealed record DownloadedSourceFile(string Name, Uri? Mirror, bool AlreadyPresent);

/// <summary>An import's outcome: the splits stored and where they came from.</summary>
public sealed record ImportedSource(string Source, string Directory, string Origin, IReadOnlyList<ImportedSourceSplit> Splits);

/// <summary>One imported split: image count and size.</summary>
public sealed record ImportedSourceSplit(DataSplit Split, int Count, int Rows, int Cols);
