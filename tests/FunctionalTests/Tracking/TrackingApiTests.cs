using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Tracking.Experiments;
using DigitForge.Application.Tracking.Experiments.CreateExperiment;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Application.Tracking.Runs.CreateRun;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Tracking.Runs.SearchRuns;
using DigitForge.Application.Tracking.Runs.UpdateRun;
using DigitForge.Infrastructure.TrackingClient;
using Xunit.Abstractions;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Tracking;

/// <summary>
/// The tracking REST API end to end on a real database. Every test here runs once per provider (SQLite and
/// PostgreSQL, see the derived classes), so both databases pass the same suite.
/// </summary>
public abstract class TrackingApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TrackingApiFactory _factory;
    private readonly ITestOutputHelper _output;

    protected TrackingApiTests(TrackingApiFactory factory, ITestOutputHelper output)
    {
        _factory = factory;
        _output = output;
        if (factory.SkipReason is null)
        {
            Http = factory.CreateClient();
            Client = new TrackingClient(Http);
        }
        else
        {
            Http = null!;
            Client = null!;
        }
    }

    protected HttpClient Http { get; }

    protected TrackingClient Client { get; }

    [SkippableFact]
    public async Task Experiments_are_created_listed_and_fetched_and_names_are_unique()
    {
        SkipIfUnavailable();

        string name = Unique("exp");
        var created = await Client.CreateExperimentAsync(new CreateExperimentRequest(name, "digits", new Dictionary<string, string?> { ["team"] = "vision" }));
        var fetched = await Http.GetFromJsonAsync<ExperimentDto>($"/api/experiments/{created.Id}", Json);
        var listed = await Http.GetFromJsonAsync<List<ExperimentDto>>($"/api/experiments?name={name}", Json);
        var duplicate = await Http.PostAsJsonAsync("/api/experiments", new { name });
        var unnamed = await Http.PostAsJsonAsync("/api/experiments", new { description = "x" });
        var missing = await Http.GetAsync("/api/experiments/999999");

        Assert.Equal(name, fetched!.Name);
        Assert.Equal("vision", fetched.Tags["team"]);
        Assert.Equal(created.Id, Assert.Single(listed!).Id);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
        await AssertValidationProblemAsync(unnamed, "name");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [SkippableFact]
    public async Task A_run_logs_params_metrics_and_tags_and_shows_their_summary()
    {
        SkipIfUnavailable();

        var response = await Http.PostAsJsonAsync("/api/runs", new { experimentName = Unique("exp"), name = "baseline", tags = new { seed = "7" }, datasetSpecId = "seq-abc" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var run = (await response.Content.ReadFromJsonAsync<RunDto>(Json))!;
        Assert.Equal($"/api/runs/{run.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("RUNNING", run.Status);
        Assert.NotNull(run.StartTime);

        var result = await Client.LogBatchAsync(run.Id, new LogBatchRequest(
            Metrics: [new("loss", 2.0, 0), new("loss", 1.0, 1), new("loss", 1.5, 1, 1), new("acc", 0.5, 1), new("acc", double.NaN, 2)],
            Params: [new("lr", "0.01"), new("model", "cnn"), new("lr", "0.01")],
            Tags: [new("phase", "warmup"), new("phase", "train")]));
        var stored = await Client.GetRunAsync(run.Id);

        Assert.Equal(new LogBatchResult(5, 2, 1), result);
        Assert.Equal("cnn", stored.Params["model"]);
        Assert.Equal("train", stored.Tags["phase"]);
        Assert.Equal("7", stored.Tags["seed"]);
        Assert.Equal("seq-abc", stored.DatasetSpecId);
        // Latest = highest step, then the latest timestamp: (step 1, ts now) beats (step 1, ts 1).
        Assert.Equal(1.0, stored.Metrics["loss"].Value);
        Assert.Equal((1.0, 2.0, 3L), (stored.Metrics["loss"].Min!.Value, stored.Metrics["loss"].Max!.Value, stored.Metrics["loss"].Count));
        Assert.True(double.IsNaN(stored.Metrics["acc"].Value));
        Assert.Equal(0.5, stored.Metrics["acc"].Max);
    }

    [SkippableFact]
    public async Task Rewriting_a_param_is_a_409_and_the_refused_batch_stores_nothing()
    {
        SkipIfUnavailable();

        var run = await NewRunAsync();
        await Client.LogBatchAsync(run.Id, new LogBatchRequest(Metrics: [new("loss", 1, 0)], Params: [new("lr", "0.1")]));

        var same = await Http.PostAsJsonAsync($"/api/runs/{run.Id}/log-batch", new { @params = new[] { new { key = "lr", value = "0.1" } } });
        var conflict = await Http.PostAsJsonAsync($"/api/runs/{run.Id}/log-batch", new
        {
            metrics = new[] { new { key = "loss", value = 0.5, step = 1 } },
            @params = new[] { new { key = "batch", value = "64" }, new { key = "lr", value = "0.2" } },
        });
        var stored = await Client.GetRunAsync(run.Id);

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        string detail = (await conflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("'lr'", detail, StringComparison.Ordinal);
        Assert.Contains("0.2", detail, StringComparison.Ordinal);
        Assert.Equal("0.1", stored.Params["lr"]);
        Assert.False(stored.Params.ContainsKey("batch"));
        Assert.Equal(1, stored.Metrics["loss"].Count);
    }

    [SkippableTheory]
    [InlineData(1001, 0, 0, "metrics")]
    [InlineData(0, 101, 0, "params")]
    [InlineData(0, 0, 101, "tags")]
    public async Task Batches_over_the_limits_are_a_400_naming_the_part(int metrics, int parameters, int tags, string field)
    {
        SkipIfUnavailable();

        var run = await NewRunAsync();
        var response = await Http.PostAsJsonAsync($"/api/runs/{run.Id}/log-batch", new
        {
            metrics = Enumerable.Range(0, metrics).Select(i => new { key = "m", value = 1.0, step = i }),
            @params = Enumerable.Range(0, parameters).Select(i => new { key = $"p{i}", value = "v" }),
            tags = Enumerable.Range(0, tags).Select(i => new { key = $"t{i}", value = "v" }),
        });

        await AssertValidationProblemAsync(response, field);
    }

    [SkippableTheory]
    [InlineData("""{"metrics":[{"key":"bad key!","value":1}]}""", "metrics[0].key")]
    [InlineData("""{"metrics":[{"key":"ok"}]}""", "metrics[0].value")]
    [InlineData("""{"params":[{"key":"a","value":"1"},{"key":"a","value":"2"}]}""", "params[1].value")]
    [InlineData("""{"tags":[{"key":"","value":"1"}]}""", "tags[0].key")]
    public async Task Malformed_batch_items_are_a_400_naming_the_item(string body, string field)
    {
        SkipIfUnavailable();

        var run = await NewRunAsync();
        var response = await Http.PostAsync($"/api/runs/{run.Id}/log-batch", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await AssertValidationProblemAsync(response, field);
    }

    [SkippableFact]
    public async Task Ending_a_run_sets_its_end_time_and_closes_it_to_data_but_not_to_notes()
    {
        SkipIfUnavailable();

        var run = await NewRunAsync();
        var finished = await Client.UpdateRunAsync(run.Id, new UpdateRunRequest(Status: "FINISHED"));
        var logAfterEnd = await Http.PostAsJsonAsync($"/api/runs/{run.Id}/log-batch", new { metrics = new[] { new { key = "loss", value = 1.0 } } });
        var restart = await Http.PatchAsJsonAsync($"/api/runs/{run.Id}", new { status = "RUNNING" });
        var badStatus = await Http.PatchAsJsonAsync($"/api/runs/{run.Id}", new { status = "PAUSED" });
        var notes = await Client.UpdateRunAsync(run.Id, new UpdateRunRequest(Notes: "diverged after epoch 3", Tags: new Dictionary<string, string?> { ["verdict"] = "bad" }));

        Assert.Equal("FINISHED", finished.Status);
        Assert.NotNull(finished.EndTime);
        Assert.Equal(HttpStatusCode.Conflict, logAfterEnd.StatusCode);
        Assert.Contains("FINISHED", await logAfterEnd.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, restart.StatusCode);
        await AssertValidationProblemAsync(badStatus, "status");
        Assert.Equal("diverged after epoch 3", notes.Notes);
        Assert.Equal("bad", notes.Tags["verdict"]);
    }

    [SkippableFact]
    public async Task Deleted_runs_and_experiments_are_hidden_closed_to_logging_and_restorable()
    {
        SkipIfUnavailable();

        var experiment = await Client.CreateExperimentAsync(new CreateExperimentRequest(Unique("trash")));
        var kept = await Client.CreateRunAsync(new CreateRunRequest(ExperimentId: experiment.Id, Name: "kept"));
        var binned = await Client.CreateRunAsync(new CreateRunRequest(ExperimentId: experiment.Id, Name: "binned"));

        var deleted = await Http.DeleteAsync($"/api/runs/{binned.Id}");
        var active = await SearchAsync(experiment.Id, null);
        var inBin = await Client.SearchRunsAsync(new SearchRunsRequest([experiment.Id], View: "deleted"));
        var logToDeleted = await Http.PostAsJsonAsync($"/api/runs/{binned.Id}/log-batch", new { metrics = new[] { new { key = "loss", value = 1.0 } } });
        var badView = await Http.GetAsync($"/api/runs?experimentId={experiment.Id}&view=bin");
        var stillReadable = await Client.GetRunAsync(binned.Id);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("kept", Assert.Single(active.Runs).Name);
        Assert.Equal("binned", Assert.Single(inBin.Runs).Name);
        Assert.Equal(HttpStatusCode.Conflict, logToDeleted.StatusCode);
        await AssertValidationProblemAsync(badView, "view");
        Assert.NotNull(stillReadable.DeletedAt);

        await Http.PostAsync($"/api/runs/{binned.Id}/restore", null);
        Assert.Equal(2, (await SearchAsync(experiment.Id, null)).Runs.Count);

        await Http.DeleteAsync($"/api/experiments/{experiment.Id}");
        var listed = await Http.GetStringAsync("/api/experiments");
        var listedAll = await Http.GetStringAsync("/api/experiments?includeDeleted=true");
        var newRun = await Http.PostAsJsonAsync("/api/runs", new { experimentId = experiment.Id });
        Assert.DoesNotContain(experiment.Name, listed, StringComparison.Ordinal);
        Assert.Contains(experiment.Name, listedAll, StringComparison.Ordinal);
        Assert.Empty((await SearchAsync(experiment.Id, null)).Runs);
        Assert.Equal(HttpStatusCode.Conflict, newRun.StatusCode);

        await Http.PostAsync($"/api/experiments/{experiment.Id}/restore", null);
        Assert.Equal(2, (await SearchAsync(experiment.Id, null)).Runs.Count);
    }

    [SkippableFact]
    public async Task Queued_runs_start_when_they_go_running()
    {
        SkipIfUnavailable();

        var queued = await Client.CreateRunAsync(new CreateRunRequest(ExperimentName: Unique("exp"), Status: "QUEUED"));
        var running = await Client.UpdateRunAsync(queued.Id, new UpdateRunRequest(Status: "RUNNING"));

        Assert.Equal("QUEUED", queued.Status);
        Assert.Null(queued.StartTime);
        Assert.NotNull(running.StartTime);
        Assert.Null(running.EndTime);
    }

    [SkippableFact]
    public async Task Unknown_runs_are_404()
    {
        SkipIfUnavailable();

        string id = new('a', 32);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/runs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsJsonAsync($"/api/runs/{id}/log-batch", new { metrics = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/runs/{id}/metrics/history?key=loss")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsJsonAsync("/api/runs", new { experimentId = 987654 })).StatusCode);
    }

    [SkippableFact]
    public async Task One_hundred_thousand_points_are_stored_and_read_back_in_order()
    {
        SkipIfUnavailable();

        const int count = 100_000;
        var run = await NewRunAsync();
        var points = Enumerable.Range(0, count).Select(i => new MetricInput("train/loss", Math.Sin(i / 1000.0), i, 1_700_000_000_000 + i));

        var write = Stopwatch.StartNew();
        int stored = await Client.LogMetricsAsync(run.Id, points);
        write.Stop();
        var read = Stopwatch.StartNew();
        var history = await Client.GetMetricHistoryAsync(run.Id, "train/loss");
        read.Stop();
        var chart = await Client.GetMetricHistoryAsync(run.Id, "train/loss", maxPoints: 500);
        var summary = (await Client.GetRunAsync(run.Id)).Metrics["train/loss"];
        _output.WriteLine($"{_factory.Provider}: {count:N0} points logged in {write.ElapsedMilliseconds} ms (100 batches over HTTP), full series read in {read.ElapsedMilliseconds} ms");

        Assert.Equal(count, stored);
        Assert.Equal(count, history.TotalPoints);
        Assert.False(history.Downsampled);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), history.Steps);
        Assert.Equal(1_700_000_000_000 + 4321, history.Timestamps[4321]);
        for (int i = 0; i < count; i += 997)
        {
            Assert.Equal(Math.Sin(i / 1000.0), history.Values[i], 12);
        }

        Assert.True(chart.Downsampled);
        Assert.Equal(500, chart.Steps.Count);
        Assert.Equal((0L, count - 1L), (chart.Steps[0], chart.Steps[^1]));
        Assert.Equal(count, summary.Count);
        Assert.Equal(count - 1, summary.Step);
        Assert.Equal(Math.Sin((count - 1) / 1000.0), summary.Value, 12);
        Assert.Equal(-1.0, summary.Min!.Value, 6);
        Assert.Equal(1.0, summary.Max!.Value, 6);
    }

    [SkippableFact]
    public async Task Search_filters_orders_and_pages()
    {
        SkipIfUnavailable();

        var experiment = await Client.CreateExperimentAsync(new CreateExperimentRequest(Unique("search")));
        (string Model, double Acc)[] specs = [("cnn", 0.95), ("cnn", 0.85), ("mlp", 0.97), ("cnn", 0.99), ("CNN", 0.93)];
        var ids = new List<string>();
        foreach (var (model, acc) in specs)
        {
            var run = await Client.CreateRunAsync(new CreateRunRequest(ExperimentId: experiment.Id, Name: $"{model}-{acc}"));
            await Client.LogBatchAsync(run.Id, new LogBatchRequest(Metrics: [new("acc", acc, 1)], Params: [new("model", model)]));
            ids.Add(run.Id);
        }

        await Client.UpdateRunAsync(ids[3], new UpdateRunRequest(Status: "FAILED"));
        await Client.CreateRunAsync(new CreateRunRequest(ExperimentId: experiment.Id, Name: "no-metrics"));

        var filtered = await SearchAsync(experiment.Id, "metrics.acc > 0.9 and params.model = 'cnn'", "metrics.acc DESC");
        var failed = await SearchAsync(experiment.Id, "attributes.status = 'failed'");
        var like = await SearchAsync(experiment.Id, "params.model LIKE 'c%'");
        var ilike = await SearchAsync(experiment.Id, "params.model ILIKE 'c%'");
        var byName = await SearchAsync(experiment.Id, "attributes.run_name = 'mlp-0.97'");
        var ascending = await SearchAsync(experiment.Id, null, "metrics.acc ASC");

        Assert.Equal(["cnn-0.99", "cnn-0.95"], filtered.Runs.Select(r => r.Name));
        Assert.Equal(ids[3], Assert.Single(failed.Runs).Id);
        Assert.Equal(3, like.Runs.Count);
        Assert.Equal(4, ilike.Runs.Count);
        Assert.Equal("mlp-0.97", Assert.Single(byName.Runs).Name);
        // Runs without the metric sort last in both directions.
        Assert.Equal(["cnn-0.85", "CNN-0.93", "cnn-0.95", "mlp-0.97", "cnn-0.99", "no-metrics"], ascending.Runs.Select(r => r.Name));

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Client.SearchRunsAsync(new SearchRunsRequest([experiment.Id], OrderBy: ["params.model ASC"], MaxResults: 2, PageToken: token));
            Assert.True(page.Runs.Count <= 2);
            seen.AddRange(page.Runs.Select(r => r.Id));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal(6, seen.Count);
        Assert.Equal(6, seen.Distinct().Count());
    }

    [SkippableTheory]
    [InlineData("filter=metrics.acc >", "filter")]
    [InlineData("filter=metrics.acc > 0.9 or params.a = 'b'", "filter")]
    [InlineData("filter=params.model > 3", "filter")]
    [InlineData("filter=attributes.colour = 'red'", "filter")]
    [InlineData("filter=metrics.acc = 'high'", "filter")]
    [InlineData("orderBy=metrics.acc sideways", "orderBy")]
    [InlineData("maxResults=0", "maxResults")]
    [InlineData("pageToken=not-a-token", "pageToken")]
    [InlineData("experimentId=abc", "experimentId")]
    public async Task Malformed_searches_are_a_400_naming_the_field(string query, string field)
    {
        SkipIfUnavailable();

        var response = await Http.GetAsync($"/api/runs?{query.Replace(" ", "%20", StringComparison.Ordinal).Replace("'", "%27", StringComparison.Ordinal)}");

        await AssertValidationProblemAsync(response, field);
    }

    [SkippableFact]
    public async Task Images_are_logged_listed_and_served_back()
    {
        SkipIfUnavailable();

        var run = await NewRunAsync();
        byte[] png = DigitForge.Infrastructure.Encoding.PngEncoder.EncodeGray8(Enumerable.Range(0, 28 * 56).Select(i => (byte)i).ToArray(), 56, 28);
        var first = await Client.LogImageAsync(run.Id, "samples", 1, png, "epoch 1");
        await Client.LogImageAsync(run.Id, "samples", 2, png);
        var notPng = await Http.PostAsync($"/api/runs/{run.Id}/images?key=samples&step=3", new ByteArrayContent([1, 2, 3]));
        var list = await Http.GetFromJsonAsync<List<DigitForge.Application.Tracking.Images.RunImageDto>>($"/api/runs/{run.Id}/images", Json);
        var bytes = await Http.GetByteArrayAsync($"/api/runs/{run.Id}/images/{first.Id}");

        Assert.Equal((56, 28, "epoch 1"), (first.Width, first.Height, first.Caption));
        await AssertValidationProblemAsync(notPng, "image");
        Assert.Equal([1L, 2L], list!.Select(i => i.Step));
        Assert.Equal(png, bytes);
    }

    [SkippableFact]
    public async Task Artifacts_are_stored_with_their_hash_and_unsafe_or_oversized_uploads_are_refused()
    {
        SkipIfUnavailable();

        var run = await NewRunAsync();
        byte[] content = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();
        var artifact = await Client.UploadArtifactAsync(run.Id, "checkpoints/model v1.bin", new MemoryStream(content));
        var downloaded = await Client.DownloadArtifactAsync(run.Id, "checkpoints/model v1.bin");
        var listed = await Http.GetStringAsync($"/api/runs/{run.Id}/artifacts");
        // Servers collapse literal dot segments before routing; an encoded '/' reaches the handler as it is.
        var traversal = await Http.PutAsync($"/api/runs/{run.Id}/artifacts/a%2F..%2F..%2Fescape.txt", new ByteArrayContent([1]));
        var badChar = await Http.PutAsync($"/api/runs/{run.Id}/artifacts/a%5Cb.txt", new ByteArrayContent([1]));
        var tooLarge = await Http.PutAsync($"/api/runs/{run.Id}/artifacts/big.bin", new StreamContent(new MemoryStream(new byte[TrackingApiFactory.MaxArtifactBytes + 1])));
        var missing = await Http.GetAsync($"/api/runs/{run.Id}/artifacts/nothing.txt");

        Assert.Equal(content.Length, artifact.Size);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), artifact.Sha256);
        Assert.Equal(content, downloaded);
        Assert.Contains("checkpoints/model v1.bin", listed, StringComparison.Ordinal);
        await AssertValidationProblemAsync(traversal, "path");
        await AssertValidationProblemAsync(badChar, "path");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain("big.bin", await Http.GetStringAsync($"/api/runs/{run.Id}/artifacts"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Openapi_document_describes_the_tracking_endpoints()
    {
        SkipIfUnavailable();

        string json = await Http.GetStringAsync("/swagger/v1/swagger.json");

        Assert.Contains("\"/api/runs/{runId}/log-batch\"", json, StringComparison.Ordinal);
        Assert.Contains("\"/api/experiments\"", json, StringComparison.Ordinal);
        Assert.Contains("\"/api/runs/{runId}/metrics/history\"", json, StringComparison.Ordinal);
    }

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    protected async Task<RunDto> NewRunAsync() => await Client.CreateRunAsync(new CreateRunRequest(ExperimentName: Unique("exp")));

    private Task<SearchRunsResult> SearchAsync(long experimentId, string? filter, string? orderBy = null) =>
        Client.SearchRunsAsync(new SearchRunsRequest([experimentId], filter, orderBy is null ? null : [orderBy]));

    /// <summary>Reports the test skipped (after saying why in the output) when this provider is unavailable and skipping was requested.</summary>
    private void SkipIfUnavailable()
    {
        if (_factory.SkipReason is { } reason)
        {
            _output.WriteLine(reason);
            throw new SkipException(reason);
        }
    }
}

public sealed class SqliteTrackingApiTests(SqliteTrackingFactory factory, ITestOutputHelper output)
    : TrackingApiTests(factory, output), IClassFixture<SqliteTrackingFactory>;

public sealed class PostgresTrackingApiTests(PostgresTrackingFactory factory, ITestOutputHelper output)
    : TrackingApiTests(factory, output), IClassFixture<PostgresTrackingFactory>;
