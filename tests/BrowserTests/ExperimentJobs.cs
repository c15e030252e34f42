using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Jobs;
using DigitForge.Application.Tracking.Runs;

namespace DigitForge.BrowserTests;

/// <summary>Launches experiment jobs on the browser fixture's app through the REST API and waits for them, as a user's script would.</summary>
internal sealed class ExperimentJobs(Uri baseAddress) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public HttpClient Http => _http;

    public async Task<JobDto> LaunchAsync(string kind, object parameters)
    {
        var response = await _http.PostAsJsonAsync($"/api/experiments/{kind}/runs", new { parameters }, Json);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"launching {kind}: {body}");
        return JsonSerializer.Deserialize<JobDto>(body, Json)!;
    }

    /// <summary>Waits for the job to end; fails with its error unless it finished.</summary>
    public async Task<JobDto> FinishAsync(string id, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = (await _http.GetFromJsonAsync<JobDto>($"/api/jobs/{id}", Json))!;
            if (job.Status is "FINISHED" or "FAILED" or "CANCELLED")
            {
                Assert.True(job.Status == "FINISHED", $"job {id} ({job.Kind}) {job.Status}: {job.Error}");
                return job;
            }

            Assert.True(clock.Elapsed < timeout, $"job {id} ({job.Kind}) is still {job.Status} after {clock.Elapsed.TotalSeconds:0} s");
            await Task.Delay(250);
        }
    }

    public async Task<RunDto> RunAsync(string id) => (await _http.GetFromJsonAsync<RunDto>($"/api/runs/{id}", Json))!;

    public async Task<IReadOnlyList<RunDto>> ChildrenAsync(string parentId)
    {
        var parent = await RunAsync(parentId);
        var page = await _http.GetFromJsonAsync<JsonElement>(
            $"/api/runs?experimentId={parent.ExperimentId}&filter={Uri.EscapeDataString($"attributes.parent_run_id = '{parent.Id}'")}&maxResults=1000", Json);
        return page.GetProperty("runs").Deserialize<List<RunDto>>(Json)!;
    }

    public void Dispose() => _http.Dispose();
}
