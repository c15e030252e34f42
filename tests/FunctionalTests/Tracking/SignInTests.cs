using System.Net;
using System.Text.RegularExpressions;
using DigitForge.Application.Tracking.ApiKeys.CreateApiKey;
using DigitForge.Application.Tracking.ApiKeys.RevokeApiKey;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.FunctionalTests.Tracking;

/// <summary>Private reads: the API wants a key, the pages send people to /signin, and the sign-in cookie opens both.</summary>
public sealed partial class SignInTests(PrivateTrackingFactory factory) : IClassFixture<PrivateTrackingFactory>
{
    [Fact]
    public async Task Without_a_key_reads_are_401_and_pages_redirect_to_sign_in()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var api = await client.GetAsync("/api/runs");
        var page = await client.GetAsync("/runs?experiment=1");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fruns%3Fexperiment%3D1", page.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_a_right_key_opens_pages_and_the_api()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var wrong = await SignInAsync(client, "not-the-key", "/experiments");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("id=\"signin-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await SignInAsync(client, PrivateTrackingFactory.Key, "/experiments");
        Assert.True(right.StatusCode == HttpStatusCode.Redirect, await right.Content.ReadAsStringAsync());
        Assert.Equal("/experiments", right.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/experiments")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/runs")).StatusCode);
        // The cookie is for reading: writes still need the key in a header.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/experiments", JsonContent("""{"name":"cookie-write"}"""))).StatusCode);
    }

    [Fact]
    public async Task Revoking_the_key_ends_its_sign_in()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        CreatedApiKey created;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CreateApiKeyRequest("ui-session", ["read"]));
        }

        var signedIn = await SignInAsync(client, created.Key, "/experiments");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // The cookie holds a ticket, not the key.
        Assert.DoesNotContain(created.Key, string.Join(";", signedIn.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/experiments")).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RevokeApiKeyRequest(created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var page = await client.GetAsync("/experiments");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin?returnUrl=", page.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/runs")).StatusCode);
    }

    [Fact]
    public async Task Return_urls_stay_on_this_site()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await SignInAsync(client, PrivateTrackingFactory.Key, "https://evil.example/");

        Assert.Equal("/experiments", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/\t/evil.example/")]
    [InlineData("/\n/evil.example/")]
    [InlineData("/runs\r\nSet-Cookie: x=1")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task Return_urls_with_control_characters_or_another_host_go_to_the_default(string returnUrl)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await SignInAsync(client, PrivateTrackingFactory.Key, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/experiments", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_app_bar_shows_the_sign_in_and_signing_out_ends_it()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Contains("id=\"signin-link\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, PrivateTrackingFactory.Key, "/experiments")).StatusCode);

        Assert.Contains("id=\"signed-in-as\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
        string form = await client.GetStringAsync("/signout");
        var signedOut = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
            ["_handler"] = HandlerField().Match(form).Groups[1].Value,
            ["Confirm"] = "yes",
        }));

        Assert.True(signedOut.StatusCode == HttpStatusCode.Redirect, await signedOut.Content.ReadAsStringAsync());
        Assert.Equal("/", signedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/experiments")).StatusCode);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string key, string returnUrl)
    {
        string form = await client.GetStringAsync("/signin");
        string token = AntiforgeryField().Match(form).Groups[1].Value;
        string handler = HandlerField().Match(form).Groups[1].Value;
        return await client.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = handler,
            ["Key"] = key,
            ["ReturnUrl"] = returnUrl,
        }));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"_handler\" value=\"([^\"]+)\"")]
    private static partial Regex HandlerField();
}
