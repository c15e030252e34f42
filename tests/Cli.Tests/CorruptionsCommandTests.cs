using DigitForge.Infrastructure.Data;
using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;

namespace DigitForge.Cli.Tests;

public sealed class CorruptionsCommandTests : IDisposable
{
    private readonly TempDirectory _work = new();
    private readonly TempDirectory _data = new();

    public CorruptionsCommandTests()
    {
        TestDataWriter.WriteAsync(Path.Combine(_data.Path, "mnist"), count: 60).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _work.Dispose();
        _data.Dispose();
    }

    private Task<CliResult> Run(params string[] args) => CliProcess.RunAsync(_work.Path, null, ["-d", _data.Path, .. args]);

    [Fact]
    public async Task List_shows_every_corruption_with_its_severities()
    {
        var result = await Run("corruptions", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("swirl", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("severity 1..5 (default 3)", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("gaussian_blur", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_writes_a_png_and_bad_names_exit_2()
    {
        var ok = await Run("corruptions", "preview", "invert-swirl", "-o", "p.png");
        var bad = await Run("corruptions", "preview", "twirl");

        Assert.True(ok.ExitCode == 0, ok.ToString());
        var png = PngDecoder.Decode(File.ReadAllBytes(_work.File("p.png")));
        Assert.Equal((28, 28), (png.Width, png.Height));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Unknown corruption 'twirl'", bad.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compositions_list_prints_the_167_and_check_round_trips_it()
    {
        var list = await Run("compositions", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(167, list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        File.WriteAllText(_work.File("list.txt"), list.StdOut);
        var check = await Run("compositions", "check", "list.txt");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(list.StdOut, check.StdOut);

        File.WriteAllText(_work.File("bad.txt"), "invert-swirl\ninvert-swirly\n");
        Assert.Equal(2, (await Run("compositions", "check", "bad.txt")).ExitCode);
    }

    [Fact]
    public async Task A_composition_dataset_downloads_as_a_bundle()
    {
        File.WriteAllText(_work.File("spec.json"), """{"generator": "composition", "parameters": {"composition": "rotate90-invert"}, "splits": {"train": 30, "test": 10}}""");

        var result = await Run("dataset", "download", "spec.json", "--format", "npz", "-o", "c.npz");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var file = File.OpenRead(_work.File("c.npz"));
        var arrays = NpzReader.ReadAll(file);
        Assert.Equal([30L, 28, 28], arrays["x_train"].Shape);
    }
}
