using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.FunctionalTests.Jobs;
using DigitForge.Infrastructure.Data;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.MixedEffects;

/// <summary>The host's job runner with a small MNIST fixture (morpho-clusters needs source digits).</summary>
public sealed class MixedEffectsJobsFactory : JobsApiFactory
{
    public MixedEffectsJobsFactory()
        : base(null)
    {
        TestDataWriter.WriteAsync(Path.Combine(DataDir, "mnist"), count: 200).GetAwaiter().GetResult();
    }
}

/// <summary>
/// The spiral grid (<c>mixed-effects-grid</c>, a preset sweep of mixed-effects-loco) and the CNN presets on
/// Morpho-MNIST clusters, each launched as a real job through the API at toy size.
/// </summary>
public sealed class GridAndCnnJobsTests(MixedEffectsJobsFactory factory) : IClassFixture<MixedEffectsJobsFactory>
{
    private readonly JobsClient _client = new(factory.CreateClient());

    [Fact]
    public async Task The_cpu_grid_runs_every_configuration_as_a_loco_child_and_draws_the_heatmap()
    {
        await AssertValidationProblemAsync(await _client.PostLaunchAsync("mixed-effects-grid", new { folds = 11 }), "parameters.folds");
        await AssertValidationProblemAsync(await _client.PostLaunchAsync("mixed-effects-grid", new { models = "conventional,svm" }), "parameters.models");
        await AssertValidationProblemAsync(await _client.PostLaunchAsync("mixed-effects-grid", new { preset = "huge" }), "parameters.preset");

        var job = await _client.LaunchAsync("mixed-effects-grid", new { preset = "cpu", models = "conventional,me_mlp", epochs = 1, folds = 1, points_per_cluster = 20, device = "cpu" });
        job = await _client.WaitForEndAsync(job.Id, TimeSpan.FromMinutes(10));
        Assert.True(job.Status == "FINISHED", job.Error);

        var parent = await _client.GetRunAsync(job.Id);
        var configs = await _client.ChildrenAsync(parent);
        Assert.Equal(8, configs.Count);
        Assert.All(configs, c => Assert.Equal("FINISHED", c.Status));
        Assert.Equal(["0.1", "0.5"], configs.Select(c => c.Params["radius_sd"]).Distinct().Order());
        // Every configuration ran the LOCO comparison: one held-out cluster x 2 models.
        Assert.Equal(2, (await _client.ChildrenAsync(configs[0])).Count);

        var summary = (await _client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{job.Id}/summary", JobsClient.Json))!;
        var table = summary.Tables.Single(t => t.Id == "grid-results");
        Assert.Equal(8, table.Rows.Count);
        Assert.All(table.Rows, r => Assert.InRange(double.Parse(r.Cells[5], System.Globalization.CultureInfo.InvariantCulture), 0, 1));
        Assert.Equal("grid_heatmap", summary.Images.Single().Key);
        var heatmap = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{job.Id}/images?key=grid_heatmap");
        // Two model panels of 4 rows and their 10 px gap at scale 2, under the figure's 30 px title band and the first
        // panel's heading line (18 px), over the column labels' line (18 px) and the 8 px margin (Plotting/HeatmapFigure).
        Assert.Equal((2 * ((2 * ((4 * 20) + 1)) + 10)) + 30 + 18 + 18 + 8, heatmap[0].GetProperty("height").GetInt32());
        Assert.Equal(8, (await _client.MetricHistoryAsync(job.Id, "grid/me_mlp")).GetProperty("totalPoints").GetInt32());

        // Each configuration was a child job of the grid; the run page counts progress in configurations.
        Assert.All(configs, c => Assert.Equal(job.Id, c.Tags[DigitForge.Application.Jobs.JobTags.ParentJob]));
        Assert.All(await Task.WhenAll(configs.Select(c => _client.GetJobAsync(c.Id))), j => Assert.Equal(("FINISHED", "mixed-effects-loco"), (j.Status, j.Kind)));
        string page = await _client.Http.GetStringAsync($"/runs/{job.Id}");
        Assert.Contains("data-done=\"8\" data-total=\"8\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cnn_presets_compare_morpho_mnist_clusters_with_the_cluster_table()
    {
        const string dataset = """{"generator":"morpho-clusters","parameters":{"clusters":3},"splits":{"train":150,"test":0},"seed":2}""";
        var job = await _client.LaunchAsync("mixed-effects-loco", new { dataset, models = "cnn_conventional,cnn_me,mldg2", epochs = 1, folds = 2, device = "cpu" });
        job = await _client.WaitForEndAsync(job.Id, TimeSpan.FromMinutes(10));
        Assert.True(job.Status == "FINISHED", job.Error);

        var children = await _client.ChildrenAsync(await _client.GetRunAsync(job.Id));
        Assert.Equal(6, children.Count); // 2 held-out clusters x 3 models
        Assert.All(children, c => Assert.InRange(c.Metrics["unseen/acc"].Value, 0, 1));
        var summary = (await _client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{job.Id}/summary", JobsClient.Json))!;
        var folds = summary.Tables.Single(t => t.Id == "loco-folds").Rows;
        Assert.All(folds, r => Assert.StartsWith("thickness ", r.Cells[5], StringComparison.Ordinal)); // the held-out cluster's effects
        Assert.Contains(summary.Tables.Single(t => t.Id == "loco-accuracy").Rows, r => r.Cells[0] == "CNN ME");
        Assert.DoesNotContain(summary.Images, i => i.Key == "decision_boundaries"); // images, not 2-D points
    }
}
