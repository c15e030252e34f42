using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Training;
using DigitForge.FunctionalTests.Jobs;
using DigitForge.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Compositional;

/// <summary>A data directory with MNIST fixtures (train and test) and Fashion-MNIST without its test files.</summary>
public sealed class CompositionalJobsFactory : JobsApiFactory
{
    public CompositionalJobsFactory()
        : base(null)
    {
        TestDataWriter.WriteAsync(Path.Combine(DataDir, "mnist"), count: 40).GetAwaiter().GetResult();
        string fashion = Path.Combine(DataDir, "fashion-mnist");
        TestDataWriter.WriteAsync(fashion, count: 40).GetAwaiter().GetResult();
        foreach (string file in Directory.GetFiles(fashion, "t10k-*"))
        {
            File.Delete(file);
        }
    }
}

/// <summary>The <c>compositional-robustness</c> kind through the API: bad input at submit, and the smoke preset end to end.</summary>
public sealed class CompositionalJobsTests(CompositionalJobsFactory factory) : IClassFixture<CompositionalJobsFactory>
{
    private static readonly string[] Corruptions = ["contrast", "gaussian_blur", "impulse_noise", "invert", "rotate90", "swirl"];
    private readonly JobsClient _client = new(factory.CreateClient());

    [Fact]
    public async Task Bad_launches_are_400s_naming_the_parameter()
    {
        const string kind = CompositionalRobustnessKind.KindName;
        await AssertValidationProblemAsync(await _client.PostLaunchAsync(kind, new { methods = "CrossEntropy,Mixup" }), "parameters.methods");
        await AssertValidationProblemAsync(await _client.PostLaunchAsync(kind, new { preset = "huge" }), "parameters.preset");
        await AssertValidationProblemAsync(await _client.PostLaunchAsync(kind, new { source = "svhn" }), "parameters.source");
        var response = await _client.PostLaunchAsync(kind, new { source = "fashion-mnist" });
        await AssertValidationProblemAsync(response, "parameters.source");
    }

    [SkippableFact]
    public async Task The_paper_preset_is_a_400_without_a_cuda_device()
    {
        var engine = factory.Services.GetRequiredService<ITrainer>().Describe();
        Skip.If(engine.CudaAvailable, "The engine here sees a CUDA device: paper is accepted on it.");
        const string kind = CompositionalRobustnessKind.KindName;

        var problem = await AssertValidationProblemAsync(await _client.PostLaunchAsync(kind, new { preset = "paper" }), "parameters.preset");
        Assert.Contains("needs a CUDA device", problem.GetProperty("errors").GetProperty("parameters.preset")[0].GetString(), StringComparison.Ordinal);
        await AssertValidationProblemAsync(await _client.PostLaunchAsync(kind, new { preset = "paper", device = "cpu" }), "parameters.device");
    }

    [Fact]
    public async Task The_smoke_preset_trains_every_method_as_a_child_run_and_tests_all_167_compositions()
    {
        var job = await _client.LaunchAsync(CompositionalRobustnessKind.KindName, new { preset = "smoke", device = "cpu", threads = 1 });
        job = await _client.WaitForEndAsync(job.Id, TimeSpan.FromMinutes(10));
        Assert.True(job.Status == "FINISHED", job.Error);

        var parent = await _client.GetRunAsync(job.Id);
        Assert.Equal("16", parent.Params["train_images"]);
        Assert.Equal("112", parent.Params["train_rows"]);
        Assert.Equal("2", parent.Params["test_images"]);
        var children = await _client.ChildrenAsync(parent);
        Assert.Equal(CompositionalMethods.All, children.Select(c => c.Name));
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));
        var autoModules = children.Single(c => c.Name == CompositionalMethods.AutoModules);
        Assert.All(Corruptions, c => Assert.True(autoModules.Params.ContainsKey($"level.{c}")));
        var moduleLoss = await _client.MetricHistoryAsync(autoModules.Id, "module.swirl/loss");
        Assert.Single(moduleLoss.GetProperty("steps").EnumerateArray());

        var summary = (await _client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{job.Id}/summary", JobsClient.Json))!;
        var perComposition = summary.Tables.Single(t => t.Id == "compositional-accuracy");
        Assert.Equal(167, perComposition.Rows.Count);
        Assert.All(perComposition.Rows, r => Assert.Equal("2", r.Cells[2]));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], perComposition.Rows.Select(r => r.Cells[1]).Distinct());
        Assert.Equal(CompositionalMethods.All.Count, summary.Tables.Single(t => t.Id == "compositional-by-length").Rows.Count);
        Assert.Contains(summary.Images, i => i.Key == CompositionalResults.HeatmapImage);
        var heatmap = await _client.Http.GetFromJsonAsync<JsonElement>($"/api/runs/{job.Id}/images?key={CompositionalResults.HeatmapImage}");
        // A 24 px row per method, under the figure's 30 px title band, 8 px margin below (Plotting/HeatmapFigure).
        Assert.Equal((CompositionalMethods.All.Count * 24) + 30 + 8, heatmap[0].GetProperty("height").GetInt32());
        // ImgSpace's identity-only classifier: ImgSpace's autoencoders and AutoModules' identity backbone, tested as a method.
        var identityOnly = await _client.MetricHistoryAsync(children.Single(c => c.Name == CompositionalMethods.ImgSpaceIdentity).Id, "test/acc_unseen");
        Assert.InRange(identityOnly.GetProperty("values")[0].GetDouble(), 0, 1);
        var curve = await _client.MetricHistoryAsync(job.Id, $"{CompositionalMethods.ImgSpace}/{CompositionalResults.LengthMetric}");
        Assert.Equal([1L, 2, 3, 4, 5, 6], curve.GetProperty("steps").EnumerateArray().Select(p => p.GetInt64()));

        string page = await _client.Http.GetStringAsync($"/runs/{job.Id}");
        Assert.Contains("data-key=\"heatmap\"", page, StringComparison.Ordinal);
    }
}
