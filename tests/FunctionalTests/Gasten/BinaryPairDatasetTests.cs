using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.FunctionalTests.Datasets;
using DigitForge.Infrastructure.Encoding;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Gasten;

/// <summary>
/// GASTeN's binary subsets as an ordinary dataset (the <c>binary-pair</c> generator) through the dataset API: default
/// splits from the pair's images in the data directory, the NPZ bundle, the rows API with its image links, and bad input.
/// The host's fixture has 200 images per split, image i of class i % 10.
/// </summary>
public sealed class BinaryPairDatasetTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    private const string Spec = """{"generator": "binary-pair", "parameters": {"source": "mnist", "pos": 7, "neg": 1}, "seed": 3664}""";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_pair_is_split_five_to_one_with_labels_one_and_zero_and_pixels_in_minus_one_to_one()
    {
        var dataset = await _client.CreateAsync(Spec);
        var splits = dataset.GetProperty("splits").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("rows").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["train"] = 34, ["valid"] = 6, ["test"] = 40 }, splits); // 20 sevens + 20 ones per split

        var response = await _client.GetAsync($"/api/datasets/{dataset.Id()}/download?format=npz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var arrays = NpzReader.ReadAll(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal([34L, 28, 28], arrays["x_train"].Shape);
        var digits = new List<byte>();
        foreach (string split in new[] { "train", "valid", "test" })
        {
            var x = arrays[$"x_{split}"].ToArray<float>();
            var y = arrays[$"y_{split}"].ToArray<byte>();
            var target = arrays[$"target_{split}"].ToArray<float>();
            var digit = arrays[$"digit_{split}"].ToArray<byte>();
            var image = arrays[$"image_{split}"].ToArray<byte>();
            Assert.All(x, v => Assert.InRange(v, -1f, 1f));
            for (int i = 0; i < y.Length; i++)
            {
                Assert.Equal(digit[i] == 7 ? 1 : 0, y[i]);
                Assert.Equal(y[i], target[i]);
                Assert.Equal((image[i * 784] / 255f * 2f) - 1f, x[i * 784]);
            }

            if (split != "test")
            {
                digits.AddRange(digit);
            }
        }

        // Train and valid together are the whole binary train set, each image once.
        Assert.Equal(20, digits.Count(d => d == 7));
        Assert.Equal(20, digits.Count(d => d == 1));

        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/datasets/{dataset.Id()}/rows?split=valid&offset=0&length=6");
        var rows = page.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(6, rows.Count);
        var png = await _client.GetAsync(rows[0].GetProperty("row").GetProperty("image").GetProperty("src").GetString());
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);

        // Another seed, another split of the same images.
        var other = await _client.CreateAsync(Spec.Replace("3664", "1", StringComparison.Ordinal));
        Assert.NotEqual(dataset.Id(), other.Id());
    }

    [Fact]
    public async Task The_same_class_twice_or_an_unknown_source_is_a_400_naming_the_parameter()
    {
        await AssertValidationProblemAsync(await _client.PostSpecAsync("""{"generator": "binary-pair", "parameters": {"pos": 3, "neg": 3}}"""), "parameters.neg");
        await AssertValidationProblemAsync(await _client.PostSpecAsync("""{"generator": "binary-pair", "parameters": {"source": "cifar10"}}"""), "parameters.source");
        await AssertValidationProblemAsync(await _client.PostSpecAsync("""{"generator": "binary-pair", "parameters": {"pos": 12}}"""), "parameters.pos");
    }
}
