using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace DigitForge.ScaleTests;

/// <summary>
/// Issue 23's proof on one machine, with real OS processes: two APIs and three workers that share nothing but
/// PostgreSQL and an S3-compatible bucket (separate data directories, separate processes, separate ports).
/// </summary>
public sealed partial class MultiProcessScaleTests(MultiProcessFixture fixture, ITestOutputHelper output) : IClassFixture<MultiProcessFixture>
{
    private const int SweepJobs = 20;

    [SkippableFact]
    public async Task A_dataset_created_on_one_api_downloads_byte_identically_from_the_other()
    {
        Skip.If(fixture.Cluster is null, fixture.SkipReason);
        using var client1 = fixture.Api1.Client();
        using var client2 = fixture.Api2.Client();

        string spec = """{"generator":"mnist1d","parameters":{"mode":"keyed"},"seed":7,"splits":{"train":300,"test":50}}""";
        using var created = await client1.PostAsync("/api/datasets", new StringContent(spec, Encoding.UTF8, "application/json"));
        string body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        string id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        byte[] from2 = await client2.GetByteArrayAsync($"/api/datasets/{id}/download?format=npz");
        byte[] from1 = await client1.GetByteArrayAsync($"/api/datasets/{id}/download?format=npz");
        Assert.True(from1.Length > 1000);
        Assert.Equal(from1, from2);
        // The second API knew the dataset from the database, not from a file of its own.
        Assert.False(Directory.Exists(Path.Combine(DataDir(fixture.Api2), "datasets")));
    }

    [SkippableFact]
    public async Task A_sign_in_cookie_and_antiforgery_token_of_one_api_are_accepted_by_the_other()
    {
        Skip.If(fixture.Cluster is null, fixture.SkipReason);
        using var anonymous2 = fixture.Api2.Client(withKey: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous2.GetAsync("/api/runs?maxResults=1")).StatusCode);

        // Signed in on API 1 (form, antiforgery token and the cookie it sets all from API 1) ...
        string cookie = await SignInAsync(formFrom: fixture.Api1, postTo: fixture.Api1);
        // ... the cookie reads through API 2.
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/runs?maxResults=1");
        withCookie.Headers.Add("Cookie", cookie);
        using var read = await anonymous2.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        // The sign-in form of API 1 posted to API 2: API 2 accepts API 1's antiforgery token and issues its own cookie.
        string cookie2 = await SignInAsync(formFrom: fixture.Api1, postTo: fixture.Api2);
        using var anonymous1 = fixture.Api1.Client(withKey: false);
        using var withCookie2 = new HttpRequestMessage(HttpMethod.Get, "/api/runs?maxResults=1");
        withCookie2.Headers.Add("Cookie", cookie2);
        Assert.Equal(HttpStatusCode.OK, (await anonymous1.SendAsync(withCookie2)).StatusCode);
    }

    [SkippableFact]
    public async Task Each_api_replica_applies_its_own_rate_limit()
    {
        Skip.If(fixture.Cluster is null, fixture.SkipReason);
        using var client1 = fixture.Api1.Client();
        using var client2 = fixture.Api2.Client();
        string spec = """{"generator":"mnist1d","parameters":{"mode":"keyed"},"seed":8,"splits":{"train":50,"test":10}}""";
        using var created = await client1.PostAsync("/api/datasets", new StringContent(spec, Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        string id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await Task.Delay(TimeSpan.FromSeconds(MultiProcessFixture.HeavyBurst + 1)); // both buckets full again

        // Downloads are heavy requests: a burst of HeavyBurst, then 1/s. Spent on API 1 ...
        int accepted1 = await AcceptedBeforeRefusalAsync(client1, $"/api/datasets/{id}/download?format=npz");
        // ... API 2's bucket is untouched: the limit is per replica (the global ceiling is replicas x the setting).
        int accepted2 = await AcceptedBeforeRefusalAsync(client2, $"/api/datasets/{id}/download?format=npz");
        output.WriteLine($"heavy requests accepted before a 429: api-1 {accepted1}, api-2 {accepted2} (burst {MultiProcessFixture.HeavyBurst})");
        Assert.InRange(accepted1, MultiProcessFixture.HeavyBurst, 49); // refills while the requests run: more than the burst under load
        Assert.InRange(accepted2, MultiProcessFixture.HeavyBurst, 49);
    }

    [SkippableFact]
    public async Task A_sweep_through_both_apis_runs_each_job_once_over_the_workers_and_survives_a_killed_worker()
    {
        Skip.If(fixture.Cluster is null, fixture.SkipReason);
        var clock = Stopwatch.StartNew();
        using var api1 = new ScaleClient(fixture.Api1.Client());
        using var api2 = new ScaleClient(fixture.Api2.Client());

        // A long job first: it keeps one worker busy until that worker is killed.
        string victim = await api2.LaunchAsync("classifier", new { model = "mlp", steps = 10_000_000, eval_every = 100, threads = 1, dataset = ScaleClient.SmallDataset });
        var running = await api1.WaitForJobAsync(victim, j => ScaleClient.Status(j) == "RUNNING", TimeSpan.FromSeconds(60), fixture.Cluster.Logs);
        string victimWorker = ScaleClient.WorkerId(running)!;
        await WaitForMetricsAsync(api1, victim);

        // The sweep: 20 small jobs (a learning-rate x seed grid), alternately through each API.
        var jobs = new List<string>();
        for (int i = 0; i < SweepJobs; i++)
        {
            var api = i % 2 == 0 ? api1 : api2;
            jobs.Add(await api.LaunchAsync("classifier", new { model = "logistic", steps = 20, eval_every = 10, threads = 1, seed = i, lr = i % 4 == 0 ? 0.01 : 0.003, dataset = ScaleClient.SmallDataset }));
        }

        // Mid-sweep, SIGKILL the worker running the long job: no shutdown code runs.
        await WaitUntilAsync(async () => await CountEndedAsync(api1, jobs) >= 3, TimeSpan.FromSeconds(90), "three sweep jobs to finish");
        var killed = fixture.Workers.Single(w => w.Name == victimWorker);
        killed.KillHard();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed {victimWorker} (pid {killed.Id}) running {victim}");

        // Orphan recovery: a surviving worker fails the job once its heartbeat is stale, and its metrics stay.
        var failed = await api2.WaitForJobAsync(victim, ScaleClient.Ended, TimeSpan.FromSeconds(60), fixture.Cluster.Logs);
        Assert.Equal("FAILED", ScaleClient.Status(failed));
        Assert.Contains($"{victimWorker} stopped responding", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, (await api2.MetricHistoryAsync(victim, "test/acc")).GetProperty("totalPoints").GetInt32());

        // The rest of the sweep finishes; each job ran once, on a live worker; the work spread over the workers.
        var workers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string id in jobs)
        {
            var job = await (jobs.IndexOf(id) % 2 == 0 ? api2 : api1).WaitForJobAsync(id, ScaleClient.Ended, TimeSpan.FromSeconds(120), fixture.Cluster.Logs);
            Assert.True(ScaleClient.Status(job) == "FINISHED", $"{id}: {job}");
            workers[id] = ScaleClient.WorkerId(job)!;
            string log = Encoding.UTF8.GetString(await api1.ArtifactAsync(id, "logs/job.log"));
            Assert.Single(StartedOnWorker().Matches(log));
            Assert.Contains($"started on worker {workers[id]} ", log, StringComparison.Ordinal);
        }

        var perWorker = workers.Values.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: sweep done; jobs per worker: {string.Join(", ", perWorker.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}; {victimWorker} ran {victim}");
        Assert.Equal(SweepJobs, workers.Count);
        Assert.All(perWorker.Keys, w => Assert.Contains(w, fixture.Workers.Select(p => p.Name)));
        // Both survivors took part (the killed one was busy with the long job until it died).
        Assert.Equal(2, perWorker.Keys.Count(w => w != victimWorker));

        // Every run's artifacts and images read the same through either API.
        int files = 0, images = 0;
        foreach (string id in jobs)
        {
            var paths = await api1.ArtifactPathsAsync(id);
            Assert.Equal(paths, await api2.ArtifactPathsAsync(id));
            Assert.Contains("model.pt", paths);
            Assert.Contains("logs/job.log", paths);
            foreach (string path in paths)
            {
                Assert.Equal(await api1.ArtifactAsync(id, path), await api2.ArtifactAsync(id, path));
                files++;
            }

            var imageIds = await api1.ImageIdsAsync(id);
            Assert.NotEmpty(imageIds);
            Assert.Equal(imageIds, await api2.ImageIdsAsync(id));
            foreach (long image in imageIds)
            {
                Assert.Equal(await api1.ImageAsync(id, image), await api2.ImageAsync(id, image));
                images++;
            }
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {files} artifact files and {images} images identical through both APIs");
        foreach (var api in new[] { fixture.Api1, fixture.Api2 })
        {
            Assert.False(Directory.Exists(Path.Combine(DataDir(api), "artifacts")), "artifacts went to a data directory, not to S3");
        }
    }

    [SkippableFact]
    public async Task One_sweep_job_fans_its_points_out_as_child_jobs_over_the_workers()
    {
        Skip.If(fixture.Cluster is null, fixture.SkipReason);
        using var api1 = new ScaleClient(fixture.Api1.Client());
        using var api2 = new ScaleClient(fixture.Api2.Client());
        string baseParameters = JsonSerializer.Serialize(new { model = "mlp", steps = 1500, eval_every = 0, threads = 1, dataset = ScaleClient.SmallDataset });
        string sweep = await api1.LaunchAsync("sweep", new { kind = "classifier", @base = baseParameters, grid = """{"seed": [1, 2, 3, 4, 5, 6, 7, 8]}""" });
        var ended = await api2.WaitForJobAsync(sweep, ScaleClient.Ended, TimeSpan.FromMinutes(4), fixture.Cluster.Logs);
        Assert.True(ScaleClient.Status(ended) == "FINISHED", ended.ToString());

        // Each point was a job of its own, run once; the sweep's worker ran some, the others took the rest.
        using var summary = JsonDocument.Parse(await api1.ArtifactAsync(sweep, "sweep.json"));
        var rows = summary.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(8, rows.Count);
        var workers = new List<string>();
        foreach (var row in rows)
        {
            Assert.True(row.GetProperty("result").ValueKind == JsonValueKind.Number, row.ToString());
            var point = await api2.JobAsync(row.GetProperty("runId").GetString()!);
            Assert.Equal("FINISHED", ScaleClient.Status(point));
            workers.Add(ScaleClient.WorkerId(point)!);
        }

        output.WriteLine($"points per worker: {string.Join(", ", workers.GroupBy(w => w).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}; the sweep ran on {ScaleClient.WorkerId(ended)}");
        Assert.All(workers, w => Assert.Contains(w, fixture.Workers.Select(p => p.Name)));
        Assert.True(workers.Distinct().Count() >= 2, $"every point ran on {workers[0]}");
    }

    [GeneratedRegex("started on worker")]
    private static partial Regex StartedOnWorker();

    private static string DataDir(ApiProcess api) => Path.Combine(Path.GetDirectoryName(api.Process.LogFile)!, api.Process.Name);

    private static async Task WaitForMetricsAsync(ScaleClient client, string runId) =>
        await WaitUntilAsync(
            async () => (await client.MetricHistoryAsync(runId, "test/acc")).GetProperty("totalPoints").GetInt32() > 0,
            TimeSpan.FromSeconds(60),
            $"{runId} to log test/acc");

    private static async Task<int> CountEndedAsync(ScaleClient client, IEnumerable<string> jobs)
    {
        int ended = 0;
        foreach (string id in jobs)
        {
            ended += ScaleClient.Ended(await client.JobAsync(id)) ? 1 : 0;
        }

        return ended;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"waited {timeout.TotalSeconds:0} s for {what}");
            await Task.Delay(250);
        }
    }

    private static async Task<int> AcceptedBeforeRefusalAsync(HttpClient client, string path)
    {
        for (int accepted = 0; accepted < 50; accepted++)
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null, "a 429 says when to retry");
                return accepted;
            }

            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Fail($"50 heavy requests to {path} and no 429");
        return 0;
    }

    /// <summary>
    /// The sign-in form as a browser posts it: GET /signin on <paramref name="formFrom"/> (hidden fields and the
    /// antiforgery cookie), POST it with the key to <paramref name="postTo"/>; the sign-in cookie that answer sets.
    /// </summary>
    private static async Task<string> SignInAsync(ApiProcess formFrom, ApiProcess postTo)
    {
        using var get = formFrom.Client(withKey: false);
        using var page = await get.GetAsync("/signin");
        string html = await page.Content.ReadAsStringAsync();
        Assert.True(page.IsSuccessStatusCode, html);
        string antiforgeryCookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var fields = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value), StringComparer.Ordinal);
        Assert.Contains("__RequestVerificationToken", fields.Keys);
        fields["Key"] = ScaleCluster.ApiKey;

        using var post = postTo.Client(withKey: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", antiforgeryCookie);
        using var answer = await post.SendAsync(request);
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        string? cookie = answer.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("DigitForge.Key=", StringComparison.Ordinal));
        Assert.NotNull(cookie);
        return cookie;
    }

    [GeneratedRegex(@"<input[^>]*type=""hidden""[^>]*name=""(?<name>[^""]+)""[^>]*value=""(?<value>[^""]*)""")]
    private static partial Regex HiddenInput();
}
