using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace DigitForge.ScaleTests;

/// <summary>
/// bench/scale/run.sh: jobs per minute through one API with 1 and then 3 <c>digitforge worker</c> processes on
/// PostgreSQL + s3rver. Measured only when <c>DIGITFORGE_SCALE_BENCH=1</c> (minutes of CPU, not a check); results go
/// to the test output and, as JSON lines, to <c>DIGITFORGE_SCALE_BENCH_OUT</c>.
/// </summary>
public sealed class ThroughputBench(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Jobs_per_minute_with_one_and_three_workers()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("DIGITFORGE_SCALE_BENCH") == "1", "A benchmark, not a check: bench/scale/run.sh runs it (DIGITFORGE_SCALE_BENCH=1).");
        int jobs = int.Parse(Environment.GetEnvironmentVariable("DIGITFORGE_SCALE_BENCH_JOBS") ?? "30", CultureInfo.InvariantCulture);
        int steps = int.Parse(Environment.GetEnvironmentVariable("DIGITFORGE_SCALE_BENCH_STEPS") ?? "300", CultureInfo.InvariantCulture);
        string? results = Environment.GetEnvironmentVariable("DIGITFORGE_SCALE_BENCH_OUT");
        foreach (int workers in new[] { 1, 3 })
        {
            using var cluster = ScaleCluster.Start(out string? skip);
            Skip.If(cluster is null, skip);
            var api = await cluster.StartApiAsync("api");
            await Task.WhenAll(Enumerable.Range(1, workers).Select(i => cluster.StartWorkerAsync($"worker-{i}")));
            using var client = new ScaleClient(api.Client());
            double load = LoadAverage();
            var clock = Stopwatch.StartNew();
            var ids = new List<string>();
            for (int i = 0; i < jobs; i++)
            {
                ids.Add(await client.LaunchAsync("classifier", new { model = "mlp", steps, eval_every = steps, threads = 1, seed = i, dataset = ScaleClient.SmallDataset }));
            }

            var perWorker = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string id in ids)
            {
                var job = await client.WaitForJobAsync(id, ScaleClient.Ended, TimeSpan.FromMinutes(20), cluster.Logs);
                Assert.True(ScaleClient.Status(job) == "FINISHED", job.ToString());
                string worker = ScaleClient.WorkerId(job)!;
                perWorker[worker] = perWorker.GetValueOrDefault(worker) + 1;
            }

            double seconds = clock.Elapsed.TotalSeconds;
            double perMinute = jobs * 60 / seconds;
            string line = JsonSerializer.Serialize(new
            {
                workers,
                jobs,
                steps,
                seconds = Math.Round(seconds, 1),
                jobs_per_minute = Math.Round(perMinute, 1),
                per_worker = perWorker,
                load_before = load,
                load_after = LoadAverage(),
                cores = Environment.ProcessorCount,
            });
            output.WriteLine(line);
            if (results is not null)
            {
                await File.AppendAllTextAsync(results, line + Environment.NewLine);
            }
        }
    }

    /// <summary>The 1-minute load average (Linux), to read the numbers against.</summary>
    private static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : double.NaN;
}
