using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.Cli.Tests;

/// <summary>
/// <c>digitforge experiment run</c> refuses a job that cannot succeed here, says why and exits non-zero, queueing
/// nothing: no source data (exit 3), no training engine (exit 5: a separate process configured with a library path that does not exist, the
/// way a machine without the engine looks), device=cuda without CUDA (exit 2).
/// </summary>
public sealed class ExperimentRefusalTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    private Task<CliResult> Run(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        CliProcess.RunAsync(_work.Path, environment, ["-d", _work.File("data"), .. args]);

    [Fact]
    public async Task Without_the_engine_a_job_is_not_queued_and_the_command_exits_5()
    {
        var environment = new Dictionary<string, string> { ["DigitForge__Engine__LibraryPath"] = Path.Combine(_work.Path, "missing") };

        var result = await Run(environment, "experiment", "run", "classifier", "-p", "model=logistic", "-p", "steps=5");

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("error: Not queued: this job trains a model and the training engine is not installed: run scripts/build-native.sh", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("queued (", result.StdOut, StringComparison.Ordinal);
        var runs = await Run(null, "runs", "list");
        Assert.DoesNotContain("classifier", runs.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dataset_over_source_data_that_is_not_there_exits_3_saying_how_to_get_it()
    {
        var result = await Run(null, "experiment", "run", "classifier", "-p", "model=logistic", "-p", """dataset={"generator":"mnist"}""");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("error: ", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("digitforge data", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("queued (", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_cuda_without_cuda_exits_2_naming_the_parameter()
    {
        var engine = await Run(null, "engine");
        if (engine.ExitCode != 0 || !engine.StdOut.Contains("cuda: not available", StringComparison.Ordinal))
        {
            output.WriteLine($"SKIPPED: needs a built engine without CUDA; `digitforge engine` said: {engine}");
            return;
        }

        var result = await Run(null, "experiment", "run", "classifier", "-p", "model=logistic", "-p", "steps=5", "--device", "cuda");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error: parameters.device: cuda was asked for, but the engine here", result.StdErr, StringComparison.Ordinal);
    }
}
