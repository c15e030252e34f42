using DigitForge.Domain.Data;
using DigitForge.Infrastructure.Data;
using DigitForge.TestSupport;

namespace DigitForge.IntegrationTests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reads_raw_and_gzip_files_alike_whatever_their_names()
    {
        string raw = Path.Combine(_temp.Path, "images-raw");
        string gz = Path.Combine(_temp.Path, "images-compressed-but-no-gz-suffix");
        await File.WriteAllBytesAsync(raw, IdxFixtures.Images(12));
        await File.WriteAllBytesAsync(gz, IdxFixtures.Gzip(IdxFixtures.Images(12)));

        IdxImages fromRaw = await IdxReader.ReadImagesAsync(raw);
        IdxImages fromGzip = await IdxReader.ReadImagesAsync(gz);

        Assert.Equal((12, 28, 28), (fromRaw.Count, fromRaw.Rows, fromRaw.Cols));
        Assert.Equal(fromRaw.Pixels, fromGzip.Pixels);
        Assert.False(IdxReader.IsGzipFile(raw));
        Assert.True(IdxReader.IsGzipFile(gz));
    }

    [Fact]
    public async Task Wrong_magic_names_the_file_and_both_kinds()
    {
        string path = Path.Combine(_temp.Path, "train-images-idx3-ubyte");
        await File.WriteAllBytesAsync(path, IdxFixtures.Labels(5));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdxReader.ReadImagesAsync(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("labels file (magic 2049)", error.Message, StringComparison.Ordinal);
        Assert.Contains("2051", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_magic_is_reported_in_hex()
    {
        string path = Path.Combine(_temp.Path, "garbage");
        await File.WriteAllBytesAsync(path, [0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdxReader.ReadLabelsAsync(path));

        Assert.Contains("0xDEADBEEF", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task Raw_file_size_must_match_the_header(int delta)
    {
        byte[] valid = IdxFixtures.Images(3);
        byte[] bytes = delta < 0 ? valid[..^1] : [.. valid, 0];
        string path = Path.Combine(_temp.Path, "t10k-images-idx3-ubyte");
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdxReader.ReadImagesAsync(path));

        Assert.Equal($"{path}: file is {bytes.Length} bytes, but its header (3 images of 28x28) needs {valid.Length}.", error.Message);
        Assert.Throws<InvalidDataException>(() => IdxReader.ReadHeader(path, IdxKind.Images));
    }

    [Fact]
    public async Task Headers_only_test_data_fails_the_size_check()
    {
        await TestDataWriter.WriteAsync(_temp.Path, headersOnly: true);
        string labels = Path.Combine(_temp.Path, IdxFileNames.TrainLabels);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdxReader.ReadLabelsAsync(labels));

        Assert.Equal($"{labels}: file is 8 bytes, but its header (20 labels) needs 28.", error.Message);
    }

    [Fact]
    public async Task File_shorter_than_a_header_is_rejected()
    {
        string path = Path.Combine(_temp.Path, "tiny");
        await File.WriteAllBytesAsync(path, [0, 0, 8, 3, 0]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdxReader.ReadImagesAsync(path));

        Assert.Contains("shorter than the 16-byte IDX images header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_gzip_is_rejected_with_the_file_name()
    {
        byte[] gzip = IdxFixtures.Gzip(IdxFixtures.Images(50));
        string path = Path.Combine(_temp.Path, "train-images-idx3-ubyte.gz");
        await File.WriteAllBytesAsync(path, gzip[..(gzip.Length / 2)]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdxReader.ReadImagesAsync(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_gzip_data_is_rejected_with_the_file_name()
    {
        byte[] gzip = IdxFixtures.Gzip(IdxFixtures.Images(50));
        for (int i = 12; i < gzip.Length - 8; i += 7)
        {
            gzip[i] ^= 0x5a;
        }

        string path = Path.Combine(_temp.Path, "corrupt.gz");
        await File.WriteAllBytesAsync(path, gzip);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdxReader.ReadImagesAsync(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_with_trailing_data_after_the_announced_items_is_rejected()
    {
        byte[] raw = [.. IdxFixtures.Labels(10), 7, 7];
        string path = Path.Combine(_temp.Path, "labels.gz");
        await File.WriteAllBytesAsync(path, IdxFixtures.Gzip(raw));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdxReader.ReadLabelsAsync(path));

        Assert.Equal($"{path}: decompresses to 20 bytes, but its header (10 labels) needs 18.", error.Message);
    }

    [Fact]
    public async Task Pair_with_different_counts_is_rejected_naming_both_files()
    {
        string images = Path.Combine(_temp.Path, IdxFileNames.TrainImages);
        string labels = Path.Combine(_temp.Path, IdxFileNames.TrainLabels);
        await File.WriteAllBytesAsync(images, IdxFixtures.Images(20));
        await File.WriteAllBytesAsync(labels, IdxFixtures.Labels(19));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => IdxReader.ReadLabeledAsync(images, labels));

        Assert.Equal($"{labels}: 19 labels, but {images} has 20 images.", error.Message);
    }

    [Fact]
    public async Task Missing_file_is_a_file_not_found_error()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(
            () => IdxReader.ReadLabelsAsync(Path.Combine(_temp.Path, "absent")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Writer_and_reader_round_trip(bool gzip)
    {
        byte[] pixels = [.. Enumerable.Range(0, 7 * 5 * 3).Select(i => (byte)(i * 13))];
        byte[] labels = [3, 1, 4, 1, 5, 9, 2];
        string images = Path.Combine(_temp.Path, "images");
        string labelsPath = Path.Combine(_temp.Path, "labels");

        await IdxWriter.WriteImagesAsync(images, rows: 5, cols: 3, pixels, gzip);
        await IdxWriter.WriteLabelsAsync(labelsPath, labels, gzip);
        LabeledImages read = await IdxReader.ReadLabeledAsync(images, labelsPath);

        Assert.Equal(gzip, IdxReader.IsGzipFile(images));
        Assert.Equal((7, 5, 3), (read.Count, read.Rows, read.Cols));
        Assert.Equal(pixels, read.Pixels.ToArray());
        Assert.Equal(labels, read.LabelsAsBytes());
        Assert.Equal(IdxHeader.ForImages(7, 5, 3), IdxReader.ReadHeader(images, IdxKind.Images));
        Assert.Equal(["images", "labels"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Raw_writer_output_is_the_plain_idx_layout()
    {
        string path = Path.Combine(_temp.Path, "labels");
        await IdxWriter.WriteLabelsAsync(path, new byte[] { 7, 8 });

        Assert.Equal(new byte[] { 0, 0, 8, 1, 0, 0, 0, 2, 7, 8 }, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Writer_rejects_pixels_that_are_not_whole_images()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => IdxWriter.WriteImagesAsync(Path.Combine(_temp.Path, "x"), 28, 28, new byte[100]));
    }
}
