using System.Formats.Tar;
using System.IO.Compression;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Data;
using DigitForge.Infrastructure.Data;
using DigitForge.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitForge.IntegrationTests.Data;

/// <summary>
/// The streamed CIFAR-10 import and read: batches in any archive order, bad records named (not blamed on the archive),
/// no temp file left behind, and reads that cross the reader's chunk boundaries.
/// </summary>
public sealed class CifarStreamingImportTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string DataDir => Path.Combine(_temp.Path, "data");

    private string CifarDir => Path.Combine(DataDir, "cifar10");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Tar_batches_in_any_order_are_stored_in_batch_order_and_no_temp_file_is_left()
    {
        // 130 records per batch: the streaming copy works in 64-record chunks, so every batch ends mid-chunk.
        var batches = CifarBinary.TrainBatches.Append(CifarBinary.TestBatch).Select((name, b) => (name, Records: Records(130 + b, seed: b))).ToList();
        string archive = _temp.File("cifar-10-binary.tar");
        await WriteTarAsync(archive, gzip: false, [.. Enumerable.Reverse(batches)]);

        var report = await Importer().ImportAsync(archive, KnownSources.Cifar10);

        byte[] expectedTrain = [.. batches.Take(5).SelectMany(b => b.Records)];
        Assert.Equal(expectedTrain, await File.ReadAllBytesAsync(ArchiveImporter.CifarFile(CifarDir, DataSplit.Train)));
        Assert.Equal(batches[5].Records, await File.ReadAllBytesAsync(ArchiveImporter.CifarFile(CifarDir, DataSplit.Test)));
        Assert.Equal([(DataSplit.Train, 130 + 131 + 132 + 133 + 134), (DataSplit.Test, 135)], report.Splits.Select(s => (s.Split, s.Count)));
        Assert.DoesNotContain(Directory.EnumerateFiles(CifarDir), f => f.EndsWith(".tmp", StringComparison.Ordinal));

        // The reader decodes in chunks too: the same images as decoding the whole file at once.
        LabeledImages train = await Digits().GetAsync("cifar10", DataSplit.Train);
        var whole = CifarBinary.Decode(expectedTrain, "train");
        Assert.Equal(whole.Pixels, train.Pixels);
        Assert.Equal(whole.Labels, train.LabelsAsBytes());
    }

    [Fact]
    public async Task A_bad_label_inside_a_tar_gz_is_named_and_nothing_is_stored()
    {
        var batches = CifarBinary.TrainBatches.Append(CifarBinary.TestBatch).Select((name, b) => (name, Records: Records(70, seed: b))).ToList();
        batches[2].Records[(66 * CifarBinary.RecordBytes)] = 11;
        string archive = _temp.File("cifar-10-binary.tar.gz");
        await WriteTarAsync(archive, gzip: true, batches);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(archive, KnownSources.Cifar10));

        Assert.Contains("data_batch_3.bin: record 66 has label 11", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not a readable", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(CifarDir) && Directory.EnumerateFileSystemEntries(CifarDir).Any());
    }

    [Fact]
    public async Task A_partial_record_inside_a_tar_gz_is_named_and_nothing_is_stored()
    {
        var batches = CifarBinary.TrainBatches.Append(CifarBinary.TestBatch).Select((name, b) => (name, Records: Records(3, seed: b))).ToList();
        batches[5] = (batches[5].name, batches[5].Records[..^10]);
        string archive = _temp.File("cifar-10-binary.tar.gz");
        await WriteTarAsync(archive, gzip: true, batches);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(archive, KnownSources.Cifar10));

        Assert.Contains($"test_batch.bin: {(3 * CifarBinary.RecordBytes) - 10} bytes is not a whole number of 3073-byte", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(CifarDir) && Directory.EnumerateFileSystemEntries(CifarDir).Any());
    }

    private static byte[] Records(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * CifarBinary.ImageBytes];
        random.NextBytes(pixels);
        byte[] labels = [.. Enumerable.Range(0, count).Select(_ => (byte)random.Next(CifarBinary.Classes))];
        return CifarBinary.Encode(pixels, labels);
    }

    private static async Task WriteTarAsync(string path, bool gzip, IReadOnlyList<(string Name, byte[] Records)> batches)
    {
        await using var file = File.Create(path);
        await using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true) : file;
        await using var tar = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var (name, records) in batches)
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, $"{CifarBinary.ArchiveFolder}/{name}") { DataStream = new MemoryStream(records) });
        }
    }

    private IOptions<DataDirectoryOptions> DataOptions => Options.Create(new DataDirectoryOptions { DataDir = DataDir });

    private ArchiveImporter Importer() => new(DataOptions, NullLogger<ArchiveImporter>.Instance);

    private IdxDigitSource Digits() => new(DataOptions, NullLogger<IdxDigitSource>.Instance);
}
