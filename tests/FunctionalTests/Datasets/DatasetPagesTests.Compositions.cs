using System.Net;

namespace DigitForge.FunctionalTests.Datasets;

public sealed partial class DatasetPagesTests
{
    [Fact]
    public async Task A_composition_with_an_empty_valid_split_has_a_gallery_and_a_zip()
    {
        var dataset = await _client.CreateAsync("""
            {"generator": "composition", "parameters": {"source": "mnist", "composition": "invert-swirl", "valid_per_class": 0},
             "splits": {"train": 30, "valid": 0, "test": 10}, "seed": 0}
            """);

        string page = await _client.GetStringAsync($"/datasets/{dataset.Id()}?split=test");
        Assert.Contains("/rows/test/9.png", page, StringComparison.Ordinal);
        var zip = await _client.GetAsync($"/api/datasets/{dataset.Id()}/download?format=zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
    }
}
