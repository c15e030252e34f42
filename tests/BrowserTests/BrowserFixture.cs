using DigitForge.Infrastructure.Data;
using DigitForge.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

/// <summary>
/// The real app on a free loopback port (Kestrel, not the in-memory test server) plus one headless Debian Chromium.
/// Without Chromium the tests fail with how to install it, unless DIGITFORGE_SKIP_BROWSER=1 (then they say so and return).
/// </summary>
#pragma warning disable CA1001 // xunit disposes fixtures through IAsyncLifetime.DisposeAsync.
public sealed class BrowserFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string SkipVariable = "DIGITFORGE_SKIP_BROWSER";

    private readonly TempDirectory _dataDir = new();
    private AppFactory? _app;
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public Uri BaseAddress { get; private set; } = null!;

    public string? SkipReason { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable(SkipVariable) == "1")
            {
                SkipReason = $"SKIPPED browser test: {ChromiumPath} is missing and {SkipVariable}=1.";
                return;
            }

            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./scripts/test.sh (installs it) or apt-get install chromium.");
        }

        await SampleDigits.WriteAsync(Path.Combine(_dataDir.Path, KnownSources.Mnist));
        // The same rings as Fashion-MNIST, for the gallery's class names (label 9 is "Ankle boot").
        await SampleDigits.WriteAsync(Path.Combine(_dataDir.Path, KnownSources.FashionMnist));
        _app = new AppFactory(_dataDir.Path);
        _app.UseKestrel(0);
        _app.StartServer();
        BaseAddress = _app.ClientOptions.BaseAddress;

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _dataDir.Dispose();
    }

    /// <summary>Saves a screenshot when DIGITFORGE_SCREENSHOT_DIR is set (used to refresh docs/screenshots).</summary>
    public static async Task SaveScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        string? dir = Environment.GetEnvironmentVariable("DIGITFORGE_SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name), FullPage = true });
        }
    }

    /// <summary>Waits until an interactive page's circuit has rendered it (the layout marks main with data-interactive).</summary>
    // 60 s: in CI the other test assemblies share the cores, and a circuit can take long to connect.
    public static Task WaitForInteractiveAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.WaitForSelectorAsync("main[data-interactive=true]", new PageWaitForSelectorOptions { Timeout = 60_000 });
    }

    private sealed class AppFactory(string dataDir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("DigitForge:DataDir", dataDir);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
