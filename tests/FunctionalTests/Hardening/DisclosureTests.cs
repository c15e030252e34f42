using System.Net;

namespace DigitForge.FunctionalTests.Hardening;

/// <summary>Issue 21, finding 9: security headers, and 503s that do not name the server's data directory.</summary>
public sealed class DisclosureTests(NoDataApiFactory factory) : IClassFixture<NoDataApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Ui_pages_carry_security_headers_compatible_with_blazor()
    {
        var page = await _client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        string policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.True(page.Headers.Contains("Referrer-Policy"));
        Assert.False(page.Headers.Contains("Server"));
    }

    [Fact]
    public async Task A_503_for_missing_data_does_not_reveal_the_data_directory()
    {
        var response = await _client.GetAsync("/sequence?digits=12&seed=1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(factory.DataDir, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The MNIST files are missing from /srv/digitforge/mnist.", "The MNIST files are missing from <data dir>/.../digitforge/mnist.")]
    [InlineData("Get them from https://example.org/mnist/train.gz first.", "Get them from https://example.org/mnist/train.gz first.")]
    [InlineData("No file at '/tmp/x/y/z.idx'.", "No file at '<data dir>/.../y/z.idx'.")]
    public void Server_paths_are_redacted_and_urls_kept(string message, string expected) =>
        Assert.Equal(expected, DigitForge.Api.Http.ServerPaths.Redact(message));
}
