using System.Net;
using System.Net.Http.Json;
using DigitForge.TestSupport;
using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

/// <summary>
/// Private reads (PublicReads=false) in a real browser: a live circuit that has no sign-in cookie must not render a
/// protected page when the person navigates to it inside the app (the router checks the page's [Authorize] policy
/// against the circuit's user), nor on a direct load; after signing in the same page shows.
/// </summary>
[Collection(BrowserTestGroup.Name)]
#pragma warning disable CA1001 // xunit disposes through IAsyncLifetime.DisposeAsync.
public sealed class PrivateReadsPageTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string Key = "browser-private-key-0123456789";

    private readonly TempDirectory _data = new();
    private PrivateApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _skipReason;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable(BrowserFixture.SkipVariable) == "1")
            {
                _skipReason = $"SKIPPED browser test: {BrowserFixture.ChromiumPath} is missing and {BrowserFixture.SkipVariable}=1.";
                return;
            }

            throw new InvalidOperationException($"{BrowserFixture.ChromiumPath} is missing: run ./scripts/test.sh (installs it) or apt-get install chromium.");
        }

        _app = new PrivateApp(_data.Path);
        _app.UseKestrel(0);
        _app.StartServer();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }

    [SkippableFact]
    public async Task A_circuit_without_the_sign_in_cookie_cannot_render_a_protected_page()
    {
        Skip.If(_skipReason is not null, _skipReason);
        Uri baseAddress = _app!.ClientOptions.BaseAddress;
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/experiments") { Content = JsonContent.Create(new { name = "secret-experiment" }) };
        create.Headers.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(create)).StatusCode);

        await using var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();

        // A public page, live over a circuit opened without any cookie; then the app's own client-side navigation to a
        // protected page (what the menu's link does), which the circuit's router handles without asking the server.
        await page.GotoAsync("/");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.EvaluateAsync("() => Blazor.navigateTo('/experiments')");
        await page.WaitForURLAsync("**/signin?returnUrl=%2Fexperiments");
        Assert.DoesNotContain("secret-experiment", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#signin-form").CountAsync());

        // A direct load is refused by the server before any rendering.
        var direct = await page.GotoAsync("/experiments");
        Assert.EndsWith("/signin?returnUrl=%2Fexperiments", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-experiment", await direct!.TextAsync(), StringComparison.Ordinal);

        // The app bar offers sign-in while keys exist and nobody is signed in.
        Assert.Equal(1, await page.Locator("#signin-link").CountAsync());

        // Signed in, the same page renders, and the app's navigation to it works inside the new circuit.
        await page.FillAsync("#signin-form input[name=Key]", Key);
        await page.ClickAsync("#signin-form button[type=submit]");
        await page.WaitForURLAsync("**/experiments");
        await page.WaitForSelectorAsync("text=secret-experiment");
        await page.GotoAsync("/");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.EvaluateAsync("() => Blazor.navigateTo('/experiments')");
        await page.WaitForSelectorAsync("text=secret-experiment");

        // The app bar names the key; signing out ends the sign-in, so the page asks for a key again.
        await page.WaitForSelectorAsync("#signed-in-as");
        await page.GotoAsync("/signout");
        await page.ClickAsync("#signout-form button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await page.GotoAsync("/experiments");
        Assert.EndsWith("/signin?returnUrl=%2Fexperiments", page.Url, StringComparison.Ordinal);
    }

    private sealed class PrivateApp(string dataDir) : DigitForgeHostFactory(dataDir)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            new("DIGITFORGE_API_KEYS", Key),
            new("DigitForge:Tracking:PublicReads", "false"),
        ];
    }
}
