using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Domain.Morphology;
using DigitForge.FunctionalTests.Datasets;
using DigitForge.Infrastructure.Encoding;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Morphology;

/// <summary>The Morpho-MNIST generators stream as bundles; POST /api/morphometrics measures uploads and dataset rows.</summary>
public sealed class MorphoApiTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("""{"generator": "morpho-plain", "splits": {"train": 30, "test": 10}}""", "morpho")]
    [InlineData("""{"generator": "morpho-global", "seed": 3, "splits": {"train": 30, "test": 10}}""", "pert")]
    [InlineData("""{"generator": "morpho-local", "seed": 3, "splits": {"train": 30, "test": 10}}""", "pert")]
    [InlineData("""{"generator": "morpho-clusters", "parameters": {"clusters": 3, "test": "held-out"}, "splits": {"train": 30, "test": 10}}""", "cluster")]
    public async Task Morpho_generators_stream_as_npz_bundles(string spec, string array)
    {
        var dataset = await _client.CreateAsync(spec);
        var response = await _client.GetAsync($"/api/datasets/{dataset.Id()}/download?format=npz");
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(dataset.Size("npz"), bytes.Length);
        var arrays = NpzReader.ReadAll(new MemoryStream(bytes));
        Assert.Equal([30L, 28, 28], arrays["x_train"].Shape);
        Assert.Equal(30L, arrays[$"{array}_train"].Shape[0]);
        Assert.Equal(10L, arrays[$"{array}_test"].Shape[0]);

        var again = await _client.GetByteArrayAsync($"/api/datasets/{dataset.Id()}/download?format=npz");
        Assert.Equal(bytes, again);
    }

    [Fact]
    public async Task Cluster_parameters_travel_with_the_bundle()
    {
        var dataset = await _client.CreateAsync("""{"generator": "morpho-clusters", "parameters": {"clusters": 4}, "seed": 11, "splits": {"train": 20, "test": 5}}""");
        var arrays = NpzReader.ReadAll(new MemoryStream(await _client.GetByteArrayAsync($"/api/datasets/{dataset.Id()}/download?format=npz")));

        Assert.Equal([4L, 5], arrays["cluster_parameters"].Shape);
        Assert.Equal([0L, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3], arrays["cluster_train"].AsSpan<long>().ToArray());
        var table = arrays["cluster_parameters"].AsSpan<double>().ToArray();
        Assert.Equal(table.AsSpan(2 * 5, 5).ToArray(), arrays["cluster_params_train"].AsSpan<double>().Slice(10 * 5, 5).ToArray());
    }

    [Fact]
    public async Task Uploaded_pngs_are_measured_as_json_and_csv()
    {
        var digit = Digit();
        using var form = new MultipartFormDataContent();
        var png = new ByteArrayContent(PngEncoder.EncodeGray8(digit, 28, 28));
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(png, "files", "five.png");

        var json = await (await _client.PostAsync("/api/morphometrics", form)).Content.ReadFromJsonAsync<JsonElement>();
        var expected = MorphometricsCalculator.Measure(digit, 28, 28);

        var row = json.GetProperty("rows")[0];
        Assert.Equal("five.png", row.GetProperty("name").GetString());
        Assert.Equal(expected.Area, row.GetProperty("area").GetDouble());
        Assert.Equal(expected.Slant, row.GetProperty("slant").GetDouble());

        var csv = await (await _client.PostAsync("/api/morphometrics?format=csv", form)).Content.ReadAsStringAsync();
        var lines = csv.Trim().Split('\n');
        Assert.Equal("index,name,area,length,thickness,slant,width,height", lines[0]);
        Assert.Equal(expected.Width, double.Parse(lines[1].Split(',')[6], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Zip_bundles_carry_a_morphometrics_csv_per_split_in_the_api_layout()
    {
        var dataset = await _client.CreateAsync("""{"generator": "morpho-global", "seed": 5, "splits": {"train": 12, "test": 7}}""");
        var response = await _client.GetAsync($"/api/datasets/{dataset.Id()}/download?format=zip");
        using var archive = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var (split, rows) in new[] { ("train", 12), ("test", 7) })
        {
            string csv = ReadText(archive, $"{split}/morphometrics.csv");
            string api = await (await _client.PostAsync($"/api/morphometrics?dataset={dataset.Id()}&split={split}&count={rows}&format=csv", null)).Content.ReadAsStringAsync();
            // The bundle stores the generator's morpho array; the API measures the same rows again: same text.
            Assert.Equal(api, csv);
            Assert.Equal(rows + 1, csv.TrimEnd('\n').Split('\n').Length);
        }

        using var manifest = JsonDocument.Parse(ReadText(archive, "manifest.json"));
        var paths = manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Contains("train/morphometrics.csv", paths);
        Assert.Contains("test/morphometrics.csv", paths);
        Assert.Equal("1.1.0", manifest.RootElement.GetProperty("versions").GetProperty("bundle").GetString());

        var mnist = await _client.CreateAsync("""{"generator": "mnist", "splits": {"train": 5, "test": 5}}""");
        using var plain = new ZipArchive(new MemoryStream(await _client.GetByteArrayAsync($"/api/datasets/{mnist.Id()}/download?format=zip")), ZipArchiveMode.Read);
        Assert.DoesNotContain(plain.Entries, e => e.Name == "morphometrics.csv");
    }

    [Fact]
    public async Task A_dataset_is_measured_row_by_row_in_the_published_csv_layout()
    {
        var dataset = await _client.CreateAsync("""{"generator": "morpho-plain", "splits": {"train": 30, "test": 10}}""");

        var response = await _client.PostAsync($"/api/morphometrics?dataset={dataset.Id()}&split=test&offset=2&count=5&format=csv", null);
        var lines = (await response.Content.ReadAsStringAsync()).Trim().Split('\n');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("index,area,length,thickness,slant,width,height", lines[0]);
        Assert.Equal(["2", "3", "4", "5", "6"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task Bad_requests_are_400s_naming_the_field()
    {
        await AssertValidationProblemAsync(await _client.PostAsync("/api/morphometrics", null), "files");
        await AssertValidationProblemAsync(await _client.PostAsync("/api/morphometrics?format=xml", null), "format");
        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "files", "x.png" } };
        await AssertValidationProblemAsync(await _client.PostAsync("/api/morphometrics", form), "files");
        var dataset = await _client.CreateAsync("""{"generator": "morpho-plain", "splits": {"train": 30, "test": 10}}""");
        await AssertValidationProblemAsync(await _client.PostAsync($"/api/morphometrics?dataset={dataset.Id()}&count=0", null), "count");
    }

    [Fact]
    public async Task The_gallery_shows_cluster_ids_and_the_cluster_table()
    {
        var dataset = await _client.CreateAsync("""{"generator": "morpho-clusters", "parameters": {"clusters": 3}, "splits": {"train": 30, "test": 10}}""");

        string page = await _client.GetStringAsync($"/datasets/{dataset.Id()}");

        Assert.Contains("id=\"clusters\"", page, StringComparison.Ordinal);
        Assert.Contains("<b>1</b> c0", page, StringComparison.Ordinal);
        Assert.Contains("<b>0</b> c2", page, StringComparison.Ordinal);
        Assert.Contains("/rows/train/29.png", page, StringComparison.Ordinal);
    }

    private static string ReadText(ZipArchive archive, string name)
    {
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static byte[] Digit()
    {
        var image = new byte[784];
        for (int r = 5; r < 23; r++)
        {
            for (int c = 12 - ((r - 5) / 4); c < 16 - ((r - 5) / 4); c++)
            {
                image[(r * 28) + c] = 255;
            }
        }

        return image;
    }
}
