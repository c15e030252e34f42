using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.FunctionalTests.Gasten;
using DigitForge.FunctionalTests.Jobs;

namespace DigitForge.FunctionalTests.Ambiguity;

/// <summary>
/// gasten-ambiguity end to end through the API at toy size: a classifier, a one-epoch GASTeN run, then the ambiguity
/// experiment on its step-2 run (generation, kept images, the search, prototypes with attributions, the 2-D map and
/// the baseline); bad input is a 400 naming the parameter at submit.
/// </summary>
public sealed class AmbiguityJobsTests(GastenJobsFactory factory) : IClassFixture<GastenJobsFactory>
{
    private readonly JobsClient _client = new(factory.CreateClient());

    [Fact]
    public async Task A_step_2_run_is_clustered_into_prototypes_and_bad_input_is_refused_at_submit()
    {
        var classifiers = await _client.LaunchAsync("gasten-classifier", new { pos = 7, neg = 1, nf = "1", epochs = "2", batch = 16, device = "cpu" });
        classifiers = await _client.WaitForEndAsync(classifiers.Id);
        Assert.True(classifiers.Status == "FINISHED", classifiers.Error);
        var gasten = await _client.LaunchAsync("gasten", new
        {
            classifiers = classifiers.Id, step1_epochs = 1, step2_epochs = 1, step1_epoch_list = "1", weights = "25",
            filter_dim = 4, z_dim = 8, batch = 16, test_noise = 64, grid_samples = 30, device = "cpu",
        });
        gasten = await _client.WaitForEndAsync(gasten.Id, TimeSpan.FromMinutes(10));
        Assert.True(gasten.Status == "FINISHED", gasten.Error);
        var runs = await _client.ChildrenAsync(await _client.GetRunAsync(gasten.Id));
        var step2 = runs.Single(r => r.Params["job_type"] == "step-2");
        var step1 = runs.Single(r => r.Params["job_type"] == "step-1");

        await AssertRefusedAsync(new { run = "no-such-run" }, "parameters.run");
        await AssertRefusedAsync(new { run = step1.Id }, "parameters.run");
        await AssertRefusedAsync(new { run = gasten.Id }, "parameters.run");
        await AssertRefusedAsync(new { run = step2.Id, epoch = "7" }, "parameters.epoch");
        await AssertRefusedAsync(new { run = step2.Id, epoch = "soon" }, "parameters.epoch");
        await AssertRefusedAsync(new { run = step2.Id, acd = 0.6 }, "parameters.acd");
        await AssertRefusedAsync(new { run = step2.Id, acd = -0.1 }, "parameters.acd");
        await AssertRefusedAsync(new { run = step2.Id, images = 10 }, "parameters.images");

        // acd 0.5 keeps every image, so the toy generator certainly yields enough to cluster.
        var job = await _client.LaunchAsync("gasten-ambiguity", new { run = step2.Id, epoch = "best-acd", images = 300, acd = 0.5, n_iter = 3, device = "cpu" });
        job = await _client.WaitForEndAsync(job.Id, TimeSpan.FromMinutes(10));
        Assert.True(job.Status == "FINISHED", job.Error);
        var run = await _client.GetRunAsync(job.Id);
        Assert.Equal(step2.Id, run.Params["step2_run"]);
        Assert.Equal(300, await LatestAsync(job.Id, "n_ambiguous_images"));
        double silhouette = await LatestAsync(job.Id, "silhouette_score");
        Assert.InRange(silhouette, -1, 1);
        double clusters = await LatestAsync(job.Id, "n_clusters");
        Assert.InRange(clusters, 2, 15);
        Assert.InRange(await LatestAsync(job.Id, "davies_bouldin_score"), 0, 100);
        Assert.InRange(await LatestAsync(job.Id, "prototype_cosine_similarity"), -1, 1);
        Assert.True(double.IsFinite(await LatestAsync(job.Id, "fid_score_all")));
        // One point per trial that clustered (a trial whose mixture collapsed to one cluster has no silhouette).
        Assert.InRange((await _client.MetricHistoryAsync(job.Id, "search/silhouette")).GetProperty("values").GetArrayLength(), 1, 3);

        string csv = (await _client.ArtifactTextAsync(job.Id, "search/trials.csv"))!;
        Assert.Equal(1 + 3, csv.Trim().Split('\n').Length);
        Assert.NotNull(await _client.ArtifactTextAsync(job.Id, "ambiguous/embeddings.npy"));
        Assert.NotNull(await _client.ArtifactTextAsync(job.Id, "prototypes/cluster-00.png"));
        Assert.NotNull(await _client.ArtifactTextAsync(job.Id, "prototypes/saliency.npy"));
        var grids = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{job.Id}/images?key=cluster_images");
        Assert.Equal((int)clusters, grids.GetArrayLength());
        foreach (string key in new[] { "prototypes", "prototype_attributions", "umap2d", "baseline_attributions" })
        {
            var images = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{job.Id}/images?key={key}");
            Assert.True(images.GetArrayLength() == 1, key);
        }

        var summary = (await _client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{job.Id}/summary", JobsClient.Json))!;
        Assert.Equal((int)clusters, summary.Tables.Single(t => t.Id == "cluster_sizes").Rows.Count);
        Assert.Equal(3, summary.Tables.Single(t => t.Id == "trials").Rows.Count);
        Assert.Equal(300, summary.Tables.Single(t => t.Id == "cluster_sizes").Rows.Sum(r => int.Parse(r.Cells[1], CultureInfo.InvariantCulture)));
    }

    private async Task<double> LatestAsync(string runId, string key)
    {
        var values = (await _client.MetricHistoryAsync(runId, key)).GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.NotEmpty(values);
        return values[^1];
    }

    private async Task AssertRefusedAsync(object parameters, string field)
    {
        var response = await _client.PostLaunchAsync("gasten-ambiguity", parameters);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains(field, body, StringComparison.Ordinal);
    }
}
