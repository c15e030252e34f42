using System.Text.Json;
using DigitForge.Application.Tracking.Runs.CreateRun;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Tracking.Runs.UpdateRun;
using DigitForge.Infrastructure.Persistence;
using DigitForge.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Tests;

/// <summary><c>digitforge runs ...</c> against a tracking database seeded through the use cases.</summary>
public sealed class RunsCommandTests : CliTrackingTest, IAsyncLifetime
{
    private string _runId = string.Empty;

    public async Task InitializeAsync()
    {
        await using var services = BuildServices();
        await using var scope = services.CreateAsyncScope();
        await TrackingDatabaseInitializer.MigrateAsync(scope.ServiceProvider, CancellationToken.None);
        var run = await scope.ServiceProvider.GetRequiredService<CreateRunHandler>()
            .HandleAsync(new CreateRunRequest(ExperimentName: "cli-exp", Name: "baseline cnn"));
        await scope.ServiceProvider.GetRequiredService<LogBatchHandler>().HandleAsync(run.Id, new LogBatchRequest(
            Metrics: [new("loss", 2.5, 0, 1000), new("loss", 1.25, 1, 2000), new("acc", 0.875, 1, 2000)],
            Params: [new("model", "cnn")]));
        await scope.ServiceProvider.GetRequiredService<UpdateRunHandler>().HandleAsync(run.Id, new UpdateRunRequest(Status: "FINISHED"));
        await scope.ServiceProvider.GetRequiredService<CreateRunHandler>().HandleAsync(new CreateRunRequest(ExperimentName: "other-exp", Name: "elsewhere"));
        _runId = run.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task List_shows_the_runs_of_an_experiment_with_status_and_latest_metrics()
    {
        var all = await Run("runs", "list");
        var one = await Run("runs", "list", "--experiment", "cli-exp");
        var filtered = await Run("runs", "list", "--filter", "metrics.acc > 0.9");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Contains("elsewhere", all.StdOut, StringComparison.Ordinal);
        Assert.Contains(_runId, one.StdOut, StringComparison.Ordinal);
        Assert.Contains("FINISHED", one.StdOut, StringComparison.Ordinal);
        Assert.Contains("loss=1.25", one.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("elsewhere", one.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(_runId, filtered.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_as_json_and_bad_filters_exit_2()
    {
        var json = await Run("runs", "list", "--json", "--order-by", "attributes.run_name ASC");
        var bad = await Run("runs", "list", "--filter", "metrics.acc >");

        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.StdOut);
        Assert.Equal(["baseline cnn", "elsewhere"], doc.RootElement.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("filter", bad.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_prints_params_and_metric_summaries_and_unknown_runs_exit_4()
    {
        var shown = await Run("runs", "show", _runId);
        var missing = await Run("runs", "show", new string('f', 32));

        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("model = cnn", shown.StdOut, StringComparison.Ordinal);
        Assert.Contains("loss = 1.25 @ 1", shown.StdOut, StringComparison.Ordinal);
        Assert.Equal(4, missing.ExitCode);
        Assert.Contains("does not exist", missing.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_every_metric_point_as_csv()
    {
        var result = await Run("runs", "export", _runId, "--format", "csv", "-o", "run.csv");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = File.ReadAllLines(Path.Combine(WorkDir.Path, "run.csv"));
        Assert.Equal("run_id,key,step,timestamp,value", lines[0]);
        Assert.Equal(
            [$"{_runId},acc,1,2000,0.875", $"{_runId},loss,0,1000,2.5", $"{_runId},loss,1,2000,1.25"],
            lines.Skip(1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Export_as_json_holds_the_run_and_full_histories()
    {
        var result = await Run("runs", "export", _runId);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.StdOut);
        Assert.Equal(_runId, doc.RootElement.GetProperty("run").GetProperty("id").GetString());
        Assert.Equal("cnn", doc.RootElement.GetProperty("run").GetProperty("params").GetProperty("model").GetString());
        var loss = doc.RootElement.GetProperty("metrics").GetProperty("loss");
        Assert.Equal([0L, 1L], loss.GetProperty("steps").EnumerateArray().Select(s => s.GetInt64()));
        Assert.Equal([2.5, 1.25], loss.GetProperty("values").EnumerateArray().Select(s => s.GetDouble()));
    }

    [Fact]
    public async Task Export_refuses_unknown_formats()
    {
        var result = await Run("runs", "export", _runId, "--format", "xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("format", result.StdErr, StringComparison.Ordinal);
    }
}
