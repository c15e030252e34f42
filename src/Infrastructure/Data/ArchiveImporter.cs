using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using DigitForge.Application.DataSources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Data;

/// <summary>
/// Imports the one-archive sources without internet, and stores what <see cref="ArchiveDownloader"/> fetched:
/// CIFAR-10 from cifar-10-binary.tar.gz or a folder of its .bin batches, EMNIST balanced from NIST's gzip.zip or a
/// folder of its emnist-balanced-*.gz files. Everything is read and checked before anything is written; each stored
/// file is replaced atomically.
/// </summary>
/// <remarks>
/// Stored layout: <c>&lt;data&gt;/cifar10/{train,test}.bin</c> (the batches' records concatenated in order: the real
/// format, one file per split) and <c>&lt;data&gt;/emnist-balanced/{train,t10k}-*-idx?-ubyte</c> (ordinary IDX,
/// transposed upright).
/// </remarks>
public sealed class ArchiveImporter
{
    public const string CifarTrainFile = "train.bin";
    public const string CifarTestFile = "test.bin";

    private readonly string _dataRoot;
    private readonly ILogger<ArchiveImporter> _logger;

    public ArchiveImporter(IOptions<DataDirectoryOptions> dataDirectory, ILogger<ArchiveImporter> logger)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(logger);
        _dataRoot = DataDirectory.Resolve(dataDirectory.Value);
        _logger = logger;
    }

    /// <summary>The stored CIFAR-10 records file of <paramref name="split"/> in <paramref name="directory"/>.</summary>
    public static string CifarFile(string directory, DataSplit split) =>
        Path.Combine(directory, split == DataSplit.Train ? CifarTrainFile : CifarTestFile);

    /// <summary>
    /// The archive source <paramref name="path"/> holds (cifar10 or emnist-balanced), or null when it looks like
    /// neither (then it is an MNIST-style import).
    /// </summary>
    public static string? Detect(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return FindCifarFolder(full) is not null ? KnownSources.Cifar10
                : FindEmnistFolder(full) is not null ? KnownSources.EmnistBalanced
                : null;
        }

        string name = Path.GetFileName(full);
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return KnownSources.EmnistBalanced;
        }

        return name.Contains("cifar", StringComparison.OrdinalIgnoreCase)
               && (name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
            ? KnownSources.Cifar10
            : null;
    }

    /// <summary>Imports <paramref name="path"/> as <paramref name="source"/> (cifar10 or emnist-balanced).</summary>
    public Task<ImportReport> ImportAsync(string path, string source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new FileNotFoundException($"{full} does not exist.", full);
        }

        return KnownSources.Validate(source) switch
        {
            KnownSources.Cifar10 => ImportCifarAsync(full, DataOrigin.Now($"{(Directory.Exists(full) ? "directory" : "archive")} {full}"), cancellationToken),
            KnownSources.EmnistBalanced => ImportEmnistAsync(full, DataOrigin.Now($"{(Directory.Exists(full) ? "directory" : "archive")} {full}"), cancellationToken),
            var other => throw new ArgumentException($"'{other}' is not an archive source (cifar10, emnist-balanced).", nameof(source)),
        };
    }

    internal async Task<ImportReport> ImportCifarAsync(string path, DataOrigin origin, CancellationToken cancellationToken)
    {
        // Streamed end to end (the archive is 170 MB, its records 184 MB): tar entries go to checked temp files beside
        // the target, then each split is written from them; at most a buffer of records is in memory at once.
        string target = DataDirectory.SourceDirectory(_dataRoot, KnownSources.Cifar10);
        var temps = new List<string>();
        try
        {
            Dictionary<string, (string File, int Count)> batches = Directory.Exists(path)
                ? await CheckCifarFolderAsync(path, cancellationToken)
                : await ExtractCifarTarAsync(path, target, temps, cancellationToken);
            string[] missing = [.. CifarBinary.TrainBatches.Append(CifarBinary.TestBatch).Where(b => !batches.ContainsKey(b))];
            if (missing.Length > 0)
            {
                throw new InvalidDataException($"{path}: CIFAR-10 binary batches missing: {string.Join(", ", missing)} (expected {string.Join(", ", CifarBinary.TrainBatches)} and {CifarBinary.TestBatch}).");
            }

            // Every record was checked on the way in, before anything is stored.
            int trainCount = CifarBinary.TrainBatches.Sum(b => batches[b].Count);
            int testCount = batches[CifarBinary.TestBatch].Count;
            Directory.CreateDirectory(target);
            await AtomicFile.WriteAsync(CifarFile(target, DataSplit.Train), (s, ct) => CopyFilesAsync([.. CifarBinary.TrainBatches.Select(b => batches[b].File)], s, ct), cancellationToken);
            await AtomicFile.WriteAsync(CifarFile(target, DataSplit.Test), (s, ct) => CopyFilesAsync([batches[CifarBinary.TestBatch].File], s, ct), cancellationToken);
            await OriginFile.RecordAsync(target, [DataSplit.Train, DataSplit.Test], origin, cancellationToken);
            _logger.LogInformation("Imported CIFAR-10 ({Train} train, {Test} test) into {Directory} from {Origin}", trainCount, testCount, target, origin.Description);
            return new ImportReport(KnownSources.Cifar10, target, origin,
            [
                new ImportedSplit(DataSplit.Train, trainCount, CifarBinary.Side, CifarBinary.Side),
                new ImportedSplit(DataSplit.Test, testCount, CifarBinary.Side, CifarBinary.Side),
            ]);
        }
        finally
        {
            temps.ForEach(AtomicFile.TryDelete);
        }
    }

    internal async Task<ImportReport> ImportEmnistAsync(string path, DataOrigin origin, CancellationToken cancellationToken)
    {
        string target = DataDirectory.SourceDirectory(_dataRoot, KnownSources.EmnistBalanced);
        Directory.CreateDirectory(target);
        var temps = new List<string>();
        try
        {
            var members = Directory.Exists(path)
                ? FindEmnistMembers(FindEmnistFolder(path) ?? path)
                : ExtractEmnistMembers(path, target, temps);
            var splits = new List<(DataSplit Split, IdxImages Images, byte[] Labels)>();
            foreach (DataSplit split in Enum.GetValues<DataSplit>())
            {
                string images = members.GetValueOrDefault((split, IdxKind.Images))
                    ?? throw new InvalidDataException($"{path}: {EmnistFiles.MemberName(split, IdxKind.Images)} not found.");
                string labels = members.GetValueOrDefault((split, IdxKind.Labels))
                    ?? throw new InvalidDataException($"{path}: {EmnistFiles.MemberName(split, IdxKind.Labels)} not found.");
                (IdxImages content, byte[] labelBytes) = await IdxReader.ReadPairAsync(images, labels, cancellationToken);
                if (content.Rows != content.Cols)
                {
                    throw new InvalidDataException($"{images}: EMNIST images are square, got {content.Rows}x{content.Cols}.");
                }

                int bad = Array.FindIndex(labelBytes, l => l >= EmnistFiles.Classes);
                if (bad >= 0)
                {
                    throw new InvalidDataException($"{labels}: label {labelBytes[bad]} at {bad}; EMNIST balanced has classes 0-{EmnistFiles.Classes - 1}.");
                }

                EmnistFiles.Transpose(content.Pixels, content.Rows);
                splits.Add((split, content, labelBytes));
            }

            foreach (var (split, images, labels) in splits)
            {
                await IdxWriter.WriteImagesAsync(Path.Combine(target, IdxFileNames.Images(split)), images.Rows, images.Cols, images.Pixels, cancellationToken: cancellationToken);
                await IdxWriter.WriteLabelsAsync(Path.Combine(target, IdxFileNames.Labels(split)), labels, cancellationToken: cancellationToken);
            }

            await OriginFile.RecordAsync(target, [DataSplit.Train, DataSplit.Test], origin, cancellationToken);
            _logger.LogInformation("Imported EMNIST balanced into {Directory} from {Origin}", target, origin.Description);
            return new ImportReport(KnownSources.EmnistBalanced, target, origin, [.. splits.Select(s => new ImportedSplit(s.Split, s.Images.Count, s.Images.Rows, s.Images.Cols))]);
        }
        finally
        {
            temps.ForEach(AtomicFile.TryDelete);
        }
    }

    /// <summary>Each wanted batch of the tar(.gz), checked while it streams to a temp file beside <paramref name="target"/> (listed in <paramref name="temps"/>).</summary>
    private static async Task<Dictionary<string, (string File, int Count)>> ExtractCifarTarAsync(string path, string target, List<string> temps, CancellationToken cancellationToken)
    {
        var batches = new Dictionary<string, (string File, int Count)>(StringComparer.Ordinal);
        var wanted = CifarBinary.TrainBatches.Append(CifarBinary.TestBatch).ToHashSet(StringComparer.Ordinal);
        string? recordError = null;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        Stream tar = IdxReader.IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
        try
        {
            await using var reader = new TarReader(tar, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                string name = Path.GetFileName(entry.Name);
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && wanted.Contains(name) && entry.DataStream is { } data)
                {
                    Directory.CreateDirectory(target);
                    string temp = AtomicFile.TempPathFor(Path.Combine(target, name));
                    temps.Add(temp);
                    await using var output = AtomicFile.CreateTemp(temp);
                    var (count, error) = await CifarBinary.CopyRecordsAsync(data, output, $"{path}:{entry.Name}", cancellationToken);
                    if (error is not null)
                    {
                        recordError = error;
                        break;
                    }

                    batches[name] = (temp, count);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: not a readable tar(.gz) archive: {ex.Message}", ex);
        }
        finally
        {
            if (!ReferenceEquals(tar, file))
            {
                await tar.DisposeAsync();
            }
        }

        // A bad record is reported as it is, not as an unreadable archive.
        return recordError is null ? batches : throw new InvalidDataException(recordError);
    }

    /// <summary>The batches of a folder, checked in place (streamed, not loaded).</summary>
    private static async Task<Dictionary<string, (string File, int Count)>> CheckCifarFolderAsync(string path, CancellationToken cancellationToken)
    {
        string folder = FindCifarFolder(path) ?? path;
        var batches = new Dictionary<string, (string File, int Count)>(StringComparer.Ordinal);
        foreach (string name in CifarBinary.TrainBatches.Append(CifarBinary.TestBatch))
        {
            string file = Path.Combine(folder, name);
            if (File.Exists(file))
            {
                await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                CifarBinary.CountRecords(input.Length, file);
                var (count, error) = await CifarBinary.CopyRecordsAsync(input, null, file, cancellationToken);
                batches[name] = error is null ? (file, count) : throw new InvalidDataException(error);
            }
        }

        return batches;
    }

    private static async Task CopyFilesAsync(IReadOnlyList<string> files, Stream destination, CancellationToken cancellationToken)
    {
        foreach (string file in files)
        {
            await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await input.CopyToAsync(destination, 1 << 17, cancellationToken);
        }
    }

    /// <summary>The folder holding data_batch_1.bin: the path itself or its cifar-10-batches-bin.</summary>
    private static string? FindCifarFolder(string path) =>
        new[] { path, Path.Combine(path, CifarBinary.ArchiveFolder) }.FirstOrDefault(d => File.Exists(Path.Combine(d, CifarBinary.TrainBatches[0])));

    /// <summary>The folder holding the emnist-balanced files: the path itself or its gzip/ (the zip's layout).</summary>
    private static string? FindEmnistFolder(string path) =>
        new[] { path, Path.Combine(path, "gzip") }.FirstOrDefault(d => Directory.Exists(d) && Directory.EnumerateFiles(d, EmnistFiles.Prefix + "*").Any());

    private static Dictionary<(DataSplit, IdxKind), string> FindEmnistMembers(string folder)
    {
        var found = new Dictionary<(DataSplit, IdxKind), string>();
        foreach (DataSplit split in Enum.GetValues<DataSplit>())
        {
            foreach (IdxKind kind in Enum.GetValues<IdxKind>())
            {
                string gz = Path.Combine(folder, EmnistFiles.MemberName(split, kind));
                string raw = gz[..^IdxFileNames.GzipExtension.Length];
                string? file = File.Exists(gz) ? gz : File.Exists(raw) ? raw : null;
                if (file is not null)
                {
                    found[(split, kind)] = file;
                }
            }
        }

        return found;
    }

    // The four balanced members (of 24 in gzip.zip) to temp files next to their destination, for IdxReader.
    private static Dictionary<(DataSplit, IdxKind), string> ExtractEmnistMembers(string zipPath, string target, List<string> temps)
    {
        var found = new Dictionary<(DataSplit, IdxKind), string>();
        try
        {
            using ZipArchive zip = ZipFile.OpenRead(zipPath);
            foreach (DataSplit split in Enum.GetValues<DataSplit>())
            {
                foreach (IdxKind kind in Enum.GetValues<IdxKind>())
                {
                    string member = EmnistFiles.MemberName(split, kind);
                    ZipArchiveEntry? entry = zip.Entries.FirstOrDefault(e => string.Equals(e.Name, member, StringComparison.Ordinal));
                    if (entry is null)
                    {
                        continue;
                    }

                    string temp = AtomicFile.TempPathFor(Path.Combine(target, member));
                    temps.Add(temp);
                    entry.ExtractToFile(temp);
                    found[(split, kind)] = temp;
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{zipPath}: not a readable zip archive: {ex.Message}", ex);
        }

        return found;
    }

    internal static string Describe(ImportReport report) => string.Join(
        ", ", report.Splits.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Split} {s.Count:N0}")));
}
