using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.MnistC;
using DigitForge.Domain.Data;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;
using DigitForge.Domain.Randomness;
using DigitForge.Infrastructure.Datasets.Zip;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.Infrastructure.Datasets.MnistC;

/// <summary>
/// The whole MNIST-C layout as one stored zip, written front to back onto any stream:
/// <c>mnist_c/&lt;corruption&gt;/{train_images, train_labels, test_images, test_labels}.npy</c> for the 16 directories
/// (images uint8 (N, 28, 28, 1), labels uint8 (N,)). Row i of a split is the <c>mnist-c</c> generator's row i for the
/// same seed, so every directory equals that generator's dataset. Memory stays at one block of rows per entry.
/// </summary>
public static class MnistCArchive
{
    public const string Root = "mnist_c";
    private const int BlockRows = 2048;
    private const int ImageBytes = 28 * 28;

    /// <summary>
    /// The MNIST train and test images from <paramref name="digits"/>, the first <paramref name="trainRows"/> and
    /// <paramref name="testRows"/> of them (all when null). More than the data directory holds is a validation error
    /// naming <c>train</c> or <c>test</c>; missing files surface as the source's own unavailable error.
    /// </summary>
    public static async Task<(LabeledImages Train, LabeledImages Test)> LoadAsync(IDigitSource digits, int? trainRows, int? testRows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digits);
        // 0 rows of a split reads nothing, so train=0 or test=0 works without that split's files.
        var train = trainRows == 0 ? Empty : await digits.GetAsync(MnistCDatasetGenerator.Source, DataSplit.Train, cancellationToken);
        var test = testRows == 0 ? Empty : await digits.GetAsync(MnistCDatasetGenerator.Source, DataSplit.Test, cancellationToken);
        return (Take(train, trainRows, "train"), Take(test, testRows, "test"));
    }

    private static LabeledImages Empty => new(28, 28, [], []);

    private static LabeledImages Take(LabeledImages images, int? rows, string field)
    {
        if (rows is null || rows == images.Count)
        {
            return images;
        }

        if (rows < 0 || rows > images.Count)
        {
            throw new RequestValidationException(field, $"must be 0..{images.Count} (the MNIST {field} images in the data directory), got {rows}.");
        }

        int n = rows.Value;
        return new LabeledImages(images.Rows, images.Cols, images.Channels, images.Pixels[..(n * images.ImageSize)].ToArray(), images.Labels[..n].ToArray());
    }

    /// <summary>Every entry's name and size (for listings and tests), in archive order.</summary>
    public static IReadOnlyList<(string Name, long Size)> Entries(IReadOnlyList<string> corruptions, int trainRows, int testRows)
    {
        ArgumentNullException.ThrowIfNull(corruptions);
        var entries = new List<(string, long)>();
        foreach (string name in corruptions)
        {
            foreach (var (split, rows) in new[] { ("train", trainRows), ("test", testRows) })
            {
                entries.Add(($"{Root}/{name}/{split}_images.npy", NpyFormat.TotalLength(NpyDType.UInt8, rows, 28, 28, 1)));
                entries.Add(($"{Root}/{name}/{split}_labels.npy", NpyFormat.TotalLength(NpyDType.UInt8, rows)));
            }
        }

        return entries;
    }

    /// <summary>
    /// Writes the archive. <paramref name="progress"/> gets the number of images corrupted so far (of
    /// corruptions x (train + test)).
    /// </summary>
    public static async Task WriteAsync(
        Stream output,
        LabeledImages train,
        LabeledImages test,
        ulong seed,
        IReadOnlyList<string> corruptions,
        CorruptionRegistry registry,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var sink = new ZipSink(output);
        await WriteEntriesAsync(sink, train, test, seed, corruptions, progress, registry, cancellationToken);
    }

    /// <summary>
    /// Writes the same files into <paramref name="directory"/> (<c>mnist_c/...</c> below it), each to a temporary name
    /// renamed when complete, so an interrupted run leaves no partial .npy behind.
    /// </summary>
    public static async Task WriteDirectoryAsync(
        string directory,
        LabeledImages train,
        LabeledImages test,
        ulong seed,
        IReadOnlyList<string> corruptions,
        CorruptionRegistry registry,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        await using var sink = new DirectorySink(directory);
        await WriteEntriesAsync(sink, train, test, seed, corruptions, progress, registry, cancellationToken);
    }

    private static async Task WriteEntriesAsync(
        IEntrySink writer,
        LabeledImages train,
        LabeledImages test,
        ulong seed,
        IReadOnlyList<string> corruptions,
        IProgress<long>? progress,
        CorruptionRegistry registry,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(corruptions);
        long done = 0;
        foreach (string name in corruptions)
        {
            var corruption = registry.Get(name);
            int severity = MnistCCorruptions.DefaultSeverity(name, registry);
            foreach (var (split, images) in new[] { ("train", train), ("test", test) })
            {
                if (images.Rows != 28 || images.Cols != 28)
                {
                    throw new ArgumentException($"MNIST-C needs 28x28 images; the {split} images are {images.Rows}x{images.Cols}.", nameof(train));
                }

                int rows = images.Count;
                byte[] header = NpyFormat.HeaderBytes(NpyDType.UInt8, rows, 28, 28, 1);
                await writer.BeginAsync($"{Root}/{name}/{split}_images.npy", header.Length + ((long)rows * ImageBytes), cancellationToken);
                await writer.WriteAsync(header, cancellationToken);
                var block = new byte[Math.Min(BlockRows, Math.Max(rows, 1)) * ImageBytes];
                for (int first = 0; first < rows; first += BlockRows)
                {
                    int count = Math.Min(BlockRows, rows - first);
                    int start = first;
                    Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                    {
                        var random = KeyedRandom.For(seed, DatasetRowKey.For(split, start + i));
                        MnistCDatasetGenerator.CorruptImage(images.Image(start + i), corruption, severity, random, block.AsSpan(i * ImageBytes, ImageBytes));
                    });
                    await writer.WriteAsync(block.AsMemory(0, count * ImageBytes), cancellationToken);
                    done += count;
                    progress?.Report(done);
                }

                await writer.EndAsync(cancellationToken);
                byte[] labelHeader = NpyFormat.HeaderBytes(NpyDType.UInt8, rows);
                await writer.BeginAsync($"{Root}/{name}/{split}_labels.npy", labelHeader.Length + (long)rows, cancellationToken);
                await writer.WriteAsync(labelHeader, cancellationToken);
                var labelBytes = new byte[rows];
                images.CopyLabels(0, labelBytes);
                await writer.WriteAsync(labelBytes, cancellationToken);
                await writer.EndAsync(cancellationToken);
            }
        }

        await writer.FinishAsync(cancellationToken);
    }

    private interface IEntrySink : IAsyncDisposable
    {
        ValueTask BeginAsync(string name, long size, CancellationToken cancellationToken);

        ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

        ValueTask EndAsync(CancellationToken cancellationToken);

        ValueTask FinishAsync(CancellationToken cancellationToken);
    }

    /// <summary>One file per entry under a directory, written to "name.partial" and renamed when complete.</summary>
    private sealed class DirectorySink(string directory) : IEntrySink
    {
        private FileStream? _file;
        private string _path = string.Empty;

        public ValueTask BeginAsync(string name, long size, CancellationToken cancellationToken)
        {
            _path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            _file = new FileStream(_path + ".partial", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            return ValueTask.CompletedTask;
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
            (_file ?? throw new InvalidOperationException("No entry is open.")).WriteAsync(data, cancellationToken);

        public async ValueTask EndAsync(CancellationToken cancellationToken)
        {
            var file = _file ?? throw new InvalidOperationException("No entry is open.");
            await file.FlushAsync(cancellationToken);
            await file.DisposeAsync();
            _file = null;
            File.Move(_path + ".partial", _path, overwrite: true);
        }

        public ValueTask FinishAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        /// <summary>After a failure: closes and removes the unfinished file.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_file is not null)
            {
                await _file.DisposeAsync();
                _file = null;
                File.Delete(_path + ".partial");
            }
        }
    }

    /// <summary>Stored-zip entries written in pieces: local header, data (CRC folded as it goes), descriptor.</summary>
    private sealed class ZipSink(Stream output) : IEntrySink
    {
        private readonly List<ZipEntryRecord> _entries = [];
        private long _offset;
        private string _name = string.Empty;
        private long _entryStart;
        private long _size;
        private long _written;
        private uint _crc;

        public async ValueTask BeginAsync(string name, long size, CancellationToken cancellationToken)
        {
            byte[] header = StoredZip.LocalHeader(name, size);
            _name = name;
            _entryStart = _offset;
            _size = size;
            _written = 0;
            _crc = 0;
            await output.WriteAsync(header, cancellationToken);
            _offset += header.Length;
        }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            _crc = _written == 0 ? FoldingCrc32.Compute(data.Span) : Crc32Combine.Combine(_crc, FoldingCrc32.Compute(data.Span), data.Length);
            _written += data.Length;
            await output.WriteAsync(data, cancellationToken);
            _offset += data.Length;
        }

        public async ValueTask EndAsync(CancellationToken cancellationToken)
        {
            if (_written != _size)
            {
                throw new InvalidOperationException($"Entry {_name}: wrote {_written} bytes, declared {_size}.");
            }

            byte[] descriptor = StoredZip.Descriptor(_crc, _size);
            await output.WriteAsync(descriptor, cancellationToken);
            _entries.Add(new ZipEntryRecord(_name, _crc, _size, _entryStart));
            _offset += descriptor.Length;
        }

        public async ValueTask FinishAsync(CancellationToken cancellationToken)
        {
            byte[] directory = StoredZip.CentralDirectory(_entries, _offset);
            await output.WriteAsync(directory, cancellationToken);
            await output.FlushAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
