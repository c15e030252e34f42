namespace DigitForge.FunctionalTests;

public sealed class Mnist1DPageTests(Mnist1DApiFactory factory) : IClassFixture<Mnist1DApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_page_shows_the_templates_a_sample_plot_and_a_download_of_the_submitted_arguments()
    {
        string html = await _client.GetStringAsync("/mnist1d?num_samples=1000&seed=3&mode=keyed&count=5");

        Assert.Contains("src=\"/api/mnist1d/templates?format=svg\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/api/mnist1d/plot?num_samples=1000&amp;seed=3&amp;mode=keyed&amp;count=5&amp;format=svg\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/mnist1d?num_samples=1000&amp;seed=3&amp;mode=keyed&amp;format=npz\"", html, StringComparison.Ordinal);
        Assert.Contains("digitforge mnist1d --num-samples 1000 --seed 3 --mode keyed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("mnist1d-errors", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_arguments_are_listed_by_name_instead_of_broken_images()
    {
        var response = await _client.GetAsync("/mnist1d?num_samples=1&padding=3,1");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"mnist1d-errors\"", html, StringComparison.Ordinal);
        Assert.Contains("<code>num_samples</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>padding</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"mnist1d-plot\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_layout_links_to_the_page()
    {
        string html = await _client.GetStringAsync("/");

        Assert.Contains("href=\"/mnist1d\"", html, StringComparison.Ordinal);
    }
}
