using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DigitForge.Application.Tracking.ApiKeys;
using DigitForge.Application.Tracking.ApiKeys.CreateApiKey;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.FunctionalTests.Tracking;

public sealed class ApiKeyTests(KeyedTrackingFactory factory) : IClassFixture<KeyedTrackingFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Writes_without_a_key_or_with_a_wrong_key_are_401()
    {
        var missing = await _client.PostAsJsonAsync("/api/experiments", new { name = "no-key" });
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/experiments") { Content = JsonContent.Create(new { name = "wrong-key" }) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key");
        var wrongResponse = await _client.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        // A wrong key is no identity at all: 401 (403 is for a valid key without the scope, see ApiKeyScopeTests).
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Contains("The API key is not valid.", await wrongResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("no-key", await _client.GetStringAsync("/api/experiments"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_keys_work_as_bearer_or_x_api_key_and_reads_stay_public()
    {
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "/api/experiments") { Content = JsonContent.Create(new { name = "with-bearer" }) };
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KeyedTrackingFactory.Key);
        using var header = new HttpRequestMessage(HttpMethod.Post, "/api/experiments") { Content = JsonContent.Create(new { name = "with-header" }) };
        header.Headers.Add("X-Api-Key", "second-key");

        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(header)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/experiments")).StatusCode);
    }

    [Fact]
    public async Task Stored_keys_are_accepted_and_kept_only_as_hashes()
    {
        CreatedApiKey created;
        using (var scope = factory.Services.CreateScope())
        {
            created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateApiKeyRequest("ci"));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/experiments") { Content = JsonContent.Create(new { name = "with-stored-key" }) };
        request.Headers.Add("X-Api-Key", created.Key);
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.StartsWith(ApiKeyHasher.KeyPrefix, created.Key, StringComparison.Ordinal);
        byte[] key = System.Text.Encoding.UTF8.GetBytes(created.Key);
        byte[] hash = System.Text.Encoding.UTF8.GetBytes(ApiKeyHasher.Hash(created.Key));
        var files = Directory.GetFiles(factory.DataDir, "digitforge.db*").Select(f => File.ReadAllBytes(f)).ToArray();
        Assert.All(files, bytes => Assert.Equal(-1, bytes.AsSpan().IndexOf(key)));
        Assert.Contains(files, bytes => bytes.AsSpan().IndexOf(hash) >= 0);
    }
}
