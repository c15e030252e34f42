using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DigitForge.FunctionalTests.Hardening;

/// <summary>Issue 21, finding 7: creating datasets and uploading images are writes; stored datasets have a quota and a delete.</summary>
public sealed class DatasetWriteTests(KeyedHardeningFactory factory) : IClassFixture<KeyedHardeningFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Creating_a_dataset_or_measuring_uploads_needs_a_key_once_keys_exist()
    {
        string folder = Path.Combine(factory.DataDir, "datasets");
        int Stored() => Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
        int before = Stored();

        var create = await _client.PostAsJsonAsync("/api/datasets", Spec(seed: 1));
        var measure = await _client.PostAsync("/api/morphometrics", new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "f", "a.png" } });

        Assert.Equal(HttpStatusCode.Unauthorized, create.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, measure.StatusCode);
        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task The_quota_refuses_another_dataset_until_one_is_deleted()
    {
        string first = await CreateAsync(Spec(seed: 11));
        await CreateAsync(Spec(seed: 12));
        // The same spec again is the same dataset: it does not count twice.
        Assert.Equal(first, await CreateAsync(Spec(seed: 11)));

        var third = await SendAsync(HttpMethod.Post, "/api/datasets", Spec(seed: 13));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("MaxStoredDatasets", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.DeleteAsync($"/api/datasets/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/api/datasets/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/datasets/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"/api/datasets/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/datasets", Spec(seed: 13))).StatusCode);
    }

    private static object Spec(int seed) => new { generator = "mnist1d", parameters = new { mode = "keyed" }, seed, splits = new { train = 100 } };

    private async Task<string> CreateAsync(object spec)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/datasets", spec);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", KeyedHardeningFactory.Key);
        return await _client.SendAsync(request);
    }
}
