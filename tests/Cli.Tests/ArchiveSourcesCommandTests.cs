using System.Text.Json;
using DigitForge.Infrastructure.Data;
using DigitForge.TestSupport;

namespace DigitForge.Cli.Tests;

/// <summary><c>digitforge data import</c> with CIFAR-10 and EMNIST archives, and FaceScrub folders.</summary>
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
    public async Task An_empty_facescrub_folder_is_refused_naming_what_was_expected()
    {
        Directory.CreateDirectory(_work.File("faces"));

        var result = await Run("data", "import", "faces", "--source", "facescrub");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no FaceScrub images: expected files named <identity>_<n>.jpg", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facescrub_folder_is_recognised_imported_and_listed()
    {
        FaceScrubTestFolder.WriteIdentity(_work.File("faces"), 100, 100);
        FaceScrubTestFolder.WriteIdentity(_work.File("faces"), 102, 4);

        var import = await Run("data", "import", "faces");
        var status = await Run("data", "status", "--json");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("facescrub train: 80 images 100x100", import.StdOut, StringComparison.Ordinal);
        Assert.Contains("facescrub test: 10 images 100x100", import.StdOut, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(status.StdOut);
        var available = json.RootElement.GetProperty("sources").EnumerateArray()
            .Where(s => s.GetProperty("available").GetBoolean())
            .Select(s => $"{s.GetProperty("source").GetString()}:{s.GetProperty("count").GetInt32()}")
            .ToArray();
        Assert.Equal(["facescrub:80", "facescrub:10"], available);
    }
}
