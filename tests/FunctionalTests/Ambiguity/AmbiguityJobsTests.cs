using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.FunctionalTests.Gasten;
using DigitForge.FunctionalTests.Jobs;
using DigitForge.Infrastructure.Encoding;

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

        await AssertKeptSetIsADatasetAsync(job.Id, run.Params["kept_dataset"], summary, (int)clusters);

        // The reference's second option: HDBSCAN (leaf, min_samples 3) after UMAP; its noise is left out of the scores.
        var hdbscan = await _client.LaunchAsync("gasten-ambiguity", new { run = step2.Id, images = 300, acd = 0.5, n_iter = 3, method = "hdbscan", device = "cpu" });
        hdbscan = await _client.WaitForEndAsync(hdbscan.Id, TimeSpan.FromMinutes(10));
        Assert.True(hdbscan.Status == "FINISHED", hdbscan.Error);
        var hdbscanRun = await _client.GetRunAsync(hdbscan.Id);
        Assert.StartsWith("umap+hdbscan", hdbscanRun.Params["clustering"], StringComparison.Ordinal);
        Assert.InRange(int.Parse(hdbscanRun.Params["best_hdbscan__min_cluster_size"], CultureInfo.InvariantCulture), 3, 10);
        Assert.StartsWith("trial,umap__n_neighbors,umap__min_dist,umap__n_components,hdbscan__min_cluster_size,hdbscan__cluster_selection_epsilon,",
            await _client.ArtifactTextAsync(hdbscan.Id, "search/trials.csv"), StringComparison.Ordinal);
        double noise = await LatestAsync(hdbscan.Id, "n_noise");
        var hdbscanSummary = (await _client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{hdbscan.Id}/summary", JobsClient.Json))!;
        Assert.Equal(300 - noise, hdbscanSummary.Tables.Single(t => t.Id == "cluster_sizes").Rows.Sum(r => int.Parse(r.Cells[1], CultureInfo.InvariantCulture)));
        var keptRows = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/datasets/{hdbscanRun.Params["kept_dataset"]}/rows?split=kept&length=100");
        // HDBSCAN's cluster count has no upper bound (leaf selection on 300 points may find more than 15).
        int found = (int)await LatestAsync(hdbscan.Id, "n_clusters");
        Assert.All(keptRows.GetProperty("rows").EnumerateArray(), r => Assert.InRange(r.GetProperty("row").GetProperty("label").GetInt32(), -1, found - 1));
    }

    /// <summary>The kept images through the rows API and an NPZ bundle equal the run's artifacts; bad specs and reads are 400s.</summary>
    private async Task AssertKeptSetIsADatasetAsync(string runId, string datasetId, ExperimentSummary summary, int clusters)
    {
        Assert.Equal(datasetId, summary.Figures.Single(f => f.Name == "kept images dataset").Text);
        var dataset = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/datasets/{datasetId}");
        Assert.Equal("gasten-ambiguous", dataset.GetProperty("spec").GetProperty("generator").GetString());
        Assert.Equal(runId, dataset.GetProperty("spec").GetProperty("parameters").GetProperty("run").GetString());

        var page = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/datasets/{datasetId}/rows?split=kept&offset=290&length=20");
        Assert.Equal(300, page.GetProperty("num_rows_total").GetInt32());
        var rows = page.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.InRange(r.GetProperty("row").GetProperty("label").GetInt32(), 0, clusters - 1));
        var png = await _client.Http.GetAsync(rows[0].GetProperty("row").GetProperty("image").GetProperty("src").GetString());
        Assert.Equal((28, 28), (PngDecoder.Decode(await png.Content.ReadAsByteArrayAsync()).Width, 28));

        using var bundle = await _client.Http.GetAsync($"/api/datasets/{datasetId}/download?format=npz");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        var arrays = NpzReader.ReadAll(new MemoryStream(await bundle.Content.ReadAsByteArrayAsync()));
        Assert.Equal([300L, 28, 28], arrays["x_kept"].Shape);
        Assert.Equal(await ArtifactFloatsAsync(runId, "ambiguous/images.npy"), arrays["x_kept"].ToArray<float>());
        Assert.Equal(await ArtifactFloatsAsync(runId, "ambiguous/c.npy"), arrays["c_kept"].ToArray<float>());
        Assert.Equal(await ArtifactFloatsAsync(runId, "ambiguous/embeddings.npy"), arrays["embedding_kept"].ToArray<float>());
        Assert.Equal((await ArtifactFloatsAsync(runId, "ambiguous/clusters.npy")).Select(v => (long)v), arrays["cluster_kept"].ToArray<long>());
        Assert.Equal(clusters, arrays["cluster_kept"].ToArray<long>().Distinct().Count());

        // The spec names the content: a wrong digest, a run without a kept set, a split the set lacks are 400s.
        string digest = dataset.GetProperty("spec").GetProperty("parameters").GetProperty("digest").GetString()!;
        int width = dataset.GetProperty("spec").GetProperty("parameters").GetProperty("embedding_width").GetInt32();
        await AssertBadRequestAsync(await _client.Http.PostAsync("/api/datasets", KeptSpec(runId, new string('0', 64), width)), "parameters.digest");
        await AssertBadRequestAsync(await _client.Http.PostAsync("/api/datasets", KeptSpec(runId, digest, width + 1)), "parameters.embedding_width");
        await AssertBadRequestAsync(await _client.Http.PostAsync("/api/datasets", Json("""{"generator":"gasten-ambiguous","parameters":{"run":"0123456789abcdef0123456789abcdef"}}""")), "parameters.run");
        await AssertBadRequestAsync(await _client.Http.PostAsync("/api/datasets", KeptSpec(runId, digest, width, kept: 301)), "splits.kept");
        await AssertBadRequestAsync(await _client.Http.GetAsync($"/api/datasets/{datasetId}/rows?split=train"), "split");
        await AssertBadRequestAsync(await _client.Http.GetAsync($"/api/datasets/{datasetId}/rows?split=kept&offset=301"), "offset");
        await AssertBadRequestAsync(await _client.Http.GetAsync($"/api/datasets/{datasetId}/rows/kept/300.png"), "index");
    }

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

    private static StringContent KeptSpec(string runId, string digest, int width, int? kept = null)
    {
        var spec = new System.Text.Json.Nodes.JsonObject
        {
            ["generator"] = "gasten-ambiguous",
            ["parameters"] = new System.Text.Json.Nodes.JsonObject { ["run"] = runId, ["digest"] = digest, ["embedding_width"] = width, ["z_dim"] = 8 },
        };
        if (kept is { } rows)
        {
            spec["splits"] = new System.Text.Json.Nodes.JsonObject { ["kept"] = rows };
        }

        return Json(spec.ToJsonString());
    }

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string field)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains(field, body, StringComparison.Ordinal);
        response.Dispose();
    }

    private async Task<float[]> ArtifactFloatsAsync(string runId, string path)
    {
        byte[] bytes = await _client.Http.GetByteArrayAsync($"/api/runs/{runId}/artifacts/{path}");
        return DigitForge.Application.Experiments.Ambiguity.FloatNpy.Read(new MemoryStream(bytes)).Data;
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
