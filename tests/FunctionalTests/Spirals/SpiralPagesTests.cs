using System.Net;

namespace DigitForge.FunctionalTests.Datasets;

/// <summary>Spirals in the UI: a plot preview on the form, the per-cluster plot on the dataset page.</summary>
public sealed partial class DatasetPagesTests
{
    [Fact]
    public async Task The_spirals_form_previews_the_plot_of_its_parameters()
    {
        string html = await _client.GetStringAsync("/datasets?generator=spirals");

        Assert.Contains("id=\"spiral-preview\"", html, StringComparison.Ordinal);
        Assert.Contains("/api/spirals/plot?clusters=10&amp;points_per_cluster=1000", html, StringComparison.Ordinal);
        Assert.Contains("name=\"p.false_negatives\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_spirals_with_other_clusters_and_untouched_splits_sizes_train_from_the_parameters()
    {
        var response = await PostAsync("spirals", new()
        {
            ["p.clusters"] = "4", ["p.points_per_cluster"] = "50", ["p.radius_sd"] = "0.2", ["p.noise"] = "0.2", ["p.degrees"] = "360",
            ["p.classes"] = "2", ["p.confound_sd"] = "0", ["p.confounded_vars"] = "2", ["split.train"] = "10000", ["split.test"] = "0", ["seed"] = "8",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        string page = await _client.GetStringAsync(response.Headers.Location!.ToString());
        Assert.Contains("id=\"spiral-plot\"", page, StringComparison.Ordinal);
        Assert.Contains("train (200)", page, StringComparison.Ordinal);
        Assert.Contains("<code class=\"values\">", page, StringComparison.Ordinal);
    }
}
