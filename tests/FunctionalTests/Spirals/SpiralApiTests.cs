using System.Net;
using DigitForge.FunctionalTests.Datasets;
using DigitForge.Infrastructure.Encoding;
using DigitForge.Infrastructure.Plotting;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Spirals;

/// <summary>The spirals generator through the dataset API (bundles) and its plot endpoint.</summary>
public sealed class SpiralApiTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    private const string Spec = """{"generator": "spirals", "parameters": {"clusters": 4, "points_per_cluster": 250, "confound_sd": 0.2, "confounded_vars": 2}, "splits": {"train": 1000, "test": 80}}""";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_spiral_bundle_holds_x_y_the_cluster_one_hot_and_the_cluster_effects()
    {
        var dataset = await _client.CreateAsync(Spec);
        var response = await _client.GetAsync($"/api/datasets/{dataset.Id()}/download?format=npz");
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(dataset.Size("npz"), bytes.Length);
        var arrays = NpzReader.ReadAll(new MemoryStream(bytes));
        Assert.Equal(
            ["x_train", "y_train", "z_train", "cluster_train", "radius_train", "x_test", "y_test", "z_test", "cluster_test", "radius_test", "radii", "class_ratio"],
            arrays.Keys);
        Assert.Equal([1000L, 4], arrays["x_train"].Shape);
        Assert.Equal([1000L, 4], arrays["z_train"].Shape);
        Assert.Equal([80L, 4], arrays["z_test"].Shape);
        var z = arrays["z_train"].ToArray<float>();
        var cluster = arrays["cluster_train"].ToArray<long>();
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(i / 250, cluster[i]);
            Assert.Equal(1f, z[(i * 4) + (int)cluster[i]]);
        }

        Assert.Equal(arrays["radii"].ToArray<double>()[3], arrays["radius_train"].ToArray<double>()[999]);
        var again = await _client.GetByteArrayAsync($"/api/datasets/{dataset.Id()}/download?format=npz");
        Assert.Equal(bytes, again);
    }

    [Fact]
    public async Task Leaving_splits_out_sizes_train_from_the_parameters()
    {
        var dataset = await _client.CreateAsync("""{"generator": "spirals", "parameters": {"clusters": 3, "points_per_cluster": 20}}""");

        Assert.Equal(60, dataset.GetProperty("splits")[0].GetProperty("rows").GetInt32());
    }

    [Fact]
    public async Task The_plot_is_a_png_with_one_panel_per_cluster()
    {
        var response = await _client.GetAsync("/api/spirals/plot?clusters=7&points_per_cluster=200&radius_sd=0.5&noise=0.05&seed=3");
        byte[] png = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        var (width, height) = SpiralPlotRenderer.Size(7);
        Assert.Equal(width, ReadInt32BigEndian(png, 16));
        Assert.Equal(height, ReadInt32BigEndian(png, 20));
        Assert.Equal(png, await _client.GetByteArrayAsync("/api/spirals/plot?clusters=7&points_per_cluster=200&radius_sd=0.5&noise=0.05&seed=3"));
    }

    [Fact]
    public async Task A_stored_spirals_dataset_plots_by_id()
    {
        var dataset = await _client.CreateAsync(Spec);

        var response = await _client.GetAsync($"/api/spirals/plot?dataset={dataset.Id()}&split=test");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/spirals/plot?clusters=0", "clusters")]
    [InlineData("/api/spirals/plot?noise=loud", "noise")]
    [InlineData("/api/spirals/plot?classes=3&confound_sd=0.3", "classes")]
    [InlineData("/api/spirals/plot?wobble=1", "wobble")]
    [InlineData("/api/spirals/plot?seed=-4", "seed")]
    [InlineData("/api/spirals/plot?clusters=1000&points_per_cluster=1000", "points_per_cluster")]
    public async Task Bad_plot_parameters_are_400_naming_the_parameter(string url, string field)
    {
        await AssertValidationProblemAsync(await _client.GetAsync(url), field);
    }

    [Fact]
    public async Task Plotting_a_dataset_that_is_not_spirals_is_400()
    {
        var dataset = await _client.CreateAsync("""{"generator": "mnist1d", "parameters": {"mode": "keyed"}, "splits": {"train": 10}}""");

        await AssertValidationProblemAsync(await _client.GetAsync($"/api/spirals/plot?dataset={dataset.Id()}"), "id");
    }

    private static int ReadInt32BigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
