using System.Text.Json;
using DigitForge.Infrastructure.Data;
using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;

namespace DigitForge.Cli.Tests;

public sealed class DatasetCommandTests : IDisposable
{
    private const string Spec = """{"generator": "mnist1d", "parameters": {"mode": "keyed"}, "seed": 1, "splits": {"train": 4000, "test": 1000}}""";

    private readonly TempDirectory _work = new();
    private readonly TempDirectory _data = new();

    public DatasetCommandTests()
    {
        TestDataWriter.WriteAsync(Path.Combine(_data.Path, "mnist"), count: 60).GetAwaiter().GetResult();
        File.WriteAllText(_work.File("spec.json"), Spec);
    }

    public void Dispose()
    {
        _work.Dispose();
        _data.Dispose();
    }

    private Task<CliResult> Run(params string[] args) => CliProcess.RunAsync(_work.Path, null, ["-d", _data.Path, .. args]);

    [Fact]
    public async Task Create_prints_the_content_id_and_stores_the_spec()
    {
        var result = await Run("dataset", "create", "spec.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var info = JsonDocument.Parse(result.StdOut);
        string id = info.RootElement.GetProperty("id").GetString()!;
        Assert.Equal("a9dc738f931a71c2a1ac69f450f00122e5954f0c84572f428f5f587c309e5a14", id);
        Assert.True(File.Exists(Path.Combine(_data.Path, "datasets", id + ".json")));
    }

    [Fact]
    public async Task Download_from_a_spec_then_by_id_writes_loadable_bundles_with_progress()
    {
        var npz = await Run("dataset", "download", "spec.json", "--format", "npz", "-o", "d.npz");
        var npy = await Run("dataset", "download", "a9dc738f931a71c2a1ac69f450f00122e5954f0c84572f428f5f587c309e5a14", "--format", "npy", "--split", "test", "--array", "y", "-o", "y.npy");

        Assert.True(npz.ExitCode == 0, npz.ToString());
        Assert.True(npy.ExitCode == 0, npy.ToString());
        Assert.Contains("d.npz: 100% of", npz.StdErr, StringComparison.Ordinal);
        using (var file = File.OpenRead(_work.File("d.npz")))
        {
            var arrays = NpzReader.ReadAll(file);
            Assert.Equal([4000L, 40], arrays["x_train"].Shape);
            Assert.Equal(arrays["y_test"].Data, NpyReader.Read(File.ReadAllBytes(_work.File("y.npy"))).Data);
        }
    }

    [Fact]
    public async Task Zip_of_source_images_has_one_png_per_row()
    {
        File.WriteAllText(_work.File("mnist.json"), """{"generator": "mnist", "splits": {"train": 30, "test": 20}}""");

        var result = await Run("dataset", "download", "mnist.json", "--format", "zip", "-o", "m.zip");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var archive = System.IO.Compression.ZipFile.OpenRead(_work.File("m.zip"));
        Assert.Equal(52, archive.Entries.Count);
        Assert.Contains(archive.Entries, e => e.FullName == "test/9/19.png");
    }

    [Fact]
    public async Task Invalid_spec_exits_2_and_unknown_id_exits_4_with_a_message()
    {
        File.WriteAllText(_work.File("bad.json"), """{"generator": "mnist1d", "parameters": {"padding": [60, 1]}}""");

        var bad = await Run("dataset", "create", "bad.json");
        var unknown = await Run("dataset", "download", new string('0', 64));

        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("parameters.padding", bad.StdErr, StringComparison.Ordinal);
        // Exit 4 like every other unknown id (runs, jobs); before the single error model this was 2.
        Assert.Equal(4, unknown.ExitCode);
        Assert.Contains("No dataset with id", unknown.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generators_help_is_built_from_the_registry()
    {
        var listing = await Run("dataset", "generators");
        var help = await Run("dataset", "create", "--help");

        Assert.True(listing.ExitCode == 0, listing.ToString());
        Assert.Contains("mnist1d 1.0.0", listing.StdOut, StringComparison.Ordinal);
        Assert.Contains("padding = [36,60]", help.StdOut, StringComparison.Ordinal);
    }
}
