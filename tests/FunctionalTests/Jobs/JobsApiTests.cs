using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DigitForge.Application.Experiments;
using DigitForge.Application.Experiments.Benchmark;
using DigitForge.Application.Experiments.Kinds;
using DigitForge.Application.Experiments.ListKinds;
using DigitForge.Application.Experiments.Summaries;
using Xunit.Abstractions;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Jobs;

/// <summary>Experiments as tracked jobs through the in-process host on a real SQLite file, runner included.</summary>
public sealed class JobsApiTests(SqliteJobsFactory factory, ITestOutputHelper output) : IClassFixture<SqliteJobsFactory>
{
    private readonly JobsClient _client = new(factory.CreateClient());

    [Fact]
    public async Task Kinds_are_listed_with_their_parameter_schemas()
    {
        var kinds = await _client.Http.GetFromJsonAsync<List<JobKindInfo>>("/api/experiments/kinds", JobsClient.Json);
        Assert.Equal(["mnist1d-benchmark", "classifier", "sweep", "gan"], kinds!.Select(k => k.Name).Take(4));
        Assert.Contains(kinds!, k => k.Name == "gasten");
        var shuffled = kinds![0].Parameters.Single(p => p.Name == "shuffled");
        Assert.Equal("boolean", shuffled.Type);

        var one = await _client.Http.GetFromJsonAsync<JobKindInfo>("/api/experiments/kinds/sweep", JobsClient.Json);
        Assert.Contains(one!.Parameters, p => p.Name == "grid");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.Http.GetAsync("/api/experiments/kinds/nope")).StatusCode);
    }

    [Fact]
    public async Task Kinds_have_their_own_routes_and_the_experiment_routes_stay_as_aliases()
    {
        var kinds = await _client.Http.GetFromJsonAsync<List<JobKindInfo>>("/api/kinds", JobsClient.Json);
        var aliased = await _client.Http.GetFromJsonAsync<List<JobKindInfo>>("/api/experiments/kinds", JobsClient.Json);
        Assert.Equal(aliased!.Select(k => k.Name), kinds!.Select(k => k.Name));
        var one = await _client.Http.GetFromJsonAsync<JobKindInfo>("/api/kinds/sweep", JobsClient.Json);
        Assert.Contains(one!.Parameters, p => p.Name == "grid");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.Http.GetAsync("/api/kinds/nope")).StatusCode);

        // Launching through the new route validates the same way (400 naming the parameter, 404 for an unknown kind).
        await AssertValidationProblemAsync(
            await _client.Http.PostAsJsonAsync("/api/kinds/mnist1d-benchmark/runs", new { parameters = new { steps = 0 } }, JobsClient.Json), "parameters.steps");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.Http.PostAsJsonAsync("/api/kinds/nope/runs", new { }, JobsClient.Json)).StatusCode);
    }

    [Fact]
    public async Task Bad_launches_are_400s_naming_the_field_and_unknown_kinds_404s()
    {
        await AssertValidationProblemAsync(await _client.PostLaunchAsync("mnist1d-benchmark", new { steps = 0 }), "parameters.steps");
        await AssertValidationProblemAsync(await _client.PostLaunchAsync("classifier", new { dataset = """{"generator":"nope"}""" }), "parameters.dataset.generator");
        await AssertValidationProblemAsync(await _client.PostLaunchAsync("sweep", new { grid = """{"lr": [-1]}""" }), "parameters.grid");
        await AssertValidationProblemAsync(
            await _client.Http.PostAsync("/api/experiments/classifier/runs", new StringContent("""{"parameters": [1]}""", System.Text.Encoding.UTF8, "application/json")),
            "parameters");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostLaunchAsync("transformer", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.Http.PostAsync("/api/jobs/0123456789abcdef0123456789abcdef/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task The_benchmark_trains_every_model_plain_and_shuffled_as_child_runs_and_writes_the_table_on_the_parent()
    {
        var job = await _client.LaunchAsync("mnist1d-benchmark", new { steps = 20, eval_every = 10, models = "logistic,cnn", shuffled = true });
        Assert.Equal("QUEUED", job.Status);
        job = await _client.WaitForEndAsync(job.Id);
        Assert.True(job.Status == "FINISHED", job.Error);

        var parent = await _client.GetRunAsync(job.Id);
        Assert.Equal("FINISHED", parent.Status);
        Assert.Equal("mnist1d-benchmark", parent.Tags["digitforge.kind"]);
        Assert.Equal("20", parent.Params["steps"]);
        var children = await _client.ChildrenAsync(parent);
        Assert.Equal(["logistic", "cnn", "logistic (shuffled)", "cnn (shuffled)"], children.Select(c => c.Name));
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));
        Assert.All(children, c => Assert.Equal(job.Id, c.Tags["digitforge.job"]));
        Assert.Equal("shuffled", children[3].Params["variant"]);
        Assert.All(children, c => Assert.Equal("fused", c.Params[TrackedTraining.EnginePathParam]));
        var history = await _client.MetricHistoryAsync(children[1].Id, "test/acc");
        Assert.Equal([0L, 10, 20], history.GetProperty("steps").EnumerateArray().Select(p => p.GetInt64()));

        var results = BenchmarkResults.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes((await _client.ArtifactTextAsync(job.Id, "results.json"))!)))!;
        Assert.Equal(4, results.Rows.Count);
        Assert.Equal(children.Select(c => c.Id), results.Rows.Select(r => r.RunId));
        Assert.Equal(94, results.Rows.Single(r => r is { Model: "cnn", Variant: "plain" }).PublishedReadme);
        Assert.Equal(56, results.Rows.Single(r => r is { Model: "cnn", Variant: "shuffled" }).PublishedReadme);
        Assert.All(results.Rows, r => Assert.InRange(r.TestAccuracy, 0.0, 1.0));
        Assert.Equal(results.Rows[1].TestAccuracy, parent.Metrics["test_acc/plain/cnn"].Value, 6);
        Assert.Equal(5210, results.Rows[1].Parameters);

        string log = (await _client.ArtifactTextAsync(job.Id, "logs/job.log"))!;
        Assert.Contains("training cnn (shuffled)", log, StringComparison.Ordinal);
        Assert.EndsWith("FINISHED\n", log, StringComparison.Ordinal);

        // The run page shows the table beside the published numbers, and the child runs.
        string page = await _client.Http.GetStringAsync($"/runs/{job.Id}");
        Assert.Contains("id=\"benchmark-results\"", page, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(page, "<tr data-run="));
        Assert.Matches(@"92\.3(–|&#x2013;)94\.2 %", page);
        Assert.Contains("id=\"child-runs\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cancel-job\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_launch_page_prerenders_the_kinds_form_and_the_engine_status()
    {
        // The form itself is live (MudBlazor over a circuit): its fields, presets and picker are driven in
        // tests/BrowserTests/UiPagesTests; here the first, prerendered response.
        string page = await _client.Http.GetStringAsync("/launch?kind=classifier");
        Assert.Matches("id=\"launch-form\"[^>]*data-kind=\"classifier\"|data-kind=\"classifier\"[^>]*id=\"launch-form\"", page);
        Assert.Contains("href=\"/launch?kind=sweep\"", page, StringComparison.Ordinal);
        Assert.Matches("id=\"launch-body\"[^>]*>[^<]*(&quot;|\")model(&quot;|\")", page);
        Assert.Matches("id=\"engine-status\"[\\s\\S]*Engine[\\s\\S]*libtorch [0-9]", page);
    }

    [Fact]
    public async Task The_engine_endpoint_describes_the_engine_the_server_trains_with()
    {
        var engine = await _client.Http.GetFromJsonAsync<JsonElement>("/api/engine");

        Assert.Equal(2, engine.GetProperty("abiVersion").GetInt32());
        Assert.Matches("^[0-9]+\\.[0-9]+", engine.GetProperty("torchVersion").GetString());
        Assert.True(engine.GetProperty("cpuThreads").GetInt32() >= 1);
        Assert.EndsWith("libdigitforge_engine.so", engine.GetProperty("libraryPath").GetString(), StringComparison.Ordinal);
        Assert.False(engine.GetProperty("cudaAvailable").GetBoolean() && engine.GetProperty("cudaDeviceName").GetString() is null);
    }

    [Fact]
    public async Task Cancelling_a_running_job_stops_the_training_and_keeps_what_it_logged()
    {
        var job = await _client.LaunchAsync("classifier", new { model = "gru", steps = 5_000_000, eval_every = 20, dataset = JobsClient.SmallDataset });
        await _client.WaitForAsync(job.Id, j => j.Status == "RUNNING");
        var clock = Stopwatch.StartNew();
        // Wait for the first evaluation's test/acc itself: the train metrics of step 0 may reach the tracker in an
        // earlier batch, and a cancel between the two would leave no test/acc to check.
        while (!(await _client.GetRunAsync(job.Id)).Metrics.ContainsKey("test/acc"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "no test/acc logged");
            await Task.Delay(100);
        }

        clock.Restart();
        var cancel = await _client.Http.PostAsync($"/api/jobs/{job.Id}/cancel", null);
        cancel.EnsureSuccessStatusCode();
        job = await _client.WaitForEndAsync(job.Id);
        output.WriteLine($"cancel → CANCELLED in {clock.ElapsedMilliseconds} ms");

        Assert.Equal("CANCELLED", job.Status);
        Assert.True(job.CancelRequested);
        var run = await _client.GetRunAsync(job.Id);
        Assert.Equal("CANCELLED", run.Status);
        Assert.Equal("Cancelled on request.", run.Tags["digitforge.error"]);
        Assert.True(run.Metrics["test/acc"].Count >= 1);
        Assert.Contains("CANCELLED", (await _client.ArtifactTextAsync(job.Id, "logs/job.log"))!, StringComparison.Ordinal);
        Assert.Equal("CANCELLED", (await (await _client.Http.PostAsync($"/api/jobs/{job.Id}/cancel", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_classifier_logs_curves_a_confusion_matrix_sample_predictions_and_its_checkpoint()
    {
        var job = await _client.LaunchAsync("classifier", new { model = "mlp", steps = 30, eval_every = 10, samples = 5, dataset = JobsClient.SmallDataset });
        job = await _client.WaitForEndAsync(job.Id);
        Assert.True(job.Status == "FINISHED", job.Error);

        var run = await _client.GetRunAsync(job.Id);
        Assert.Equal(4, run.Metrics["test/acc"].Count); // steps 0, 10, 20, 30
        Assert.Equal(4, run.Metrics["train/loss"].Count);
        Assert.Equal("mlp", run.Params["model"]);
        Assert.Equal("10", run.Params["classes"]);
        Assert.Equal("mnist1d", run.Params["dataset_generator"]);
        Assert.Equal("auto", run.Params["implementation"]);
        Assert.Equal("fused", run.Params[TrackedTraining.EnginePathParam]);

        var images = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{job.Id}/images?key=confusion_matrix");
        Assert.Equal(1, images.GetArrayLength());
        var predictions = JsonDocument.Parse((await _client.ArtifactTextAsync(job.Id, ClassifierKind.PredictionsArtifact))!).RootElement;
        Assert.Equal(5, predictions.GetArrayLength());
        var checkpoint = await _client.Http.GetByteArrayAsync($"/api/runs/{job.Id}/artifacts/model.pt");
        Assert.True(checkpoint.Length > 15_000 * 4, $"checkpoint of {checkpoint.Length} bytes");

        var summary = (await _client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{job.Id}/summary", JobsClient.Json))!;
        Assert.Equal(run.Metrics["test/acc"].Value, summary.Figures.Single(f => f.Name == "test accuracy").Value);
        Assert.Equal("confusion_matrix", summary.Images.Single().Key);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _client.Http.GetAsync("/api/jobs/0123456789abcdef0123456789abcdef/summary")).StatusCode);
    }

    [Fact]
    public async Task A_sweep_over_kind_and_dataset_parameters_creates_a_child_run_per_point_and_a_summary()
    {
        string baseParameters = JsonSerializer.Serialize(new { model = "logistic", steps = 5, eval_every = 0, dataset = JobsClient.SmallDataset });
        var job = await _client.LaunchAsync("sweep", new { kind = "classifier", @base = baseParameters, grid = """{"lr": [0.01, 0.1], "dataset.shuffle_seq": [false, true]}""" });
        job = await _client.WaitForEndAsync(job.Id);
        Assert.True(job.Status == "FINISHED", job.Error);

        var parent = await _client.GetRunAsync(job.Id);
        var children = await _client.ChildrenAsync(parent);
        Assert.Equal(4, children.Count);
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));
        Assert.Equal(["0.01", "0.01", "0.1", "0.1"], children.Select(c => c.Params["lr"]));
        Assert.Equal(["false", "true", "false", "true"], children.Select(c => c.Params["dataset.shuffle_seq"]));
        Assert.All(children, c => Assert.True(c.Metrics.ContainsKey("test/acc")));
        // Every point is a job of its own on the shared queue (any worker may run it), linked to the sweep.
        foreach (var child in children)
        {
            var childJob = await _client.GetJobAsync(child.Id);
            Assert.Equal(("FINISHED", "classifier"), (childJob.Status, childJob.Kind));
            Assert.Equal(job.Id, child.Tags[DigitForge.Application.Jobs.JobTags.ParentJob]);
        }


        var summary = JsonSerializer.Deserialize<SweepSummary>((await _client.ArtifactTextAsync(job.Id, SweepKind.SummaryArtifact))!, JobsClient.Json)!;
        Assert.Equal(4, summary.Rows.Count);
        Assert.All(summary.Rows, r => Assert.NotNull(r.Result));
        Assert.Equal(children.Select(c => c.Metrics["test/acc"].Value), summary.Rows.Select(r => r.Result!.Value));
        Assert.Equal(4, parent.Metrics["sweep/test/acc"].Count);
        var chart = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{job.Id}/images?key=sweep");
        Assert.Equal(1, chart.GetArrayLength());

        // The generic summary: a row per point linked to its run, the chart, and the same on the run page.
        var generic = (await _client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{job.Id}/summary", JobsClient.Json))!;
        var table = generic.Tables.Single();
        Assert.Equal(["#", "lr", "dataset.shuffle_seq", "test/acc"], table.Columns);
        Assert.Equal(children.Select(c => c.Id), table.Rows.Select(r => r.RunId));
        Assert.Equal("sweep", generic.Images.Single().Key);
        string page = await _client.Http.GetStringAsync($"/runs/{job.Id}");
        Assert.Contains("id=\"sweep-summary\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_sweep_cancels_its_running_and_queued_points()
    {
        // Points that would run for minutes: the cancel, not their end, must stop them.
        string baseParameters = JsonSerializer.Serialize(new { model = "mlp", steps = 10_000_000, eval_every = 100, threads = 1, dataset = JobsClient.SmallDataset });
        var job = await _client.LaunchAsync("sweep", new { kind = "classifier", @base = baseParameters, grid = """{"lr": [0.01, 0.02, 0.03]}""" });
        var parent = await _client.GetRunAsync((await _client.WaitForAsync(job.Id, j => j.Status == "RUNNING")).Id);
        IReadOnlyList<DigitForge.Application.Tracking.Runs.RunDto> children = [];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((children = await _client.ChildrenAsync(parent)).All(c => c.Status != "RUNNING"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "no point started");
            await Task.Delay(100);
        }

        Assert.Equal(3, children.Count);
        (await _client.Http.PostAsync($"/api/jobs/{job.Id}/cancel", null)).EnsureSuccessStatusCode();
        Assert.Equal("CANCELLED", (await _client.WaitForEndAsync(job.Id, TimeSpan.FromMinutes(1))).Status);
        foreach (var child in children)
        {
            var ended = await _client.WaitForEndAsync(child.Id, TimeSpan.FromMinutes(1));
            Assert.True(ended.Status == "CANCELLED", $"point {child.Name}: {ended.Status} {ended.Error}");
            Assert.Equal("CANCELLED", (await _client.GetRunAsync(child.Id)).Status);
        }
    }
}
