using System.Net;

namespace DigitForge.FunctionalTests.Datasets;

public sealed partial class DatasetPagesTests
{
    [Fact]
    public async Task Composition_form_with_an_empty_valid_split_creates_a_gallery()
    {
        var response = await PostAsync("composition", new()
        {
            ["p.source"] = "mnist",
            ["p.composition"] = "invert-swirl",
            ["p.valid_per_class"] = "0",
            ["split.train"] = "30",
            ["split.valid"] = "0",
            ["split.test"] = "10",
            ["seed"] = "0",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        string page = await _client.GetStringAsync(response.Headers.Location + "?split=test");
        Assert.Contains("/rows/test/9.png", page, StringComparison.Ordinal);
        var zip = await _client.GetAsync(response.Headers.Location!.ToString().Replace("/datasets/", "/api/datasets/", StringComparison.Ordinal) + "/download?format=zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
    }
}
