using System.Net.Http.Json;
using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.FunctionalTests.Jobs;
using DigitForge.Infrastructure.Data;
using DigitForge.Infrastructure.Data.FaceScrub;
using DigitForge.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Compositional;

/// <summary>
/// <c>source=facescrub</c> for the compositional-robustness kind: a 400 on <c>parameters.source</c> that says to import
/// it while it is not imported; once a folder is imported (real JPEGs the test encodes with SkiaSharp, identities 100
/// and 487, so labels 0 and 387: wider than a byte), the smoke preset trains every method on the 100x100 RGB faces with
/// FaceScrub's backbone and tests all 167 compositions.
/// </summary>
public sealed class FaceScrubSourceTests
{
    [Fact]
    public async Task Facescrub_is_a_400_until_imported_then_the_smoke_preset_runs_on_its_faces()
    {
        using var factory = new JobsApiFactory(null);
        var client = new JobsClient(factory.CreateClient());
        const string kind = CompositionalRobustnessKind.KindName;

        var before = await AssertValidationProblemAsync(await client.PostLaunchAsync(kind, new { source = "facescrub" }), "parameters.source");
        Assert.Contains("'facescrub' is not imported", before.GetProperty("errors").GetProperty("parameters.source")[0].GetString(), StringComparison.Ordinal);

        using var faces = new TempDirectory("digitforge-faces");
        FaceScrubTestFolder.WriteIdentity(faces.Path, 487, 100);
        FaceScrubTestFolder.WriteIdentity(faces.Path, 100, 100);
        await new FaceScrubImporter(Options.Create(new DataDirectoryOptions { DataDir = factory.DataDir }), NullLogger<FaceScrubImporter>.Instance).ImportAsync(faces.Path);

        var job = await client.LaunchAsync(kind, new { source = "facescrub", preset = "smoke", device = "cpu", threads = 1 });
        job = await client.WaitForEndAsync(job.Id, TimeSpan.FromMinutes(10));
        Assert.True(job.Status == "FINISHED", job.Error);

        var parent = await client.GetRunAsync(job.Id);
        Assert.Equal("8", parent.Params["train_images"]);
        Assert.Equal("56", parent.Params["train_rows"]);
        Assert.Equal("1", parent.Params["test_images"]);
        Assert.Equal("Inception-v3", parent.Params["backbone"]);
        Assert.Equal("0.1", parent.Params["learning_rate"]);
        Assert.Equal("0.01", parent.Params["contrastive_weight"]);
        var children = await client.ChildrenAsync(parent);
        Assert.Equal(CompositionalMethods.All, children.Select(c => c.Name));
        Assert.All(children, c => Assert.Equal("FINISHED", c.Status));

        var summary = (await client.Http.GetFromJsonAsync<ExperimentSummary>($"/api/jobs/{job.Id}/summary", JobsClient.Json))!;
        var perComposition = summary.Tables.Single(t => t.Id == "compositional-accuracy");
        Assert.Equal(167, perComposition.Rows.Count);
        Assert.All(perComposition.Rows, r => Assert.Equal("1", r.Cells[2]));
        Assert.Contains(summary.Images, i => i.Key == CompositionalResults.HeatmapImage);
    }
}
