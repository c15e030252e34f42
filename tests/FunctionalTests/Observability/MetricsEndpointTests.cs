using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DigitForge.FunctionalTests.Jobs;

namespace DigitForge.FunctionalTests.Observability;

/// <summary>The API with its job runner, sampling the queue every 200 ms so that the gauges move within a test.</summary>
public sealed class TelemetryJobsFactory : JobsApiFactory
{
    public TelemetryJobsFactory()
        : base(null)
    {
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [.. base.Settings(), new("DigitForge:Telemetry:SampleInterval", "00:00:00.2")];
}

public sealed partial class MetricsEndpointTests(TelemetryJobsFactory factory) : IClassFixture<TelemetryJobsFactory>
{
    private readonly JobsClient _client = new(factory.CreateClient());

    [Fact]
    public async Task Metrics_serves_request_and_byte_counts_by_route_in_the_prometheus_format()
    {
        var response = await _client.Http.GetAsync("/api/experiments/kinds/classifier?probe=12345");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        long length = (await response.Content.ReadAsByteArrayAsync()).LongLength;

        // ASP.NET Core records the request's duration when its pipeline ends, which can be after the client has read
        // the body: wait for both series rather than assume one implies the other.
        string text = await ScrapeUntilAsync(t => Sample(t, "digitforge_http_response_bytes_total", "http_route=\"/api/experiments/kinds/{kind}\"") >= length
            && t.Contains("http_server_request_duration_seconds_bucket", StringComparison.Ordinal));

        Assert.StartsWith("text/plain", (await _client.Http.GetAsync("/metrics")).Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        // Runtime metrics: .NET 9+ has them built in (System.Runtime), older runtimes through the instrumentation package.
        Assert.Matches("(dotnet|process_runtime_dotnet)_gc_collections", text);
        // Ids never become labels: the route template is the label.
        Assert.DoesNotContain("12345", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finished_job_shows_in_the_completed_count_duration_histogram_and_queue_gauge()
    {
        var job = await _client.LaunchAsync("classifier", new { model = "logistic", steps = 5, eval_every = 5, dataset = JobsClient.SmallDataset });
        job = await _client.WaitForEndAsync(job.Id);
        Assert.True(job.Status == "FINISHED", job.Error);

        string text = await ScrapeUntilAsync(t =>
            Sample(t, "digitforge_jobs_completed_total", "kind=\"classifier\"", "state=\"FINISHED\"") >= 1
            && Sample(t, "digitforge_jobs_queue_depth", "state=\"FINISHED\"") >= 1);

        Assert.True(Sample(text, "digitforge_jobs_duration_seconds_count", "kind=\"classifier\"", "state=\"FINISHED\"") >= 1);
        Assert.Contains("digitforge_jobs_running{", text, StringComparison.Ordinal);
        Assert.Contains("digitforge_datasets_rows_total{", text, StringComparison.Ordinal);

        // The job's log names the trace that spans its run, so an operator can go from a log artifact to the traces.
        string? log = await _client.ArtifactTextAsync(job.Id, DigitForge.Application.Jobs.JobTags.LogArtifact);
        Assert.Matches(TraceIdPattern(), log ?? string.Empty);
    }

    /// <summary>The sum of a metric's samples whose labels contain every one of <paramref name="labels"/>; NaN when none.</summary>
    private static double Sample(string text, string metric, params string[] labels)
    {
        double sum = double.NaN;
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            {
                double value = double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                sum = double.IsNaN(sum) ? value : sum + value;
            }
        }

        return sum;
    }

    private async Task<string> ScrapeUntilAsync(Func<string, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string text = await _client.Http.GetStringAsync("/metrics");
            if (condition(text))
            {
                return text;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "the metrics never showed it:\n" + text);
            await Task.Delay(200);
        }
    }

    [GeneratedRegex("trace [0-9a-f]{32}")]
    private static partial Regex TraceIdPattern();
}
