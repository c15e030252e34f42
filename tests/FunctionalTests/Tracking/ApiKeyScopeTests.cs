using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Tracking.ApiKeys.CreateApiKey;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Tracking;

/// <summary>
/// Scopes against the API's three kinds of endpoint, with private reads so that reads need a key too: a read key
/// reads, a write key also writes, an admin key also manages keys; no key or a wrong or revoked one is 401, a valid key
/// without the scope 403, both as problem details; the key works as a bearer token and in X-Api-Key alike.
/// </summary>
public sealed class ApiKeyScopeTests(PrivateTrackingFactory factory) : IClassFixture<PrivateTrackingFactory>
{
    private static readonly string[] ReadOnly = ["read"];
    private static readonly string[] UnknownScope = ["root"];

    private readonly HttpClient _client = factory.CreateClient();

    public enum Via
    {
        Bearer,
        Header,
    }

    [Theory]
    [InlineData("read", Via.Bearer, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("read", Via.Header, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("write", Via.Bearer, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Forbidden)]
    [InlineData("write", Via.Header, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Forbidden)]
    [InlineData("admin", Via.Bearer, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK)]
    [InlineData("admin", Via.Header, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK)]
    public async Task Each_scope_reaches_what_it_allows_and_gets_403_beyond(string scope, Via via, HttpStatusCode read, HttpStatusCode write, HttpStatusCode admin)
    {
        string key = (await CreateKeyAsync($"{scope}-{via}", scope)).Key;

        var readResponse = await SendAsync(HttpMethod.Get, "/api/runs", key, via);
        var writeResponse = await SendAsync(HttpMethod.Post, "/api/experiments", key, via, new { name = $"scoped-{scope}-{via}" });
        var adminResponse = await SendAsync(HttpMethod.Get, "/api/keys", key, via);

        Assert.Equal(read, readResponse.StatusCode);
        Assert.Equal(write, writeResponse.StatusCode);
        Assert.Equal(admin, adminResponse.StatusCode);
        foreach (var refused in new[] { writeResponse, adminResponse }.Where(r => r.StatusCode == HttpStatusCode.Forbidden))
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("lacks the scope", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_key_and_a_wrong_key_are_401_problems_on_every_kind_of_endpoint()
    {
        foreach (string? key in new[] { null, "dfk_not-a-key-at-all" })
        {
            foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/runs"), (HttpMethod.Post, "/api/experiments"), (HttpMethod.Get, "/api/keys") })
            {
                var response = await SendAsync(method, path, key, Via.Bearer, method == HttpMethod.Post ? new { name = "anonymous" } : null);

                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with {key ?? "no key"}: {response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            }
        }
    }

    [Fact]
    public async Task A_revoked_key_is_refused_from_the_next_request_on()
    {
        var created = await CreateKeyAsync("to-revoke", "write");
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(HttpMethod.Post, "/api/experiments", created.Key, Via.Header, new { name = "before-revoke" })).StatusCode);

        var revoke = await SendAsync(HttpMethod.Delete, $"/api/keys/{created.Id}", PrivateTrackingFactory.Key, Via.Bearer);
        var after = await SendAsync(HttpMethod.Post, "/api/experiments", created.Key, Via.Header, new { name = "after-revoke" });
        var read = await SendAsync(HttpMethod.Get, "/api/runs", created.Key, Via.Bearer);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.True((await revoke.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revokedAt").ValueKind == JsonValueKind.String);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
    }

    [Fact]
    public async Task Admins_create_list_and_revoke_keys_over_the_api()
    {
        var create = await SendAsync(HttpMethod.Post, "/api/keys", PrivateTrackingFactory.Key, Via.Bearer, new { name = "from-api", scopes = ReadOnly });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var created = await create.Content.ReadFromJsonAsync<JsonElement>();
        string key = created.GetProperty("key").GetString()!;
        Assert.Equal(["read"], created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        var listed = await (await SendAsync(HttpMethod.Get, "/api/keys", PrivateTrackingFactory.Key, Via.Header)).Content.ReadAsStringAsync();
        Assert.Contains("from-api", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/runs", key, Via.Bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "/api/experiments", key, Via.Bearer, new { name = "read-key-write" })).StatusCode);

        var badScope = await SendAsync(HttpMethod.Post, "/api/keys", PrivateTrackingFactory.Key, Via.Bearer, new { name = "bad", scopes = UnknownScope });
        await AssertValidationProblemAsync(badScope, "scopes");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, "/api/keys/no-such-key", PrivateTrackingFactory.Key, Via.Bearer)).StatusCode);
    }

    private async Task<CreatedApiKey> CreateKeyAsync(string name, string scope)
    {
        await using var scopeServices = factory.Services.CreateAsyncScope();
        return await scopeServices.ServiceProvider.GetRequiredService<ISender>().Send(new CreateApiKeyRequest(name, [scope]));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, Via via, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (key is not null && via == Via.Bearer)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        else if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await _client.SendAsync(request);
    }
}
