using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Jobs;
using DigitForge.Application.Tracking.Runs;

namespace DigitForge.FunctionalTests.Jobs;

/// <summary>The job endpoints as tests use them: launch, wait for a status, read runs and artifacts.</summary>
internal sealed class JobsClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>A small MNIST-1D (keyed mode) that trains in a blink.</summary>
    public const string SmallDataset = """{"generator":"mnist1d","parameters":{"mode":"keyed"},"seed":1,"splits":{"train":400,"test":100}}""";

    public HttpClient Http => http;

    public Task<HttpResponseMessage> PostLaunchAsync(string kind, object? parameters) =>
        http.PostAsJsonAsync($"/api/experiments/{kind}/runs", new { parameters }, Json);

    public async Task<JobDto> LaunchAsync(string kind, object? parameters)
    {
        var response = await PostLaunchAsync(kind, parameters);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var job = JsonSerializer.Deserialize<JobDto>(body, Json)!;
        Assert.Equal($"/api/jobs/{job.Id}", response.Headers.Location?.OriginalString);
        return job;
    }

    public async Task<JobDto> GetJobAsync(string id) => (await http.GetFromJsonAsync<JobDto>($"/api/jobs/{id}", Json))!;

    public async Task<JobDto> WaitForAsync(string id, Func<JobDto, bool> condition, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = await GetJobAsync(id);
            if (condition(job))
            {
                return job;
            }

            if (clock.Elapsed > (timeout ?? TimeSpan.FromMinutes(3)))
            {
                Assert.Fail($"job {id} is {job.Status} ({job.Error}) after {clock.Elapsed.TotalSeconds:0} s");
            }

            await Task.Delay(100);
        }
    }

    public Task<JobDto> WaitForEndAsync(string id, TimeSpan? timeout = null) =>
        WaitForAsync(id, j => j.Status is "FINISHED" or "FAILED" or "CANCELLED", timeout);

    public async Task<RunDto> GetRunAsync(string id) => (await http.GetFromJsonAsync<RunDto>($"/api/runs/{id}", Json))!;

    public async Task<IReadOnlyList<RunDto>> ChildrenAsync(RunDto parent)
    {
        var page = await http.GetFromJsonAsync<JsonElement>(
            $"/api/runs?experimentId={parent.ExperimentId}&filter={Uri.EscapeDataString($"attributes.parent_run_id = '{parent.Id}'")}&orderBy={Uri.EscapeDataString("attributes.start_time ASC")}&maxResults=1000", Json);
        return page.GetProperty("runs").Deserialize<List<RunDto>>(Json)!;
    }

    public async Task<string?> ArtifactTextAsync(string runId, string path)
    {
        var response = await http.GetAsync($"/api/runs/{runId}/artifacts/{path}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
    }

    public async Task<JsonElement> MetricHistoryAsync(string runId, string key) =>
        await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/metrics/history?key={Uri.EscapeDataString(key)}", Json);
}
