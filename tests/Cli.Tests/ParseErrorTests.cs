using DigitForge.TestSupport;

namespace DigitForge.Cli.Tests;

/// <summary>Command-line mistakes exit 2 with one line naming the option, like every other bad input.</summary>
public sealed class ParseErrorTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Theory]
    [InlineData("error: --order: Argument 'bogus' not recognized", "train", "--model", "cnn", "--order", "bogus")]
    [InlineData("error: --model: Option '--model' is required.", "train")]
    [InlineData("error: --steps: Cannot parse argument 'abc'", "train", "--model", "cnn", "--steps", "abc")]
    [InlineData("error: Unrecognized command or argument 'bogus'.", "runs", "bogus")]
    public async Task A_mistake_exits_2_naming_the_option_and_pointing_at_the_help(string expected, params string[] args)
    {
        var result = await CliProcess.RunAsync(_work.Path, null, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"Run 'digitforge {args[0]} --help' for usage.", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Fact]
    public async Task A_command_group_without_a_subcommand_prints_its_help()
    {
        var result = await CliProcess.RunAsync(_work.Path, null, "runs");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Tracked runs", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("list", result.StdOut, StringComparison.Ordinal);
    }
}
