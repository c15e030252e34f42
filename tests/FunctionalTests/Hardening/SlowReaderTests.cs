using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace DigitForge.FunctionalTests.Hardening;

/// <summary>
/// Issue 21, finding 3, over a real Kestrel socket: a client that reads a download at 1 kB/s (above Kestrel's default
/// minimum of 240 B/s, so it used to hold its slot indefinitely) is disconnected by the configured minimum response
/// rate, and the slot comes back.
/// </summary>
public sealed class SlowReaderTests(SlowReaderTests.KestrelFactory factory) : IClassFixture<SlowReaderTests.KestrelFactory>
{
    [Fact]
    public async Task A_slow_reader_loses_its_download_slot_to_the_minimum_response_rate()
    {
        factory.StartServer();
        using var client = factory.CreateClient();
        var created = await client.PostAsJsonAsync("/api/datasets", new { generator = "mnist1d", parameters = new { mode = "keyed" }, seed = 5, splits = new { train = 300000 } });
        created.EnsureSuccessStatusCode();
        string id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        string path = $"/api/datasets/{id}/download?format=npz";

        using var slow = new TcpClient();
        await slow.ConnectAsync(client.BaseAddress!.Host, client.BaseAddress.Port);
        var stream = slow.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        using var reading = new CancellationTokenSource();
        var trickle = Task.Run(async () =>
        {
            var buffer = new byte[1024];
            try
            {
                while (!reading.IsCancellationRequested && await stream.ReadAsync(buffer, reading.Token) > 0)
                {
                    await Task.Delay(1000, reading.Token);
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        });

        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        HttpStatusCode status = HttpStatusCode.TooManyRequests;
        while (status == HttpStatusCode.TooManyRequests && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 99);
            using var response = await client.SendAsync(request);
            status = response.StatusCode;
            if (status == HttpStatusCode.TooManyRequests)
            {
                await Task.Delay(250);
            }
        }

        await reading.CancelAsync();
        await trickle;
        Assert.Equal(HttpStatusCode.PartialContent, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
    }

    /// <summary>The API on Kestrel with one stream slot and a minimum response rate of 64 kB/s after two seconds.</summary>
    public sealed class KestrelFactory : DigitForgeApiFactory
    {
        public KestrelFactory()
        {
            UseKestrel(0);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DIGITFORGE_API_KEYS", string.Empty);
            builder.UseSetting("DigitForge:Datasets:MaxConcurrentStreams", "1");
            builder.UseSetting("DigitForge:Http:MinResponseBytesPerSecond", "65536");
            builder.UseSetting("DigitForge:Http:MinResponseGraceSeconds", "2");
        }
    }
}
