using System.Net.Http.Json;
using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.FunctionalTests.Jobs;
using DigitForge.Infrastructure.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Compositional;

/// <summary>
/// <c>source=cifar10</c> for the compositional-robustness kind: a 400 on <c>parameters.source</c> that says how to get
/// CIFAR-10 while the data directory lacks it; once a fixture cifar-10-binary.tar.gz (the test's own records, 3 train
/// and 1 test image per class) is imported, the smoke preset trains every method on 32x32 RGB with the ResNet-18
/// backbone at CIFAR's learning rate and tests all 167 compositions.
/// </summary>
public sealed class CifarSourceTests
{
    [Fact]
    public async Task Cifar10_is_a_400_until_imported_then_the_smoke_preset_runs_resnet18_on_it()
    {
        using var factory = new JobsApiFactory(null);
        var client = new JobsClient(factory.CreateClient());
        const string kind = CompositionalRobustnessKind.KindName;

        var before = await AssertValidationProblemAsync(await client.PostLaunchAsync(kind, new { source = "cifar10" }), "parameters.source");
        Assert.Contains("digitforge data download --source cifar10", before.GetProperty("errors").GetProperty("parameters.source")[0].GetString(), StringComparison.Ordinal);

        string archive = Path.Combine(factory.DataDir, "cifar-10-binary.tar.gz");
        await ArchiveTestDataWriter.WriteCifarTarGzAsync(archive, trainPerClass: 3, testPerClass: 1);
        await new ArchiveImporter(Options.Create(new DataDirectoryOptions { DataDir = factory.DataDir }), NullLogger<ArchiveImporter>.Instance)
            .ImportAsync(archive, KnownSources.Cifar10);

        var job = await client.LaunchAsync(kind, new { source = "cifar10", preset = "smoke", device = "cpu", threads = 1 });
        job = await client.WaitForEndAsync(job.Id, TimeSpan.FromMinutes(10));
        Assert.True(job.Status == "FINISHED", job.Error);

        var parent = await client.GetRunAsync(job.Id);
        Assert.Equal("16", parent.Params["train_images"]);
        Assert.Equal("112", parent.Params["train_rows"]);
        Assert.Equal("2", parent.Params["test_images"]);
        Assert.Equal("ResNet-18", parent.Params["backbone"]);
        Assert.Equal("0.1", parent.Params["learning_rate"]);
        Assert.Equal("0.1", parent.Params["contrastive_weight"]);
        var children = await client.ChildrenAsync(parent);
        Assert.Equal(CompositionalMethods.All, children.Select(c => c.Name));
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));
        var autoModules = children.Single(c => c.Name == CompositionalMethods.AutoModules);
        // ResNet-18's fallback levels: after the stem (3 layers) and after the last stage (19).
        var levels = autoModules.Params.Where(p => p.Key.StartsWith("level.", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, levels.Count);
        Assert.All(levels, l => Assert.True(l.Value is "3" or "19", $"{l.Key} = {l.Value}"));

        var summary = (await client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{job.Id}/summary", JobsClient.Json))!;
        var perComposition = summary.Tables.Single(t => t.Id == "compositional-accuracy");
        Assert.Equal(167, perComposition.Rows.Count);
        Assert.All(perComposition.Rows, r => Assert.Equal("2", r.Cells[2]));
        Assert.Contains(summary.Images, i => i.Key == CompositionalResults.HeatmapImage);
    }
}
