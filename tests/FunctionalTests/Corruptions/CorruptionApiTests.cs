using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DigitForge.FunctionalTests.Datasets;
using DigitForge.Infrastructure.Encoding;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Corruptions;

/// <summary>/api/corruptions, /api/compositions, the corruption datasets as bundles, and the /corruptions gallery.</summary>
public sealed class CorruptionApiTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Corruptions_are_listed_with_severities_and_sets()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/corruptions");

        var swirl = list.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "swirl");
        Assert.Equal(3, swirl.GetProperty("defaultSeverity").GetInt32());
        Assert.Equal(5, swirl.GetProperty("maxSeverity").GetInt32());
        Assert.Equal("Swirl", swirl.GetProperty("referenceName").GetString());
        Assert.Contains("compositional", swirl.GetProperty("sets").EnumerateArray().Select(s => s.GetString()));
        foreach (string name in new[] { "identity", "contrast", "gaussian_blur", "impulse_noise", "invert", "rotate90" })
        {
            Assert.Contains(list.EnumerateArray(), c => c.GetProperty("name").GetString() == name);
        }
    }

    [Fact]
    public async Task Preview_is_the_corrupted_source_image_as_png()
    {
        var clean = PngDecoder.Decode(await _client.GetByteArrayAsync("/api/corruptions/invert/preview.png?severity=0&index=3"));
        var inverted = PngDecoder.Decode(await _client.GetByteArrayAsync("/api/corruptions/invert/preview.png?index=3"));
        var composed = PngDecoder.Decode(await _client.GetByteArrayAsync("/api/corruptions/Invert-Rotate90/preview.png?index=3"));

        Assert.Equal((28, 28), (clean.Width, clean.Height));
        Assert.Equal(clean.Pixels.Select(p => (byte)(255 - p)), inverted.Pixels);
        Assert.Equal((byte)(255 - clean.Pixels[(0 * 28) + 27]), composed.Pixels[0]); // top-right corner turns to top-left
    }

    [Theory]
    [InlineData("/api/corruptions/twirl/preview.png", "name")]
    [InlineData("/api/corruptions/swirl/preview.png?severity=6", "severity")]
    [InlineData("/api/corruptions/invert-swirl/preview.png?severity=2", "severity")]
    [InlineData("/api/corruptions/swirl/preview.png?index=-1", "index")]
    [InlineData("/api/corruptions/swirl/preview.png?source=svhn", "source")]
    [InlineData("/api/compositions/default?format=csv", "format")]
    public async Task Bad_queries_are_400_naming_the_field(string url, string field) =>
        await AssertValidationProblemAsync(await _client.GetAsync(url), field);

    [Fact]
    public async Task Default_compositions_download_as_json_and_text()
    {
        var json = await _client.GetFromJsonAsync<JsonElement>("/api/compositions/default");
        string text = await _client.GetStringAsync("/api/compositions/default?format=text");

        Assert.Equal(167, json.GetProperty("count").GetInt32());
        Assert.Equal(2778UL, json.GetProperty("seed").GetUInt64());
        Assert.Equal("Identity", json.GetProperty("compositions")[0].GetProperty("referenceName").GetString());
        Assert.Equal(167, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(json.GetProperty("text").GetString(), text);

        var reference = await _client.GetFromJsonAsync<JsonElement>("/api/compositions/default?sampler=python");
        Assert.Equal("reference", reference.GetProperty("name").GetString());
        Assert.Equal(167, reference.GetProperty("count").GetInt32());
        await AssertValidationProblemAsync(await _client.GetAsync("/api/compositions/default?sampler=numpy"), "sampler");
    }

    [Fact]
    public async Task An_uploaded_list_is_checked_and_expanded()
    {
        var ok = await _client.PostAsJsonAsync("/api/compositions/parse", new { compositions = "Invert-Swirl\nswirl-invert:1" });
        var parsed = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("invert-swirl\nswirl-invert\n", parsed.GetProperty("text").GetString());

        await AssertValidationProblemAsync(await _client.PostAsJsonAsync("/api/compositions/parse", new { compositions = "invert,invert" }), "compositions");
    }

    [Fact]
    public async Task Composition_dataset_downloads_as_npz()
    {
        var dataset = await _client.CreateAsync("""{"generator": "composition", "parameters": {"composition": "invert-swirl"}, "splits": {"train": 40, "test": 10}}""");
        using var stream = await _client.GetStreamAsync($"/api/datasets/{dataset.Id()}/download?format=npz");
        var arrays = NpzReader.ReadAll(stream);

        Assert.Equal([40L, 28, 28], arrays["x_train"].Shape);
        Assert.Equal([10L], arrays["y_test"].Shape);
    }

    [Fact]
    public async Task Benchmark_dataset_has_the_corruption_column_and_names()
    {
        var dataset = await _client.CreateAsync("""{"generator": "compositional-benchmark", "parameters": {"compositions": "invert-swirl\nswirl-invert"}, "splits": {"train": 14, "test": 6}}""");
        using var stream = await _client.GetStreamAsync($"/api/datasets/{dataset.Id()}/download?format=npz");
        var arrays = NpzReader.ReadAll(stream);

        Assert.Equal([14L, 28, 28], arrays["x_train"].Shape);
        Assert.Equal([0L, 1, 0, 1, 0, 1], Longs(arrays["c_test"].Data));
        // A NumPy unicode array, as numpy.load gives names: dtype <U12, one element per composition (issue 22).
        Assert.Equal("<U12", arrays["composition_names"].DType.Descr);
        Assert.Equal([2L], arrays["composition_names"].Shape);
        Assert.Equal("invert-swirlswirl-invert", Encoding.UTF32.GetString(arrays["composition_names"].Data));
    }

    [Fact]
    public async Task Corruptions_are_filters_of_the_sequence_endpoint()
    {
        var response = await _client.GetAsync("/sequence?digits=12&filters=swirl,invert&seed=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Gallery_page_shows_every_corruption_at_every_severity()
    {
        string html = await _client.GetStringAsync("/corruptions?composition=invert-swirl");

        Assert.Contains("id=\"corruption-gallery\"", html, StringComparison.Ordinal);
        Assert.Contains("/api/corruptions/swirl/preview.png?source=mnist&amp;index=0&amp;severity=5", html, StringComparison.Ordinal);
        Assert.Contains("/api/corruptions/invert-swirl/preview.png", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/corruptions\"", html, StringComparison.Ordinal);
        Assert.Contains("The default 167 compositions", html, StringComparison.Ordinal);
    }

    private static long[] Longs(byte[] data) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(data).ToArray();
}
