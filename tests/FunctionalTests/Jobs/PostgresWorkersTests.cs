using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using DigitForge.Application.Jobs;
using DigitForge.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DigitForge.FunctionalTests.Jobs;

/// <summary>One throw-away PostgreSQL server for the queue tests (see <see cref="PostgresServer"/>).</summary>
public sealed class PostgresQueueFixture : IDisposable
{
    public PostgresServer? Server { get; } = PostgresServer.Start();

    public void Dispose() => Server?.Dispose();
}

/// <summary>Several workers on one PostgreSQL queue: claims with FOR UPDATE SKIP LOCKED never hand out a job twice.</summary>
public sealed partial class PostgresWorkersTests(PostgresQueueFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresQueueFixture>
{
    /// <summary>Reports the test skipped (saying why) when PostgreSQL is missing and skipping was requested.</summary>
    private void SkipIfUnavailable()
    {
        if (fixture.Server is null)
        {
            output.WriteLine(PostgresServer.SkipReason);
            throw new SkipException(PostgresServer.SkipReason);
        }
    }

    [SkippableFact]
    public async Task Concurrent_claims_take_every_queued_job_exactly_once()
    {
        SkipIfUnavailable();

        using var host = new JobsApiFactory(null, runJobs: false, connectionString: fixture.Server!.CreateDatabase());
        var client = new JobsClient(host.CreateClient());
        var submitted = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            submitted.Add((await client.LaunchAsync("classifier", new { model = "logistic", steps = 1, device = "cpu", dataset = JobsClient.SmallDataset })).Id);
        }

        var claims = new ConcurrentBag<(string Job, string Worker)>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var queue = host.Services.GetRequiredService<IJobQueue>();
            while (await queue.ClaimNextAsync($"worker-{w}", allowGpu: true, CancellationToken.None) is { } job)
            {
                claims.Add((job.Id, $"worker-{w}"));
            }
        })));

        Assert.Equal(40, claims.Count);
        Assert.Equal(submitted.Order(), claims.Select(c => c.Job).Order());
        output.WriteLine(string.Join(", ", claims.GroupBy(c => c.Worker).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        foreach (var (id, worker) in claims)
        {
            var job = await client.GetJobAsync(id);
            Assert.Equal("RUNNING", job.Status);
            Assert.Equal(worker, job.WorkerId);
        }
    }

    [SkippableFact]
    public async Task Two_workers_share_one_queue_no_job_runs_twice_and_none_is_lost()
    {
        SkipIfUnavailable();

        string database = fixture.Server!.CreateDatabase();
        // Artifacts (the job logs) live on the file system: workers on several machines share that folder too.
        using var shared = new TempDirectory("digitforge-jobs");
        using var first = new JobsApiFactory(shared.Path, runJobs: true, connectionString: database, workerId: "worker-a", concurrency: 2);
        var client = new JobsClient(first.CreateClient());
        using var second = new JobsApiFactory(shared.Path, runJobs: true, connectionString: database, workerId: "worker-b", concurrency: 2);
        second.CreateClient().Dispose(); // starts the second host: its runner polls the same queue

        var ids = new List<string>();
        for (int i = 0; i < 12; i++)
        {
            ids.Add((await client.LaunchAsync("classifier", new { model = "logistic", steps = 20, eval_every = 10, device = "cpu", dataset = JobsClient.SmallDataset })).Id);
        }

        var workers = new List<string>();
        foreach (string id in ids)
        {
            var job = await client.WaitForEndAsync(id);
            Assert.True(job.Status == "FINISHED", $"{id}: {job.Status} {job.Error}");
            workers.Add(job.WorkerId!);
            var run = await client.GetRunAsync(id);
            Assert.Equal("FINISHED", run.Status);
            Assert.Equal(3, run.Metrics["test/acc"].Count); // steps 0, 10, 20 once: a second execution would log them again
            string log = (await client.ArtifactTextAsync(id, "logs/job.log"))!;
            Assert.Single(StartedLine().Matches(log));
        }

        output.WriteLine(string.Join(", ", workers.GroupBy(w => w).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.Equal(["worker-a", "worker-b"], workers.Distinct().Order());
    }

    [GeneratedRegex("started on worker")]
    private static partial Regex StartedLine();
}
