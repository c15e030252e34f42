using System.Security.Cryptography;
using DigitForge.Infrastructure.Data;
using DigitForge.Infrastructure.Data.FaceScrub;
using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace DigitForge.IntegrationTests.Data;

/// <summary>
/// The FaceScrub import (issue 19) on JPEG folders the tests encode with SkiaSharp: the reference's subset rule
/// (identities with at least 100 images), labels = identity - 100, the top-left 100x100 crop of 101x101 faces, the
/// per-class last-10 % test / previous-10 % valid split, and a clear error for each kind of bad folder.
/// </summary>
public sealed class FaceScrubImportTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _faces = new("digitforge-faces");
    private readonly TempDirectory _data = new("digitforge-data");

    public void Dispose()
    {
        _faces.Dispose();
        _data.Dispose();
    }

    private FaceScrubImporter Importer() =>
        new(Options.Create(new DataDirectoryOptions { DataDir = _data.Path }), NullLogger<FaceScrubImporter>.Instance);

    private string Stored(string file) => Path.Combine(FaceScrubImporter.Directory(_data.Path), file);

    [Fact]
    public async Task Keeps_identities_with_100_images_labels_them_from_0_crops_and_splits_each_class_10_10()
    {
        FaceScrubTestFolder.WriteIdentity(_faces.Path, 100, 100, side: 101);
        FaceScrubTestFolder.WriteIdentity(_faces.Path, 101, 103, side: 100);
        FaceScrubTestFolder.WriteIdentity(_faces.Path, 150, 5);
        File.WriteAllText(_faces.File("README.txt"), "not a face");

        var report = await Importer().ImportAsync(_faces.Path);

        // 100 images: ten = 10 -> 80 / 10 / 10; 103 images: ten = ceil(10.3) = 11 -> 81 / 11 / 11; identity 150 (5) left out.
        Assert.Equal([161, 21], report.Splits.Select(s => s.Count));
        Assert.Contains("2 identities", report.Origin.Description, StringComparison.Ordinal);
        Assert.Contains("1 smaller ones left out", report.Origin.Description, StringComparison.Ordinal);
        Assert.Contains("valid 21", report.Origin.Description, StringComparison.Ordinal);

        var train = Read("train");
        var valid = Read("valid");
        var test = Read("test");
        Assert.Equal([161L, 100L, 100L, 3L], train.Images.Shape);
        Assert.Equal([21L, 100L, 100L, 3L], valid.Images.Shape);
        Assert.Equal(NpyDType.UInt16, test.Labels.DType);
        Assert.Equal(Enumerable.Repeat((ushort)0, 80).Concat(Enumerable.Repeat((ushort)1, 81)).ToArray(), train.Labels.AsSpan<ushort>().ToArray());
        Assert.Equal(Enumerable.Repeat((ushort)0, 10).Concat(Enumerable.Repeat((ushort)1, 11)).ToArray(), test.Labels.AsSpan<ushort>().ToArray());

        // Within a class, images in numeric order of n (100_2 before 100_10): test holds n = 91..100 of identity 100,
        // valid n = 81..90; identity 101's test n = 93..103.
        Assert.Equal(Enumerable.Range(91, 10).Select(n => (int)FaceScrubTestFolder.Green(n)), Enumerable.Range(0, 10).Select(i => (int)Pixel(test.Images, i, 50, 50)[1]), ApproximateByte);
        Assert.Equal(Enumerable.Range(81, 10).Select(n => (int)FaceScrubTestFolder.Green(n)), Enumerable.Range(0, 10).Select(i => (int)Pixel(valid.Images, i, 50, 50)[1]), ApproximateByte);
        Assert.Equal(Enumerable.Range(93, 11).Select(n => (int)FaceScrubTestFolder.Green(n)), Enumerable.Range(10, 11).Select(i => (int)Pixel(test.Images, i, 50, 50)[1]), ApproximateByte);
        Assert.Equal((int)FaceScrubTestFolder.Red(101), (int)Pixel(test.Images, 10, 50, 50)[0], ApproximateByte);
        // The 101x101 faces lose their last row and column, not the first: the dark top-left corner is still there.
        Assert.True(Pixel(train.Images, 0, 0, 0).ToArray().Max() < 60, "the crop kept the top-left corner");
        Assert.Equal((int)FaceScrubTestFolder.Blue, (int)Pixel(train.Images, 0, 99, 99)[2], ApproximateByte);

        // data status lists the import.
        var status = FaceScrubStatus.Of(_data.Path).ToList();
        Assert.Equal([(true, 161), (true, 21)], status.Select(s => (s.Available, s.Count ?? 0)));
    }

    [SkippableFact]
    public void Decodes_jpeg_pixels_exactly_as_pil_and_crops_as_the_reference()
    {
        PythonReference.Require(output, "numpy", "PIL");
        string file = _faces.File("100_1.jpg");
        FaceScrubTestFolder.WriteNoise(file, 101, seed: 3);
        var ours = new byte[FaceScrubLayout.ImageBytes];

        FaceScrubJpeg.Decode(file, ours);

        // The reference: np.array(PIL.Image.open(f)); 101x101x3 -> img[:100, :100, :].
        string pil = PythonReference.Run(
            "import sys, hashlib, numpy as np, PIL.Image\n" +
            "img = np.array(PIL.Image.open(sys.argv[1]))\n" +
            "img = img[:100, :100, :] if img.shape == (101, 101, 3) else img\n" +
            "print(img.shape, hashlib.sha256(np.ascontiguousarray(img).tobytes()).hexdigest())",
            file).Trim();
        Assert.Equal($"(100, 100, 3) {Convert.ToHexStringLower(SHA256.HashData(ours))}", pil);
    }

    [Fact]
    public async Task An_empty_folder_names_the_file_pattern_it_expected()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(_faces.Path));
        Assert.Contains(_faces.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("<identity>_<n>.jpg", error.Message, StringComparison.Ordinal);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_an_identity_of_100_images_says_how_many_the_largest_has()
    {
        FaceScrubTestFolder.WriteIdentity(_faces.Path, 120, 7);
        FaceScrubTestFolder.WriteIdentity(_faces.Path, 121, 3);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(_faces.Path));

        Assert.Contains("no identity has 100 images", error.Message, StringComparison.Ordinal);
        Assert.Contains("the largest, 120, has 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_jpeg_is_named_and_the_previous_import_stays()
    {
        FaceScrubTestFolder.WriteIdentity(_faces.Path, 100, 100);
        await Importer().ImportAsync(_faces.Path);
        byte[] before = File.ReadAllBytes(Stored("train-images.npy"));
        File.WriteAllBytes(_faces.File("100_57.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(_faces.Path));

        Assert.Contains("100_57.jpg", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Stored("train-images.npy")));
        Assert.Empty(Directory.GetFiles(FaceScrubImporter.Directory(_data.Path), "*.tmp"));
    }

    [Fact]
    public async Task A_face_of_another_size_is_named_with_its_size()
    {
        FaceScrubTestFolder.WriteIdentity(_faces.Path, 100, 100);
        FaceScrubTestFolder.WriteJpeg(_faces.File("100_42.jpg"), 64, 48, 1, 2, 3);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(_faces.Path));

        Assert.Contains("100_42.jpg: 64x48 pixels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identity_below_100_is_named()
    {
        FaceScrubTestFolder.WriteIdentity(_faces.Path, 100, 100);
        FaceScrubTestFolder.WriteJpeg(_faces.File("99_1.jpg"), 100, 100, 1, 2, 3);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Importer().ImportAsync(_faces.Path));

        Assert.Contains("99_1.jpg: identity 99 is below 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_says_so()
    {
        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Importer().ImportAsync(_faces.File("nowhere")));
        Assert.Contains("nowhere does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 80, 10, 10)]
    [InlineData(103, 81, 11, 11)]
    [InlineData(110, 88, 11, 11)]
    public void Split_counts_follow_the_reference_ceil_of_10_percent(int count, int train, int valid, int test)
    {
        Assert.Equal((train, valid, test), FaceScrubLayout.SplitCounts(count));
    }

    private static readonly IEqualityComparer<int> ApproximateByte = EqualityComparer<int>.Create((a, b) => Math.Abs(a - b) <= 3, _ => 0);

    private (NpyArray Images, NpyArray Labels) Read(string split) =>
        (NpyReader.Read(File.ReadAllBytes(Stored(FaceScrubLayout.ImagesFile(split)))), NpyReader.Read(File.ReadAllBytes(Stored(FaceScrubLayout.LabelsFile(split)))));

    private static ReadOnlySpan<byte> Pixel(NpyArray images, int index, int y, int x) =>
        images.Data.AsSpan((index * FaceScrubLayout.ImageBytes) + (((y * FaceScrubLayout.Side) + x) * 3), 3);
}
