namespace DigitForge.FunctionalTests.Datasets;

/// <summary>Spirals in the UI: a plot preview on the (live) form, prerendered with the defaults.</summary>
public sealed partial class DatasetPagesTests
{
    [Fact]
    public async Task The_spirals_form_previews_the_plot_of_its_parameters()
    {
        string html = await _client.GetStringAsync("/datasets?generator=spirals");

        Assert.Contains("id=\"spiral-preview\"", html, StringComparison.Ordinal);
        Assert.Contains("/api/spirals/plot?clusters=10&amp;points_per_cluster=1000", html, StringComparison.Ordinal);
    }
}
