using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Datasets.DownloadDataset;
using DigitForge.Domain.Mnist1D;
using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;
using Xunit.Abstractions;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Datasets;

public sealed class DatasetApiTests(DatasetApiFactory factory, ITestOutputHelper output) : IClassFixture<DatasetApiFactory>
{
    private const string KeyedSpec = """{"generator": "mnist1d", "parameters": {"mode": "keyed"}, "seed": 1, "splits": {"train": 4000, "test": 1000}}""";
    private const string MnistSpec = """{"generator": "mnist", "parameters": {"size": 20, "filters": "blur:sigma=1"}, "splits": {"train": 150, "test": 50}}""";

    private readonly HttpClient _client = factory.CreateClient();

    [SkippableFact]
    public async Task Create_returns_the_content_id_and_get_returns_the_same_metadata()
    {
        var created = await _client.CreateAsync(KeyedSpec);
        var again = await _client.CreateAsync(KeyedSpec.Replace("\"seed\": 1", "\"seed\": 1.0", StringComparison.Ordinal));
        var fetched = await _client.GetFromJsonAsync<JsonElement>($"/api/datasets/{created.Id()}");

        Assert.Equal(64, created.Id().Length);
        Assert.Equal(created.Id(), again.Id());
        Assert.Equal(created.GetRawText(), fetched.GetRawText());
        Assert.Equal("keyed", fetched.GetProperty("spec").GetProperty("parameters").GetProperty("mode").GetString());
        Assert.Equal("1.0.0", fetched.GetProperty("spec").GetProperty("version").GetString());
        Assert.Equal("float64", fetched.GetProperty("arrays")[0].GetProperty("dtype").GetString());
        Assert.True(File.Exists(Path.Combine(factory.DataDir, "datasets", created.Id() + ".json")));
    }

    [SkippableFact]
    public async Task Generators_are_listed_with_parameters()
    {
        var generators = await _client.GetFromJsonAsync<JsonElement>("/api/generators");

        var names = generators.EnumerateArray().Select(g => g.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["sequences", "mnist1d", "mnist", "fashion-mnist", "composition", "compositional-benchmark", "spirals", "emnist-balanced", "cifar10", "mnist-c", "morpho-plain", "morpho-global", "morpho-local", "morpho-clusters", "binary-pair", "gasten-ambiguous"], names);
        var mnist1d = generators.EnumerateArray().Single(g => g.GetProperty("name").GetString() == "mnist1d");
        Assert.Contains(mnist1d.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "padding" && p.GetProperty("type").GetString() == "integer-range");
    }

    [SkippableFact]
    public async Task Npz_has_the_promised_length_and_numpy_loads_every_array()
    {
        var dataset = await _client.CreateAsync(KeyedSpec);
        var response = await _client.GetAsync($"/api/datasets/{dataset.Id()}/download?format=npz");
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(dataset.Size("npz"), response.Content.Headers.ContentLength);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal($"\"{dataset.Id()}.npz\"", response.Headers.ETag?.Tag);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        var arrays = NpzReader.ReadAll(new MemoryStream(bytes));
        Assert.Equal(["x_train", "y_train", "x_test", "y_test", "t"], arrays.Keys);
        Assert.Equal([4000L, 40], arrays["x_train"].Shape);

        // The keyed generator, called directly, gives the same rows.
        var generator = new Mnist1DKeyedGenerator(Mnist1DArguments.Default with { NumSamples = 5000, Seed = 1 });
        var row = new double[40];
        long label = generator.GenerateRow(4000 + 123, row);
        Assert.Equal(row, arrays["x_test"].ToArray<double>().AsSpan(123 * 40, 40).ToArray());
        Assert.Equal(label, arrays["y_test"].ToArray<long>()[123]);

        PythonReference.Require(output, "numpy");

        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("d.npz"), bytes);
        string described = PythonReference.Run(
            "import sys, numpy as np; d = np.load(sys.argv[1]); print(';'.join(f'{k}:{d[k].dtype}:{d[k].shape}' for k in d.files)); print(float(d['x_test'][123][0]))",
            temp.File("d.npz"));
        var lines = described.Trim().Split('\n');
        Assert.Equal("x_train:float64:(4000, 40);y_train:int64:(4000,);x_test:float64:(1000, 40);y_test:int64:(1000,);t:float64:(40,)", lines[0].Trim());
        Assert.Equal(row[0], double.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public async Task Npy_of_one_split_array_loads_in_numpy()
    {
        var dataset = await _client.CreateAsync(MnistSpec);
        var response = await _client.GetAsync($"/api/datasets/{dataset.Id()}/download?format=npy&split=test&array=x");
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(dataset.Size("npy", "test", "x"), bytes.Length);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        var array = NpyReader.Read(bytes);
        Assert.Equal("|u1", array.DType.Descr);
        Assert.Equal([50L, 20, 20], array.Shape);
        PythonReference.Require(output, "numpy");

        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("x.npy"), bytes);
        Assert.Equal("uint8 (50, 20, 20)", PythonReference.Run("import sys, numpy as np; a = np.load(sys.argv[1]); print(a.dtype, a.shape)", temp.File("x.npy")).Trim());
    }

    [SkippableFact]
    public async Task Range_requests_resume_with_identical_bytes()
    {
        var dataset = await _client.CreateAsync("""{"generator": "mnist1d", "parameters": {"mode": "keyed"}, "seed": 5, "splits": {"train": 20000, "test": 3000}}""");
        string url = $"/api/datasets/{dataset.Id()}/download?format=npz";
        byte[] full = await _client.GetByteArrayAsync(url);

        // Resume at several offsets (inside x_train, across a block boundary, in the central directory), as curl -C would.
        foreach (long start in new long[] { 1, 1_048_576 + 7, full.Length / 2, full.Length - 100 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(start, null);
            var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
            Assert.Equal(full.Length - start, response.Content.Headers.ContentLength);
            Assert.Equal(full.AsSpan((int)start).ToArray(), await response.Content.ReadAsByteArrayAsync());
        }

        using var middle = new HttpRequestMessage(HttpMethod.Get, url);
        middle.Headers.Range = new RangeHeaderValue(1000, 1999);
        middle.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue($"\"{dataset.Id()}.npz\""));
        var part = await _client.SendAsync(middle);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(full.AsSpan(1000, 1000).ToArray(), await part.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async Task Same_spec_gives_same_bytes_and_the_etag_revalidates()
    {
        var dataset = await _client.CreateAsync(MnistSpec);
        string url = $"/api/datasets/{dataset.Id()}/download?format=zip";

        var first = await _client.GetAsync(url);
        var second = await _client.GetAsync(url);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var revalidated = await _client.SendAsync(conditional);

        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{dataset.Id()}.zip.{BundleLayout.ZipVersion}\"", first.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [SkippableFact]
    public async Task Zip_is_an_image_folder_with_labels_and_a_checksummed_manifest()
    {
        var dataset = await _client.CreateAsync(MnistSpec);
        var response = await _client.GetAsync($"/api/datasets/{dataset.Id()}/download?format=zip");
        byte[] bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var pngs = archive.Entries.Where(e => e.FullName.EndsWith(".png", StringComparison.Ordinal)).ToList();
        Assert.Equal(200, pngs.Count);
        Assert.Matches(@"^train/[0-9]/[0-9]{3}\.png$", pngs[0].FullName);
        Assert.Equal(150, pngs.Count(e => e.FullName.StartsWith("train/", StringComparison.Ordinal)));

        // Test digits have label i % 10: the folder names must say so.
        Assert.All(pngs, e => Assert.Equal(int.Parse(Path.GetFileNameWithoutExtension(e.Name), System.Globalization.CultureInfo.InvariantCulture) % 10, int.Parse(e.FullName.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture)));
        var png = PngDecoder.Decode(Read(archive, pngs[0].FullName));
        Assert.Equal((20, 20), (png.Width, png.Height));
        string csv = System.Text.Encoding.UTF8.GetString(Read(archive, "labels.csv"));
        Assert.StartsWith("split,index,label,path\ntrain,0,0,train/0/000.png\n", csv, StringComparison.Ordinal);

        using var manifest = JsonDocument.Parse(Read(archive, "manifest.json"));
        Assert.Equal(dataset.Id(), manifest.RootElement.GetProperty("id").GetString());
        Assert.Equal("mnist", manifest.RootElement.GetProperty("spec").GetProperty("generator").GetString());
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(201, files.Count);
        foreach (var file in files)
        {
            byte[] content = Read(archive, file.GetProperty("path").GetString()!);
            Assert.Equal(file.GetProperty("size").GetInt64(), content.Length);
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
        }
    }

    [SkippableFact]
    public async Task Rows_page_at_any_offset_of_a_million_row_dataset_without_generating_earlier_rows()
    {
        var dataset = await _client.CreateAsync("""{"generator": "mnist1d", "parameters": {"mode": "keyed"}, "seed": 2, "splits": {"train": 1000000}}""");
        await _client.GetAsync($"/api/datasets/{dataset.Id()}/rows?length=1");

        var watch = Stopwatch.StartNew();
        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/datasets/{dataset.Id()}/rows?split=train&offset=999900&length=100");
        watch.Stop();

        output.WriteLine($"rows 999,900..999,999 in {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(1_000_000, page.GetProperty("num_rows_total").GetInt32());
        var rows = page.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(100, rows.Count);
        Assert.Equal(999_900, rows[0].GetProperty("row_idx").GetInt32());
        Assert.Equal(999_999, rows[^1].GetProperty("row_idx").GetInt32());

        var generator = new Mnist1DKeyedGenerator(Mnist1DArguments.Default with { NumSamples = 1_000_000, Seed = 2 });
        var expected = new double[40];
        long label = generator.GenerateRow(999_950, expected);
        var row = rows[50].GetProperty("row");
        Assert.Equal(label, row.GetProperty("label").GetInt64());
        Assert.Equal(expected, row.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));

        // Generating the 999,900 rows before would take far longer than this on any machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [SkippableFact]
    public async Task Image_rows_link_to_their_png()
    {
        var dataset = await _client.CreateAsync(MnistSpec);

        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/datasets/{dataset.Id()}/rows?split=test&offset=40&length=20");
        var rows = page.GetProperty("rows").EnumerateArray().ToList();
        var image = rows[3].GetProperty("row").GetProperty("image");
        var png = await _client.GetAsync(image.GetProperty("src").GetString());

        Assert.Equal(10, rows.Count);
        Assert.Equal("Image", page.GetProperty("features")[0].GetProperty("type").GetProperty("_type").GetString());
        Assert.Equal(43 % 10, rows[3].GetProperty("row").GetProperty("label").GetInt32());
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal((20, 20), (PngDecoder.Decode(await png.Content.ReadAsByteArrayAsync()).Width, image.GetProperty("height").GetInt32()));
        await AssertValidationProblemAsync(await _client.GetAsync($"/api/datasets/{dataset.Id()}/rows/test/50.png"), "index");
    }

    [SkippableTheory]
    [InlineData("""{"generator": "mnist1d", "parameters": {"padding": [60, 36]}}""", "parameters.padding")]
    [InlineData("""{"generator": "mnist1d", "splits": {"train": -1}}""", "splits.train")]
    [InlineData("""{"generator": "nope"}""", "generator")]
    [InlineData("""{"generator": "mnist1d", "parameters": {"mode": "keyed"}, "splits": {"train": 1000001}}""", "splits.train")]
    [InlineData("""{"generator": "mnist", "splits": {"train": 5000}}""", "splits.train")]
    [InlineData("[]", "spec")]
    public async Task Invalid_specs_are_400s_naming_the_field(string spec, string field)
    {
        await AssertValidationProblemAsync(await _client.PostSpecAsync(spec), field);
    }

    [SkippableTheory]
    [InlineData("download?format=tar", "format")]
    [InlineData("download?format=npy", "split")]
    [InlineData("download?format=npy&split=validation", "split")]
    [InlineData("download?format=npy&split=train&array=z", "array")]
    [InlineData("download?format=zip", "format")]
    [InlineData("rows?length=101", "length")]
    [InlineData("rows?offset=-1", "offset")]
    [InlineData("rows?offset=abc", "offset")]
    [InlineData("rows?split=dev", "split")]
    [InlineData("rows/train/5.png", "split")]
    public async Task Bad_requests_on_a_dataset_are_400s_naming_the_parameter(string path, string field)
    {
        var dataset = await _client.CreateAsync(KeyedSpec);

        await AssertValidationProblemAsync(await _client.GetAsync($"/api/datasets/{dataset.Id()}/{path}"), field);
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("/download?format=npz")]
    [InlineData("/rows")]
    [InlineData("/rows/train/0.png")]
    public async Task Unknown_ids_are_404_problem_details(string path)
    {
        var response = await _client.GetAsync($"/api/datasets/{new string('a', 64)}{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static byte[] Read(ZipArchive archive, string name)
    {
        using var entry = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }
}
