using System.Net;
using System.Text.RegularExpressions;

namespace DigitForge.FunctionalTests.Datasets;

public sealed partial class DatasetPagesTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Form_is_built_from_the_generator_listing()
    {
        string html = await _client.GetStringAsync("/datasets?generator=mnist1d");

        Assert.Contains("id=\"dataset-form\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"p.padding.min\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"p.shuffle_seq\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"keyed\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"split.train\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/datasets?generator=sequences\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_the_form_creates_the_dataset_and_redirects_to_its_gallery()
    {
        var response = await PostAsync("mnist", new() { ["p.size"] = "28", ["p.filters"] = "", ["split.train"] = "60", ["split.test"] = "20", ["seed"] = "0" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        string location = response.Headers.Location!.ToString();
        Assert.Matches("/datasets/[0-9a-f]{64}$", location);

        string page = await _client.GetStringAsync(location + "?split=test&offset=10");
        Assert.Contains("id=\"gallery\"", page, StringComparison.Ordinal);
        Assert.Contains("/rows/test/10.png", page, StringComparison.Ordinal);
        Assert.Contains("/rows/test/19.png", page, StringComparison.Ordinal);
        Assert.Contains("download?format=npz", page, StringComparison.Ordinal);
        Assert.Contains("download?format=zip", page, StringComparison.Ordinal);
        Assert.Contains("format=npy&amp;split=train&amp;array=x", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_form_values_are_shown_next_to_the_form()
    {
        var response = await PostAsync("mnist1d", new() { ["p.mode"] = "keyed", ["p.padding.min"] = "70", ["p.padding.max"] = "60", ["split.train"] = "abc", ["seed"] = "1" });
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"dataset-errors\"", html, StringComparison.Ordinal);
        Assert.Contains("<code>parameters.padding</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>splits.train</code>", html, StringComparison.Ordinal);
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

    private async Task<HttpResponseMessage> PostAsync(string generator, Dictionary<string, string> fields)
    {
        string form = await _client.GetStringAsync($"/datasets?generator={generator}");
        string token = TokenInput().Match(form).Groups[1].Value;
        fields["__RequestVerificationToken"] = token;
        fields["_handler"] = "create-dataset";
        fields["generator"] = generator;
        return await _client.PostAsync($"/datasets?generator={generator}", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("<polyline ")]
    private static partial Regex PolylineTag();
}
