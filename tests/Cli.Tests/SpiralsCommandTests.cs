using DigitForge.TestSupport;

namespace DigitForge.Cli.Tests;

public sealed class SpiralsCommandTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    private Task<CliResult> Run(params string[] args) => CliProcess.RunAsync(_work.Path, null, ["spirals", .. args]);

    [Fact]
    public async Task Plot_writes_a_png_with_the_references_argument_names()
    {
        var result = await Run("plot", "--clusters", "3", "--points_per_cluster", "100", "--radius-sd", "0.5", "--false-negatives", "true", "-o", "s.png");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("s.png: 300 points of the train split in 3 clusters", result.StdOut, StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(_work.File("s.png")).Take(4));
    }

    [Fact]
    public async Task A_bad_parameter_is_exit_code_2_naming_it()
    {
        var result = await Run("plot", "--classes", "3", "--confound-sd", "0.2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("classes", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_work.File("spirals.png")));
    }
}
