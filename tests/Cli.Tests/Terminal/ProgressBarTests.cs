using DigitForge.Application.DataSources;
using DigitForge.Cli.Terminal;
using DigitForge.Infrastructure.Data;

namespace DigitForge.Cli.Tests.Terminal;

/// <summary>The progress bars in process, writing to a <see cref="StringWriter"/> as if to a terminal or a log.</summary>
public sealed class ProgressBarTests
{
    private static readonly Uri Mirror = new("https://mirror.example/mnist/");

    [Fact]
    public void Count_bar_on_a_terminal_draws_the_first_report_at_once_and_ends_at_100_percent()
    {
        using var terminal = new StringWriter();
        var bar = new CountProgressBar(terminal, interactive: true, "mnist-c", total: 10, "images");

        bar.Report(3);
        string first = terminal.ToString();
        bar.Complete();

        Assert.StartsWith("\rmnist-c [#########.....................] 30 % 3/10 images ", first, StringComparison.Ordinal);
        Assert.Contains("\rmnist-c [##############################] 100 % 10/10 images ", terminal.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, terminal.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Count_bar_in_a_log_prints_each_quarter_once()
    {
        using var log = new StringWriter();
        var bar = new CountProgressBar(log, interactive: false, "mnist1d", total: 8, "samples");

        for (int done = 1; done <= 8; done++)
        {
            bar.Report(done);
        }

        bar.Complete();

        Assert.Equal(
            ["mnist1d: 0% of 8 samples", "mnist1d: 25% of 8 samples", "mnist1d: 50% of 8 samples", "mnist1d: 75% of 8 samples", "mnist1d: 100% of 8 samples"],
            Lines(log).Select(line => line[..line.IndexOf(" (", StringComparison.Ordinal)]));
    }

    [Fact]
    public void Download_bar_in_a_log_prints_each_quarter_of_each_file_once()
    {
        using var log = new StringWriter();
        var bar = new DownloadProgressBar(log, interactive: false);

        foreach (string file in new[] { "a.gz", "b.gz" })
        {
            foreach (long done in new long[] { 0, 1_000_000, 2_000_000, 2_500_000, 4_000_000 })
            {
                bar.Report(new DownloadProgress(file, done, 4_000_000, Mirror));
            }
        }

        Assert.Equal(
            [
                "a.gz: 0% of 4.0 MB from mirror.example", "a.gz: 25% of 4.0 MB from mirror.example", "a.gz: 50% of 4.0 MB from mirror.example", "a.gz: 100% of 4.0 MB from mirror.example",
                "b.gz: 0% of 4.0 MB from mirror.example", "b.gz: 25% of 4.0 MB from mirror.example", "b.gz: 50% of 4.0 MB from mirror.example", "b.gz: 100% of 4.0 MB from mirror.example",
            ],
            Lines(log));
    }

    [Fact]
    public void Download_bar_on_a_terminal_draws_the_first_report_and_the_finished_file()
    {
        using var terminal = new StringWriter();
        var bar = new DownloadProgressBar(terminal, interactive: true);

        bar.Report(new DownloadProgress("a.gz", 0, 2_000_000, Mirror));
        bar.Report(new DownloadProgress("a.gz", 2_000_000, 2_000_000, Mirror));

        Assert.Equal(
            $"\r{"a.gz",-28} [..............................]  0 % 0.0/2.0 MB" +
            $"\r{"a.gz",-28} [##############################] 100 % 2.0/2.0 MB{Environment.NewLine}",
            terminal.ToString());
    }

    [Fact]
    public void Transfer_bar_in_a_log_prints_quarters_with_a_size_and_every_100_MB_without()
    {
        using var sized = new StringWriter();
        var withSize = new TransferProgressBar(sized, interactive: false, "data.npz", 400);
        foreach (long done in new long[] { 0, 50, 100, 150, 300, 400 })
        {
            withSize.Report(done);
        }

        using var unsized = new StringWriter();
        var withoutSize = new TransferProgressBar(unsized, interactive: false, "data.npz", null);
        foreach (long done in new long[] { 0, 50_000_000, 100_000_000, 150_000_000, 200_000_000 })
        {
            withoutSize.Report(done);
        }

        Assert.Equal(
            ["data.npz: 0% of 0.0 MB", "data.npz: 25% of 0.0 MB", "data.npz: 75% of 0.0 MB", "data.npz: 100% of 0.0 MB"],
            Lines(sized));
        Assert.Equal(["data.npz: 0.0 MB", "data.npz: 100.0 MB", "data.npz: 200.0 MB"], Lines(unsized));
    }

    [Fact]
    public void Transfer_bar_on_a_terminal_draws_the_first_report_at_once()
    {
        using var terminal = new StringWriter();
        var bar = new TransferProgressBar(terminal, interactive: true, "data.npz", 4_000_000);

        bar.Report(1_000_000);

        Assert.StartsWith("\rdata.npz [#######.......................] 25 % 1.0/4.0 MB ", terminal.ToString(), StringComparison.Ordinal);
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
