using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DigitForge.ScaleTests;

/// <summary>The few REST calls the scale tests make, over one API process.</summary>
public sealed class ScaleClient(HttpClient http) : IDisposable
{
    /// <summary>A small MNIST-1D (keyed mode): no source files needed, trains in a blink.</summary>
    public const string SmallDataset = """{"generator":"mnist1d","parameters":{"mode":"keyed"},"seed":1,"splits":{"train":400,"test":100}}""";

    public HttpClient Http => http;

    public async Task<string> LaunchAsync(string kind, object parameters)
    {
        using var response = await http.PostAsJsonAsync($"/api/experiments/{kind}/runs", new { parameters });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> JobAsync(string id) => await http.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");

    public async Task<JsonElement> WaitForJobAsync(string id, Func<JsonElement, bool> condition, TimeSpan timeout, Func<string> context)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = await JobAsync(id);
            if (condition(job))
            {
                return job;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"job {id} is {Status(job)} after {clock.Elapsed.TotalSeconds:0} s: {job}\n{context()}");
            }

            await Task.Delay(200);
        }
    }

    public static string Status(JsonElement job) => job.GetProperty("status").GetString()!;

    public static string? WorkerId(JsonElement job) => job.GetProperty("workerId").GetString();

    public static bool Ended(JsonElement job) => Status(job) is "FINISHED" or "FAILED" or "CANCELLED";

    public async Task<JsonElement> MetricHistoryAsync(string runId, string key) =>
        await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/metrics/history?key={Uri.EscapeDataString(key)}");

    /// <summary>The run's artifact paths, sorted.</summary>
    public async Task<IReadOnlyList<string>> ArtifactPathsAsync(string runId)
    {
        var listing = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/artifacts");
        var files = listing.ValueKind == JsonValueKind.Array ? listing : listing.GetProperty("files");
        return [.. files.EnumerateArray().Where(f => !f.TryGetProperty("isDir", out var dir) || !dir.GetBoolean()).Select(f => f.GetProperty("path").GetString()!).Order(StringComparer.Ordinal)];
    }

    public async Task<byte[]> ArtifactAsync(string runId, string path) =>
        await http.GetByteArrayAsync($"/api/runs/{runId}/artifacts/{path}");

    /// <summary>The run's image ids, sorted.</summary>
    public async Task<IReadOnlyList<long>> ImageIdsAsync(string runId)
    {
        var listing = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/images");
        var images = listing.ValueKind == JsonValueKind.Array ? listing : listing.GetProperty("images");
        return [.. images.EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Order()];
    }

    public async Task<byte[]> ImageAsync(string runId, long id) => await http.GetByteArrayAsync($"/api/runs/{runId}/images/{id}");

    public void Dispose() => http.Dispose();
}
