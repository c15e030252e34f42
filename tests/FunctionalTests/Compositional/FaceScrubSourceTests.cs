using DigitForge.Application.Experiments.Compositional;
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
/// it while it is not imported, and why it cannot train once it is (the import is real: JPEGs the test encodes).
/// </summary>
public sealed class FaceScrubSourceTests
{
    [Fact]
    public async Task Facescrub_is_a_400_naming_the_source_before_and_after_its_import()
    {
        using var factory = new JobsApiFactory(null, runJobs: false);
        var client = new JobsClient(factory.CreateClient());
        const string kind = CompositionalRobustnessKind.KindName;

        var before = await AssertValidationProblemAsync(await client.PostLaunchAsync(kind, new { source = "facescrub" }), "parameters.source");
        Assert.Contains("'facescrub' is not imported", before.GetProperty("errors").GetProperty("parameters.source")[0].GetString(), StringComparison.Ordinal);

        using var faces = new TempDirectory("digitforge-faces");
        FaceScrubTestFolder.WriteIdentity(faces.Path, 100, 100);
        await new FaceScrubImporter(Options.Create(new DataDirectoryOptions { DataDir = factory.DataDir }), NullLogger<FaceScrubImporter>.Instance).ImportAsync(faces.Path);

        var after = await AssertValidationProblemAsync(await client.PostLaunchAsync(kind, new { source = "facescrub" }), "parameters.source");
        Assert.Contains("'facescrub' is imported (80 train / 10 test faces)", after.GetProperty("errors").GetProperty("parameters.source")[0].GetString(), StringComparison.Ordinal);
    }
}
