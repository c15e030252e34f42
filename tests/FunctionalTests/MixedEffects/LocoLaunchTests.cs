using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.FunctionalTests.Jobs;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.MixedEffects;

/// <summary>The mixed-effects-loco kind through the API: listed, and bad launches are 400s naming the parameter.</summary>
public sealed class LocoLaunchTests(SqliteJobsFactory factory) : IClassFixture<SqliteJobsFactory>
{
    private readonly JobsClient _client = new(factory.CreateClient());

    [Fact]
    public async Task Bad_launches_are_400s_naming_the_parameter()
    {
        await AssertValidationProblemAsync(await _client.PostLaunchAsync("mixed-effects-loco", new { dataset = JobsClient.SmallDataset }), "parameters.dataset");
        await AssertValidationProblemAsync(await _client.PostLaunchAsync("mixed-effects-loco", new { dataset = """{"generator":"spirals","parameters":{"clusters":1}}""" }), "parameters.dataset");
        await AssertValidationProblemAsync(await _client.PostLaunchAsync("mixed-effects-loco", new { models = "conventional,lstm" }), "parameters.models");
        await AssertValidationProblemAsync(await _client.PostLaunchAsync("mixed-effects-loco", new { dataset = """{"generator":"spirals","parameters":{"clusters":4}}""", folds = 5 }), "parameters.folds");
    }

    [Fact]
    public async Task A_small_loco_run_makes_a_child_run_per_fold_and_model_and_a_summary_with_t_tests_and_charts()
    {
        const string dataset = """{"generator":"spirals","parameters":{"clusters":3,"points_per_cluster":40,"radius_sd":0.5,"noise":0.2},"seed":4}""";
        var job = await _client.LaunchAsync("mixed-effects-loco", new { dataset, epochs = 3, lr = 0.01, models = "conventional,me_mlp" });
        job = await _client.WaitForEndAsync(job.Id);
        Assert.True(job.Status == "FINISHED", job.Error);

        var parent = await _client.GetRunAsync(job.Id);
        var children = await _client.ChildrenAsync(parent);
        Assert.Equal(6, children.Count); // 3 held-out clusters x 2 models
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));
        Assert.Equal(["0", "0", "1", "1", "2", "2"], children.Select(c => c.Params["held_out_cluster"]));
        Assert.All(children, c => Assert.InRange(c.Metrics["unseen/acc"].Value, 0, 1));

        var summary = (await _client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{job.Id}/summary", JobsClient.Json))!;
        var table = summary.Tables.Single(t => t.Id == "loco-accuracy");
        Assert.Equal(6, table.Rows.Count); // 2 models x (train, seen test, held-out)
        var folds = summary.Tables.Single(t => t.Id == "loco-folds").Rows;
        Assert.Equal(6, folds.Count);
        // The paired t-test against the conventional model: a p-value unless every fold's difference is the same.
        double[] differences = [.. Enumerable.Range(0, 3).Select(f =>
            double.Parse(folds.Single(r => r.Cells[0] == $"{f}" && r.Cells[1] == "ME-MLP").Cells[3], System.Globalization.CultureInfo.InvariantCulture)
            - double.Parse(folds.Single(r => r.Cells[0] == $"{f}" && r.Cells[1] == "Conventional").Cells[3], System.Globalization.CultureInfo.InvariantCulture))];
        Assert.All(folds, r => Assert.StartsWith("radius ", r.Cells[5], StringComparison.Ordinal)); // the held-out cluster's random effect
        var seen = table.Rows.Single(r => r.Cells[0] == "ME-MLP" && r.Cells[1] == "Seen test");
        Assert.Equal(differences.Distinct().Count() > 1, seen.Cells[6] != "");
        Assert.Contains(summary.Images, i => i.Key == "accuracy_test");
        var panels = summary.Images.Where(i => i.Key == "decision_boundaries").ToList();
        Assert.Equal(2, panels.Count); // fold 0's two models
        var images = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{panels[0].RunId}/images?key=decision_boundaries");
        Assert.Equal(1, images.GetArrayLength());
        Assert.Equal(3, (await _client.MetricHistoryAsync(job.Id, "acc/test/me_mlp")).GetProperty("totalPoints").GetInt32());
    }
}
