using System.Net;
using System.Text.RegularExpressions;

namespace DigitForge.FunctionalTests.Datasets;

public sealed partial class DatasetPagesTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    // The create form is live (MudBlazor over a circuit): its fields, checks and the API's errors at their fields are
    // driven in tests/BrowserTests/UiPagesTests and tests/ComponentTests; here the prerendered pages.
    [Fact]
    public async Task The_form_prerenders_for_the_generator_asked_for()
    {
        string html = await _client.GetStringAsync("/datasets?generator=mnist1d");

        Assert.Contains("id=\"dataset-form\"", html, StringComparison.Ordinal);
        Assert.Contains("mnist1d", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_created_dataset_opens_on_its_gallery_with_downloads()
    {
        var dataset = await _client.CreateAsync("""{"generator": "mnist", "parameters": {"size": 28}, "splits": {"train": 60, "test": 20}, "seed": 0}""");

        string page = await _client.GetStringAsync($"/datasets/{dataset.Id()}?split=test&offset=10");
        Assert.Contains("id=\"gallery\"", page, StringComparison.Ordinal);
        Assert.Contains("/rows/test/10.png", page, StringComparison.Ordinal);
        Assert.Contains("/rows/test/19.png", page, StringComparison.Ordinal);
        Assert.Contains("download?format=npz", page, StringComparison.Ordinal);
        Assert.Contains("download?format=zip", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_dimensional_rows_are_drawn_as_signals()
    {
        var dataset = await _client.CreateAsync("""{"generator": "mnist1d", "parameters": {"mode": "keyed"}, "splits": {"train": 1000000}}""");

        string html = await _client.GetStringAsync($"/datasets/{dataset.Id()}?split=train&offset=999990");

        Assert.Equal(10, PolylineTag().Count(html));
        Assert.Contains("#999999", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_dataset_page_says_so_with_a_404()
    {
        var response = await _client.GetAsync($"/datasets/{new string('b', 64)}");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("id=\"dataset-missing\"", html, StringComparison.Ordinal);
        Assert.Contains("There is no dataset", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<polyline ")]
    private static partial Regex PolylineTag();
}
