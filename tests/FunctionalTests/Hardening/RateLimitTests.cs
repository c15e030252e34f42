using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace DigitForge.FunctionalTests.Hardening;

/// <summary>Issue 21, findings 2 and 3: generating endpoints are limited per client and in all; /health is not.</summary>
public sealed class RateLimitTests(RateLimitApiFactory factory, ITestOutputHelper output) : IClassFixture<RateLimitApiFactory>
{
    // Keyed MNIST-1D of a million samples streams for seconds while its body is not read.
    private const string LongDownload = "/api/mnist1d?mode=keyed&num_samples=1000000&format=json";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_third_heavy_request_of_one_client_is_429_with_retry_after_while_another_client_and_health_pass()
    {
        using var held = await SendAsync(LongDownload, client: 1);
        using var alsoHeld = await SendAsync(LongDownload, client: 1);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alsoHeld.StatusCode);

        using var third = await SendAsync(LongDownload, client: 1);
        using var other = await SendAsync(LongDownload, client: 2);
        using var health = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.True(third.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_burst_beyond_the_token_bucket_is_429_until_it_refills()
    {
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 7; i++)
        {
            using var response = await SendAsync("/api/mnist1d/plot?num_samples=100&count=1", client: 3);
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            }
        }

        Assert.Equal(HttpStatusCode.OK, codes[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        using var refilled = await SendAsync("/api/mnist1d/plot?num_samples=100&count=1", client: 3);
        Assert.Equal(HttpStatusCode.OK, refilled.StatusCode);
    }

    [Fact]
    public async Task One_client_gets_only_its_share_of_the_bundle_stream_slots()
    {
        var created = await _client.PostAsJsonAsync("/api/datasets", new { generator = "mnist1d", parameters = new { mode = "keyed" }, seed = 3, splits = new { train = 300000 } });
        created.EnsureSuccessStatusCode();
        string id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        string url = $"/api/datasets/{id}/download?format=npz";

        using var first = await SendAsync(url, client: 4);
        using var otherClient = await SendAsync(url, client: 5);
        using var second = await SendAsync(url, client: 4);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Contains("share", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_within_a_second_under_eight_concurrent_maximum_requests()
    {
        // A running server has answered /health before: the first call's start-up cost is not what is measured.
        (await _client.GetAsync("/health")).Dispose();
        using var cancel = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            // Each client keeps asking for the largest reference-mode dataset the budget admits at 40 points.
            while (!cancel.IsCancellationRequested)
            {
                try
                {
                    using var response = await SendAsync("/api/mnist1d?num_samples=200000", client: 20 + i, cancel.Token);
                    await response.Content.CopyToAsync(Stream.Null, cancel.Token);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests)
                    {
                        // As a client that honours Retry-After would, only sooner.
                        await Task.Delay(100, cancel.Token);
                    }
                }
                catch (Exception ex) when (cancel.IsCancellationRequested && ex is OperationCanceledException or HttpRequestException or IOException)
                {
                    return;
                }
            }
        })).ToList();

        await Task.Delay(1000);
        var latencies = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            var clock = Stopwatch.StartNew();
            using var health = await _client.GetAsync("/health");
            latencies.Add(clock.Elapsed.TotalSeconds);
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            await Task.Delay(200);
        }

        await cancel.CancelAsync();
        await Task.WhenAll(load);
        output.WriteLine($"/health latencies under load (s): {string.Join(", ", latencies.Select(l => l.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.True(latencies.Max() < 1.0, $"slowest /health took {latencies.Max():F3} s");
    }

    private Task<HttpResponseMessage> SendAsync(string url, int client, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(RateLimitApiFactory.ClientHeader, client.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
