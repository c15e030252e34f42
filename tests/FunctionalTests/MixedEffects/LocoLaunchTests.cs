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
}
