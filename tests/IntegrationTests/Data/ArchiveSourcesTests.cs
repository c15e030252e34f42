using System.Security.Cryptography;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Data;
using DigitForge.Infrastructure.Data;
using DigitForge.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitForge.IntegrationTests.Data;

/// <summary>CIFAR-10 (binary) and EMNIST balanced: import and download of fixture archives in the real formats.</summary>
public sealed class ArchiveSourcesTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly HttpClient _httpClient = new();
    private FakeMirrorServer _server = null!;

    private string DataDir => Path.Combine(_temp.Path, "data");

    public async Task InitializeAsync() => _server = await FakeMirrorServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose()
    {
        _httpClient.Dispose();
        _temp.Dispose();
    }

    [SkippableFact]
    public async Task A_cifar_tar_gz_imports_as_32x32x3_hwc_images()
    {
        string archive = _temp.File("cifar-10-binary.tar.gz");
        await ArchiveTestDataWriter.WriteCifarTarGzAsync(archive, trainPerClass: 5, testPerClass: 2);

        Assert.Equal(KnownSources.Cifar10, ArchiveImporter.Detect(archive));
        var report = await Importer().ImportAsync(archive, KnownSources.Cifar10);

        Assert.Equal([(DataSplit.Train, 50), (DataSplit.Test, 20)], report.Splits.Select(s => (s.Split, s.Count)));
        var digits = Digits();
        LabeledImages train = await digits.GetAsync("cifar10", DataSplit.Train);
        LabeledImages test = await digits.GetAsync("cifar10", DataSplit.Test);
        Assert.Equal((32, 32, 3, 50), (train.Rows, train.Cols, train.Channels, train.Count));
        Assert.Equal(20, test.Count);
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(i % 10, train.Labels[i]);
            Assert.Equal(ArchiveTestDataWriter.CifarImage(i, (byte)(i % 10)), train.Image(i).ToArray());
        }

        Assert.Contains(digits.Status(), s => s is { Source: "cifar10", Split: DataSplit.Train, Available: true, Count: 50 });
    }

    [SkippableFact]
    public async Task Cifar_images_match_numpys_reading_of_the_records()
    {
        PythonReference.Require("numpy");

        string archive = _temp.File("cifar-10-binary.tar.gz");
        await ArchiveTestDataWriter.WriteCifarTarGzAsync(archive, trainPerClass: 1, testPerClass: 1);
        await Importer().ImportAsync(archive, KnownSources.Cifar10);
        LabeledImages test = await Digits().GetAsync("cifar10", DataSplit.Test);

        // The reference's reading (torchvision-style): records -> (N, 3, 32, 32) -> transpose(0, 2, 3, 1) = HWC.
        string hex = PythonReference.Run(
            "import sys, numpy as np; r = np.fromfile(sys.argv[1], np.uint8).reshape(-1, 3073); " +
            "print(r[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).tobytes().hex())",
            ArchiveImporter.CifarFile(Path.Combine(DataDir, "cifar10"), DataSplit.Test));
        Assert.Equal(hex.Trim(), Convert.ToHexStringLower(test.Pixels));
    }

    [SkippableFact]
    public async Task A_folder_of_cifar_batches_imports_too_and_a_missing_batch_is_named()
    {
        string folder = Path.Combine(_temp.Path, "cifar-10-batches-bin");
        Directory.CreateDirectory(folder);
        var image = ArchiveTestDataWriter.CifarImage(0, 3);
        foreach (string batch in CifarBinary.TrainBatches.Take(4))
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, batch), CifarBinary.Encode(image, [3]));
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(_temp.Path, KnownSources.Cifar10));
        Assert.Contains("data_batch_5.bin", error.Message, StringComparison.Ordinal);
        Assert.Contains("test_batch.bin", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(DataDir, "cifar10")) && Directory.EnumerateFiles(Path.Combine(DataDir, "cifar10")).Any());

        await File.WriteAllBytesAsync(Path.Combine(folder, CifarBinary.TrainBatches[4]), CifarBinary.Encode(image, [3]));
        await File.WriteAllBytesAsync(Path.Combine(folder, CifarBinary.TestBatch), CifarBinary.Encode(image, [3]));
        Assert.Equal(KnownSources.Cifar10, ArchiveImporter.Detect(_temp.Path));
        var report = await Importer().ImportAsync(_temp.Path, KnownSources.Cifar10);

        Assert.Equal(5, report.Splits[0].Count);
        Assert.Equal(image, (await Digits().GetAsync("cifar10", DataSplit.Train)).Image(4).ToArray());
    }

    [SkippableFact]
    public async Task Cifar_records_with_a_label_over_9_or_a_partial_record_are_rejected()
    {
        string folder = Path.Combine(_temp.Path, "bad");
        Directory.CreateDirectory(folder);
        byte[] record = CifarBinary.Encode(new byte[CifarBinary.ImageBytes], [0]);
        foreach (string batch in CifarBinary.TrainBatches.Append(CifarBinary.TestBatch))
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, batch), record);
        }

        byte[] badLabel = (byte[])record.Clone();
        badLabel[0] = 10;
        await File.WriteAllBytesAsync(Path.Combine(folder, CifarBinary.TestBatch), badLabel);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(folder, KnownSources.Cifar10));
        Assert.Contains("label 10", error.Message, StringComparison.Ordinal);

        await File.WriteAllBytesAsync(Path.Combine(folder, CifarBinary.TestBatch), record.AsSpan(0, 100).ToArray());
        error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(folder, KnownSources.Cifar10));
        Assert.Contains("3073-byte", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_emnist_zip_imports_the_balanced_split_upright()
    {
        string archive = _temp.File("gzip.zip");
        await ArchiveTestDataWriter.WriteEmnistZipAsync(archive, trainPerClass: 3, testPerClass: 1);

        Assert.Equal(KnownSources.EmnistBalanced, ArchiveImporter.Detect(archive));
        var report = await Importer().ImportAsync(archive, KnownSources.EmnistBalanced);

        Assert.Equal([(DataSplit.Train, 141), (DataSplit.Test, 47)], report.Splits.Select(s => (s.Split, s.Count)));
        LabeledImages train = await Digits().GetAsync("emnist-balanced", DataSplit.Train);
        Assert.Equal((28, 28, 1), (train.Rows, train.Cols, train.Channels));
        for (int i = 0; i < train.Count; i++)
        {
            Assert.Equal(i % 47, train.Labels[i]);
            Assert.Equal(ArchiveTestDataWriter.EmnistImage(i), train.Image(i).ToArray());
        }

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(DataDir, "emnist-balanced"), "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [SkippableFact]
    public async Task Emnist_images_match_numpys_transpose_of_the_published_files()
    {
        PythonReference.Require("numpy");

        string archive = _temp.File("gzip.zip");
        await ArchiveTestDataWriter.WriteEmnistZipAsync(archive, trainPerClass: 1, testPerClass: 1);
        await Importer().ImportAsync(archive, KnownSources.EmnistBalanced);
        LabeledImages test = await Digits().GetAsync("emnist-balanced", DataSplit.Test);

        // The reference: torchvision's EMNIST images, then transpose(0, 2, 1) to upright.
        string hex = PythonReference.Run(
            "import sys, gzip, zipfile, numpy as np; z = zipfile.ZipFile(sys.argv[1]); " +
            "b = gzip.decompress(z.read('gzip/emnist-balanced-test-images-idx3-ubyte.gz')); " +
            "x = np.frombuffer(b, np.uint8, offset=16).reshape(-1, 28, 28); print(x.transpose(0, 2, 1).tobytes().hex())",
            archive);
        Assert.Equal(hex.Trim(), Convert.ToHexStringLower(test.Pixels));
    }

    [SkippableFact]
    public async Task Download_tries_each_mirror_verifies_sha256_and_stores_the_archives_content()
    {
        string archive = _temp.File("cifar-10-binary.tar.gz");
        await ArchiveTestDataWriter.WriteCifarTarGzAsync(archive, trainPerClass: 2, testPerClass: 1);
        byte[] content = await File.ReadAllBytesAsync(archive);
        byte[] corrupt = (byte[])content.Clone();
        corrupt[^1] ^= 0xff;
        string missing = _server.Mirror("missing");
        string bad = _server.Mirror("bad");
        string good = _server.Mirror("good");
        _server.Serve(bad, "cifar-10-binary.tar.gz", corrupt);
        _server.Serve(good, "cifar-10-binary.tar.gz", content);
        var options = new MnistDownloadOptions
        {
            Cifar10Mirrors = [missing, bad, good],
            Cifar10Archive = new ArchiveFileSpec(KnownSources.Cifar10, "cifar-10-binary.tar.gz", content.Length, Convert.ToHexStringLower(SHA256.HashData(content))),
        };
        var progress = new RecordingProgress();

        var report = await Downloader(options).DownloadAsync(KnownSources.Cifar10, progress);

        Assert.Equal(new Uri(good), report.Files.Single().Mirror);
        Assert.Equal(content.Length, progress.Reports.Last().BytesDone);
        Assert.Equal(20, (await Digits().GetAsync("cifar10", DataSplit.Train)).Count);
        Assert.Equal($"download from {good}", OriginFile.Read(Path.Combine(DataDir, "cifar10"))[DataSplit.Train].Description);
        Assert.Equal(["train.bin", "test.bin", "origin.json"], Directory.EnumerateFiles(Path.Combine(DataDir, "cifar10")).Select(Path.GetFileName).OrderByDescending(n => n == "train.bin").ThenByDescending(n => n == "test.bin"));

        _server.Requests.Clear();
        var again = await Downloader(options).DownloadAsync(KnownSources.Cifar10);
        Assert.True(again.Files.Single().AlreadyPresent);
        Assert.Empty(_server.Requests);
    }

    [SkippableFact]
    public async Task Download_fails_listing_every_mirror_and_leaves_nothing_behind()
    {
        string zip = _temp.File("gzip.zip");
        await ArchiveTestDataWriter.WriteEmnistZipAsync(zip, 1, 1);
        byte[] content = await File.ReadAllBytesAsync(zip);
        string cut = _server.Mirror("cut");
        _server.ServeCutOff(cut, "gzip.zip", content, sendBytes: content.Length / 2);
        var options = new MnistDownloadOptions
        {
            EmnistMirrors = [_server.Mirror("none"), cut],
            EmnistArchive = new ArchiveFileSpec(KnownSources.EmnistBalanced, "gzip.zip", content.Length, Convert.ToHexStringLower(SHA256.HashData(content))),
        };

        var error = await Assert.ThrowsAsync<DataDownloadException>(() => Downloader(options).DownloadAsync(KnownSources.EmnistBalanced));

        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Contains(cut, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(DataDir, "emnist-balanced"), "*", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [SkippableFact]
    public async Task A_missing_source_explains_how_to_get_it()
    {
        var error = await Assert.ThrowsAsync<DataSourceUnavailableException>(() => Digits().GetAsync("cifar10", DataSplit.Test).AsTask());

        Assert.Contains("CIFAR-10 test data is not available", error.Message, StringComparison.Ordinal);
        Assert.Contains("digitforge data download --source cifar10", error.Message, StringComparison.Ordinal);
        Assert.Contains("cifar-10-binary.tar.gz", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_official_archives_are_pinned()
    {
        Assert.Equal((170_052_171L, "c32a1d4ab5d03f1284b67883e8d87530"), (ArchiveFileSpec.Cifar10.Size, ArchiveFileSpec.Cifar10.Md5));
        Assert.Equal((561_753_746L, "58c8d27c78d21e728a6bc7b3cc06412e"), (ArchiveFileSpec.EmnistBalanced.Size, ArchiveFileSpec.EmnistBalanced.Md5));
        Assert.All(new[] { ArchiveFileSpec.Cifar10, ArchiveFileSpec.EmnistBalanced }, a => Assert.Equal(64, a.Sha256.Length));
    }

    private IOptions<DataDirectoryOptions> DataOptions => Options.Create(new DataDirectoryOptions { DataDir = DataDir });

    private ArchiveImporter Importer() => new(DataOptions, NullLogger<ArchiveImporter>.Instance);

    private IdxDigitSource Digits() => new(DataOptions, NullLogger<IdxDigitSource>.Instance);

    private ArchiveDownloader Downloader(MnistDownloadOptions options) =>
        new(_httpClient, Options.Create(options), DataOptions, Importer(), Digits(), NullLogger<ArchiveDownloader>.Instance);
}
