using DigitForge.Application.Jobs;
using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Tracking.Runs.UpdateRun;
using DigitForge.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.FunctionalTests.Jobs;

/// <summary>A restart on the same SQLite file: orphaned jobs end FAILED with their metrics, queued jobs still run.</summary>
public sealed class JobRecoveryTests
{
    [Fact]
    public async Task After_a_killed_worker_the_next_start_fails_its_orphaned_job_keeps_its_metrics_and_runs_the_queued_one()
    {
        using var dir = new TempDirectory("digitforge-jobs");
        string orphan, queued;
        using (var first = new JobsApiFactory(dir.Path, runJobs: false))
        {
            var client = new JobsClient(first.CreateClient());
            orphan = (await client.LaunchAsync("classifier", new { model = "logistic", steps = 5, dataset = JobsClient.SmallDataset })).Id;
            queued = (await client.LaunchAsync("classifier", new { model = "logistic", steps = 5, eval_every = 0, dataset = JobsClient.SmallDataset })).Id;

            // What a worker killed with SIGKILL mid-run leaves behind: its claim, its RUNNING run with metrics, and a
            // heartbeat that stopped ten minutes ago.
            await using var scope = first.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            Assert.NotNull(await services.GetRequiredService<IJobQueue>().ClaimAsync(orphan, "killed-worker", CancellationToken.None));
            await services.GetRequiredService<UpdateRunHandler>().HandleAsync(orphan, new UpdateRunRequest(Status: "RUNNING"));
            await services.GetRequiredService<LogBatchHandler>().HandleAsync(
                orphan, new LogBatchRequest(Metrics: [new MetricInput("test/acc", 0.25, 0), new MetricInput("test/acc", 0.5, 10)]));
            var db = services.GetRequiredService<ITrackingDbContext>();
            var job = await db.Jobs.SingleAsync(j => j.Id == orphan);
            job.Beat(DateTimeOffset.UtcNow.AddMinutes(-10));
            await db.SaveChangesAsync();
        }

        // A fresh start of the service on the same database.
        using var second = new JobsApiFactory(dir.Path, runJobs: true);
        var restarted = new JobsClient(second.CreateClient());

        var failed = await restarted.WaitForEndAsync(orphan, TimeSpan.FromMinutes(1));
        Assert.Equal("FAILED", failed.Status);
        Assert.Contains("killed-worker stopped responding", failed.Error, StringComparison.Ordinal);
        var run = await restarted.GetRunAsync(orphan);
        Assert.Equal("FAILED", run.Status);
        Assert.Contains("stopped responding", run.Tags["digitforge.error"], StringComparison.Ordinal);
        Assert.Equal(2, run.Metrics["test/acc"].Count);
        Assert.Equal(0.5, run.Metrics["test/acc"].Value);
        Assert.NotNull(run.EndTime);

        var done = await restarted.WaitForEndAsync(queued);
        Assert.True(done.Status == "FINISHED", done.Error);
        Assert.Equal("FINISHED", (await restarted.GetRunAsync(queued)).Status);
    }

    [Fact]
    public async Task A_sweep_whose_worker_died_fails_and_its_points_not_yet_started_are_cancelled_not_run()
    {
        using var dir = new TempDirectory("digitforge-jobs");
        string sweep;
        IReadOnlyList<string> points;
        using (var first = new JobsApiFactory(dir.Path, runJobs: false))
        {
            var client = new JobsClient(first.CreateClient());
            sweep = (await client.LaunchAsync("sweep", new { kind = "classifier", grid = """{"lr": [0.01, 0.1]}""" })).Id;

            // A worker took the sweep, queued its points, and was killed before any started.
            await using var scope = first.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            Assert.NotNull(await services.GetRequiredService<IJobQueue>().ClaimAsync(sweep, "killed-worker", CancellationToken.None));
            var classifier = services.GetRequiredService<DigitForge.Application.Experiments.JobKindRegistry>().Get("classifier");
            using var parameters = System.Text.Json.JsonDocument.Parse($$"""{"model":"logistic","steps":5,"dataset":{{System.Text.Json.JsonSerializer.Serialize(JobsClient.SmallDataset)}}}""");
            var values = DigitForge.Application.Experiments.JobKindRegistry.Bind(classifier, parameters.RootElement);
            points = await services.GetRequiredService<DigitForge.Application.Jobs.ChildJobs.ChildJobRunner>().QueueAsync(sweep,
                [new("point 1", classifier, values, new Dictionary<string, string>()), new("point 2", classifier, values, new Dictionary<string, string>())], CancellationToken.None);
            var db = services.GetRequiredService<ITrackingDbContext>();
            (await db.Jobs.SingleAsync(j => j.Id == sweep)).Beat(DateTimeOffset.UtcNow.AddMinutes(-10));
            await db.SaveChangesAsync();
        }

        using var second = new JobsApiFactory(dir.Path, runJobs: true);
        var restarted = new JobsClient(second.CreateClient());
        Assert.Equal("FAILED", (await restarted.WaitForEndAsync(sweep, TimeSpan.FromMinutes(1))).Status);
        foreach (string point in points)
        {
            var job = await restarted.WaitForEndAsync(point, TimeSpan.FromMinutes(1));
            Assert.Equal("CANCELLED", job.Status);
            Assert.Null(job.StartedAt);
            Assert.Contains($"The sweep {sweep} failed", job.Error, StringComparison.Ordinal);
            Assert.Equal("CANCELLED", (await restarted.GetRunAsync(point)).Status);
        }
    }

    [Fact]
    public async Task A_queued_job_cancelled_before_it_starts_ends_at_once_with_its_run()
    {
        using var host = new JobsApiFactory(null, runJobs: false);
        var client = new JobsClient(host.CreateClient());
        var job = await client.LaunchAsync("mnist1d-benchmark", null);
        var response = await client.Http.PostAsync($"/api/jobs/{job.Id}/cancel", null);
        response.EnsureSuccessStatusCode();

        var cancelled = await client.GetJobAsync(job.Id);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.NotNull(cancelled.EndedAt);
        var run = await client.GetRunAsync(job.Id);
        Assert.Equal("CANCELLED", run.Status);
        Assert.Equal("Cancelled before it started.", run.Tags["digitforge.error"]);
        Assert.Equal("6000", run.Params["steps"]);
    }
}
