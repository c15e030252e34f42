using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Experiments.Gan;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Tracking.Artifacts;
using DigitForge.Infrastructure.Data;

namespace DigitForge.FunctionalTests.Jobs;

/// <summary>The host's job runner on small IDX fixtures in its data directory.</summary>
public sealed class GanJobsFactory : JobsApiFactory
{
    public GanJobsFactory()
        : base(null)
    {
        TestDataWriter.WriteAsync(Path.Combine(DataDir, "mnist"), count: 96).GetAwaiter().GetResult();
    }
}

/// <summary>The <c>gan</c> kind through the API: the engine's gan task, tracked like any other task, summarised like any other kind.</summary>
public sealed class GanJobsTests(GanJobsFactory factory) : IClassFixture<GanJobsFactory>
{
    private const string Dataset = """{"generator":"mnist","splits":{"train":96,"test":8}}""";
    private readonly JobsClient _client = new(factory.CreateClient());

    [Fact]
    public async Task A_gan_logs_losses_and_samples_per_epoch_checkpoints_and_a_summary()
    {
        var job = await _client.LaunchAsync("gan", new { dataset = Dataset, epochs = 2, batch = 32, z_dim = 16, g_filter_dim = 8, d_filter_dim = 8, samples = 16, device = "cpu" });
        job = await _client.WaitForEndAsync(job.Id);
        Assert.True(job.Status == "FINISHED", job.Error);

        var run = await _client.GetRunAsync(job.Id);
        Assert.Equal("gan", run.Tags["digitforge.kind"]);
        Assert.Equal("96", run.Params["images"]);
        // The engine's models have the builder's (the spec's) parameter counts.
        Assert.Equal(DcganModels.ParameterCount(DcganModels.Generator(16, 8, 1, 28)).ToString(System.Globalization.CultureInfo.InvariantCulture), run.Params["g_parameters"]);
        Assert.Equal(DcganModels.ParameterCount(DcganModels.Discriminator(8, 1, 28)).ToString(System.Globalization.CultureInfo.InvariantCulture), run.Params["d_parameters"]);
        foreach (string key in new[] { "train/d_loss", "train/g_loss" })
        {
            var history = await _client.MetricHistoryAsync(job.Id, key);
            Assert.Equal([1L, 2], history.GetProperty("steps").EnumerateArray().Select(p => p.GetInt64()));
            Assert.All(history.GetProperty("values").EnumerateArray(), v => Assert.True(double.IsFinite(v.GetDouble())));
        }

        var images = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{job.Id}/images?key=samples");
        Assert.Equal([0L, 1, 2], images.EnumerateArray().Select(i => i.GetProperty("step").GetInt64()));
        Assert.Equal((4 * 28) + (5 * 2), images[0].GetProperty("width").GetInt32()); // 16 samples: a 4 x 4 grid, 2-pixel gaps

        var artifacts = (await _client.Http.GetFromJsonAsync<List<ArtifactDto>>($"/api/runs/{job.Id}/artifacts", JobsClient.Json))!.Select(a => a.Path).ToList();
        Assert.Contains(artifacts, p => p.StartsWith("checkpoint/", StringComparison.Ordinal) && p.EndsWith("generator.pt", StringComparison.Ordinal));
        Assert.Contains(artifacts, p => p.StartsWith("checkpoint/", StringComparison.Ordinal) && p.EndsWith("discriminator.pt", StringComparison.Ordinal));
        Assert.Contains("generator.pt", artifacts);
        Assert.Contains("discriminator.pt", artifacts);

        var summary = (await _client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{job.Id}/summary", JobsClient.Json))!;
        Assert.Contains(summary.Figures, f => f.Name == "d_loss" && f.Value is not null);
        Assert.Contains(summary.Figures, f => f.Name == "g_loss" && f.Value is not null);
        Assert.Equal(2, summary.Figures.Single(f => f.Name == "epochs").Value);
        Assert.Equal("samples", summary.Images.Single().Key);

        string log = (await _client.ArtifactTextAsync(job.Id, "logs/job.log"))!;
        string epochLine = log.Split('\n').Single(l => l.Contains("epoch 2/2", StringComparison.Ordinal));
        Assert.Matches(@"epoch 2/2: d_loss [0-9.]+, g_loss [0-9.-]+ \([0-9.]+ s/epoch, ETA 00:00:00\)", epochLine);

        string page = await _client.Http.GetStringAsync($"/runs/{job.Id}");
        Assert.Contains("id=\"job-summary\"", page, StringComparison.Ordinal);
        Assert.Contains("data-figure=\"g_loss\"", page, StringComparison.Ordinal);
        Assert.Contains("class=\"summary-image\" data-key=\"samples\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reference_sized_dcgan_has_the_spec_parameter_counts_in_the_engine()
    {
        // epochs 0: only the untrained generator's grid and the epoch-0 checkpoint.
        var job = await _client.LaunchAsync("gan", new { dataset = Dataset, epochs = 0, device = "cpu" });
        job = await _client.WaitForEndAsync(job.Id);
        Assert.True(job.Status == "FINISHED", job.Error);

        var run = await _client.GetRunAsync(job.Id);
        Assert.Equal("1296320", run.Params["g_parameters"]);
        Assert.Equal("1030465", run.Params["d_parameters"]);
        var images = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{job.Id}/images?key=samples");
        Assert.Equal(1, images.GetArrayLength());
        Assert.Equal((8 * 28) + (9 * 2), images[0].GetProperty("width").GetInt32());
    }

    [Fact]
    public async Task Bad_gan_parameters_are_400s_naming_the_field()
    {
        await ProblemDetailsAssertions.AssertValidationProblemAsync(await _client.PostLaunchAsync("gan", new { classes = "x" }), "parameters.classes");
        await ProblemDetailsAssertions.AssertValidationProblemAsync(await _client.PostLaunchAsync("gan", new { loss = "hinge" }), "parameters.loss");
        await ProblemDetailsAssertions.AssertValidationProblemAsync(
            await _client.PostLaunchAsync("gan", new { dataset = """{"generator":"mnist1d"}""" }), "parameters.dataset");

        // Too few images of the chosen class for one batch: the job fails saying so.
        var job = await _client.LaunchAsync("gan", new { dataset = Dataset, classes = "3", batch = 64, epochs = 1, device = "cpu" });
        job = await _client.WaitForEndAsync(job.Id);
        Assert.Equal("FAILED", job.Status);
        Assert.Contains("fewer than one batch of 64", job.Error, StringComparison.Ordinal);
    }
}
