using System.Text.Json;
using DigitForge.Infrastructure.Data;
using DigitForge.TestSupport;

namespace DigitForge.Cli.Tests;

/// <summary><c>digitforge data import</c> with CIFAR-10 and EMNIST archives, and the FaceScrub refusal.</summary>
public sealed class ArchiveSourcesCommandTests : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly TempDirectory _data = new();

    public void Dispose()
    {
        _work.Dispose();
        _data.Dispose();
    }

    private Task<CliResult> Run(params string[] args) => CliProcess.RunAsync(_work.Path, null, ["-d", _data.Path, .. args]);

    [Fact]
    public async Task Import_recognises_the_cifar_and_emnist_archives_and_status_lists_them()
    {
        await ArchiveTestDataWriter.WriteCifarTarGzAsync(_work.File("cifar-10-binary.tar.gz"), 2, 1);
        await ArchiveTestDataWriter.WriteEmnistZipAsync(_work.File("gzip.zip"), 2, 1);

        var cifar = await Run("data", "import", "cifar-10-binary.tar.gz");
        var emnist = await Run("data", "import", "gzip.zip");
        var status = await Run("data", "status", "--json");

        Assert.True(cifar.ExitCode == 0, cifar.ToString());
        Assert.True(emnist.ExitCode == 0, emnist.ToString());
        Assert.Contains("cifar10 train: 20 images 32x32", cifar.StdOut, StringComparison.Ordinal);
        Assert.Contains("emnist-balanced train: 94 images 28x28", emnist.StdOut, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(status.StdOut);
        var available = json.RootElement.GetProperty("sources").EnumerateArray()
            .Where(s => s.GetProperty("available").GetBoolean())
            .Select(s => $"{s.GetProperty("source").GetString()}:{s.GetProperty("count").GetInt32()}")
            .ToArray();
        Assert.Contains("cifar10:20", available);
        Assert.Contains("emnist-balanced:47", available);
    }

    [Fact]
    public async Task Facescrub_is_refused_with_the_reason()
    {
        Directory.CreateDirectory(_work.File("faces"));

        var result = await Run("data", "import", "faces", "--source", "facescrub");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("JPEG decoder", result.StdErr, StringComparison.Ordinal);
    }
}
