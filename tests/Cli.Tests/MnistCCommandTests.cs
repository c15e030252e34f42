using System.IO.Compression;
using DigitForge.Infrastructure.Data;
using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;

namespace DigitForge.Cli.Tests;

public sealed class MnistCCommandTests : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly TempDirectory _data = new();

    public MnistCCommandTests() => TestDataWriter.WriteAsync(Path.Combine(_data.Path, "mnist"), count: 30).GetAwaiter().GetResult();

    public void Dispose()
    {
        _work.Dispose();
        _data.Dispose();
    }

    private Task<CliResult> Run(params string[] args) => CliProcess.RunAsync(_work.Path, null, ["-d", _data.Path, .. args]);

    [Fact]
    public async Task Zip_holds_the_MNIST_C_layout_with_progress()
    {
        var result = await Run("mnist-c", "-o", "mc.zip", "--train", "20", "--test", "10");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("mnist-c: 100% of 480 images", result.StdErr, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(_work.File("mc.zip"));
        Assert.Equal(64, zip.Entries.Count);
        Assert.Equal(16, zip.Entries.Select(e => e.FullName.Split('/')[1]).Distinct().Count());
        var images = Read(zip, "mnist_c/zigzag/train_images.npy");
        Assert.Equal([20L, 28, 28, 1], images.Shape);
        Assert.Equal([10L], Read(zip, "mnist_c/canny_edges/test_labels.npy").Shape);
    }

    [Fact]
    public async Task A_directory_gets_the_npy_files_and_equal_seeds_give_equal_bytes()
    {
        var first = await Run("mnist-c", "-o", "a", "--train", "6", "--test", "4", "--seed", "3");
        var second = await Run("mnist-c", "-o", "b", "--train", "6", "--test", "4", "--seed", "3");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var files = Directory.GetFiles(_work.File("a"), "*.npy", SearchOption.AllDirectories);
        Assert.Equal(64, files.Length);
        Assert.Empty(Directory.GetFiles(_work.File("a"), "*.partial", SearchOption.AllDirectories));
        string fog = Path.Combine("mnist_c", "fog", "train_images.npy");
        Assert.Equal(File.ReadAllBytes(Path.Combine(_work.File("a"), fog)), File.ReadAllBytes(Path.Combine(_work.File("b"), fog)));
    }

    [Fact]
    public async Task More_rows_than_the_data_directory_holds_is_invalid_input()
    {
        var result = await Run("mnist-c", "-o", "mc.zip", "--train", "999");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("train", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("mc.zip")));
    }

    private static NpyArray Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return NpyReader.Read(copy.ToArray());
    }
}
