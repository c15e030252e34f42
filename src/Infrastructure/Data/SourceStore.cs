using DigitForge.Application.DataSources;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Infrastructure.Data;

/// <summary>
/// <see cref="ISourceStore"/>: picks the IDX (<see cref="MnistDownloader"/>) or archive (<see cref="ArchiveDownloader"/>)
/// downloader and importer by source, and maps their reports to Application's. The downloaders are resolved when used,
/// so that status and test data need no HTTP client.
/// </summary>
public sealed class SourceStore(IdxDigitSource digits, IServiceProvider services) : ISourceStore
{
    public string DataRoot => digits.DataRoot;

    public IReadOnlyList<string> Sources => KnownSources.All;

    public string? Unknown(string source)
    {
        if (IsFaceScrub(source))
        {
            return null; // imported from a folder (FaceScrubImporter); not downloadable
        }

        try
        {
            KnownSources.Validate(source);
            return null;
        }
        catch (ArgumentException ex)
        {
            // KnownSources' message without the parameter suffix ArgumentException appends.
            return ex.Message.Split(" (Parameter", 2)[0];
        }
    }

    public async Task<DownloadedSource> DownloadAsync(string source, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        string name = KnownSources.Validate(source);
        var report = KnownSources.IsArchive(name)
            ? await services.GetRequiredService<ArchiveDownloader>().DownloadAsync(name, progress, cancellationToken)
            : await services.GetRequiredService<MnistDownloader>().DownloadAsync(name, progress, cancellationToken);
        digits.Invalidate();
        return new DownloadedSource(report.Source, report.Directory, [.. report.Files.Select(f => new DownloadedSourceFile(f.Name, f.Mirror, f.AlreadyPresent))]);
    }

    public async Task<ImportedSource> ImportAsync(string path, string? source, CancellationToken cancellationToken)
    {
        if (source is null ? FaceScrub.FaceScrubFolder.Looks(Path.GetFullPath(path)) : IsFaceScrub(source))
        {
            var faces = await services.GetRequiredService<FaceScrub.FaceScrubImporter>().ImportAsync(path, cancellationToken);
            return Map(faces);
        }

        string? archive = source is { } named
            ? (KnownSources.IsArchive(KnownSources.Validate(named)) ? KnownSources.Validate(named) : null)
            : ArchiveImporter.Detect(path);
        var report = archive is not null
            ? await services.GetRequiredService<ArchiveImporter>().ImportAsync(path, archive, cancellationToken)
            : await services.GetRequiredService<DataImporter>().ImportAsync(path, source, cancellationToken);
        digits.Invalidate();
        return Map(report);
    }

    private static ImportedSource Map(ImportReport report) => new(
        report.Source, report.Directory, report.Origin.Description, [.. report.Splits.Select(s => new ImportedSourceSplit(s.Split, s.Count, s.Rows, s.Cols))]);

    private static bool IsFaceScrub(string source) => string.Equals(source.Trim(), FaceScrub.FaceScrubLayout.Source, StringComparison.OrdinalIgnoreCase);

    public Task WriteTestDataAsync(string directory, int count, bool headersOnly, CancellationToken cancellationToken) =>
        TestDataWriter.WriteAsync(directory, count, headersOnly, cancellationToken);
}
