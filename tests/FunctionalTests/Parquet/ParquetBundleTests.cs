using System.Net;
using System.Text.Json;
using DigitForge.FunctionalTests.Datasets;
using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;

namespace DigitForge.FunctionalTests.Parquet;

/// <summary>
/// format=parquet (issue 22): one split per file in the Hugging Face datasets layout, read back by hyparquet, a reader
/// that shares no code with the writer, and compared with the same dataset's NPZ and row PNGs.
/// </summary>
public sealed class ParquetBundleTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>, IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [HyparquetFact]
    public async Task Image_split_has_the_image_struct_of_pngs_and_int64_labels()
    {
        using var client = factory.CreateClient();
        var dataset = await client.CreateAsync("""{"generator":"mnist","splits":{"train":150,"test":40}}""");

        var parquet = await DownloadAsync(client, dataset.Id(), "split=test");
        var npz = await NpzAsync(client, dataset.Id());

        Assert.Equal(40, parquet.GetProperty("numRows").GetInt32());
        var schema = parquet.GetProperty("schema").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("type").GetString());
        Assert.Equal("BYTE_ARRAY", schema["bytes"]);
        Assert.Equal("INT64", schema["label"]);
        var rows = parquet.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => Label(npz["y_test"], i)), rows.Select(r => r.GetProperty("label").GetInt64()));
        foreach (int i in new[] { 0, 17, 39 })
        {
            byte[] png = Convert.FromBase64String(rows[i].GetProperty("image").GetProperty("bytes").GetString()!);
            Assert.Equal(await client.GetByteArrayAsync($"/api/datasets/{dataset.Id()}/rows/test/{i}.png"), png);
            Assert.Equal($"test/{i}.png", rows[i].GetProperty("image").GetProperty("path").GetString());
        }

        JsonElement metadata = parquet.GetProperty("metadata");
        Assert.Contains("\"_type\":\"Image\"", metadata.GetProperty("huggingface").GetString(), StringComparison.Ordinal);
        Assert.Contains(dataset.Id(), metadata.GetProperty("digitforge").GetString(), StringComparison.Ordinal);
    }

    [HyparquetFact]
    public async Task Sequences_are_lists_written_in_several_row_groups()
    {
        using var client = factory.CreateClient();
        var dataset = await client.CreateAsync("""{"generator":"mnist1d","parameters":{"mode":"keyed"},"splits":{"train":12000,"test":10}}""");

        var parquet = await DownloadAsync(client, dataset.Id(), string.Empty);   // no split: the first, train
        var npz = await NpzAsync(client, dataset.Id());

        Assert.Equal(12_000, parquet.GetProperty("numRows").GetInt32());
        Assert.Equal(2, parquet.GetProperty("rowGroups").GetInt32());   // 10,000 rows per group at most
        double[] x = npz["x_train"].AsSpan<double>().ToArray();
        var rows = parquet.GetProperty("rows").EnumerateArray().ToList();
        foreach (int i in new[] { 0, 9_999, 10_000, 11_999 })
        {
            double[] list = [.. rows[i].GetProperty("x").EnumerateArray().Select(v => v.GetDouble())];
            Assert.Equal(x.AsSpan(i * 40, 40).ToArray(), list);
            Assert.Equal(Label(npz["y_train"], i), rows[i].GetProperty("label").GetInt64());
        }
    }

    [Fact]
    public async Task Unknown_split_is_a_400_naming_it()
    {
        using var client = factory.CreateClient();
        var dataset = await client.CreateAsync("""{"generator":"mnist","splits":{"train":10}}""");

        using var response = await client.GetAsync(new Uri($"/api/datasets/{dataset.Id()}/download?format=parquet&split=valid", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"split\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static long Label(NpyArray labels, int row) =>
        labels.DType == NpyDType.Int64 ? labels.AsSpan<long>()[row] : labels.Data[row];

    private async Task<JsonElement> DownloadAsync(HttpClient client, string id, string query)
    {
        using var response = await client.GetAsync(new Uri($"/api/datasets/{id}/download?format=parquet&{query}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.apache.parquet", response.Content.Headers.ContentType?.MediaType);
        string path = Path.Combine(_files.Path, $"{Guid.NewGuid():N}.parquet");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return HyparquetReader.Read(path);
    }

    private static async Task<IReadOnlyDictionary<string, NpyArray>> NpzAsync(HttpClient client, string id)
    {
        using var stream = await client.GetStreamAsync($"/api/datasets/{id}/download?format=npz");
        return NpzReader.ReadAll(stream);
    }
}
