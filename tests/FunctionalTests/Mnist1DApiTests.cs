using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;
using Xunit.Abstractions;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests;

public sealed class Mnist1DApiTests(Mnist1DApiFactory factory, ITestOutputHelper output) : IClassFixture<Mnist1DApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [SkippableFact]
    public async Task Defaults_stream_the_published_dataset_as_npz()
    {
        var response = await _client.GetAsync("/api/mnist1d");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-npz", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("mnist1d_data.npz", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var npz = NpzReader.ReadAll(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Mnist1DCheckValues.AssertPublishedDataset(npz);
    }

    [SkippableFact]
    public async Task The_same_query_gives_the_same_bytes_and_an_etag_that_revalidates()
    {
        const string url = "/api/mnist1d?num_samples=300&seed=9&mode=keyed";
        var first = await _client.GetAsync(url);
        var second = await _client.GetAsync(url);
        var other = await _client.GetAsync("/api/mnist1d?num_samples=300&seed=10&mode=keyed");

        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.NotNull(first.Headers.ETag);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.NotEqual(first.Headers.ETag, other.Headers.ETag);
        Assert.True(first.Headers.CacheControl?.Public);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var revalidated = await _client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [SkippableFact]
    public async Task Every_argument_shapes_the_npz()
    {
        var response = await _client.GetAsync(
            "/api/mnist1d?num_samples=1234&train_split=0.7&template_len=13&padding=3,7&scale_coeff=0.5&max_translation=20" +
            "&corr_noise_scale=0.1&iid_noise_scale=0.05&shear_scale=1&shuffle_seq=true&final_seq_length=25&seed=7");

        response.EnsureSuccessStatusCode();
        var npz = NpzReader.ReadAll(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        long train = (long)(1230 * 0.7); // num_samples rounds down to 1230; split_ix = int(n * train_split)
        Assert.Equal([train, 25], npz["x"].Shape);
        Assert.Equal([train], npz["y"].Shape);
        Assert.Equal([1230 - train, 25], npz["x_test"].Shape);
        Assert.Equal([25], npz["t"].Shape);
    }

    [SkippableFact]
    public async Task Keyed_json_is_the_references_dict_with_args()
    {
        var response = await _client.GetAsync("/api/mnist1d?num_samples=100&mode=keyed&format=json&final_seq_length=30");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(["x", "x_test", "y", "y_test", "t", "templates", "args", "mode"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(80, root.GetProperty("x").GetArrayLength());
        Assert.All(root.GetProperty("x").EnumerateArray(), row => Assert.Equal(30, row.GetArrayLength()));
        Assert.Equal(20, root.GetProperty("x_test").GetArrayLength());
        Assert.Equal(80, root.GetProperty("y").GetArrayLength());
        Assert.Equal(20, root.GetProperty("y_test").GetArrayLength());
        Assert.Equal(30, root.GetProperty("t").GetArrayLength());
        Assert.Equal(10, root.GetProperty("templates").GetProperty("x").GetArrayLength());
        Assert.Equal(12, root.GetProperty("templates").GetProperty("t").GetArrayLength());
        Assert.Equal(100, root.GetProperty("args").GetProperty("num_samples").GetInt32());
        Assert.Equal([36, 60], root.GetProperty("args").GetProperty("padding").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal("keyed", root.GetProperty("mode").GetString());

        // Ten of each label overall, as in the reference.
        var labels = root.GetProperty("y").EnumerateArray().Concat(root.GetProperty("y_test").EnumerateArray()).Select(v => v.GetInt64());
        Assert.All(labels.GroupBy(l => l), g => Assert.Equal(10, g.Count()));
    }

    [SkippableFact]
    public async Task Reference_json_values_round_trip_exactly_to_the_npz_values()
    {
        var npz = NpzReader.ReadAll(new MemoryStream(await _client.GetByteArrayAsync("/api/mnist1d?num_samples=50&seed=3")));
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/api/mnist1d?num_samples=50&seed=3&format=json"));

        double[] fromJson = [.. json.RootElement.GetProperty("x").EnumerateArray().SelectMany(row => row.EnumerateArray()).Select(v => v.GetDouble())];
        Assert.Equal(npz["x"].ToArray<double>(), fromJson);
        Assert.Equal(npz["y_test"].ToArray<long>(), json.RootElement.GetProperty("y_test").EnumerateArray().Select(v => v.GetInt64()));
    }

    [SkippableFact]
    public async Task Templates_are_json_by_default()
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/api/mnist1d/templates"));

        var x = json.RootElement.GetProperty("x");
        Assert.Equal(10, x.GetArrayLength());
        Assert.Equal(Mnist1DCheckValues.Template0, x[0].EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(12, json.RootElement.GetProperty("t").GetArrayLength());
        Assert.Equal(Enumerable.Range(0, 10), json.RootElement.GetProperty("y").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(5, json.RootElement.GetProperty("raw")[3][0].GetDouble());
    }

    [SkippableTheory]
    [InlineData("/api/mnist1d/templates?format=png", 900, 234)]
    [InlineData("/api/mnist1d/plot", 900, 234)]
    [InlineData("/api/mnist1d/plot?count=3&mode=keyed", 270, 234)]
    [InlineData("/api/mnist1d/plot?count=25&num_samples=100", 900, 702)]
    public async Task Plots_are_rgb_pngs_of_ten_panels_per_row(string url, int width, int height)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = PngDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((width, height), (png.Width, png.Height));
        Assert.Equal(PngColorType.Rgb8, png.ColorType);
    }

    [SkippableTheory]
    [InlineData("/api/mnist1d/plot?format=svg", 10, "polyline")]
    [InlineData("/api/mnist1d/plot?format=svg&count=4&mode=keyed&seed=5", 4, "polyline")]
    [InlineData("/api/mnist1d/templates?format=svg", 10, "g")]
    public async Task Svg_plots_have_a_panel_per_signal_titled_with_its_label(string url, int panels, string element)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(panels, svg.Descendants(ns + element).Count());
        Assert.All(svg.Descendants(ns + "text"), t => Assert.StartsWith("label=", t.Value, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_default_plot_titles_are_the_first_labels_of_the_published_dataset()
    {
        var svg = XDocument.Parse(await _client.GetStringAsync("/api/mnist1d/plot?format=svg"));

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(Mnist1DCheckValues.YFirst20[..10].Select(y => $"label={y}"), svg.Descendants(ns + "text").Select(t => t.Value));
    }

    [SkippableTheory]
    [InlineData("num_samples=abc", "num_samples")]
    [InlineData("num_samples=5", "num_samples")]
    [InlineData("num_samples=30000", "num_samples")]
    [InlineData("train_split=1.5", "train_split")]
    [InlineData("train_split=x", "train_split")]
    [InlineData("template_len=-1", "template_len")]
    [InlineData("padding=60,36", "padding")]
    [InlineData("padding=-1,4", "padding")]
    [InlineData("padding=1,2,3", "padding")]
    [InlineData("scale_coeff=nan", "scale_coeff")]
    [InlineData("max_translation=0", "max_translation")]
    [InlineData("corr_noise_scale=Infinity", "corr_noise_scale")]
    [InlineData("iid_noise_scale=a", "iid_noise_scale")]
    [InlineData("shear_scale=", "format")] // blank is the default, so only the bad format below fails
    [InlineData("shuffle_seq=maybe", "shuffle_seq")]
    [InlineData("final_seq_length=1", "final_seq_length")]
    [InlineData("seed=-1", "seed")]
    [InlineData("seed=4294967296", "seed")]
    [InlineData("mode=fast", "mode")]
    public async Task Bad_arguments_are_a_400_naming_the_argument(string query, string field)
    {
        string url = field == "format" ? $"/api/mnist1d?{query}&format=csv" : $"/api/mnist1d?{query}";

        var response = await _client.GetAsync(url);

        await AssertValidationProblemAsync(response, field);
    }

    [SkippableTheory]
    [InlineData("/api/mnist1d?format=csv", "format")]
    [InlineData("/api/mnist1d/templates?format=gif", "format")]
    [InlineData("/api/mnist1d/plot?format=jpg", "format")]
    [InlineData("/api/mnist1d/plot?count=0", "count")]
    [InlineData("/api/mnist1d/plot?count=101", "count")]
    [InlineData("/api/mnist1d/plot?count=x", "count")]
    [InlineData("/api/mnist1d/plot?count=30&num_samples=20", "count")]
    [InlineData("/api/mnist1d/plot?padding=5,1", "padding")]
    public async Task Bad_formats_and_counts_are_a_400_naming_them(string url, string field)
    {
        var response = await _client.GetAsync(url);

        await AssertValidationProblemAsync(response, field);
    }

    [SkippableFact]
    public async Task All_bad_arguments_are_reported_at_once()
    {
        var response = await _client.GetAsync("/api/mnist1d?num_samples=x&padding=9,2&final_seq_length=1&format=csv");

        var problem = await AssertValidationProblemAsync(response, "num_samples");
        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _));
    }

    [SkippableFact]
    public async Task Openapi_document_describes_the_mnist1d_endpoints_with_the_references_argument_names()
    {
        var json = await _client.GetStringAsync("/swagger/v1/swagger.json");

        Assert.Contains("\"/api/mnist1d\"", json, StringComparison.Ordinal);
        Assert.Contains("\"/api/mnist1d/templates\"", json, StringComparison.Ordinal);
        Assert.Contains("\"/api/mnist1d/plot\"", json, StringComparison.Ordinal);
        foreach (string name in new[] { "num_samples", "final_seq_length", "corr_noise_scale", "shuffle_seq", "mode", "count" })
        {
            Assert.Contains($"\"name\": \"{name}\"", json, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Numpy_loads_the_npz_the_api_streams()
    {
        PythonReference.Require(output, "numpy");

        using var temp = new TempDirectory();
        string path = temp.File("mnist1d.npz");
        await File.WriteAllBytesAsync(path, await _client.GetByteArrayAsync("/api/mnist1d"));

        string described = PythonReference.Run(
            """
            import json, sys
            import numpy as np
            with np.load(sys.argv[1], allow_pickle=False) as d:
                print(json.dumps({
                    "keys": sorted(d.files),
                    "shapes": {k: list(d[k].shape) for k in d.files},
                    "dtypes": {k: d[k].dtype.str for k in d.files},
                    "y20": d["y"][:20].tolist(),
                    "x08": [float(v) for v in d["x"][0][:8]],
                }))
            """,
            path);

        using var json = JsonDocument.Parse(described);
        var root = json.RootElement;
        Assert.Equal(["t", "templates_t", "templates_x", "templates_y", "x", "x_test", "y", "y_test"], root.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal([4000, 40], root.GetProperty("shapes").GetProperty("x").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([1000, 40], root.GetProperty("shapes").GetProperty("x_test").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal("<f8", root.GetProperty("dtypes").GetProperty("x").GetString());
        Assert.Equal("<i8", root.GetProperty("dtypes").GetProperty("y").GetString());
        Assert.Equal(Mnist1DCheckValues.YFirst20, root.GetProperty("y20").EnumerateArray().Select(v => v.GetInt64()));

        // json.dumps writes floats as repr(), the shortest text that round-trips, so these are numpy's exact values.
        Mnist1DCheckValues.AssertClose(Mnist1DCheckValues.X0First8, root.GetProperty("x08").EnumerateArray().Select(v => v.GetDouble()).ToArray());
    }
}
