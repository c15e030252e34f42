using System.Text.RegularExpressions;
using DigitForge.TestSupport;

namespace DigitForge.Cli.Tests;

/// <summary>The real <c>digitforge experiment</c> on a SQLite file in a temp data directory (needs the native engine).</summary>
public sealed partial class ExperimentCommandTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    private Task<CliResult> Run(params string[] args) => CliProcess.RunAsync(_work.Path, null, ["-d", _work.File("data"), .. args]);

    [Fact]
    public async Task Run_wait_trains_the_benchmark_and_ends_with_one_line_per_model_and_variant()
    {
        var result = await Run("experiment", "run", "mnist1d-benchmark", "--steps", "20", "--models", "logistic,mlp", "--shuffled", "--device", "cpu", "--wait");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("training mlp (shuffled)", result.StdErr, StringComparison.Ordinal);
        var lines = ResultLine().Matches(result.StdOut).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ToList();
        Assert.Equal(["logistic plain", "mlp plain", "logistic shuffled", "mlp shuffled"], lines);
        Assert.Matches(@"(?m)^mlp +plain +\d+\.\d % +68 % +64\.2–65\.1 %", result.StdOut);
        Assert.Matches(@"job [0-9a-f]{32}: FINISHED", result.StdOut);
    }

    [Fact]
    public async Task A_queued_job_can_be_cancelled_and_bad_input_exits_2_or_4()
    {
        var queued = await Run("experiment", "run", "classifier", "-p", "steps=5", "-p", "model=logistic");
        Assert.True(queued.ExitCode == 0, queued.ToString());
        string id = JobId().Match(queued.StdOut).Groups[1].Value;

        var cancel = await Run("experiment", "cancel", id);
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        Assert.Contains($"job {id}: CANCELLED", cancel.StdOut, StringComparison.Ordinal);
        var status = await Run("experiment", "status", id);
        Assert.Contains("CANCELLED: Cancelled before it started.", status.StdOut, StringComparison.Ordinal);

        var bad = await Run("experiment", "run", "mnist1d-benchmark", "--steps", "0");
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("error: parameters.steps:", bad.StdErr, StringComparison.Ordinal);
        var unknown = await Run("experiment", "run", "transformer");
        Assert.True(unknown.ExitCode == 4, unknown.ToString());
        var missing = await Run("experiment", "cancel", "0123456789abcdef0123456789abcdef");
        Assert.True(missing.ExitCode == 4, missing.ToString());
    }

    [Fact]
    public async Task A_sweep_given_as_json_runs_a_point_per_grid_value_and_prints_the_summary()
    {
        var result = await Run(
            "experiment", "run", "sweep", "-p", "kind=classifier", "-p", """grid={"lr": [0.01, 0.1]}""",
            "-p", """base={"model": "logistic", "steps": 5, "eval_every": 0, "device": "cpu", "dataset": {"generator": "mnist1d", "parameters": {"mode": "keyed"}, "splits": {"train": 200, "test": 50}}}""",
            "--wait");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^# +lr +test/acc$", result.StdOut);
        Assert.Matches(@"(?m)^1 +0\.01 +0\.\d{4}$", result.StdOut);
        Assert.Matches(@"(?m)^2 +0\.1 +0\.\d{4}$", result.StdOut);
    }

    [Fact]
    public async Task Run_gan_trains_a_small_dcgan_with_a_progress_line_per_epoch_and_prints_its_summary()
    {
        var data = await Run("data", "make-test", _work.File("data/mnist"), "--count", "64");
        Assert.True(data.ExitCode == 0, data.ToString());

        var result = await Run(
            "experiment", "run", "gan", "--epochs", "2", "--batch", "8", "--z-dim", "8", "--g-filter-dim", "4", "--d-filter-dim", "4",
            "--samples", "9", "--classes", "1,7", "--device", "cpu", "--wait");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"epoch 1/2: d_loss \d+\.\d{4}, g_loss \d+\.\d{4} \([0-9.]+ s/epoch, ETA \d\d:\d\d:\d\d\)", result.StdErr);
        Assert.Contains("epoch 2/2: ", result.StdErr, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^d_loss: \d+\.\d{4}$", result.StdOut);
        Assert.Matches(@"(?m)^g_loss: \d+\.\d{4}$", result.StdOut);
        Assert.Contains("training images: 13", result.StdOut, StringComparison.Ordinal); // labels i % 10: seven 1s and six 7s of 64
        Assert.Contains("image samples: ", result.StdOut, StringComparison.Ordinal);

        var unknown = await Run("experiment", "run", "gan", "--flavour", "vanilla");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("parameters.flavour", unknown.StdErr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(logistic|mlp|cnn|gru)\s+(plain|shuffled)\s+\d+\.\d %", RegexOptions.Multiline)]
    private static partial Regex ResultLine();

    [GeneratedRegex(@"job ([0-9a-f]{32}) queued")]
    private static partial Regex JobId();
}
