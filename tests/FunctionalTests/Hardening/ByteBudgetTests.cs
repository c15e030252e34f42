using System.Net;
using System.Net.Http.Json;

namespace DigitForge.FunctionalTests.Hardening;

/// <summary>
/// Issue 21, finding 1: requests over the configured byte budgets (256 MiB working memory here) are 400s naming the
/// parameter, answered before any allocation (the 1.6 GB response and the OutOfMemoryException of the review).
/// </summary>
public sealed class ByteBudgetTests(HardeningApiFactory factory) : IClassFixture<HardeningApiFactory>
{
    private static readonly int[] WidePadding = [0, 10000];

    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("num_samples=20000&final_seq_length=10000", "num_samples")]
    [InlineData("num_samples=20000&final_seq_length=10000", "final_seq_length")]
    [InlineData("template_len=200000000", "template_len")]
    [InlineData("padding=0,200000000", "padding")]
    [InlineData("mode=keyed&padding=0,200000000", "padding")]
    public async Task Mnist1D_over_the_byte_budget_is_a_400_naming_the_parameter(string query, string field)
    {
        var dataset = await _client.GetAsync("/api/mnist1d?" + query);
        var plot = await _client.GetAsync("/api/mnist1d/plot?" + query);

        var problem = await ProblemDetailsAssertions.AssertValidationProblemAsync(dataset, field);
        Assert.Contains("MaxWorkingBytes", problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        await ProblemDetailsAssertions.AssertValidationProblemAsync(plot, field);
    }

    [Fact]
    public async Task Keyed_mode_streams_what_reference_mode_may_not_materialise()
    {
        // 200,000 x 1,000 points: 3.2 GB to materialise twice, 1.6 GB of output: over both budgets in reference mode;
        // keyed mode needs no working copy, so only the output budget (1 GiB) refuses it.
        var reference = await _client.GetAsync("/api/mnist1d?num_samples=100000&final_seq_length=1000");
        var keyed = await _client.GetAsync("/api/mnist1d?num_samples=100000&final_seq_length=1000&mode=keyed", HttpCompletionOption.ResponseHeadersRead);

        await ProblemDetailsAssertions.AssertValidationProblemAsync(reference, "num_samples");
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        keyed.Dispose();
    }

    [Fact]
    public async Task A_dataset_spec_over_the_working_budget_is_refused_when_created()
    {
        var rows = await _client.PostAsJsonAsync("/api/datasets", new
        {
            generator = "mnist1d",
            parameters = new { final_seq_length = 10000 },
            splits = new { train = 16000, test = 4000 },
        });
        var plan = await _client.PostAsJsonAsync("/api/datasets", new
        {
            generator = "mnist1d",
            parameters = new { mode = "keyed", template_len = 1000, padding = WidePadding },
            splits = new { train = 100, test = 100 },
        });

        await ProblemDetailsAssertions.AssertValidationProblemAsync(rows, "splits");
        await ProblemDetailsAssertions.AssertValidationProblemAsync(plan, "parameters.padding");
    }

    [Fact]
    public async Task Defaults_stay_within_the_budgets()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/mnist1d?num_samples=1000")).StatusCode);
        var created = await _client.PostAsJsonAsync("/api/datasets", new { generator = "mnist1d", splits = new { train = 800, test = 200 } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
    }
}
