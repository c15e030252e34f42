using System.Globalization;
using System.Text.RegularExpressions;
using DigitForge.TestSupport;

namespace DigitForge.Cli.Tests;

/// <summary>
/// The real <c>digitforge train</c> (the classifier kind, run here and tracked in the data directory) and
/// <c>digitforge engine</c> (needs the native engine; scripts/build-native.sh).
/// </summary>
public sealed partial class TrainCommandTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Train_logistic_prints_progress_on_stderr_and_the_final_accuracies()
    {
        var result = await Train("--dataset", "mnist1d", "--model", "logistic", "--steps", "300", "--device", "cpu", "--save", "logistic.pt");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"logistic step 250: test accuracy \d+\.\d\d %, loss \d", result.StdErr);
        Assert.Contains("mnist1d logistic (410 parameters) on cpu: 301 updates", result.StdOut, StringComparison.Ordinal);
        double test = double.Parse(TestAccuracy().Match(result.StdOut).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(test, 20, 40); // 300 steps: close to the logistic model's 29-34 % ceiling already
        Assert.True(File.Exists(Path.Combine(_work.Path, "logistic.pt")));

        // One way to train: the same run is in the tracking database like any experiment.
        string runId = RunId().Match(result.StdOut).Groups[1].Value;
        var status = await CliProcess.RunAsync(_work.Path, null, "-d", _work.File("data"), "experiment", "status", runId);
        Assert.Contains($"job {runId} (classifier): FINISHED", status.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^test accuracy: \d+\.\d\d %$", status.StdOut);
    }

    [Fact]
    public async Task Json_output_says_which_engine_path_trained_and_both_paths_agree()
    {
        var fused = await Train("--model", "cnn", "--steps", "100", "--device", "cpu", "--json");
        var torch = await Train("--model", "cnn", "--steps", "100", "--device", "cpu", "--implementation", "torch", "--json");

        Assert.True(fused.ExitCode == 0, fused.ToString());
        Assert.True(torch.ExitCode == 0, torch.ToString());
        using var fusedJson = System.Text.Json.JsonDocument.Parse(fused.StdOut);
        using var torchJson = System.Text.Json.JsonDocument.Parse(torch.StdOut);
        Assert.Equal("fused", fusedJson.RootElement.GetProperty("implementation").GetString());
        Assert.Equal("torch", torchJson.RootElement.GetProperty("implementation").GetString());
        double fusedTest = fusedJson.RootElement.GetProperty("testAccuracy").GetDouble();
        double torchTest = torchJson.RootElement.GetProperty("testAccuracy").GetDouble();
        Assert.True(Math.Abs(fusedTest - torchTest) <= 0.02, $"fused {fusedTest} vs torch {torchTest} after 101 updates");

        var unknown = await Train("--model", "cnn", "--implementation", "cudnn");
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("--implementation", unknown.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_options_exit_2_naming_the_option()
    {
        var unknownModel = await Train("--model", "resnet");
        Assert.True(unknownModel.ExitCode == 2, unknownModel.ToString());
        Assert.Contains("model: Unknown model 'resnet'", unknownModel.StdErr, StringComparison.Ordinal);

        var badRate = await Train("--model", "cnn", "--lr", "0");
        Assert.True(badRate.ExitCode == 2, badRate.ToString());
        Assert.Contains("lr:", badRate.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_native_library_train_and_engine_say_how_to_build_it()
    {
        var environment = new Dictionary<string, string> { ["DigitForge__Engine__LibraryPath"] = Path.Combine(_work.Path, "missing") };

        var train = await CliProcess.RunAsync(_work.Path, environment, "-d", _work.File("data"), "train", "--model", "logistic", "--steps", "10");
        Assert.True(train.ExitCode == 5, train.ToString());
        Assert.Contains("The training engine is not installed: run scripts/build-native.sh", train.StdErr, StringComparison.Ordinal);

        var engine = await CliProcess.RunAsync(_work.Path, environment, "engine");
        Assert.True(engine.ExitCode == 5, engine.ToString());
        Assert.Contains("run scripts/build-native.sh", engine.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engine_describes_libtorch_and_the_devices()
    {
        var result = await CliProcess.RunAsync(_work.Path, null, "engine");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^engine \d+\.\d+\.\d+ \(ABI 2\) on libtorch \d+\.\d+", result.StdOut);
        Assert.Contains("cuda: ", result.StdOut, StringComparison.Ordinal);
    }

    private Task<CliResult> Train(params string[] args) => CliProcess.RunAsync(_work.Path, null, ["-d", _work.File("data"), "train", .. args]);

    [GeneratedRegex(@"(?m)^run: ([0-9a-f]{32})$")]
    private static partial Regex RunId();

    [GeneratedRegex(@"test accuracy: ([0-9.]+) %")]
    private static partial Regex TestAccuracy();
}
