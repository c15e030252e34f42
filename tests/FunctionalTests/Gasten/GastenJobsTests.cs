using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.FunctionalTests.Jobs;
using DigitForge.Infrastructure.Data;

namespace DigitForge.FunctionalTests.Gasten;

/// <summary>The host's job runner on a small IDX fixture (400 train / 400 test images, 40 per class).</summary>
public sealed class GastenJobsFactory : JobsApiFactory
{
    public GastenJobsFactory()
        : base(null)
    {
        TestDataWriter.WriteAsync(Path.Combine(DataDir, "mnist"), count: 400).GetAwaiter().GetResult();
    }
}

/// <summary>
/// GASTeN end to end through the API at toy size: classifiers under test as child runs, then the two-step protocol
/// with per-epoch FID/FOCD/ACD, confidence-sorted grids and the parent's FID-vs-ACD scatter; bad input is a 400 at submit.
/// </summary>
public sealed class GastenJobsTests(GastenJobsFactory factory) : IClassFixture<GastenJobsFactory>
{
    private readonly JobsClient _client = new(factory.CreateClient());

    [Fact]
    public async Task Classifiers_then_the_two_step_protocol_track_every_run_and_refuse_bad_input_at_submit()
    {
        var classifiers = await _client.LaunchAsync("gasten-classifier", new { pos = 7, neg = 1, nf = "1,2", epochs = "2", batch = 16, device = "cpu" });
        classifiers = await _client.WaitForEndAsync(classifiers.Id);
        Assert.True(classifiers.Status == "FINISHED", classifiers.Error);
        var children = await _client.ChildrenAsync(await _client.GetRunAsync(classifiers.Id));
        Assert.Equal(["cnn-1-2.3664", "cnn-2-2.3664"], children.Select(c => c.Name).Order());
        foreach (var child in children)
        {
            Assert.Equal("67/13/80", child.Params["images"]); // 80 sevens and ones: 5/6 train, 1/6 valid; 80 test
            Assert.NotNull(await _client.ArtifactTextAsync(child.Id, "test_y_hat.npy"));
            var history = await _client.MetricHistoryAsync(child.Id, "test/acc");
            Assert.Single(history.GetProperty("values").EnumerateArray());
        }

        // Bad input: 400 naming the parameter, before any job exists.
        await AssertRefusedAsync(new { pos = 7, neg = 7, classifiers = classifiers.Id }, "parameters.neg");
        await AssertRefusedAsync(new { pos = 12, neg = 1, classifiers = classifiers.Id }, "parameters.pos");
        await AssertRefusedAsync(new { classifiers = "no-such-run" }, "parameters.classifiers");
        await AssertRefusedAsync(new { pos = 5, neg = 3, classifiers = classifiers.Id }, "parameters.classifiers");
        await AssertRefusedAsync(new { classifiers = classifiers.Id, weights = "0,-1" }, "parameters.weights");
        await AssertRefusedAsync(new { classifiers = classifiers.Id, step1_epoch_list = "[]" }, "parameters.step1_epoch_list");
        await AssertRefusedAsync(new { classifiers = classifiers.Id, step1_epochs = 2, step1_epoch_list = "0,3" }, "parameters.step1_epoch_list");

        var job = await _client.LaunchAsync("gasten", new
        {
            classifiers = classifiers.Id, step1_epochs = 1, step2_epochs = 1, step1_epoch_list = "0,1", weights = "0,mgda",
            filter_dim = 4, z_dim = 8, batch = 16, test_noise = 64, grid_samples = 30, device = "cpu",
        });
        job = await _client.WaitForEndAsync(job.Id, TimeSpan.FromMinutes(10));
        Assert.True(job.Status == "FINISHED", job.Error);

        var run = await _client.GetRunAsync(job.Id);
        Assert.Equal("digitforge-digit-features-v1", run.Params["fid_network"]);
        var runs = await _client.ChildrenAsync(run);
        Assert.Equal(1 + (2 * 2 * 2), runs.Count);
        var step1 = runs.Single(r => r.Params["job_type"] == "step-1");
        Assert.Equal(2, (await _client.MetricHistoryAsync(step1.Id, "eval/fid")).GetProperty("values").GetArrayLength());
        var mgda = runs.Single(r => r.Name.EndsWith("-cnn-1-2_mgda_1", StringComparison.Ordinal));
        Assert.Equal("1", mgda.Params["step1_epoch"]);
        foreach (string key in new[] { "eval/fid", "eval/focd", "eval/conf_dist", "eval/ambiguous_share" })
        {
            var values = (await _client.MetricHistoryAsync(mgda.Id, key)).GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(2, values.Count); // epoch 0 (the step-1 checkpoint) and epoch 1
            Assert.All(values, v => Assert.True(double.IsFinite(v) && v >= 0, $"{key} = {v}"));
        }

        Assert.InRange((await _client.MetricHistoryAsync(mgda.Id, "eval/conf_dist")).GetProperty("values")[1].GetDouble(), 0, 0.5);
        Assert.Single((await _client.MetricHistoryAsync(mgda.Id, "train/scale1")).GetProperty("values").EnumerateArray());
        var grids = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{mgda.Id}/images?key=samples_by_c");
        Assert.Equal([0L, 1], grids.EnumerateArray().Select(i => i.GetProperty("step").GetInt64()));

        string csv = (await _client.ArtifactTextAsync(job.Id, "fid_vs_acd.csv"))!;
        string[] lines = csv.Trim().Split('\n');
        Assert.Equal(1 + 8, lines.Length); // a point per step-2 run and epoch (one epoch each)
        Assert.Contains(lines.Skip(1), l => l.EndsWith(",true", StringComparison.Ordinal));
        var summary = (await _client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{job.Id}/summary", JobsClient.Json))!;
        Assert.Equal("fid_vs_acd", summary.Images.Single().Key);
        Assert.NotEmpty(summary.Tables.Single(t => t.Id == "pareto").Rows);

        // A run that exists but is no classifier (the gasten job itself).
        await AssertRefusedAsync(new { classifiers = job.Id }, "parameters.classifiers");
    }

    private async Task AssertRefusedAsync(object parameters, string field)
    {
        var response = await _client.PostLaunchAsync("gasten", parameters);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains(field, body, StringComparison.Ordinal);
    }
}
